namespace CxMetrics.Reviews;

/// <summary>The score a <see cref="ReviewRanking"/> orders items by (both are always reported).</summary>
public enum ReviewRankScore
{
    /// <summary>The Bayesian average <c>(C·m + Σr)/(C + n)</c> on the five-star scale.</summary>
    BayesianAverage,

    /// <summary>The lower bound of the Wilson interval of the positive share (Miller 2009, "How Not To Sort By Average Rating").</summary>
    PositiveLowerBound,
}

namespace CxMetrics.Orleans;

/// <summary>Which core tally a <see cref="TallyCounts"/> carries.</summary>
[GenerateSerializer]
public enum TallyKind
{
    /// <summary>Nothing counted yet: the identity of <see cref="TallyCounts.Merge"/>, which takes the kind of what is merged into it.</summary>
    Empty = 0,

    /// <summary>An <see cref="CxMetrics.Surveys.NpsTally"/>: promoters, passives, detractors, unanswered and weight sums.</summary>
    Nps = 1,

    /// <summary>A <see cref="CxMetrics.Surveys.RatingTally"/> (CSAT, CES): a histogram on a rating scale, with its weight sums.</summary>
    Rating = 2,

    /// <summary>A <see cref="CxMetrics.Statistics.BinomialTally"/>: successes out of trials (conversion, churn, abandonment).</summary>
    Binomial = 3,
}

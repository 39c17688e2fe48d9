using CxMetrics.Statistics;

namespace CxMetrics.Reviews;

/// <summary>Choices for review metrics, each with a documented default (shared ones in <see cref="EstimateOptions"/>).</summary>
public sealed record ReviewOptions : EstimateOptions
{
    private readonly double priorWeight = 10;

    /// <summary>The defaults: 95% intervals, Wilson shares, small cells below 30, prior weight 10, ranked by the Bayesian average.</summary>
    public static ReviewOptions Default { get; } = new();

    /// <summary>
    /// C, the weight of the prior in the Bayesian average <c>(C·m + Σr)/(C + n)</c>: the number of reviews at the shop's mean
    /// m that every item is given before its own. Default 10 — an item's own mean counts as much as the shop's once it has
    /// 10 reviews. Finite and ≥ 0 (0 ranks by the plain mean).
    /// </summary>
    public double PriorWeight
    {
        get => priorWeight;
        init
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(PriorWeight), value, $"the prior weight {value} must be finite and ≥ 0.");
            }

            priorWeight = value;
        }
    }

    /// <summary>Which score orders a <see cref="ReviewRanking"/>. Default <see cref="ReviewRankScore.BayesianAverage"/>.</summary>
    public ReviewRankScore RankBy { get; init; } = ReviewRankScore.BayesianAverage;
}

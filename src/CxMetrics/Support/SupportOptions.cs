using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>Choices for support metrics, each with a documented default (shared ones in <see cref="EstimateOptions"/>).</summary>
public sealed record SupportOptions : EstimateOptions
{
    private readonly IReadOnlyList<double> percentiles = [0.9];

    /// <summary>The defaults: business time, 90th percentile, type-7 quantiles, 95% Wilson intervals, small cells below 30.</summary>
    public static SupportOptions Default { get; } = new();

    /// <summary>The clock summaries are reported on. Default <see cref="TimeBasis.Business"/> (Zendesk's and Freshdesk's default for SLAs on business-hours schedules).</summary>
    public TimeBasis Basis { get; init; } = TimeBasis.Business;

    /// <summary>Percentiles reported besides the median, as probabilities in [0, 1]. Default 0.9 (the 90th percentile).</summary>
    public IReadOnlyList<double> Percentiles
    {
        get => percentiles;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Percentiles));
            foreach (double p in value)
            {
                Guard.Probability(p);
            }

            percentiles = [.. value];
        }
    }

    /// <summary>The quantile estimation method. Default <see cref="QuantileMethod.Linear"/> (R type 7, NumPy's default).</summary>
    public QuantileMethod QuantileMethod { get; init; } = QuantileMethod.Linear;
}

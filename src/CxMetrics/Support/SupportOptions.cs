using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>Choices for support metrics, each with a documented default (shared ones in <see cref="EstimateOptions"/>).</summary>
public sealed record SupportOptions : EstimateOptions
{
    private readonly IReadOnlyList<double> percentiles = [0.9];
    private readonly IReadOnlyList<NodaTime.Duration> backlogAgeEdges = [NodaTime.Duration.FromDays(1), NodaTime.Duration.FromDays(3), NodaTime.Duration.FromDays(7), NodaTime.Duration.FromDays(14), NodaTime.Duration.FromDays(30)];

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

    /// <summary>
    /// Upper edges of the backlog's age bands (<see cref="Backlog"/>), increasing and longer than zero; the last band is
    /// open-ended. Default 1, 3, 7, 14 and 30 days.
    /// </summary>
    public IReadOnlyList<NodaTime.Duration> BacklogAgeEdges
    {
        get => backlogAgeEdges;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(BacklogAgeEdges));
            for (int i = 0; i < value.Count; i++)
            {
                if (value[i] <= NodaTime.Duration.Zero || (i > 0 && value[i] <= value[i - 1]))
                {
                    throw new ArgumentOutOfRangeException(nameof(BacklogAgeEdges), value[i], $"age edge {i} ({value[i]}) must be longer than zero and than the edge before it.");
                }
            }

            backlogAgeEdges = [.. value];
        }
    }

    /// <summary>The quantile estimation method. Default <see cref="QuantileMethod.Linear"/> (R type 7, NumPy's default).</summary>
    public QuantileMethod QuantileMethod { get; init; } = QuantileMethod.Linear;
}

using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// The choices every metric family shares: the confidence level of intervals, the interval method for shares, and the
/// size below which a breakdown cell is flagged as small. Each family's options record derives from this one.
/// </summary>
public abstract record EstimateOptions
{
    /// <summary>The default of <see cref="MaxPeriods"/>, also the bound on the explicit period ranges of the churn series.</summary>
    internal const int DefaultMaxPeriods = 10_000;

    private readonly double confidenceLevel = 0.95;
    private readonly int minimumCellSize = 30;
    private readonly int maxPeriods = DefaultMaxPeriods;

    /// <summary>Confidence level of every interval, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value, nameof(ConfidenceLevel));
            confidenceLevel = value;
        }
    }

    /// <summary>Interval method for shares and rates. Default <see cref="ProportionIntervalMethod.Wilson"/>.</summary>
    public ProportionIntervalMethod ProportionInterval { get; init; } = ProportionIntervalMethod.Wilson;

    /// <summary>
    /// Breakdown cells with fewer observations than this are flagged <c>IsSmallCell</c> (still reported, never dropped).
    /// Default 30, a common rule of thumb for reporting; set it to what your team reports on.
    /// </summary>
    public int MinimumCellSize
    {
        get => minimumCellSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MinimumCellSize));
            minimumCellSize = value;
        }
    }

    /// <summary>
    /// The most calendar periods a breakdown by period (<c>ByPeriod</c>, <c>ByKeyAndPeriod</c>) lists, counted from the first
    /// to the last period with data, empty periods between them included. Default 10,000 (27 years of days, 190 years of
    /// weeks). A wider span — typically one outlying date, such as a year 1000 typed for 2024 — throws an
    /// <see cref="ArgumentOutOfRangeException"/> that names the first and last period and how to narrow the span, before
    /// anything is allocated per period: memory and time stay bounded by this number, not by the span of the dates.
    /// Must be at least 1.
    /// </summary>
    public int MaxPeriods
    {
        get => maxPeriods;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxPeriods));
            maxPeriods = value;
        }
    }
}

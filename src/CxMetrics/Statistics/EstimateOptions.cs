using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// The choices every metric family shares: the confidence level of intervals, the interval method for shares, and the
/// size below which a breakdown cell is flagged as small. Each family's options record derives from this one.
/// </summary>
public abstract record EstimateOptions
{
    private readonly double confidenceLevel = 0.95;
    private readonly int minimumCellSize = 30;

    /// <summary>Confidence level of every interval, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value);
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
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            minimumCellSize = value;
        }
    }
}

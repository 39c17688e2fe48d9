using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Conversion;

/// <summary>Choices for conversion rates, with documented defaults.</summary>
public sealed record ConversionOptions
{
    private readonly double confidenceLevel = 0.95;
    private readonly int minimumCellSize = 30;

    /// <summary>The defaults: 95% Wilson intervals, small cells below 30 units.</summary>
    public static ConversionOptions Default { get; } = new();

    /// <summary>Confidence level, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value);
            confidenceLevel = value;
        }
    }

    /// <summary>Interval method. Default Wilson.</summary>
    public ProportionIntervalMethod Interval { get; init; } = ProportionIntervalMethod.Wilson;

    /// <summary>Cells with fewer units are flagged <c>IsSmallCell</c> (reported, never dropped). Default 30.</summary>
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

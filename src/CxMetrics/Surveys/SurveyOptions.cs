using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Surveys;

/// <summary>Choices for survey metrics, each with a documented default.</summary>
public sealed record SurveyOptions
{
    private readonly double confidenceLevel = 0.95;
    private readonly int minimumCellSize = 30;

    /// <summary>The defaults: 95% intervals, adjusted-Wald NPS intervals, Wilson share intervals, small cells below 30.</summary>
    public static SurveyOptions Default { get; } = new();

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

    /// <summary>NPS interval method. Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</summary>
    public NpsIntervalMethod NpsInterval { get; init; } = NpsIntervalMethod.AdjustedWald;

    /// <summary>Interval method for CSAT / CES shares. Default <see cref="ProportionIntervalMethod.Wilson"/>.</summary>
    public ProportionIntervalMethod ProportionInterval { get; init; } = ProportionIntervalMethod.Wilson;

    /// <summary>
    /// Breakdown cells with fewer answered responses than this are flagged <c>IsSmallCell</c> (still reported, never dropped).
    /// Default 30, a common rule of thumb for survey reporting; set it to what your team reports on.
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

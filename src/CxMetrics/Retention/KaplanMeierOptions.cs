using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>Choices for a Kaplan–Meier fit, each with a documented default (R <c>survfit</c>'s defaults).</summary>
public sealed record KaplanMeierOptions
{
    private readonly double confidenceLevel = 0.95;

    /// <summary>The defaults: 95% intervals of type <see cref="KaplanMeierIntervalType.Log"/>, as R's <c>survfit</c>.</summary>
    public static KaplanMeierOptions Default { get; } = new();

    /// <summary>Confidence level of the pointwise and median intervals, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value);
            confidenceLevel = value;
        }
    }

    /// <summary>Interval transform. Default <see cref="KaplanMeierIntervalType.Log"/> (R's default).</summary>
    public KaplanMeierIntervalType IntervalType { get; init; } = KaplanMeierIntervalType.Log;
}

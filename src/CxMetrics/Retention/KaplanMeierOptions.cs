using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>Choices for a Kaplan–Meier fit, each with a documented default (R <c>survfit</c>'s defaults).</summary>
public sealed record KaplanMeierOptions : EstimateOptions
{
    /// <summary>The defaults: 95% intervals of type <see cref="KaplanMeierIntervalType.Log"/>, as R's <c>survfit</c>.</summary>
    public static KaplanMeierOptions Default { get; } = new();

    /// <summary>Interval transform. Default <see cref="KaplanMeierIntervalType.Log"/> (R's default).</summary>
    public KaplanMeierIntervalType IntervalType { get; init; } = KaplanMeierIntervalType.Log;
}

using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The choices behind trial-to-paid conversion: only those of <see cref="EstimateOptions"/> (the confidence level and
/// interval method of the conversion rate — Wilson by default —, the small-cell minimum on the trials judged).
/// </summary>
public sealed record TrialConversionOptions : EstimateOptions
{
    /// <summary>The defaults of <see cref="EstimateOptions"/>.</summary>
    public static TrialConversionOptions Default { get; } = new();
}

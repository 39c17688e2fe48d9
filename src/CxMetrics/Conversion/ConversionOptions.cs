using CxMetrics.Statistics;

namespace CxMetrics.Conversion;

/// <summary>Choices for conversion rates: the shared ones of <see cref="EstimateOptions"/> with their defaults.</summary>
public sealed record ConversionOptions : EstimateOptions
{
    /// <summary>The defaults: 95% Wilson intervals, small cells below 30 units.</summary>
    public static ConversionOptions Default { get; } = new();
}

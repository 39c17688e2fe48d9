namespace CxMetrics.Support;

/// <summary>One requested percentile of a sample.</summary>
/// <param name="Probability">The probability p in [0, 1] (0.9 = 90th percentile).</param>
/// <param name="Value">The estimated quantile, or <see langword="null"/> without data.</param>
public readonly record struct PercentileValue(double Probability, double? Value);

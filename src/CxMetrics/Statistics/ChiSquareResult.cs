namespace CxMetrics.Statistics;

/// <summary>A chi-square statistic with its degrees of freedom and upper-tail p-value.</summary>
/// <param name="Statistic">χ².</param>
/// <param name="DegreesOfFreedom">Degrees of freedom.</param>
/// <param name="PValue">P(χ²_df ≥ statistic).</param>
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue);

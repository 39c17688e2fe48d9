namespace CxMetrics.Experiments;

/// <summary>
/// The counts of one segment × arm of an <see cref="ExperimentTally"/>: customers pending, customers observed and how many
/// of them converted, and the moments of their revenue (mean and Σ(x − mean)², observed customers only, 0 for those who
/// did not buy). Everything a read-out needs of the cell except, for the bootstrap, each customer's revenue.
/// </summary>
/// <param name="Segment">The segment, or <see langword="null"/> for customers without one.</param>
/// <param name="Arm">The arm.</param>
/// <param name="Pending">Customers whose outcome window was still open.</param>
/// <param name="Observed">Customers whose outcome was judged.</param>
/// <param name="Converted">Observed customers who converted (≤ <paramref name="Observed"/>).</param>
/// <param name="RevenueMean">Mean revenue per observed customer (0 when none).</param>
/// <param name="RevenueSumOfSquaredDeviations">Σ(revenue − mean)² over observed customers, ≥ 0.</param>
public sealed record ExperimentCell(string? Segment, string Arm, long Pending, long Observed, long Converted, double RevenueMean, double RevenueSumOfSquaredDeviations);

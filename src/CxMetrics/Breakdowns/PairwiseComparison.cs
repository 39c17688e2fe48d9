using CxMetrics.Statistics;

namespace CxMetrics.Breakdowns;

/// <summary>One pair of cells of a breakdown compared, with the raw p-value and the p-value adjusted over all pairs.</summary>
/// <typeparam name="TKey">The breakdown's key.</typeparam>
/// <typeparam name="TComparison">The family's comparison of two results (<c>NpsComparison</c>, <c>ProportionComparison</c>, <c>MeanComparison</c>).</typeparam>
/// <param name="First">The first cell's key (earlier in the breakdown's key order).</param>
/// <param name="Second">The second cell's key.</param>
/// <param name="Difference">First − Second, in the family's unit (NPS points, a share, hours, money); <see langword="null"/> when a side has no data.</param>
/// <param name="Interval">The interval of the difference (not adjusted for multiplicity).</param>
/// <param name="PValue">The pair's own two-sided p-value; <see langword="null"/> when its test is undefined.</param>
/// <param name="AdjustedPValue">The p-value adjusted over every pair that has one, by the comparison's <see cref="MultipleComparisonMethod"/>; always ≥ <paramref name="PValue"/>.</param>
/// <param name="Comparison">The full comparison of the two results.</param>
public sealed record PairwiseComparison<TKey, TComparison>(
    TKey First, TKey Second, double? Difference, ConfidenceInterval? Interval, double? PValue, double? AdjustedPValue, TComparison Comparison)
{
    /// <summary>Whether the pair differs at <paramref name="alpha"/> after the adjustment.</summary>
    /// <param name="alpha">Family-wise (Holm) or false-discovery (Benjamini–Hochberg) level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when the adjusted p-value is below <paramref name="alpha"/>.</returns>
    public bool IsSignificantAt(double alpha) => AdjustedPValue is { } p && p < alpha;
}

using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using CxMetrics.Surveys;

namespace CxMetrics.Breakdowns;

/// <summary>
/// Every cell of a <c>By</c> breakdown compared at once (many channels, segments or arms): the omnibus test of "every
/// cell alike" and every pair of cells with its difference, interval, raw p-value and p-value adjusted over all pairs
/// (Holm by default, Benjamini–Hochberg on request). Made by the family's <c>Compare(breakdown, …)</c>, e.g.
/// <c>Nps.Compare(Nps.By(responses, r =&gt; r.Channel))</c>.
/// </summary>
/// <typeparam name="TKey">The breakdown's key.</typeparam>
/// <typeparam name="TComparison">The family's comparison of two results.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BreakdownComparison<TKey, TComparison> : Reporting.IReportable
{
    /// <summary>The omnibus test over the cells with data; <see langword="null"/> when fewer than two cells have data.</summary>
    public required OmnibusTest? Omnibus { get; init; }

    /// <summary>Every pair of cells (i &lt; j in the breakdown's key order): <c>k(k − 1)/2</c> pairs for k cells.</summary>
    public required IReadOnlyList<PairwiseComparison<TKey, TComparison>> Pairs { get; init; }

    /// <summary>How the pairs' p-values were adjusted.</summary>
    public required MultipleComparisonMethod Method { get; init; }

    /// <summary>The pairs whose adjusted p-value is below <paramref name="alpha"/>, in the order of <see cref="Pairs"/>.</summary>
    /// <param name="alpha">The level, e.g. 0.05.</param>
    /// <returns>The significant pairs.</returns>
    public IReadOnlyList<PairwiseComparison<TKey, TComparison>> SignificantPairs(double alpha = 0.05)
    {
        var found = new List<PairwiseComparison<TKey, TComparison>>();
        foreach (var pair in Pairs)
        {
            if (pair.IsSignificantAt(alpha))
            {
                found.Add(pair);
            }
        }

        return found;
    }

    /// <summary>Formats as <c>χ² homogeneity across 4 groups: χ² = 12.600 on 3 df, p = 0.0056; 2 of 6 pairs differ at 5% (Holm)</c>.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() =>
        $"{(Omnibus is null ? "no omnibus test (fewer than two cells with data)" : Omnibus.ToString())}; {Summary(0.05)}";

    /// <summary>The description of this result: the omnibus test and a table of every pair, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport()
    {
        var (unit, format, scale) = DifferenceStyle();
        var grid = new ResultGrid("Pairwise comparisons", "<first", "<second", "difference" + unit, "<CI", "p", "adjusted p");
        foreach (var pair in Pairs)
        {
            grid.Row(BreakdownTables.Text(pair.First), BreakdownTables.Text(pair.Second), ResultTable.Number(pair.Difference * scale, format),
                StatisticsCells.Interval(pair.Interval, format.TrimStart('+'), scale), ResultTable.PValue(pair.PValue), ResultTable.PValue(pair.AdjustedPValue));
        }

        grid.Note($"Adjusted p-values: {Describe(Method)} over the pairs with a test; intervals are not adjusted. {Summary(0.05)}.");
        return Omnibus is null ? Reporting.Report.Of(grid) : Reporting.Report.Of(Omnibus.Table(), grid);
    }

    /// <summary><c>2 of 6 pairs differ at 5% (Holm)</c>.</summary>
    internal string Summary(double alpha) => string.Create(
        CultureInfo.InvariantCulture, $"{SignificantPairs(alpha).Count} of {Pairs.Count} pairs differ at {alpha * 100:0.##}% ({Describe(Method)})");

    /// <summary>The name of an adjustment in text.</summary>
    internal static string Describe(MultipleComparisonMethod method) => method switch
    {
        MultipleComparisonMethod.Holm => "Holm",
        MultipleComparisonMethod.BenjaminiHochberg => "Benjamini–Hochberg",
        _ => "no adjustment",
    };

    private static (string Unit, string Format, double Scale) DifferenceStyle() => typeof(TComparison) switch
    {
        var t when t == typeof(ProportionComparison) => (" (pp)", "+0.00;-0.00;0.00", 100),
        var t when t == typeof(NpsComparison) => (" (points)", "+0.0;-0.0;0.0", 1),
        _ => (string.Empty, "+0.00;-0.00;0.00", 1),
    };
}

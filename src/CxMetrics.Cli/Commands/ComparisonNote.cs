using System.Text;
using CxMetrics.Breakdowns;
using CxMetrics.Reporting;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The note printed under a breakdown table: the core's omnibus test of the cells and the pairs that differ after the
/// adjustment (<see cref="BreakdownComparison{TKey, TComparison}"/>); the tool computes nothing, it only words the result.
/// </summary>
internal static class ComparisonNote
{
    /// <summary>At most this many significant pairs are listed; the rest are counted.</summary>
    private const int MaxListed = 10;

    /// <summary>The tables' mark of a flagged small count.</summary>
    private const string Flag = "*";

    /// <summary>The note, e.g. <c>all channels alike? χ² independence across 4 groups: … ; differ after Holm (adjusted p &lt; 0.05): app vs phone +23.4 points [12.1, 34.7], adjusted p 0.0003</c>.</summary>
    /// <param name="comparison">The comparison of the table's cells.</param>
    /// <param name="plural">The key in the plural, e.g. <c>channels</c>.</param>
    /// <param name="unit">The difference's unit after the number, e.g. <c> points</c>, <c> pp</c>, <c> h</c>.</param>
    /// <param name="scale">The difference's scale (100 for shares shown in percentage points).</param>
    /// <param name="alpha">The level of the listed pairs: one minus the confidence level.</param>
    /// <param name="cells">The table's cells, whose counts say which are small under <paramref name="suppression"/>.</param>
    /// <param name="suppression">
    /// The small-cell policy of the tables (<c>--suppress-below</c>), applied to the listed pairs as to the cells' counts: a pair
    /// with a cell whose count the table flags is listed with that cell's name flagged (<c>app*</c>); a pair with a cell whose
    /// count the table blanks is not listed (only counted), so its difference and p-value do not show the small cell.
    /// </param>
    public static string Of<TResult, TComparison>(BreakdownComparison<string?, TComparison> comparison, IEnumerable<BreakdownCell<string?, TResult>> cells, SuppressionOptions suppression,
        string plural, string unit, double scale, double alpha)
    {
        var small = cells.Where(c => suppression.Hides(c.Count)).Select(c => c.Key ?? "(none)").ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("all ").Append(plural).Append(" alike? ");
        text.Append(comparison.Omnibus is { } omnibus ? omnibus.ToString() : "no test (fewer than two with data)");
        var significant = comparison.SignificantPairs(alpha);
        string method = comparison.Method == Statistics.MultipleComparisonMethod.BenjaminiHochberg ? "Benjamini–Hochberg" : "Holm";
        string level = new NumberCell(alpha, 3, Trim: true).ToString();
        if (significant.Count == 0)
        {
            return text.Append("; no pair differs after ").Append(method).Append(" (adjusted p < ").Append(level).Append(", ")
                .Append(new CountCell(comparison.Pairs.Count)).Append(" pairs)").ToString();
        }

        text.Append("; ").Append(new CountCell(significant.Count)).Append(" of ").Append(new CountCell(comparison.Pairs.Count))
            .Append(" pairs differ after ").Append(method).Append(" (adjusted p < ").Append(level).Append(')');
        bool blank = suppression.Mode == SuppressionMode.Blank;
        IReadOnlyList<PairwiseComparison<string?, TComparison>> listed = blank ? [.. significant.Where(p => !small.Contains(p.First ?? "(none)") && !small.Contains(p.Second ?? "(none)"))] : significant;
        string Name(string? key) => (key ?? "(none)") is var name && small.Contains(name) ? name + Flag : name;
        for (int i = 0; i < Math.Min(listed.Count, MaxListed); i++)
        {
            var pair = listed[i];
            text.Append(i == 0 ? ": " : "; ")
                .Append(Name(pair.First)).Append(" vs ").Append(Name(pair.Second)).Append(' ')
                .Append(new NumberCell(pair.Difference * scale, 1, ShowSign: true)).Append(unit).Append(' ')
                .Append(new IntervalCell(pair.Interval?.Lower * scale, pair.Interval?.Upper * scale, 1))
                .Append(", adjusted p ").Append(new PValueCell(pair.AdjustedPValue));
        }

        if (listed.Count > MaxListed)
        {
            text.Append("; and ").Append(new CountCell(listed.Count - MaxListed)).Append(" more");
        }

        if (listed.Count < significant.Count)
        {
            text.Append(listed.Count == 0 ? ": " : "; ").Append(new CountCell(significant.Count - listed.Count))
                .Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $" with a small cell (a count below {suppression.MinimumCount}) not listed"));
        }
        else if (listed.Any(p => small.Contains(p.First ?? "(none)") || small.Contains(p.Second ?? "(none)")))
        {
            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({Flag} a count below {suppression.MinimumCount}: small cell)"));
        }

        return text.ToString();
    }
}

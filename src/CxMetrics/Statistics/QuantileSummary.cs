using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// A five-number-plus summary of a sample of doubles: count, minimum, 10th, 25th, 50th (median), 75th and 90th
/// percentiles, maximum and mean. Percentiles use <see cref="Quantile.OfSorted"/> with the method given (default R type 7).
/// </summary>
/// <remarks>With an empty sample every value is <see langword="null"/> and <see cref="Count"/> is 0.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record QuantileSummary : Reporting.IReportable
{
    /// <summary>The number of values.</summary>
    public required long Count { get; init; }

    /// <summary>The smallest value.</summary>
    public required double? Min { get; init; }

    /// <summary>The 10th percentile.</summary>
    public required double? P10 { get; init; }

    /// <summary>The 25th percentile (first quartile).</summary>
    public required double? P25 { get; init; }

    /// <summary>The median.</summary>
    public required double? Median { get; init; }

    /// <summary>The 75th percentile (third quartile).</summary>
    public required double? P75 { get; init; }

    /// <summary>The 90th percentile.</summary>
    public required double? P90 { get; init; }

    /// <summary>The largest value.</summary>
    public required double? Max { get; init; }

    /// <summary>The arithmetic mean.</summary>
    public required double? Mean { get; init; }

    /// <summary>The summary of an empty sample.</summary>
    public static QuantileSummary Empty { get; } = new()
    {
        Count = 0, Min = null, P10 = null, P25 = null, Median = null, P75 = null, P90 = null, Max = null, Mean = null,
    };

    /// <summary>Summarises a sample (copied and sorted; the input is not changed).</summary>
    /// <param name="sample">The values; NaN is rejected.</param>
    /// <param name="method">The quantile method (default R type 7).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static QuantileSummary Of(ReadOnlySpan<double> sample, QuantileMethod method = QuantileMethod.Linear)
    {
        var copy = sample.ToArray();
        Quantile.SortChecked(copy, nameof(sample));
        return OfSorted(copy, method);
    }

    /// <summary>Summarises a sample already sorted ascending and free of NaN (not checked).</summary>
    /// <param name="sorted">The sorted values.</param>
    /// <param name="method">The quantile method.</param>
    /// <returns>The summary.</returns>
    public static QuantileSummary OfSorted(ReadOnlySpan<double> sorted, QuantileMethod method = QuantileMethod.Linear)
    {
        if (sorted.IsEmpty)
        {
            return Empty;
        }

        double sum = 0;
        foreach (double x in sorted)
        {
            sum += x;
        }

        return new QuantileSummary
        {
            Count = sorted.Length,
            Min = sorted[0],
            P10 = Quantile.OfSorted(sorted, 0.10, method),
            P25 = Quantile.OfSorted(sorted, 0.25, method),
            Median = Quantile.OfSorted(sorted, 0.50, method),
            P75 = Quantile.OfSorted(sorted, 0.75, method),
            P90 = Quantile.OfSorted(sorted, 0.90, method),
            Max = sorted[^1],
            Mean = sum / sorted.Length,
        };
    }

    /// <summary>Formats as <c>median 12 (IQR 8–20, P90 31; n = 140)</c>.</summary>
    /// <returns>The summary as text.</returns>
    public override string ToString() => Median is { } median
        ? string.Create(CultureInfo.InvariantCulture, $"median {median:G4} (IQR {P25:G4}–{P75:G4}, P90 {P90:G4}; n = {Count})")
        : "no values (n = 0)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Distribution")
        .Row("n", ResultTable.Count(Count))
        .Row("minimum", ResultTable.Number(Min, "G4"))
        .Row("P10", ResultTable.Number(P10, "G4"))
        .Row("P25", ResultTable.Number(P25, "G4"))
        .Row("median", ResultTable.Number(Median, "G4"))
        .Row("P75", ResultTable.Number(P75, "G4"))
        .Row("P90", ResultTable.Number(P90, "G4"))
        .Row("maximum", ResultTable.Number(Max, "G4"))
        .Row("mean", ResultTable.Number(Mean, "G4"));
}

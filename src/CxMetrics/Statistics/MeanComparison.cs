using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>Two means compared by Welch's t-test: difference, interval, t, degrees of freedom and p-value.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record MeanComparison : Reporting.IReportable
{
    /// <summary>The first mean (treatment).</summary>
    public required MeanEstimate First { get; init; }

    /// <summary>The second mean (control).</summary>
    public required MeanEstimate Second { get; init; }

    /// <summary><c>First − Second</c>, or <see langword="null"/> when a side is empty.</summary>
    public required double? Difference { get; init; }

    /// <summary>The Welch interval for the difference.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>The t statistic.</summary>
    public required double? T { get; init; }

    /// <summary>Welch–Satterthwaite degrees of freedom.</summary>
    public required double? DegreesOfFreedom { get; init; }

    /// <summary>Two-sided p-value.</summary>
    public required double? PValue { get; init; }

    /// <summary>Whether the test rejects equal means at <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level.</param>
    /// <returns><see langword="true"/> when p &lt; alpha.</returns>
    public bool IsSignificantAt(double alpha) => PValue is { } p && p < alpha;

    /// <summary>Formats as <c>+1.23 (95% CI [..]), t = 2.01, df = 97.3, p = 0.047</c>.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() => Difference is { } d && Interval is { } ci
        ? string.Create(CultureInfo.InvariantCulture, $"{d:+0.00;-0.00;0.00} ({ci.ToString("0.00")}), t = {T:0.000}, df = {DegreesOfFreedom:0.0}, p = {PValue:0.####}")
        : "no comparison (a side has fewer than two values)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Two means compared")
        .Row("first", CxMetrics.Statistics.StatisticsCells.Mean(First) + " (n = " + ResultTable.Count(First.Count) + ")")
        .Row("second", CxMetrics.Statistics.StatisticsCells.Mean(Second) + " (n = " + ResultTable.Count(Second.Count) + ")")
        .Row("difference", ResultTable.Number(Difference, "+0.00;-0.00;0.00"))
        .Row(Interval is { } ci ? ResultTable.Level(ci.Level) : "CI", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00"))
        .Row("t (Welch)", ResultTable.Number(T, "0.000"))
        .Row("degrees of freedom", ResultTable.Number(DegreesOfFreedom, "0.0"))
        .Row("p (two-sided)", ResultTable.PValue(PValue));
}

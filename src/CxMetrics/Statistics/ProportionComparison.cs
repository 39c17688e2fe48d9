using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Two shares compared: the difference <c>p₁ − p₂</c> with Newcombe's hybrid score interval and the pooled
/// two-proportion z-test.
/// </summary>
/// <remarks>When either side has no observations the difference, interval, statistic and p-value are <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ProportionComparison : Reporting.IReportable
{
    /// <summary>The first share (for periods: the later one).</summary>
    public required ProportionEstimate First { get; init; }

    /// <summary>The second share (for periods: the earlier one).</summary>
    public required ProportionEstimate Second { get; init; }

    /// <summary>The difference <c>First − Second</c>, in share units (0.05 = five percentage points).</summary>
    public required double? Difference { get; init; }

    /// <summary>Newcombe's (1998, method 10) hybrid score interval for the difference.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>The pooled two-proportion z statistic; 0 when both shares are 0 or both are 1 (pooled standard error 0, no
    /// difference), and never infinite: a statistic that is undefined is <see langword="null"/>.</summary>
    public required double? Z { get; init; }

    /// <summary>The two-sided p-value of the z-test, <see langword="null"/> when <see cref="Z"/> is.</summary>
    public required double? PValue { get; init; }

    /// <summary>Whether the two-sided test rejects equality at significance <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The significance level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when the p-value is below <paramref name="alpha"/>; <see langword="false"/> without a test.</returns>
    public bool IsSignificantAt(double alpha) => PValue is { } p && p < alpha;

    /// <summary>Formats as <c>+5.20 pp (95% CI [..]), z = 1.23, p = 0.219</c>.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() =>
        Difference is { } d && Interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{d * 100:+0.00;-0.00;0.00} pp ({ci.Level * 100:0.##}% CI [{ci.Lower * 100:0.00}, {ci.Upper * 100:0.00}]), {(Z is { } z ? string.Create(CultureInfo.InvariantCulture, $"z = {z:0.000}, p = {PValue:0.####}") : "no z-test (standard error 0)")}")
            : "no comparison (a side has n = 0)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Two shares compared")
        .Row("first", CxMetrics.Statistics.StatisticsCells.Proportion(First))
        .Row("second", CxMetrics.Statistics.StatisticsCells.Proportion(Second))
        .Row("difference (pp)", ResultTable.Number(Difference * 100, "+0.00;-0.00;0.00"))
        .Row((Interval is { } ci ? ResultTable.Level(ci.Level) : "CI") + " (Newcombe, pp)", CxMetrics.Statistics.StatisticsCells.Interval(Interval, "0.00", 100))
        .Row("z (pooled)", ResultTable.Number(Z, "0.000"))
        .Row("p (two-sided)", ResultTable.PValue(PValue));
}

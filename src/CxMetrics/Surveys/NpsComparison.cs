using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Surveys;

/// <summary>
/// Two Net Promoter Scores compared (two periods or two segments): the difference in points, its interval and the z-test
/// <c>z = (NPS₁ − NPS₂)/√(SE₁² + SE₂²)</c> on the trinomial standard errors.
/// </summary>
/// <remarks>When either side has no answered responses, every computed member is <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record NpsComparison : Reporting.IReportable
{
    /// <summary>The first score (for periods: the later one).</summary>
    public required NpsResult First { get; init; }

    /// <summary>The second score (for periods: the earlier one).</summary>
    public required NpsResult Second { get; init; }

    /// <summary>The difference <c>First − Second</c> in points (−200 to 200).</summary>
    public required double? Difference { get; init; }

    /// <summary>Standard error of the difference in points, <c>√(SE₁² + SE₂²)</c>.</summary>
    public required double? StandardError { get; init; }

    /// <summary>The interval for the difference in points, by <see cref="IntervalMethod"/>.</summary>
    public required ConfidenceInterval? Interval { get; init; }

    /// <summary>The z statistic, or <see langword="null"/> when it is undefined: a non-zero difference with a zero standard
    /// error (both sides all promoters, all passives or all detractors, e.g. 10 promoters against 10 detractors).</summary>
    public required double? Z { get; init; }

    /// <summary>The two-sided p-value, <see langword="null"/> when <see cref="Z"/> is.</summary>
    public required double? PValue { get; init; }

    /// <summary>How the interval was computed (the adjusted one adds ¾/1½/¾ to each side before differencing).</summary>
    public required NpsIntervalMethod IntervalMethod { get; init; }

    /// <summary>Whether the two-sided test rejects "no difference" at significance <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when the p-value is below <paramref name="alpha"/>.</returns>
    public bool IsSignificantAt(double alpha) => PValue is { } p && p < alpha;

    /// <summary>Formats as <c>+6.0 points (95% CI [..]), z = 0.54, p = 0.589</c>.</summary>
    /// <returns>The comparison as text.</returns>
    public override string ToString() =>
        Difference is { } d && Interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{d:+0.0;-0.0;0.0} points ({ci.ToString("0.0")}, {NpsResult.Describe(IntervalMethod)}), {(Z is { } z ? string.Create(CultureInfo.InvariantCulture, $"z = {z:0.000}, p = {PValue:0.####}") : "no z-test (standard error 0)")}")
            : "no comparison (a side has n = 0)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Two NPS compared")
        .Row("first", Side(First))
        .Row("second", Side(Second))
        .Row("difference (points)", ResultTable.Number(Difference, "+0.0;-0.0;0.0"))
        .Row((Interval is { } ci ? ResultTable.Level(ci.Level) : "CI") + " (" + NpsResult.Describe(IntervalMethod) + ")", CxMetrics.Statistics.StatisticsCells.Interval(Interval))
        .Row("standard error (points)", ResultTable.Number(StandardError, "0.00"))
        .Row("z", ResultTable.Number(Z, "0.000"))
        .Row("p (two-sided)", ResultTable.PValue(PValue));

    private static string Side(NpsResult nps) => $"{ResultTable.Number(nps.Score)} (n = {ResultTable.Count(nps.Count)})";
}

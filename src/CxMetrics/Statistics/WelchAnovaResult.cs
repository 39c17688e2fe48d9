using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>Welch's analysis of variance of k means (see <see cref="WelchAnova"/>).</summary>
/// <param name="F">The F statistic, <see langword="null"/> when the test is undefined (fewer than two groups with two values, or a group without variance).</param>
/// <param name="NumeratorDegreesOfFreedom"><c>k − 1</c>.</param>
/// <param name="DenominatorDegreesOfFreedom"><c>(k² − 1)/(3λ)</c>, not a whole number.</param>
/// <param name="PValue">P(F_{k−1, ν} ≥ F).</param>
/// <param name="Groups">k, the groups with at least two values that entered the test.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record WelchAnovaResult(double? F, int NumeratorDegreesOfFreedom, double? DenominatorDegreesOfFreedom, double? PValue, int Groups) : Reporting.IReportable
{
    /// <summary>Whether the test rejects equal means at <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when p &lt; alpha; <see langword="false"/> without a test.</returns>
    public bool IsSignificantAt(double alpha) => PValue is { } p && p < alpha;

    /// <summary>Formats as <c>F = 23.06 on 2 and 16.1 df, p = 1.9e-05 (3 groups)</c>.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString() => F is { } f
        ? $"F = {ResultTable.Number(f, "0.000")} on {NumeratorDegreesOfFreedom.ToString(CultureInfo.InvariantCulture)} and {ResultTable.Number(DenominatorDegreesOfFreedom, "0.0")} df, p = {ResultTable.PValue(PValue)} ({Groups.ToString(CultureInfo.InvariantCulture)} groups)"
        : $"no Welch ANOVA ({Groups.ToString(CultureInfo.InvariantCulture)} groups with two or more values; a group without variance makes it undefined)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(new ResultTable("Welch's ANOVA")
        .Row("F", ResultTable.Number(F, "0.000"))
        .Row("degrees of freedom", NumeratorDegreesOfFreedom.ToString(CultureInfo.InvariantCulture) + " and " + ResultTable.Number(DenominatorDegreesOfFreedom, "0.0").ToString())
        .Row("p (upper tail)", ResultTable.PValue(PValue))
        .Row("groups", Groups.ToString(CultureInfo.InvariantCulture)));
}

using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Breakdowns;

/// <summary>
/// The test of "every group alike" over all cells of a breakdown, run before (and beside) the pairwise comparisons:
/// a χ² statistic (homogeneity or independence) or Welch's F.
/// </summary>
/// <param name="Kind">Which test.</param>
/// <param name="Statistic">χ² or F; <see langword="null"/> when the test is undefined (see <see cref="WelchAnovaResult.F"/>).</param>
/// <param name="DegreesOfFreedom">The (numerator) degrees of freedom.</param>
/// <param name="DenominatorDegreesOfFreedom">The denominator degrees of freedom of Welch's F; <see langword="null"/> for χ².</param>
/// <param name="PValue">The upper-tail p-value; <see langword="null"/> when the test is undefined.</param>
/// <param name="Groups">The cells that entered the test (those with data; Welch's ANOVA needs two values per cell).</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record OmnibusTest(OmnibusTestKind Kind, double? Statistic, double DegreesOfFreedom, double? DenominatorDegreesOfFreedom, double? PValue, int Groups) : Reporting.IReportable
{
    /// <summary>Whether the test rejects "every group alike" at <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level, e.g. 0.05.</param>
    /// <returns><see langword="true"/> when p &lt; alpha; <see langword="false"/> without a test.</returns>
    public bool IsSignificantAt(double alpha) => PValue is { } p && p < alpha;

    /// <summary>Formats as <c>χ² homogeneity across 4 groups: χ² = 12.600 on 3 df, p = 0.0056</c>.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString()
    {
        string groups = Groups.ToString(CultureInfo.InvariantCulture);
        if (Statistic is not { } s)
        {
            return $"{Name(Kind)} across {groups} groups: undefined";
        }

        string df = ResultTable.Number(DegreesOfFreedom, "0.##").ToString();
        return Kind == OmnibusTestKind.WelchAnova
            ? $"{Name(Kind)} across {groups} groups: F = {ResultTable.Number(s, "0.000")} on {df} and {ResultTable.Number(DenominatorDegreesOfFreedom, "0.0")} df, p = {ResultTable.PValue(PValue)}"
            : $"{Name(Kind)} across {groups} groups: χ² = {ResultTable.Number(s, "0.000")} on {df} df, p = {ResultTable.PValue(PValue)}";
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());

    internal ResultTable Table() => new ResultTable("Omnibus test: " + Name(Kind))
        .Row(Kind == OmnibusTestKind.WelchAnova ? "F" : "χ²", ResultTable.Number(Statistic, "0.000"))
        .Row("degrees of freedom", Kind == OmnibusTestKind.WelchAnova
            ? ResultTable.Number(DegreesOfFreedom, "0.##") + " and " + ResultTable.Number(DenominatorDegreesOfFreedom, "0.0")
            : ResultTable.Number(DegreesOfFreedom, "0.##"))
        .Row("p (upper tail)", ResultTable.PValue(PValue))
        .Row("groups", Groups.ToString(CultureInfo.InvariantCulture));

    /// <summary>The test's name in text: <c>χ² homogeneity</c>, <c>χ² independence</c>, <c>Welch's ANOVA</c>.</summary>
    internal static string Name(OmnibusTestKind kind) => kind switch
    {
        OmnibusTestKind.ChiSquareHomogeneity => "χ² homogeneity",
        OmnibusTestKind.ChiSquareIndependence => "χ² independence",
        _ => "Welch's ANOVA",
    };

    internal static OmnibusTest Of(OmnibusTestKind kind, ChiSquareResult chi, int groups) =>
        new(kind, chi.Statistic, chi.DegreesOfFreedom, null, chi.PValue, groups);

    internal static OmnibusTest Of(WelchAnovaResult anova) =>
        new(OmnibusTestKind.WelchAnova, anova.F, anova.NumeratorDegreesOfFreedom, anova.DenominatorDegreesOfFreedom, anova.PValue, anova.Groups);
}

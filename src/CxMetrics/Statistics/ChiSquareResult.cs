using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>A chi-square statistic with its degrees of freedom and upper-tail p-value.</summary>
/// <param name="Statistic">χ².</param>
/// <param name="DegreesOfFreedom">Degrees of freedom.</param>
/// <param name="PValue">P(χ²_df ≥ statistic).</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue) : Reporting.IReportable
{
    /// <summary>Formats as <c>χ² = 3.396 on 1 df, p = 0.0653</c>.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString() =>
        $"χ² = {ResultTable.Number(Statistic, "0.000")} on {DegreesOfFreedom.ToString(CultureInfo.InvariantCulture)} df, p = {ResultTable.PValue(PValue)}";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Chi-square test")
        .Row("χ²", ResultTable.Number(Statistic, "0.000"))
        .Row("degrees of freedom", DegreesOfFreedom.ToString(CultureInfo.InvariantCulture))
        .Row("p (upper tail)", ResultTable.PValue(PValue));
}

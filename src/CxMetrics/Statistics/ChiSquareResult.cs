using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>A chi-square statistic with its degrees of freedom and upper-tail p-value.</summary>
/// <param name="Statistic">χ².</param>
/// <param name="DegreesOfFreedom">Degrees of freedom.</param>
/// <param name="PValue">P(χ²_df ≥ statistic).</param>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record ChiSquareResult(double Statistic, int DegreesOfFreedom, double PValue) : IRichResult
{
    /// <summary>Formats as <c>χ² = 3.396 on 1 df, p = 0.0653</c>.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString() =>
        $"χ² = {ResultTable.Number(Statistic, "0.000")} on {DegreesOfFreedom.ToString(CultureInfo.InvariantCulture)} df, p = {ResultTable.PValue(PValue)}";

    /// <summary>The test as a Markdown table (χ², degrees of freedom, p), for reports and notebooks; numbers in invariant culture.</summary>
    /// <returns>GitHub-flavoured Markdown.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>The same content as <see cref="ToMarkdown"/> as one self-contained, escaped HTML fragment (what notebooks display).</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();


    private ResultTable Table() => new ResultTable("Chi-square test")
        .Row("χ²", ResultTable.Number(Statistic, "0.000"))
        .Row("degrees of freedom", DegreesOfFreedom.ToString(CultureInfo.InvariantCulture))
        .Row("p (upper tail)", ResultTable.PValue(PValue));
}

using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// The likelihood-ratio test of the sBG model (c = 1) against the beta-discrete-Weibull model on the same cohorts:
/// <c>LR = 2(LL_BdW − LL_sBG)</c>, asymptotically χ² with 1 degree of freedom under c = 1 (an interior point, so the
/// ordinary χ² reference applies). A small p-value says duration dependence matters and the sBG projection is biased.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaDiscreteWeibullComparison : Reporting.IReportable
{
    /// <summary>The nested sBG fit.</summary>
    public required ShiftedBetaGeometricModel ShiftedBetaGeometric { get; init; }

    /// <summary>The BdW fit.</summary>
    public required BetaDiscreteWeibullModel BetaDiscreteWeibull { get; init; }

    /// <summary>The statistic <c>2(LL_BdW − LL_sBG)</c>, ≥ 0; <see langword="null"/> unless both fits converged.</summary>
    public required double? Statistic { get; init; }

    /// <summary>Degrees of freedom, 1.</summary>
    public required int DegreesOfFreedom { get; init; }

    /// <summary><c>P(χ²₁ ≥ statistic)</c>, or <see langword="null"/> unless both fits converged.</summary>
    public required double? PValue { get; init; }

    /// <summary>Formats as <c>BdW vs sBG: LR = 12.3 on 1 df, p = 0.00045</c>.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString() => Statistic is { } lr
        ? string.Create(CultureInfo.InvariantCulture, $"BdW vs sBG: LR = {lr:0.00} on 1 df, p = {PValue:G3} (c = {BetaDiscreteWeibull.C.Value:0.000})")
        : "BdW vs sBG: no test (a fit did not converge)";

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Table());


    private ResultTable Table() => new ResultTable("Beta-discrete-Weibull against shifted-beta-geometric")
        .Row("sBG log-likelihood", ResultTable.Number(ShiftedBetaGeometric.Diagnostics.LogLikelihood, "0.00"))
        .Row("BdW log-likelihood", ResultTable.Number(BetaDiscreteWeibull.Diagnostics.LogLikelihood, "0.00"))
        .Row("BdW c", ResultTable.Number(BetaDiscreteWeibull.C.Value, "0.000"))
        .Row("likelihood ratio", ResultTable.Number(Statistic, "0.00"))
        .Row("degrees of freedom", DegreesOfFreedom.ToString(CultureInfo.InvariantCulture))
        .Row("p", ResultTable.PValue(PValue));
}

using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// The log-rank test of equal survival curves across groups (Mantel 1966; Peto &amp; Peto 1972), as R
/// <c>survival::survdiff</c>: <c>χ² = (O − E)ᵀ V⁻¹ (O − E)</c> over all groups but one, with
/// <c>df = groups − 1</c> (groups with expected events &gt; 0); O, E and V weighted by the Fleming–Harrington
/// G(<see cref="Rho"/>, <see cref="Gamma"/>) weights and summed over <see cref="Strata"/>.
/// </summary>
/// <remarks>With fewer than two groups that have expected events there is no test: <see cref="ChiSquare"/>,
/// <see cref="DegreesOfFreedom"/> and <see cref="PValue"/> are <see langword="null"/>.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record LogRankResult : Reporting.IReportable
{
    /// <summary>The groups, in input (or key) order.</summary>
    public required IReadOnlyList<LogRankGroup> Groups { get; init; }

    /// <summary>The chi-square statistic (≥ 0).</summary>
    public required double? ChiSquare { get; init; }

    /// <summary>Degrees of freedom: groups with expected events − 1 (the rank of the covariance when it is singular).</summary>
    public required int? DegreesOfFreedom { get; init; }

    /// <summary>The upper-tail p-value <c>P(χ²_df ≥ statistic)</c>.</summary>
    public required double? PValue { get; init; }

    /// <summary>The Fleming–Harrington exponent ρ of the pooled Ŝ(t−) in the weights (0: the plain log-rank test).</summary>
    public double Rho { get; init; }

    /// <summary>The Fleming–Harrington exponent γ of 1 − Ŝ(t−) in the weights (0 unless late differences are weighted).</summary>
    public double Gamma { get; init; }

    /// <summary>Strata the test was computed within and summed over (1: not stratified).</summary>
    public int Strata { get; init; } = 1;

    /// <summary>Formats as <c>log-rank χ² = 3.40 on 1 df, p = 0.0653 (2 groups)</c>, naming G(ρ, γ) weights and strata when used.</summary>
    /// <returns>The test as text.</returns>
    public override string ToString()
    {
        string name = Name();
        string strata = Strata > 1 ? string.Create(CultureInfo.InvariantCulture, $", {Strata} strata") : string.Empty;
        return ChiSquare is { } chi
            ? string.Create(CultureInfo.InvariantCulture, $"{name} χ² = {chi:0.00} on {DegreesOfFreedom} df, p = {PValue:G3} ({Groups.Count} groups{strata})")
            : string.Create(CultureInfo.InvariantCulture, $"{name}: no test ({Groups.Count} groups{strata})");
    }

    private string Name() => Rho == 0 && Gamma == 0
        ? "log-rank"
        : string.Create(CultureInfo.InvariantCulture, $"log-rank G({Rho:0.###}, {Gamma:0.###})");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Test(), GroupTable());

    private ResultTable Test()
    {
        var table = new ResultTable("Log-rank test");
        if (Rho != 0 || Gamma != 0)
        {
            table.Row("weights", string.Create(CultureInfo.InvariantCulture, $"Fleming–Harrington G({Rho:0.###}, {Gamma:0.###})"));
        }

        if (Strata > 1)
        {
            table.Row("strata", Strata.ToString(CultureInfo.InvariantCulture));
        }

        return table.Row("χ²", ResultTable.Number(ChiSquare, "0.000"))
        .Row("degrees of freedom", DegreesOfFreedom is { } df ? df.ToString(CultureInfo.InvariantCulture) : ResultTable.Missing)
            .Row("p-value", ResultTable.PValue(PValue));
    }

    private ResultGrid GroupTable()
    {
        var grid = new ResultGrid("Groups", "<group", "n", "observed", "expected", "O/E");
        foreach (var g in Groups)
        {
            grid.Row(g.Label, ResultTable.Count(g.Count), ResultTable.Number(g.Observed, "0.##"), ResultTable.Number(g.Expected, "0.00"),
                ResultTable.Number(g.Expected > 0 ? g.Observed / g.Expected : null, "0.000"));
        }

        return grid;
    }
}

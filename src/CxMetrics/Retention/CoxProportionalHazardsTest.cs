using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The test of proportional hazards of a Cox model (Grambsch &amp; Therneau 1994, "Proportional hazards tests and
/// diagnostics based on weighted residuals", Biometrika 81:515), computed as R survival ≥ 3.0's <c>cox.zph(fit)</c>
/// (transform <c>"km"</c>, <c>terms = TRUE</c>): the score test, at β̂, of adding the time interactions <c>x·g(t)</c>
/// to the model, with <c>g(t) = 1 − Ŝ(t−)</c> the left-continuous Kaplan–Meier transform of time (all rows pooled,
/// unweighted) centred on its mean over the events.
/// </summary>
/// <remarks>With the Schoenfeld residuals <c>rₜ = Σ_{events at t} w·(x − x̄(t))</c> and the information of each event
/// time <c>Vₜ</c> (Efron or Breslow as the fit), the score of the interactions is <c>U₁ = Σₜ g(t)·rₜ</c> and the
/// information of the augmented model is <c>[[ΣVₜ, Σg·Vₜ], [Σg·Vₜ, Σg²·Vₜ]]</c>; the score of β itself is zero at β̂.
/// A term's χ² is <c>U₁ⱼᵀ (I⁻¹)ⱼⱼ U₁ⱼ</c> on the rows of β and of the term's interactions, on as many degrees of
/// freedom as the term has coefficients; the global χ² uses all interactions, on p degrees of freedom. A small p-value
/// says the term's hazard ratio drifts over time.</remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CoxProportionalHazardsTest : Reporting.IReportable
{
    /// <summary>One test per term of the design, in design order.</summary>
    public required IReadOnlyList<CoxTermTest> Terms { get; init; }

    /// <summary>The global test of all interactions at once, on p degrees of freedom (R's <c>GLOBAL</c> row).</summary>
    public required ChiSquareResult Global { get; init; }

    /// <summary>The test of the term named <paramref name="name"/>.</summary>
    /// <param name="name">The term's name (for a categorical term, its name without a level).</param>
    /// <returns>The term's test.</returns>
    /// <exception cref="ArgumentException">The model has no term of that name.</exception>
    public ChiSquareResult Term(string name) =>
        Terms.FirstOrDefault(t => t.Name == name)?.Test
        ?? throw new ArgumentException($"the model has no term '{name}' (it has: {string.Join(", ", Terms.Select(t => t.Name))}).", nameof(name));

    /// <summary>Formats as <c>age: χ² = 0.209 on 1 df, p = 0.647; sex: …; GLOBAL: χ² = 2.771 on 2 df, p = 0.25</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Terms.Select(t => t.ToString()).Append($"GLOBAL: {Global}"));

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport()
    {
        var grid = new ResultGrid("Proportional-hazards test (cox.zph, KM transform)", "<term", "χ²", "df", "p");
        foreach (var t in Terms.Append(new CoxTermTest("GLOBAL", Global)))
        {
            grid.Row(t.Name, ResultTable.Number(t.Test.Statistic, "0.000"), ResultTable.Count(t.Test.DegreesOfFreedom), ResultTable.PValue(t.Test.PValue));
        }

        return Reporting.Report.Of(grid);
    }
}

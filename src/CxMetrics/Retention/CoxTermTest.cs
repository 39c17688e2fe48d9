namespace CxMetrics.Retention;

/// <summary>One term's line of <see cref="CoxProportionalHazardsTest"/> (a row of R's <c>cox.zph</c> table).</summary>
/// <param name="Name">The term's name (a categorical term's levels are tested together, on one degree of freedom per level).</param>
/// <param name="Test">The score test that the term's coefficients do not change with g(t): χ² on as many degrees of freedom as the term has coefficients.</param>
public sealed record CoxTermTest(string Name, Statistics.ChiSquareResult Test)
{
    /// <summary>Formats as <c>age: χ² = 0.209 on 1 df, p = 0.647</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Test}";
}

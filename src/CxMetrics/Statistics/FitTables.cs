using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>The parameter and diagnostics tables that every fitted model renders.</summary>
internal static class FitTables
{
    /// <summary>One row per parameter: estimate and standard error (<c>—</c> where the Hessian gave none).</summary>
    public static ResultGrid Parameters(string caption, params ReadOnlySpan<ParameterEstimate> estimates)
    {
        var grid = new ResultGrid(caption, "<parameter", "estimate", "standard error");
        foreach (var e in estimates)
        {
            grid.Row(e.Name, ResultTable.Number(e.Value, "0.0000"), ResultTable.Number(e.StandardError, "0.0000"));
        }

        return grid;
    }

    /// <summary>Convergence status, log-likelihood, iterations, method, customers and rows of the fit.</summary>
    public static ResultTable Diagnostics(FitDiagnostics diagnostics)
    {
        var table = new ResultTable("Fit")
            .Row("status", diagnostics.Status.ToString())
            .Row("log-likelihood", ResultTable.Number(diagnostics.LogLikelihood, "0.0000"))
            .Row("iterations", diagnostics.Iterations.ToString(CultureInfo.InvariantCulture))
            .Row("method", diagnostics.Method)
            .Row("customers", ResultTable.Number(diagnostics.Customers, "#,##0.##"))
            .Row("distinct rows", ResultTable.Count(diagnostics.Rows))
            .Row("gradient norm", ResultTable.Number(diagnostics.GradientNorm, "0.###E+0"))
            .Row("Hessian positive definite", diagnostics.HessianPositiveDefinite ? "yes" : "no");
        if (diagnostics.Message is { } message)
        {
            table.Row("message", message);
        }

        return table;
    }
}

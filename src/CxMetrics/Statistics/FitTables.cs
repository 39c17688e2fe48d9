using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>The parameter and diagnostics tables that every fitted model renders.</summary>
internal static class FitTables
{
    /// <summary>
    /// One row per parameter: estimate and standard error (<c>—</c> where the Hessian gave none, and both <c>—</c> when
    /// there was nothing to fit, so a placeholder value is never shown as an estimate).
    /// </summary>
    public static ResultGrid Parameters(string caption, FitDiagnostics diagnostics, params ReadOnlySpan<ParameterEstimate> estimates)
    {
        var grid = new ResultGrid(caption, "<parameter", "estimate", "standard error");
        bool fitted = diagnostics.Status != FitStatus.NoData;
        foreach (var e in estimates)
        {
            grid.Row(e.Name, ResultTable.Number(fitted ? e.Value : double.NaN, "0.0000"), ResultTable.Number(fitted ? e.StandardError : null, "0.0000"));
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

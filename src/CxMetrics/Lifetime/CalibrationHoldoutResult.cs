using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>
/// The calibration/holdout check of a purchase model (<see cref="CalibrationHoldout.Of"/>): customers binned by their
/// calibration frequency x = 0, 1, …, k+ and, per bin, the mean holdout purchases actually made beside the mean the model
/// expected — BTYD's <c>bgnbd.PlotFreqVsConditionalExpectedFrequency</c> matrix, lifetimes'
/// <c>plot_calibration_purchases_vs_holdout_purchases</c>, Fader, Hardie &amp; Lee (2005) fig. 4.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CalibrationHoldoutResult : IReportable
{
    /// <summary>The bins x = 0 … k − 1 and k+, in order; empty bins are listed with no means.</summary>
    public required IReadOnlyList<CalibrationHoldoutBin> Bins { get; init; }

    /// <summary>The model checked (<c>BG/NBD</c>, <c>MBG/NBD</c>, <c>Pareto/NBD</c>).</summary>
    public required string Model { get; init; }

    /// <summary>t*: the holdout length in <see cref="TimeUnit"/>.</summary>
    public required double HoldoutLength { get; init; }

    /// <summary>The summary's time unit.</summary>
    public required TimeUnit TimeUnit { get; init; }

    /// <summary>Customers in calibration (the sum of the bin sizes).</summary>
    public int Customers => Bins.Sum(b => b.Customers);

    /// <summary>Holdout purchases made by all customers.</summary>
    public long ActualPurchases => Bins.Sum(b => b.ActualPurchases);

    /// <summary>Σ E[Y(t*) | x, t_x, T] over all customers.</summary>
    public double ExpectedPurchases => Bins.Sum(b => b.ExpectedPurchases);

    /// <summary>Formats as <c>BG/NBD holdout check (39 weeks): 1,882 actual vs 1,653.4 expected over 2,357 customers</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Model} holdout check ({HoldoutLength:0.##} {TimeUnit.Name}s): {ActualPurchases:N0} actual vs {ExpectedPurchases:N1} expected over {Customers:N0} customers");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Table());

    private ResultGrid Table()
    {
        var grid = new ResultGrid(
            string.Create(CultureInfo.InvariantCulture, $"Calibration vs holdout by calibration frequency ({Model}, holdout {HoldoutLength:0.##} {TimeUnit.Name}s)"),
            "<x", "customers", "actual", "expected", "actual − expected");
        foreach (var b in Bins)
        {
            grid.Row(new TextCell(b.Label), new CountCell(b.Customers), new NumberCell(b.MeanActual, 3), new NumberCell(b.MeanExpected, 3),
                new NumberCell(b.MeanActual - b.MeanExpected, 3, ShowSign: true));
        }

        grid.Row(new TextCell("all"), new CountCell(Customers), new NumberCell(ActualPurchases, 0), new NumberCell(ExpectedPurchases, 1), new NumberCell(ActualPurchases - ExpectedPurchases, 1, ShowSign: true));
        return grid.Note("x = repeat purchases in calibration; actual and expected are mean holdout purchases per customer of the bin, expected = E[Y(t*) | x, t_x, T] of the model (Fader, Hardie & Lee 2005 eq. 10; BTYD's conditional expectation plot); the row 'all' holds totals, not means");
    }
}

using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;

namespace CxMetrics.Lifetime;

/// <summary>
/// The period-transactions histogram of a purchase model (<see cref="RepeatPurchaseHistogram.Of"/>): observed and expected
/// numbers of customers with 0, 1, …, k+ repeat purchases in calibration — Fader, Hardie &amp; Lee (2005) fig. 1, BTYD's
/// <c>bgnbd.PlotFrequencyInCalibration</c>, lifetimes' <c>plot_period_transactions</c>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record RepeatPurchaseHistogramResult : IReportable
{
    /// <summary>The bins n = 0 … k − 1 and k+.</summary>
    public required IReadOnlyList<RepeatPurchaseBin> Bins { get; init; }

    /// <summary>The model checked.</summary>
    public required string Model { get; init; }

    /// <summary>Customers (the sum of the observed counts, and of the expected ones).</summary>
    public int Customers => Bins.Sum(b => b.Observed);

    /// <summary>
    /// Pearson's χ² = Σ (observed − expected)² / expected over the bins with an expected count above 0, a rough measure of
    /// the gap (the expected counts come from a model fitted to the same data, so it is not a test with k degrees of freedom).
    /// </summary>
    public double ChiSquare => Bins.Where(b => b.Expected > 0).Sum(b => (b.Observed - b.Expected) * (b.Observed - b.Expected) / b.Expected);

    /// <summary>Formats as <c>BG/NBD repeat-purchase histogram: 2,357 customers, χ² = 4.2</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Model} repeat-purchase histogram: {Customers:N0} customers, χ² = {ChiSquare:0.0}");

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Report"/>.</summary>
    /// <returns>The report.</returns>
    public Report ToReport() => Report.Of(Table());

    private ResultGrid Table()
    {
        var grid = new ResultGrid($"Customers by repeat purchases in calibration, observed vs {Model}", "<x", "observed", "expected", "observed − expected");
        foreach (var b in Bins)
        {
            grid.Row(new TextCell(b.Label), new CountCell(b.Observed), new NumberCell(b.Expected, 1), new NumberCell(b.Observed - b.Expected, 1, ShowSign: true));
        }

        return grid.Note(string.Create(CultureInfo.InvariantCulture,
            $"expected = Σ over customers of P(X(T) = x), T the customer's age at the calibration end (Fader, Hardie & Lee 2005 eq. 8 for BG/NBD; the last bin takes the rest, P(X(T) ≥ k)); χ² = {ChiSquare:0.0}"));
    }
}

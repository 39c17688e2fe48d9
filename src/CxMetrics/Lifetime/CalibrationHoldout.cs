namespace CxMetrics.Lifetime;

/// <summary>
/// The calibration/holdout check of a purchase model: how many purchases the customers of each calibration frequency made
/// in the holdout, against the model's conditional expectation E[Y(t*) | x, t_x, T] (Fader, Hardie &amp; Lee 2005, fig. 4;
/// BTYD's <c>bgnbd.PlotFreqVsConditionalExpectedFrequency</c>; lifetimes' <c>plot_calibration_purchases_vs_holdout_purchases</c>).
/// </summary>
public static class CalibrationHoldout
{
    /// <summary>The default last bin: customers with 7 or more calibration repeat purchases share one bin, as in the paper and BTYD's walkthrough.</summary>
    public const int DefaultLastBin = 7;

    /// <summary>
    /// Bins the customers by calibration frequency x = 0 … <paramref name="lastBin"/>+ and compares, per bin, the holdout
    /// purchases made with Σ E[Y(t*) | x, t_x, T], t* the summary's holdout length. Customers with the same (x, t_x, T) are
    /// valued once (the conditional expectation depends on nothing else).
    /// </summary>
    /// <param name="summary">The customer summary with a holdout, whose calibration part the model was fitted on.</param>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="lastBin">k: customers with k or more repeat purchases share the last bin (default 7).</param>
    /// <returns>The bins.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The summary has no holdout.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastBin"/> is below 1 or above 1,000.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static CalibrationHoldoutResult Of(CustomerBaseSummary summary, IPurchaseModel model, int lastBin = DefaultLastBin)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(model);
        PurchaseModelNames.CheckLastBin(lastBin);
        double horizon = PurchaseModelNames.HoldoutLength(summary);
        PurchaseModelNames.EnsureConverged(model, nameof(model));
        var customers = new int[lastBin + 1];
        var actual = new long[lastBin + 1];
        foreach (var c in summary.Customers)
        {
            int bin = Math.Min(c.Frequency, lastBin);
            customers[bin]++;
            actual[bin] += c.HoldoutFrequency ?? 0;
        }

        var rows = summary.ToRfmData().Compress();
        var expected = new double[lastBin + 1];
        var x = rows.Frequency;
        var tx = rows.Recency;
        var t = rows.Age;
        var w = rows.Weight;
        for (int i = 0; i < rows.Count; i++)
        {
            expected[Math.Min((int)x[i], lastBin)] += w[i] * model.ConditionalExpectedPurchases(horizon, x[i], tx[i], t[i]);
        }

        var bins = new CalibrationHoldoutBin[lastBin + 1];
        for (int b = 0; b <= lastBin; b++)
        {
            bins[b] = new CalibrationHoldoutBin(b, b == lastBin, customers[b], actual[b], expected[b]);
        }

        return new CalibrationHoldoutResult { Bins = bins, Model = PurchaseModelNames.Of(model), HoldoutLength = horizon, TimeUnit = summary.Options.TimeUnit };
    }
}

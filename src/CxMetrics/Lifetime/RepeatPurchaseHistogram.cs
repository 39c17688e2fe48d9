namespace CxMetrics.Lifetime;

/// <summary>
/// The period-transactions histogram: how many customers made 0, 1, …, k+ repeat purchases in calibration, observed and as
/// the model expects, Σ_i P(X(T_i) = n) (Fader, Hardie &amp; Lee 2005, fig. 1; BTYD's <c>bgnbd.PlotFrequencyInCalibration</c>).
/// </summary>
/// <remarks>
/// P(X(t) = n) is the BG/NBD closed form (Fader, Hardie &amp; Lee 2005 eq. 8), its MBG/NBD analogue, and for Pareto/NBD the
/// integral over the lifetime (Fader &amp; Hardie's note on P(X(t) = x) under the Pareto/NBD); see each model's
/// <c>ProbabilityOfPurchases</c>. Unlike lifetimes' <c>plot_period_transactions</c>, which simulates customers from the
/// fitted model, the expected counts here are exact.
/// </remarks>
public static class RepeatPurchaseHistogram
{
    /// <summary>
    /// Counts the customers per calibration frequency and sums each customer's P(X(T) = n); the last bin holds
    /// P(X(T) ≥ k) = 1 − Σ_{n&lt;k} P(X(T) = n), so the expected counts add up to the number of customers. Customers of the
    /// same age T are valued once.
    /// </summary>
    /// <param name="summary">The customer summary the model was fitted on.</param>
    /// <param name="model">A converged purchase model.</param>
    /// <param name="lastBin">k: customers with k or more repeat purchases share the last bin (default 7).</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastBin"/> is below 1 or above 1,000.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static RepeatPurchaseHistogramResult Of(CustomerBaseSummary summary, IPurchaseModel model, int lastBin = CalibrationHoldout.DefaultLastBin)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(model);
        PurchaseModelNames.CheckLastBin(lastBin);
        PurchaseModelNames.EnsureConverged(model, nameof(model));
        var observed = new int[lastBin + 1];
        var ages = new Dictionary<double, int>();
        foreach (var c in summary.Customers)
        {
            observed[Math.Min(c.Frequency, lastBin)]++;
            ages[c.Age] = ages.GetValueOrDefault(c.Age) + 1;
        }

        var expected = new double[lastBin + 1];
        foreach (var (age, count) in ages)
        {
            double below = 0;
            for (int n = 0; n < lastBin; n++)
            {
                double p = model.ProbabilityOfPurchases(n, age);
                below += p;
                expected[n] += count * p;
            }

            expected[lastBin] += count * Math.Max(0, 1 - below);
        }

        var bins = new RepeatPurchaseBin[lastBin + 1];
        for (int b = 0; b <= lastBin; b++)
        {
            bins[b] = new RepeatPurchaseBin(b, b == lastBin, observed[b], expected[b]);
        }

        return new RepeatPurchaseHistogramResult { Bins = bins, Model = PurchaseModelNames.Of(model) };
    }
}

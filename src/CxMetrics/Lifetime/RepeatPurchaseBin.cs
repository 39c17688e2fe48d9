namespace CxMetrics.Lifetime;

/// <summary>One bar pair of <see cref="RepeatPurchaseHistogramResult"/>: customers with n repeat purchases in calibration, observed and expected.</summary>
/// <param name="Frequency">n, the repeat purchases of the bin (the lower bound of the last bin).</param>
/// <param name="IsLast">Whether this is the open last bin (n or more).</param>
/// <param name="Observed">Customers with this many repeat purchases in calibration.</param>
/// <param name="Expected">Σ over customers of P(X(T) = n) (for the last bin, P(X(T) ≥ n)), T each customer's age.</param>
public sealed record RepeatPurchaseBin(int Frequency, bool IsLast, int Observed, double Expected)
{
    /// <summary>The bin's label: <c>3</c>, or <c>7+</c> for the last.</summary>
    public string Label => IsLast ? $"{Frequency}+" : Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace CxMetrics.Lifetime;

/// <summary>
/// One calibration-frequency bin of <see cref="CalibrationHoldoutResult"/>: the customers with x repeat purchases in
/// calibration (or x or more in the last bin), their purchases in the holdout and the number the model expected.
/// </summary>
/// <param name="Frequency">x, the calibration repeat purchases of the bin (the lower bound of the last bin).</param>
/// <param name="IsLast">Whether this is the open last bin (x or more).</param>
/// <param name="Customers">Customers in the bin.</param>
/// <param name="ActualPurchases">Holdout purchases they made.</param>
/// <param name="ExpectedPurchases">Σ E[Y(t*) | x, t_x, T] over them, t* the holdout length.</param>
public sealed record CalibrationHoldoutBin(int Frequency, bool IsLast, int Customers, long ActualPurchases, double ExpectedPurchases)
{
    /// <summary>Mean holdout purchases per customer (BTYD's <c>transaction.actual</c>); <see langword="null"/> for an empty bin.</summary>
    public double? MeanActual => Customers == 0 ? null : (double)ActualPurchases / Customers;

    /// <summary>Mean expected holdout purchases per customer (BTYD's <c>transaction.expected</c>); <see langword="null"/> for an empty bin.</summary>
    public double? MeanExpected => Customers == 0 ? null : ExpectedPurchases / Customers;

    /// <summary>The bin's label: <c>3</c>, or <c>7+</c> for the last.</summary>
    public string Label => IsLast ? $"{Frequency}+" : Frequency.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

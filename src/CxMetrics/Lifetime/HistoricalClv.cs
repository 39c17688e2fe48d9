using CxMetrics.Internal;

namespace CxMetrics.Lifetime;

/// <summary>
/// The historical (non-probabilistic) CLV formulas shops use for a quick, aggregate figure. They assume the past
/// average customer repeats forever or for a fixed lifespan; use the buy-till-you-die models for per-customer values.
/// </summary>
public static class HistoricalClv
{
    /// <summary>
    /// CLV = average order value × purchase frequency × expected lifespan (× margin): the "simple" formula of Shopify's and
    /// HubSpot's CLV guides and Kumar &amp; Reinartz, <i>Customer Relationship Management</i> (2018), ch. 6. With
    /// <paramref name="margin"/> = 1 it is revenue CLV; with the gross margin it is the margin-adjusted (profit) CLV.
    /// </summary>
    /// <param name="averageOrderValue">Revenue per order ≥ 0.</param>
    /// <param name="purchaseFrequency">Orders per customer per period ≥ 0 (e.g. per year).</param>
    /// <param name="expectedLifespan">Expected relationship length in the same periods ≥ 0.</param>
    /// <param name="margin">Gross margin share in [0, 1] (default 1: revenue).</param>
    /// <returns>The lifetime value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite, or the margin is outside [0, 1].</exception>
    public static double Simple(double averageOrderValue, double purchaseFrequency, double expectedLifespan, double margin = 1)
    {
        NonNegative(averageOrderValue, nameof(averageOrderValue));
        NonNegative(purchaseFrequency, nameof(purchaseFrequency));
        NonNegative(expectedLifespan, nameof(expectedLifespan));
        Share(margin, nameof(margin));
        return averageOrderValue * purchaseFrequency * expectedLifespan * margin;
    }

    /// <summary>
    /// The expected lifespan implied by a constant per-period churn rate: 1/churn periods (mean of a geometric lifetime).
    /// </summary>
    /// <param name="churnRate">Share of customers lost per period, in (0, 1].</param>
    /// <returns>The expected lifespan in periods.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="churnRate"/> is not in (0, 1].</exception>
    public static double LifespanFromChurn(double churnRate)
    {
        if (!(churnRate > 0 && churnRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(churnRate), churnRate, $"churn rate {churnRate} must be in (0, 1].");
        }

        return 1 / churnRate;
    }

    /// <summary>
    /// CLV = m·r/(1 + d − r): an infinite stream of margin m per period, kept with retention rate r and discounted at d,
    /// the first margin received one period from now (Gupta &amp; Lehmann 2003, "Customers as Assets", <i>Journal of
    /// Interactive Marketing</i> 17(1), 9–24; Gupta, Lehmann &amp; Stuart 2004, <i>JMR</i> 41(1)).
    /// </summary>
    /// <param name="marginPerPeriod">Margin m per customer per period ≥ 0.</param>
    /// <param name="retentionRate">Retention r in [0, 1].</param>
    /// <param name="discountRate">Discount rate d per period ≥ 0.</param>
    /// <returns>The lifetime value (finite unless r = 1 and d = 0, which throws).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="marginPerPeriod"/> or <paramref name="discountRate"/> is negative or not finite, <paramref name="retentionRate"/> is not in [0, 1], or <paramref name="retentionRate"/> = 1 with <paramref name="discountRate"/> = 0 (an infinite value).</exception>
    public static double RetentionDiscount(double marginPerPeriod, double retentionRate, double discountRate)
    {
        NonNegative(marginPerPeriod, nameof(marginPerPeriod));
        Share(retentionRate, nameof(retentionRate));
        NonNegative(discountRate, nameof(discountRate));
        double denominator = 1 + discountRate - retentionRate;
        if (!(denominator > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(retentionRate), retentionRate, "with retention 1 and no discounting the value is infinite; use a discount rate > 0.");
        }

        return marginPerPeriod * retentionRate / denominator;
    }

    /// <summary>
    /// The inputs of <see cref="Simple"/> measured on a customer base: average order value = calibration spend /
    /// transactions, purchase frequency = transactions per customer per time unit of observed age (first purchase included).
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <returns>(average order value, purchase frequency per time unit, customers); <see langword="null"/> values when empty.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    /// <exception cref="OverflowException">The summary's spend total would pass the largest decimal.</exception>
    public static (double? AverageOrderValue, double? PurchaseFrequency, int Customers) Inputs(CustomerBaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        decimal spend = 0;
        double transactions = 0, exposure = 0;
        foreach (var c in summary.Customers)
        {
            spend = Guard.AddMoney(spend, c.CalibrationSpend, "calibration spend of all customers");
            transactions += c.Frequency + 1;
            exposure += c.Age;
        }

        int n = summary.Customers.Count;
        return (transactions > 0 ? (double)spend / transactions : null, exposure > 0 ? transactions / exposure : null, n);
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be finite and ≥ 0.");
        }
    }

    private static void Share(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be a share between 0 and 1.");
        }
    }
}

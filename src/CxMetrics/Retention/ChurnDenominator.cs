namespace CxMetrics.Retention;

/// <summary>What a customer churn rate divides by. The vendors differ, so the choice is always explicit.</summary>
public enum ChurnDenominator
{
    /// <summary>
    /// Customers at the start of the period: <c>churned / S</c>. ChartMogul's B2B formula and Recurly's customer churn.
    /// </summary>
    StartOfPeriod = 0,

    /// <summary>
    /// Customers at the start plus customers new in the period: <c>churned / (S + N)</c>. Stripe Billing's subscriber churn
    /// ("churned in the last 30 days over active 30 days ago plus new in those 30 days"); Baremetrics-style.
    /// </summary>
    StartPlusNew = 1,

    /// <summary>
    /// The sum over the local days of the period of each day's churn among the customers live at the start of that day:
    /// <c>Σ_d (1 − live_end(d)/live_start(d))</c>. ChartMogul's B2C formula. A sum of rates, not a share: it can exceed 1 in
    /// a base that turns over fast.
    /// </summary>
    SumOfDailyRates = 2,

    /// <summary>
    /// Churn events per customer-day at risk, scaled to the period: <c>churn events / Σ exposure days × days in period</c>
    /// (an exposure rate, the actuarial "occurrence / exposure" form). The denominator reported is the average number of
    /// customers at risk, <c>Σ exposure days / days in period</c>.
    /// </summary>
    CustomerDays = 3,
}

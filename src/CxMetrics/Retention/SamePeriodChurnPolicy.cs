namespace CxMetrics.Retention;

/// <summary>What to do with customers who join and churn within the same period.</summary>
public enum SamePeriodChurnPolicy
{
    /// <summary>
    /// Leave them out of numerator and denominator (ChartMogul B2B: "excluding any customers who both joined &amp; churned in
    /// the period"; Recurly).
    /// </summary>
    Exclude = 0,

    /// <summary>
    /// Count them in the numerator and in the denominator, so the rate stays a share (Stripe counts them among new
    /// subscribers; Baremetrics includes them since its 2019 churn update).
    /// </summary>
    Include = 1,
}

namespace CxMetrics.Commerce;

/// <summary>
/// What one key of the cart events identifies, and so what the rates count: "60% of carts", "of sessions" or "of
/// users" are different numbers (a user with three abandoned carts and one purchase is 75% abandonment by cart and 0%
/// by user). Results carry the unit so that it is printed with them.
/// </summary>
public enum AnalysisUnit
{
    /// <summary>One shopping cart (Shopify's abandoned-checkout view; Baymard's cart abandonment rate).</summary>
    Cart = 0,

    /// <summary>One visit / session (GA4 session-scoped funnels).</summary>
    Session = 1,

    /// <summary>One user or customer (GA4 user-scoped funnels, the default of GA4 funnel explorations).</summary>
    User = 2,
}

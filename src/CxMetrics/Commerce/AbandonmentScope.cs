namespace CxMetrics.Commerce;

/// <summary>Which units an abandonment rate is about.</summary>
public enum AbandonmentScope
{
    /// <summary>
    /// Cart abandonment (Baymard; Shopify "abandoned carts"): units with cart activity; <c>1 − purchases / carts</c>.
    /// </summary>
    Cart = 0,

    /// <summary>
    /// Checkout abandonment (Shopify "abandoned checkouts"): units that began checkout; <c>1 − completed / started checkouts</c>.
    /// </summary>
    Checkout = 1,
}

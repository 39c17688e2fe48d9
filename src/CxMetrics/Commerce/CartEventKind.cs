namespace CxMetrics.Commerce;

/// <summary>
/// What happened to a cart. The first five are the customer's checkout steps in the order GA4's recommended e-commerce
/// events name them (<c>add_to_cart</c>, <c>begin_checkout</c>, <c>add_shipping_info</c>, <c>add_payment_info</c>,
/// <c>purchase</c>); the last two come from the shop's reminder (abandoned-cart e-mail) process.
/// </summary>
public enum CartEventKind : byte
{
    /// <summary>The cart was created (a customer event; counts as cart activity).</summary>
    Created = 0,

    /// <summary>An item was added to the cart (GA4 <c>add_to_cart</c>).</summary>
    ItemAdded = 1,

    /// <summary>Checkout was started (GA4 <c>begin_checkout</c>).</summary>
    CheckoutStarted = 2,

    /// <summary>Shipping details were entered (GA4 <c>add_shipping_info</c>).</summary>
    ShippingInfo = 3,

    /// <summary>Payment details were entered (GA4 <c>add_payment_info</c>).</summary>
    PaymentInfo = 4,

    /// <summary>The order was placed (GA4 <c>purchase</c>).</summary>
    Purchase = 5,

    /// <summary>The shop sent an abandoned-cart reminder. Not customer activity: it does not reset the inactivity clock.</summary>
    ReminderSent = 6,

    /// <summary>
    /// The shop attributes a purchase to its reminder (e.g. the customer followed the reminder link and ordered). It is
    /// customer activity, and it stands for the purchase when no <see cref="Purchase"/> event of the unit exists.
    /// </summary>
    RecoveredThroughReminder = 7,
}

using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// A completed order: who bought, when, and for how much. The model shared by retention (repeat purchase, cohorts)
/// and lifetime value (RFM summaries, CLV).
/// </summary>
/// <remarks>
/// The amount is <see cref="decimal"/> in the order's <see cref="Currency"/> (ISO 4217); it may be zero (a free order)
/// but not negative — record refunds as their own data. Calculators that sum amounts reject mixed currencies.
/// </remarks>
public sealed record Order
{
    /// <summary>Creates an order.</summary>
    /// <param name="customerId">Who bought; not empty.</param>
    /// <param name="placedAt">When the order was placed.</param>
    /// <param name="amount">The order value, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code, e.g. <c>EUR</c>.</param>
    /// <exception cref="ArgumentException">The customer id is empty, the amount is negative, or the currency is malformed.</exception>
    public Order(string customerId, Instant placedAt, decimal amount, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"order amount {amount} of customer '{customerId}' is negative; record refunds separately.");
        }

        CustomerId = customerId;
        PlacedAt = placedAt;
        Amount = amount;
        Currency = CurrencyCode.Validate(currency);
    }

    /// <summary>Who bought.</summary>
    public string CustomerId { get; }

    /// <summary>When the order was placed.</summary>
    public Instant PlacedAt { get; }

    /// <summary>The order value in <see cref="Currency"/>.</summary>
    public decimal Amount { get; }

    /// <summary>ISO 4217 currency code of <see cref="Amount"/>.</summary>
    public string Currency { get; }

    /// <summary>The order's identifier, used in error messages; optional.</summary>
    public string? Id { get; init; }

    /// <summary>Sales channel (web, app, marketplace, …); optional.</summary>
    public string? Channel { get; init; }

    /// <summary>Customer segment; optional.</summary>
    public string? Segment { get; init; }

    /// <summary>The name used for this order in error messages.</summary>
    internal string Label => Id is null ? $"order of customer '{CustomerId}' at {PlacedAt}" : $"order '{Id}'";

    /// <summary>Describes the order for messages.</summary>
    /// <returns>The description.</returns>
    internal string Describe() => Guard.Describe(Id, "order");
}

using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>Something an assigned customer did that counts as the outcome (typically an order), with its revenue.</summary>
public sealed record OutcomeEvent
{
    /// <summary>Creates an outcome event.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="revenue">Revenue, ≥ 0 (0 for a non-monetary outcome).</param>
    /// <param name="currency">ISO 4217 code of the revenue.</param>
    public OutcomeEvent(string customerId, Instant occurredAt, decimal revenue, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(revenue);
        CustomerId = customerId;
        OccurredAt = occurredAt;
        Revenue = revenue;
        Currency = CurrencyCode.Validate(currency);
    }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>Revenue in <see cref="Currency"/>.</summary>
    public decimal Revenue { get; }

    /// <summary>ISO 4217 currency code.</summary>
    public string Currency { get; }
}

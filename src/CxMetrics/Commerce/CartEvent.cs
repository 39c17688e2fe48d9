using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// One cart or checkout event: which unit (cart, session or user — see <see cref="AnalysisUnit"/>) it belongs to, what
/// happened and when, and optionally the cart's value at that moment, the item, and the channel / device / segment.
/// </summary>
/// <remarks>
/// The value is the cart's total at the event (<see cref="decimal"/>, ≥ 0) in <see cref="Currency"/> (ISO 4217); both are
/// given or neither. The latest value of a unit is its cart value; a unit whose events carry two currencies is rejected.
/// </remarks>
public sealed record CartEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="key">The unit's identifier (cart id, session id or user id); not empty.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="value">The cart's value at the event, ≥ 0; <see langword="null"/> when unknown.</param>
    /// <param name="currency">ISO 4217 code of <paramref name="value"/>; required exactly when a value is given.</param>
    /// <exception cref="ArgumentException">The key is empty, the kind is undefined, the value is negative, or the currency is
    /// missing, malformed or given without a value.</exception>
    public CartEvent(string key, CartEventKind kind, Instant at, decimal? value = null, string? currency = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"event kind {kind} of unit '{key}' is not a defined cart event kind.");
        }

        if (value is { } v)
        {
            if (v < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), v, $"cart value {v} of unit '{key}' at {at} is negative.");
            }

            if (currency is null)
            {
                throw new ArgumentException($"cart value {v} of unit '{key}' at {at} has no currency; give its ISO 4217 code.", nameof(currency));
            }

            Currency = CurrencyCode.Validate(currency, nameof(currency));
        }
        else if (currency is not null)
        {
            throw new ArgumentException($"currency '{currency}' of unit '{key}' at {at} is given without a value.", nameof(currency));
        }

        Key = key;
        Kind = kind;
        At = at;
        Value = value;
    }

    /// <summary>The unit's identifier: a cart id, session id or user id, as the analysis unit says.</summary>
    public string Key { get; }

    /// <summary>What happened.</summary>
    public CartEventKind Kind { get; }

    /// <summary>When it happened.</summary>
    public Instant At { get; }

    /// <summary>The cart's value at the event, in <see cref="Currency"/>; <see langword="null"/> when unknown.</summary>
    public decimal? Value { get; }

    /// <summary>ISO 4217 code of <see cref="Value"/>; <see langword="null"/> without a value.</summary>
    public string? Currency { get; }

    /// <summary>The item (article, SKU) the event is about, if any; part of what makes two events the same event.</summary>
    public string? ItemId { get; init; }

    /// <summary>Sales channel (web, app, marketplace, …); optional. A unit takes the channel of its earliest event that has one.</summary>
    public string? Channel { get; init; }

    /// <summary>Device class (desktop, mobile, tablet, …); optional.</summary>
    public string? Device { get; init; }

    /// <summary>Customer segment; optional.</summary>
    public string? Segment { get; init; }

    /// <summary>The event's identifier, used in error messages; optional.</summary>
    public string? Id { get; init; }

    /// <summary>Whether the event is the customer's doing (every kind except <see cref="CartEventKind.ReminderSent"/>).</summary>
    public bool IsCustomerActivity => Kind != CartEventKind.ReminderSent;

    /// <summary>Describes the event for messages.</summary>
    internal string Label => Id is null ? $"{Kind} event of unit '{Key}' at {At}" : $"{Kind} event '{Id}' of unit '{Key}'";
}

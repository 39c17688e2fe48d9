using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// One event in a subscription's life: start, plan change, pause, resume, skip, cancel or reactivation, with the monthly
/// recurring revenue (MRR, <see cref="decimal"/> in an ISO 4217 currency) the subscription has after it.
/// </summary>
/// <remarks>
/// Events that set a price (<see cref="SubscriptionEventKind.Start"/>, <see cref="SubscriptionEventKind.PlanChange"/>,
/// <see cref="SubscriptionEventKind.Reactivate"/>) carry <see cref="Mrr"/> (≥ 0; 0 is a free plan) and
/// <see cref="Currency"/>; the others carry neither. Whether a sequence of events is possible (no cancel before a start,
/// no resume without a pause, …) is checked when a history is replayed, and the error names the subscription and customer.
/// Create events with the factory methods (<see cref="Started"/>, <see cref="Cancelled"/>, …).
/// </remarks>
public sealed record SubscriptionEvent
{
    private SubscriptionEvent(string subscriptionId, string customerId, Instant at, SubscriptionEventKind kind, decimal? mrr, string? currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        if (mrr is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mrr), mrr, $"MRR {mrr} of subscription '{subscriptionId}' (customer '{customerId}') at {at} is negative.");
        }

        SubscriptionId = subscriptionId;
        CustomerId = customerId;
        At = at;
        Kind = kind;
        Mrr = mrr;
        Currency = currency is null ? null : Commerce.CurrencyCode.Validate(currency);
    }

    /// <summary>The subscription this event belongs to.</summary>
    public string SubscriptionId { get; }

    /// <summary>The customer who owns the subscription (a customer may hold several).</summary>
    public string CustomerId { get; }

    /// <summary>When it happened.</summary>
    public Instant At { get; }

    /// <summary>What happened.</summary>
    public SubscriptionEventKind Kind { get; }

    /// <summary>The subscription's MRR after a start, plan change or reactivation; <see langword="null"/> for the other kinds.</summary>
    public decimal? Mrr { get; }

    /// <summary>ISO 4217 currency of <see cref="Mrr"/>; <see langword="null"/> when there is no MRR.</summary>
    public string? Currency { get; }

    /// <summary>A subscription starts.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <param name="mrr">Monthly recurring revenue, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">An id is empty, the MRR is negative or the currency malformed.</exception>
    public static SubscriptionEvent Started(string subscriptionId, string customerId, Instant at, decimal mrr, string currency) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Start, mrr, currency ?? throw new ArgumentNullException(nameof(currency)));

    /// <summary>A subscription changes plan.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <param name="mrr">The new MRR, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public static SubscriptionEvent PlanChanged(string subscriptionId, string customerId, Instant at, decimal mrr, string currency) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.PlanChange, mrr, currency ?? throw new ArgumentNullException(nameof(currency)));

    /// <summary>A subscription is paused.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static SubscriptionEvent Paused(string subscriptionId, string customerId, Instant at) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Pause, null, null);

    /// <summary>A paused subscription resumes.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static SubscriptionEvent Resumed(string subscriptionId, string customerId, Instant at) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Resume, null, null);

    /// <summary>A billing cycle or delivery is skipped.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <returns>The event.</returns>
    public static SubscriptionEvent Skipped(string subscriptionId, string customerId, Instant at) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Skip, null, null);

    /// <summary>A subscription is cancelled.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When it ends (the end of access, not the day the customer clicked "cancel").</param>
    /// <returns>The event.</returns>
    public static SubscriptionEvent Cancelled(string subscriptionId, string customerId, Instant at) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Cancel, null, null);

    /// <summary>A cancelled subscription starts again.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <param name="mrr">The MRR it restarts at, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public static SubscriptionEvent Reactivated(string subscriptionId, string customerId, Instant at, decimal mrr, string currency) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Reactivate, mrr, currency ?? throw new ArgumentNullException(nameof(currency)));

    /// <summary>Names the event for messages.</summary>
    internal string Label => $"{Kind} of subscription '{SubscriptionId}' (customer '{CustomerId}') at {At}";
}

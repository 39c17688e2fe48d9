using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// One event in a subscription's life: trial start, start, plan change, pause, resume, skip, cancel or reactivation, with the
/// monthly recurring revenue (MRR, <see cref="decimal"/> in an ISO 4217 currency) the subscription has after it and, where
/// known, its plan, billing interval and customer segment (the keys of <c>RevenueChurn.By</c> and <c>TrialConversion.By</c>).
/// </summary>
/// <remarks>
/// Events that set a price (<see cref="SubscriptionEventKind.Start"/>, <see cref="SubscriptionEventKind.PlanChange"/>,
/// <see cref="SubscriptionEventKind.Reactivate"/>) carry <see cref="Mrr"/> (≥ 0; 0 is a free plan) and
/// <see cref="Currency"/>; the others carry neither. Whether a sequence of events is possible (no cancel before a start,
/// no resume without a pause, …) is checked when a history is replayed, and the error names the subscription and customer.
/// Create events with the factory methods (<see cref="Started"/>, <see cref="Cancelled"/>, …).
/// <para><see cref="Plan"/>, <see cref="BillingInterval"/> and <see cref="Segment"/> are optional labels of the events that
/// set a price and of a trial start: a subscription is in the plan (interval, segment) of the last such event, until the
/// next one changes it; the other kinds carry none.</para>
/// </remarks>
public sealed record SubscriptionEvent
{
    private SubscriptionEvent(string subscriptionId, string customerId, Instant at, SubscriptionEventKind kind, decimal? mrr, string? currency,
        string? plan = null, string? billingInterval = null, string? segment = null)
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
        Plan = CheckLabel(plan, nameof(plan));
        BillingInterval = CheckLabel(billingInterval, nameof(billingInterval));
        Segment = CheckLabel(segment, nameof(segment));
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

    /// <summary>The plan the subscription is on after a trial start, start, plan change or reactivation (Stripe's price or product name); <see langword="null"/> when not given and for the other kinds.</summary>
    public string? Plan { get; }

    /// <summary>The billing interval after a trial start, start, plan change or reactivation, as a label (<c>month</c>, <c>year</c>, <c>3 months</c>); <see langword="null"/> when not given and for the other kinds.</summary>
    public string? BillingInterval { get; }

    /// <summary>The customer segment the subscription is counted in after a trial start, start, plan change or reactivation; <see langword="null"/> when not given and for the other kinds.</summary>
    public string? Segment { get; }

    /// <summary>A free trial of a subscription starts: no MRR, and the customer is not yet a paying customer.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When the trial starts.</param>
    /// <param name="plan">The plan on trial, or <see langword="null"/>.</param>
    /// <param name="billingInterval">The billing interval it would be paid by, or <see langword="null"/>.</param>
    /// <param name="segment">The customer segment, or <see langword="null"/>.</param>
    /// <returns>The event. It converts when a <see cref="Started"/> of the same subscription follows; a <see cref="Cancelled"/> ends the trial unpaid.</returns>
    /// <exception cref="ArgumentException">An id, or a label that is given, is empty or white space.</exception>
    public static SubscriptionEvent TrialStarted(string subscriptionId, string customerId, Instant at, string? plan = null, string? billingInterval = null, string? segment = null) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.TrialStart, null, null, plan, billingInterval, segment);

    /// <summary>A subscription starts.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <param name="mrr">Monthly recurring revenue, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <param name="plan">The plan after the event, or <see langword="null"/>.</param>
    /// <param name="billingInterval">The billing interval after the event (<c>month</c>, <c>year</c>), or <see langword="null"/>.</param>
    /// <param name="segment">The customer segment, or <see langword="null"/>.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">An id is empty, the MRR is negative or the currency malformed.</exception>
    public static SubscriptionEvent Started(string subscriptionId, string customerId, Instant at, decimal mrr, string currency, string? plan = null, string? billingInterval = null, string? segment = null) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Start, mrr, currency ?? throw new ArgumentNullException(nameof(currency)), plan, billingInterval, segment);

    /// <summary>A subscription changes plan.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="customerId">Its customer.</param>
    /// <param name="at">When.</param>
    /// <param name="mrr">The new MRR, ≥ 0.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <param name="plan">The plan after the event, or <see langword="null"/>.</param>
    /// <param name="billingInterval">The billing interval after the event (<c>month</c>, <c>year</c>), or <see langword="null"/>.</param>
    /// <param name="segment">The customer segment, or <see langword="null"/>.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public static SubscriptionEvent PlanChanged(string subscriptionId, string customerId, Instant at, decimal mrr, string currency, string? plan = null, string? billingInterval = null, string? segment = null) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.PlanChange, mrr, currency ?? throw new ArgumentNullException(nameof(currency)), plan, billingInterval, segment);

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
    /// <param name="plan">The plan after the event, or <see langword="null"/>.</param>
    /// <param name="billingInterval">The billing interval after the event (<c>month</c>, <c>year</c>), or <see langword="null"/>.</param>
    /// <param name="segment">The customer segment, or <see langword="null"/>.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is null.</exception>
    public static SubscriptionEvent Reactivated(string subscriptionId, string customerId, Instant at, decimal mrr, string currency, string? plan = null, string? billingInterval = null, string? segment = null) =>
        new(subscriptionId, customerId, at, SubscriptionEventKind.Reactivate, mrr, currency ?? throw new ArgumentNullException(nameof(currency)), plan, billingInterval, segment);

    /// <summary>The event with other ids (pseudonyms) and everything else the same.</summary>
    internal SubscriptionEvent WithIds(string subscriptionId, string customerId) => new(subscriptionId, customerId, At, Kind, Mrr, Currency, Plan, BillingInterval, Segment);

    /// <summary>An event read back from a stored tally (the values checked by the caller's format).</summary>
    internal static SubscriptionEvent Restore(string subscriptionId, string customerId, Instant at, SubscriptionEventKind kind, decimal? mrr, string? currency,
        string? plan = null, string? billingInterval = null, string? segment = null) =>
        new(subscriptionId, customerId, at, kind, mrr, currency, plan, billingInterval, segment);

    /// <summary>Whether events of this kind carry a plan, billing interval and segment (trial start and the priced kinds).</summary>
    internal static bool IsLabelled(SubscriptionEventKind kind) => kind == SubscriptionEventKind.TrialStart || IsPriced(kind);

    private static string? CheckLabel(string? label, string paramName)
    {
        if (label is not null && string.IsNullOrWhiteSpace(label))
        {
            throw new ArgumentException($"{paramName} must be null or a non-empty label.", paramName);
        }

        return label;
    }

    /// <summary>Whether events of this kind carry an MRR and a currency (start, plan change, reactivation).</summary>
    internal static bool IsPriced(SubscriptionEventKind kind) =>
        kind is SubscriptionEventKind.Start or SubscriptionEventKind.PlanChange or SubscriptionEventKind.Reactivate;

    /// <summary>Names the event for messages.</summary>
    internal string Label => $"{Kind} of subscription '{SubscriptionId}' (customer '{CustomerId}') at {At}";
}

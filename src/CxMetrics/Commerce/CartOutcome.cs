using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// One unit (cart, session or user) judged as of an instant: its status, the times that matter, its value and its
/// attributes. Produced by <see cref="CartTally.Evaluate"/>; every cart metric is computed from these.
/// </summary>
/// <remarks>The <see cref="Instant"/> properties need a NodaTime JSON converter (NodaTime.Serialization.SystemTextJson)
/// to serialise; System.Text.Json alone writes them as empty objects. The aggregate results carry no instants.</remarks>
public sealed record CartOutcome
{
    /// <summary>The unit's key.</summary>
    public required string Key { get; init; }

    /// <summary>Purchased, abandoned, pending, or an anomaly.</summary>
    public required CartStatus Status { get; init; }

    /// <summary>Whether a checkout event (begin checkout, shipping or payment info) happened at or before the as-of instant.</summary>
    public required bool StartedCheckout { get; init; }

    /// <summary>The earliest cart or checkout event; <see langword="null"/> without one.</summary>
    public required Instant? FirstCartActivity { get; init; }

    /// <summary>The latest customer event at or before the as-of instant (reminders are not customer activity).</summary>
    public required Instant? LastActivity { get; init; }

    /// <summary>The earliest purchase (or, without one, recovered-through-reminder event); <see langword="null"/> without.</summary>
    public required Instant? PurchasedAt { get; init; }

    /// <summary>
    /// Whether the unit was ever abandoned: a gap of at least the time-out between customer events before the purchase
    /// (or before the as-of instant without purchase), or a reminder sent before the purchase.
    /// </summary>
    public required bool EverAbandoned { get; init; }

    /// <summary>The first reminder at or before the as-of instant; <see langword="null"/> without.</summary>
    public required Instant? FirstReminderAt { get; init; }

    /// <summary>Where the unit stands with the reminders.</summary>
    public required RecoveryStatus Recovery { get; init; }

    /// <summary>The unit's latest cart value at or before the as-of instant; <see langword="null"/> when no event carried one.</summary>
    public required decimal? Value { get; init; }

    /// <summary>ISO 4217 code of <see cref="Value"/>.</summary>
    public required string? Currency { get; init; }

    /// <summary>When the unit reached each funnel step (earliest event of the step's kinds), in the options' step order.</summary>
    public required IReadOnlyList<Instant?> StepReachedAt { get; init; }

    /// <summary>Distinct customer events from the first cart event to the purchase, both included; <see langword="null"/> unless purchased.</summary>
    public required int? EventsToPurchase { get; init; }

    /// <summary>Distinct events at or before the as-of instant.</summary>
    public required int Events { get; init; }

    /// <summary>Events after the as-of instant (ignored).</summary>
    public required int EventsAfterAsOf { get; init; }

    /// <summary>The unit's channel (from its earliest event that has one).</summary>
    public required string? Channel { get; init; }

    /// <summary>The unit's device (from its earliest event that has one).</summary>
    public required string? Device { get; init; }

    /// <summary>The unit's segment (from its earliest event that has one).</summary>
    public required string? Segment { get; init; }

    /// <summary>Time from the first cart event to the purchase; <see langword="null"/> unless purchased.</summary>
    public Duration? TimeToPurchase => Status == CartStatus.Purchased && PurchasedAt is { } p && FirstCartActivity is { } f ? p - f : null;
}

using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// A span during which someone was a customer: from the instant their first live subscription started (or one was
/// reactivated) to the instant their last live subscription was cancelled. A paused subscription is live.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="From">When the spell began.</param>
/// <param name="To">When it ended (the churn instant); <see langword="null"/> while it lasts.</param>
public readonly record struct CustomerSpell(string CustomerId, Instant From, Instant? To)
{
    /// <summary>Whether the customer was a customer just before <paramref name="t"/>: <c>From &lt; t ≤ To</c>.</summary>
    /// <param name="t">The instant.</param>
    /// <returns>Whether the spell covers the moment just before <paramref name="t"/>.</returns>
    public bool ActiveJustBefore(Instant t) => From < t && (To is not { } to || t <= to);
}

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

    /// <summary>
    /// The spell as a right-censored lifetime seen at <paramref name="asOf"/> (Kaplan &amp; Meier 1958): an event at
    /// <c>To − From</c> when the spell ended at or before the as-of; otherwise censored at <c>asOf − From</c> (an end after
    /// the as-of has not happened yet). The duration is measured in <paramref name="unit"/>s (e.g. one day); the id is the
    /// customer's.
    /// </summary>
    /// <param name="asOf">The moment of judgement; must not be before <see cref="From"/>.</param>
    /// <param name="unit">The time unit of the duration, &gt; 0.</param>
    /// <returns>The observation (duration ≥ 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The unit is not positive, or the spell begins after the as-of.</exception>
    public SurvivalObservation ObservedAt(Instant asOf, Duration unit)
    {
        if (unit <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"time unit {unit} must be positive.");
        }

        if (From > asOf)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"the spell of customer '{CustomerId}' begins at {From}, after the as-of instant {asOf}: it cannot be observed yet.");
        }

        bool ended = To is { } to && to <= asOf;
        var end = ended ? To!.Value : asOf;
        return new SurvivalObservation((end - From) / unit, ended, id: CustomerId);
    }
}

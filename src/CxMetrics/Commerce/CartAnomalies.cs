using System.Globalization;

namespace CxMetrics.Commerce;

/// <summary>
/// Data-quality findings of a set of cart events. Nothing is dropped silently: each anomaly has a defined treatment and is
/// counted here.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Duplicate events</b> — the same unit, kind, instant, value and item twice: the copy is ignored (counted here),
/// also when the copies arrive in different shards and meet in <see cref="CartTally.Merge"/>.</item>
/// <item><b>Out-of-order arrivals</b> — an event earlier than an event already added for its unit: events are reordered by
/// time, so the metrics do not depend on arrival order. This count describes the feed (how often it arrived out of order),
/// so it is the one figure that depends on arrival order; merged tallies add their shards' counts.</item>
/// <item><b>Events after the as-of instant</b> — ignored for that evaluation (the analysis is a snapshot), counted here.</item>
/// <item><b>Purchases without a cart</b> — a purchase with no cart or checkout event at or before it: the unit is kept
/// out of the abandonment rates (it is not a cart that could be abandoned) and counted here.</item>
/// <item><b>Units without cart activity</b> — units with only reminders (or only events after the as-of instant).</item>
/// </list>
/// </remarks>
public sealed record CartAnomalies
{
    /// <summary>Events that repeated an event already recorded for the unit (ignored).</summary>
    public required long DuplicateEvents { get; init; }

    /// <summary>Events that arrived with a time earlier than an event already added for their unit (reordered by time).</summary>
    public required long OutOfOrderArrivals { get; init; }

    /// <summary>Events later than the as-of instant (ignored for this evaluation).</summary>
    public required long EventsAfterAsOf { get; init; }

    /// <summary>Units with a purchase but no cart or checkout event at or before it (kept out of the rates).</summary>
    public required long PurchasesWithoutCart { get; init; }

    /// <summary>Units with no customer cart activity at or before the as-of instant (only reminders, or nothing yet).</summary>
    public required long UnitsWithoutCartActivity { get; init; }

    /// <summary>Whether any anomaly was found.</summary>
    public bool Any => DuplicateEvents + OutOfOrderArrivals + EventsAfterAsOf + PurchasesWithoutCart + UnitsWithoutCartActivity > 0;

    /// <summary>Formats the counts.</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{DuplicateEvents} duplicate events, {OutOfOrderArrivals} out-of-order arrivals, {EventsAfterAsOf} events after as-of, {PurchasesWithoutCart} purchases without cart, {UnitsWithoutCartActivity} units without cart activity");
}

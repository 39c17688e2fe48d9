using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Each customer's active spell under inactivity churn (first order to last order + window), the lifetimes of a
/// non-subscription shop for <see cref="KaplanMeier"/>.
/// </summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class CustomerSpells
{
    /// <summary>
    /// Each customer's spell under inactivity churn, as <see cref="InactivityChurn.Of(IEnumerable{Order}, Duration, Instant, RepeatPurchaseOptions?)"/> judges it: from the first order to
    /// <c>last order + window</c> when that end lies at or before <paramref name="asOf"/> (the customer has churned),
    /// open (<see cref="CustomerSpell.To"/> <see langword="null"/>) otherwise. Orders after the as-of are ignored. With
    /// <see cref="CustomerSpell.ObservedAt"/> this gives the lifetimes of a non-subscription shop for Kaplan–Meier.
    /// </summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="asOf">The moment of judgement.</param>
    /// <param name="window">The inactivity window N, &gt; 0 (required: no default).</param>
    /// <returns>One spell per customer with an order at or before the as-of, ordered by customer id (ordinal).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public static IReadOnlyList<CustomerSpell> Of(IEnumerable<Order> orders, Duration window, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(orders);
        OrderHistory.CheckWindow(window);
        var range = new Dictionary<string, (Instant First, Instant Last)>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(orders));
            if (order.PlacedAt > asOf)
            {
                continue;
            }

            range[order.CustomerId] = range.TryGetValue(order.CustomerId, out var r)
                ? (Instant.Min(r.First, order.PlacedAt), Instant.Max(r.Last, order.PlacedAt))
                : (order.PlacedAt, order.PlacedAt);
        }

        var spells = new List<CustomerSpell>(range.Count);
        foreach (var (customer, r) in range)
        {
            var end = r.Last + window;
            spells.Add(new CustomerSpell(customer, r.First, end <= asOf ? end : null));
        }

        spells.Sort(static (a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return spells;
    }
}

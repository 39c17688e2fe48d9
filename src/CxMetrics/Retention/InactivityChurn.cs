using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Churn by inactivity for an ordinary (non-subscription) shop: "no order within a window" judged at an as-of instant.
/// The window N is always a required argument — there is no universal default (a grocer and a mattress shop need very
/// different windows; pick it from the inter-purchase time distribution, e.g. its 90th percentile). Subscription churn
/// over a period is <see cref="CustomerChurn"/>; see <see cref="InactivityChurnResult"/> for why the two are different results.
/// </summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class InactivityChurn
{
    /// <summary>
    /// Inactivity churn at <paramref name="asOf"/>: among customers whose first order is at least
    /// <paramref name="window"/> before the as-of, the share with no order in <c>(asOf − window, asOf]</c>.
    /// </summary>
    /// <param name="orders">The orders.</param>
    /// <param name="asOf">The moment of judgement; later orders are counted apart and ignored.</param>
    /// <param name="window">The inactivity window N, &gt; 0 (required: no default).</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>The result, with customers too new to judge reported as pending.</returns>
    public static InactivityChurnResult Of(IEnumerable<Order> orders, Duration window, Instant asOf, RepeatPurchaseOptions? options = null)
    {
        OrderHistory.CheckWindow(window);
        options ??= RepeatPurchaseOptions.Default;
        var index = OrderHistory.Index(orders, asOf, out long after);
        long active = 0, churned = 0, pending = 0;
        var cutoff = asOf - window;
        foreach (var times in index.Values)
        {
            if (times[0] > cutoff)
            {
                pending++;
            }
            else if (times[^1] > cutoff)
            {
                active++;
            }
            else
            {
                churned++;
            }
        }

        return new InactivityChurnResult
        {
            AsOf = asOf, Window = window, Customers = index.Count, Active = active, Churned = churned, Pending = pending,
            OrdersAfterAsOf = after, Rate = Proportion.FromCounts(churned, active + churned, options.ConfidenceLevel, options.ProportionInterval),
        };
    }

    /// <summary>
    /// Inactivity churn from a tally fed one order at a time (a file read once, shards merged): the same result as
    /// <see cref="Of(IEnumerable{Order}, Duration, Instant, RepeatPurchaseOptions?)"/> for the orders the tally was fed. To judge
    /// at an instant before the latest kept order (a trend), use <see cref="InactivityChurnTally.CountsAt"/>.
    /// </summary>
    /// <param name="tally">The tally; its window is the inactivity window.</param>
    /// <param name="asOf">The moment of judgement: at or after the tally's latest kept order, at or before its as-of when it has one.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>The result, with customers too new to judge reported as pending and the orders the tally set aside after its as-of.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the latest kept order (the orders between would not be counted) or after the tally's as-of.</exception>
    public static InactivityChurnResult From(InactivityChurnTally tally, Instant asOf, RepeatPurchaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= RepeatPurchaseOptions.Default;
        if (tally.Latest is { } latest && latest > asOf)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"the tally holds orders up to {latest}, after the as-of; build it with that as-of so the later orders are counted apart, or judge with CountsAt.");
        }

        var c = tally.CountsAt(asOf);
        return new InactivityChurnResult
        {
            AsOf = asOf, Window = tally.Window, Customers = c.Customers, Active = c.Active, Churned = c.Churned, Pending = c.Pending,
            OrdersAfterAsOf = tally.OrdersAfterAsOf, Rate = Proportion.FromCounts(c.Churned, c.Judged, options.ConfidenceLevel, options.ProportionInterval),
        };
    }
}

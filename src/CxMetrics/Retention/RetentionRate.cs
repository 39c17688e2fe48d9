using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Customer retention rate of a period from orders, with a window that defines an active customer.</summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class RetentionRate
{
    /// <summary>
    /// Customer retention rate of a period: <c>(E − N)/S</c> next to the exact cohort form <c>|S ∩ E| / |S|</c>, where a
    /// customer is active at an instant t when they ordered in <c>[t − window, t)</c>. See <see cref="RetentionRateResult"/>
    /// for why the first form is biased.
    /// </summary>
    /// <param name="orders">All orders (history before the period decides who is active at its start).</param>
    /// <param name="period">The period <c>[start, end)</c>.</param>
    /// <param name="window">The activity window N, &gt; 0 (required).</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>The result.</returns>
    public static RetentionRateResult Of(IEnumerable<Order> orders, Interval period, Duration window, RepeatPurchaseOptions? options = null)
    {
        OrderHistory.CheckPeriod(period);
        OrderHistory.CheckWindow(window);
        options ??= RepeatPurchaseOptions.Default;
        var index = OrderHistory.Index(orders, null, out _);
        long s = 0, e = 0, n = 0, both = 0;
        foreach (var times in index.Values)
        {
            bool atStart = OrderHistory.HasOrderIn(times, period.Start - window, period.Start);
            bool atEnd = OrderHistory.HasOrderIn(times, period.End - window, period.End);
            bool isNew = times[0] >= period.Start && times[0] < period.End;
            s += atStart ? 1 : 0;
            e += atEnd ? 1 : 0;
            n += isNew ? 1 : 0;
            both += atStart && atEnd ? 1 : 0;
        }

        return new RetentionRateResult
        {
            Period = period, Window = window, StartCustomers = s, EndCustomers = e, NewCustomers = n, Retained = both,
            Approximate = s > 0 ? (double)(e - n) / s : null,
            Exact = Proportion.FromCounts(both, s, options.ConfidenceLevel, options.ProportionInterval),
        };
    }
}

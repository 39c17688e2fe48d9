using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Purchase frequency of a period: orders per distinct customer.</summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class PurchaseFrequency
{
    /// <summary>Purchase frequency of a period: orders divided by the distinct customers who placed them.</summary>
    /// <param name="orders">The orders; those outside the period are ignored.</param>
    /// <param name="period">The period.</param>
    /// <returns>The result.</returns>
    public static PurchaseFrequencyResult Of(IEnumerable<Order> orders, Interval period)
    {
        var counts = OrderHistory.CountInPeriod(orders, period);
        long total = 0;
        foreach (int n in counts.Values)
        {
            total += n;
        }

        return new PurchaseFrequencyResult { Period = period, Orders = total, Customers = counts.Count, Frequency = counts.Count > 0 ? (double)total / counts.Count : null };
    }
}

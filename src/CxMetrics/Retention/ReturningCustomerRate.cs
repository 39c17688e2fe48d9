using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Returning-customer rate of a period: the share of the period's customers who had ordered before it.</summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class ReturningCustomerRate
{
    /// <summary>
    /// Returning-customer rate of a period: the share of the customers who ordered in the period who had ordered before it
    /// (Shopify analytics "returning customer rate"). Different from <see cref="RepeatPurchaseRate"/>: a first-time buyer
    /// who orders twice in the period is a repeat customer but not a returning one.
    /// </summary>
    /// <param name="orders">All orders, including those before the period (they decide who is returning).</param>
    /// <param name="period">The period <c>[start, end)</c>.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>Successes = returning customers, count = customers who ordered in the period.</returns>
    public static ProportionEstimate Of(IEnumerable<Order> orders, Interval period, RepeatPurchaseOptions? options = null)
    {
        options ??= RepeatPurchaseOptions.Default;
        OrderHistory.CheckPeriod(period);
        var index = OrderHistory.Index(orders, null, out _);
        long buyers = 0, returning = 0;
        foreach (var times in index.Values)
        {
            if (OrderHistory.HasOrderIn(times, period.Start, period.End))
            {
                buyers++;
                returning += times[0] < period.Start ? 1 : 0;
            }
        }

        return Proportion.FromCounts(returning, buyers, options.ConfidenceLevel, options.ProportionInterval);
    }
}

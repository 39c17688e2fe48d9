using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Repeat purchase rate of a period: the share of the period's customers who ordered more than once in it.</summary>
/// <remarks>
/// A metric of an ordinary (non-subscription) shop, where nobody cancels. Counts orders and customers only, so orders in
/// several currencies are fine. Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class RepeatPurchaseRate
{
    /// <summary>
    /// Repeat purchase rate of a period: the share of the customers who ordered in the period who ordered more than once in
    /// it (the usual e-commerce "repeat customer rate" of shop analytics guides such as Shopify's and Gorgias').
    /// </summary>
    /// <param name="orders">The orders; those outside the period are ignored.</param>
    /// <param name="period">The period <c>[start, end)</c>.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>Successes = repeat customers, count = customers, Wilson interval.</returns>
    public static ProportionEstimate Of(IEnumerable<Order> orders, Interval period, RepeatPurchaseOptions? options = null)
    {
        options ??= RepeatPurchaseOptions.Default;
        var counts = OrderHistory.CountInPeriod(orders, period);
        long repeat = 0;
        foreach (int n in counts.Values)
        {
            repeat += n > 1 ? 1 : 0;
        }

        return Proportion.FromCounts(repeat, counts.Count, options.ConfidenceLevel, options.ProportionInterval);
    }
}

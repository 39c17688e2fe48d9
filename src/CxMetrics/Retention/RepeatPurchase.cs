using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Retention for an ordinary (non-subscription) shop, where nobody cancels: churn means "no repeat purchase within a
/// window". The window N is always a required argument — there is no universal default (a grocer and a mattress shop
/// need very different windows; pick it from the inter-purchase time distribution, e.g. its 90th percentile).
/// </summary>
/// <remarks>
/// These metrics count orders and customers only, so orders in several currencies are fine here (money is summed only in
/// cohort revenue, which rejects mixed currencies). Periods are <see cref="Interval"/>s <c>[start, end)</c>; use
/// <see cref="Time.CalendarPeriod.ToInterval"/> for a calendar period in the shop's zone.
/// </remarks>
public static class RepeatPurchase
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
    public static InactivityChurnResult InactivityChurn(IEnumerable<Order> orders, Instant asOf, Duration window, RepeatPurchaseOptions? options = null)
    {
        CheckWindow(window);
        options ??= RepeatPurchaseOptions.Default;
        var index = Index(orders, asOf, out long after);
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
            OrdersAfterAsOf = after, Rate = Proportion.Estimate(churned, active + churned, options.ConfidenceLevel, options.ProportionInterval),
        };
    }

    /// <summary>
    /// Inactivity churn from a tally fed one order at a time (a file read once, shards merged): the same result as
    /// <see cref="InactivityChurn(IEnumerable{Order}, Instant, Duration, RepeatPurchaseOptions?)"/> for the orders the tally was fed. To judge
    /// at an instant before the latest kept order (a trend), use <see cref="InactivityChurnTally.CountsAt"/>.
    /// </summary>
    /// <param name="tally">The tally; its window is the inactivity window.</param>
    /// <param name="asOf">The moment of judgement: at or after the tally's latest kept order, at or before its as-of when it has one.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>The result, with customers too new to judge reported as pending and the orders the tally set aside after its as-of.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is before the latest kept order (the orders between would not be counted) or after the tally's as-of.</exception>
    public static InactivityChurnResult InactivityChurn(InactivityChurnTally tally, Instant asOf, RepeatPurchaseOptions? options = null)
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
            OrdersAfterAsOf = tally.OrdersAfterAsOf, Rate = Proportion.Estimate(c.Churned, c.Judged, options.ConfidenceLevel, options.ProportionInterval),
        };
    }

    /// <summary>
    /// Repeat purchase rate of a period: the share of the customers who ordered in the period who ordered more than once in
    /// it (the usual e-commerce "repeat customer rate" of shop analytics guides such as Shopify's and Gorgias').
    /// </summary>
    /// <param name="orders">The orders; those outside the period are ignored.</param>
    /// <param name="period">The period <c>[start, end)</c>.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>Successes = repeat customers, count = customers, Wilson interval.</returns>
    public static ProportionEstimate RepeatPurchaseRate(IEnumerable<Order> orders, Interval period, RepeatPurchaseOptions? options = null)
    {
        options ??= RepeatPurchaseOptions.Default;
        var counts = CountInPeriod(orders, period);
        long repeat = 0;
        foreach (int n in counts.Values)
        {
            repeat += n > 1 ? 1 : 0;
        }

        return Proportion.Estimate(repeat, counts.Count, options.ConfidenceLevel, options.ProportionInterval);
    }

    /// <summary>
    /// Returning-customer rate of a period: the share of the customers who ordered in the period who had ordered before it
    /// (Shopify analytics "returning customer rate"). Different from <see cref="RepeatPurchaseRate"/>: a first-time buyer
    /// who orders twice in the period is a repeat customer but not a returning one.
    /// </summary>
    /// <param name="orders">All orders, including those before the period (they decide who is returning).</param>
    /// <param name="period">The period <c>[start, end)</c>.</param>
    /// <param name="options">The confidence level and interval method; <see cref="RepeatPurchaseOptions.Default"/> when omitted.</param>
    /// <returns>Successes = returning customers, count = customers who ordered in the period.</returns>
    public static ProportionEstimate ReturningCustomerRate(IEnumerable<Order> orders, Interval period, RepeatPurchaseOptions? options = null)
    {
        options ??= RepeatPurchaseOptions.Default;
        CheckPeriod(period);
        var index = Index(orders, null, out _);
        long buyers = 0, returning = 0;
        foreach (var times in index.Values)
        {
            if (HasOrderIn(times, period.Start, period.End))
            {
                buyers++;
                returning += times[0] < period.Start ? 1 : 0;
            }
        }

        return Proportion.Estimate(returning, buyers, options.ConfidenceLevel, options.ProportionInterval);
    }

    /// <summary>Purchase frequency of a period: orders divided by the distinct customers who placed them.</summary>
    /// <param name="orders">The orders; those outside the period are ignored.</param>
    /// <param name="period">The period.</param>
    /// <returns>The result.</returns>
    public static PurchaseFrequencyResult PurchaseFrequency(IEnumerable<Order> orders, Interval period)
    {
        var counts = CountInPeriod(orders, period);
        long total = 0;
        foreach (int n in counts.Values)
        {
            total += n;
        }

        return new PurchaseFrequencyResult { Period = period, Orders = total, Customers = counts.Count, Frequency = counts.Count > 0 ? (double)total / counts.Count : null };
    }

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
    public static RetentionRateResult RetentionRate(IEnumerable<Order> orders, Interval period, Duration window, RepeatPurchaseOptions? options = null)
    {
        CheckPeriod(period);
        CheckWindow(window);
        options ??= RepeatPurchaseOptions.Default;
        var index = Index(orders, null, out _);
        long s = 0, e = 0, n = 0, both = 0;
        foreach (var times in index.Values)
        {
            bool atStart = HasOrderIn(times, period.Start - window, period.Start);
            bool atEnd = HasOrderIn(times, period.End - window, period.End);
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
            Exact = Proportion.Estimate(both, s, options.ConfidenceLevel, options.ProportionInterval),
        };
    }

    /// <summary>
    /// Each customer's spell under inactivity churn, as <see cref="InactivityChurn(IEnumerable{Order}, Instant, Duration, RepeatPurchaseOptions?)"/> judges it: from the first order to
    /// <c>last order + window</c> when that end lies at or before <paramref name="asOf"/> (the customer has churned),
    /// open (<see cref="CustomerSpell.To"/> <see langword="null"/>) otherwise. Orders after the as-of are ignored. With
    /// <see cref="CustomerSpell.ObservedAt"/> this gives the lifetimes of a non-subscription shop for Kaplan–Meier.
    /// </summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="asOf">The moment of judgement.</param>
    /// <param name="window">The inactivity window N, &gt; 0 (required: no default).</param>
    /// <returns>One spell per customer with an order at or before the as-of, ordered by customer id (ordinal).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public static IReadOnlyList<CustomerSpell> Spells(IEnumerable<Order> orders, Instant asOf, Duration window)
    {
        ArgumentNullException.ThrowIfNull(orders);
        CheckWindow(window);
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

    /// <summary>Whether a sorted list has an instant in <c>[from, to)</c>.</summary>
    internal static bool HasOrderIn(List<Instant> sorted, Instant from, Instant to)
    {
        int at = sorted.BinarySearch(from);
        if (at < 0)
        {
            at = ~at;
        }
        else
        {
            while (at > 0 && sorted[at - 1] == from)
            {
                at--;
            }
        }

        return at < sorted.Count && sorted[at] < to;
    }

    private static Dictionary<string, List<Instant>> Index(IEnumerable<Order> orders, Instant? asOf, out long after)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var index = new Dictionary<string, List<Instant>>(StringComparer.Ordinal);
        after = 0;
        foreach (var order in orders)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(orders));
            if (order.PlacedAt > asOf)
            {
                after++;
                continue;
            }

            if (!index.TryGetValue(order.CustomerId, out var list))
            {
                list = [];
                index.Add(order.CustomerId, list);
            }

            list.Add(order.PlacedAt);
        }

        foreach (var list in index.Values)
        {
            list.Sort();
        }

        return index;
    }

    private static Dictionary<string, int> CountInPeriod(IEnumerable<Order> orders, Interval period)
    {
        ArgumentNullException.ThrowIfNull(orders);
        CheckPeriod(period);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(orders));
            if (order.PlacedAt >= period.Start && order.PlacedAt < period.End)
            {
                counts[order.CustomerId] = counts.GetValueOrDefault(order.CustomerId) + 1;
            }
        }

        return counts;
    }

    private static void CheckWindow(Duration window)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"the window {window} must be longer than zero (for example Duration.FromDays(90)).");
        }
    }

    private static void CheckPeriod(Interval period)
    {
        if (!period.HasStart || !period.HasEnd || period.End <= period.Start)
        {
            throw new ArgumentException($"period {period} must have a start and an end after it.", nameof(period));
        }
    }
}

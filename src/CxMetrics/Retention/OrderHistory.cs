using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>Per-customer order instants and the argument checks shared by the order-based retention calculators.</summary>
internal static class OrderHistory
{
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

    internal static Dictionary<string, List<Instant>> Index(IEnumerable<Order> orders, Instant? asOf, out long after)
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

    internal static Dictionary<string, int> CountInPeriod(IEnumerable<Order> orders, Interval period)
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

    internal static void CheckWindow(Duration window)
    {
        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"the window {window} must be longer than zero (for example Duration.FromDays(90)).");
        }
    }

    internal static void CheckPeriod(Interval period)
    {
        if (!period.HasStart || !period.HasEnd || period.End <= period.Start)
        {
            throw new ArgumentException($"period {period} must have a start and an end after it.", nameof(period));
        }
    }
}

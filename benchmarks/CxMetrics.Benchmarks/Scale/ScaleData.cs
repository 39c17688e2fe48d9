using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>Deterministic synthetic inputs for the scaling benchmarks (seeded, so every run measures the same data).</summary>
internal static class ScaleData
{
    public static readonly Instant Origin = Instant.FromUtc(2023, 1, 1, 0, 0);

    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>Orders of <paramref name="customers"/> customers over 18 months, EUR.</summary>
    public static Order[] Orders(int count, int customers)
    {
        var random = new Random(42);
        var orders = new Order[count];
        for (int i = 0; i < count; i++)
        {
            orders[i] = new Order($"c{random.Next(customers)}", Origin + Duration.FromMinutes(random.Next(540 * 24 * 60)), random.Next(1, 20_000) / 100m, "EUR");
        }

        return orders;
    }

    /// <summary>
    /// Cart events of <paramref name="carts"/> carts, 10 per cart (the funnel benchmark's feed, <see cref="Benchmarks.Commerce.FunnelBenchmarks.Generate"/>),
    /// as <see cref="CartEvent"/> objects with one shared key string per cart and a EUR value on every add to cart.
    /// </summary>
    public static CartEvent[] CartEvents(int count, int carts)
    {
        var records = Benchmarks.Commerce.FunnelBenchmarks.Generate(count, carts);
        var keys = new string[carts];
        for (int c = 0; c < carts; c++)
        {
            keys[c] = $"cart-{c}";
        }

        var events = new CartEvent[records.Length];
        for (int i = 0; i < records.Length; i++)
        {
            var r = records[i];
            events[i] = r.Kind == CartEventKind.ItemAdded
                ? new CartEvent(keys[r.Unit], r.Kind, r.At, (i % 97) + 0.99m, "EUR")
                : new CartEvent(keys[r.Unit], r.Kind, r.At);
        }

        return events;
    }

    /// <summary>Sessions of <paramref name="visitors"/> visitors, 3% converting.</summary>
    public static Session[] Sessions(int count, int visitors)
    {
        var random = new Random(42);
        var sessions = new Session[count];
        for (int i = 0; i < count; i++)
        {
            sessions[i] = new Session($"v{random.Next(visitors)}", Origin + Duration.FromSeconds(i), random.Next(100) < 3);
        }

        return sessions;
    }

    /// <summary>Tickets with one to three replies and a solve, on a Berlin office calendar.</summary>
    public static SupportTicket[] Tickets(int count)
    {
        var random = new Random(42);
        var tickets = new SupportTicket[count];
        for (int i = 0; i < count; i++)
        {
            var created = Origin + Duration.FromMinutes(random.Next(365 * 24 * 60));
            var replies = new Instant[random.Next(1, 4)];
            var t = created;
            for (int r = 0; r < replies.Length; r++)
            {
                t += Duration.FromMinutes(random.Next(5, 3 * 24 * 60));
                replies[r] = t;
            }

            tickets[i] = SupportTicket.Create($"t{i}", $"c{random.Next(count / 2 + 1)}", "email", created, replies, [new TicketStatusChange(t + Duration.FromMinutes(10), TicketStatus.Solved)]);
        }

        return tickets;
    }

    public static BusinessCalendar Office { get; } = BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0));
}

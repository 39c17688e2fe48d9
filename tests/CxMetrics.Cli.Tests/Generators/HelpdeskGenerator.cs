using System.Globalization;
using System.Text;
using CxMetrics.Internal;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// The generator of the bundled synthetic help-desk event log (<c>samples/shop/ticket_events.csv</c>, written by
/// <see cref="BundledShop"/>): tickets of a fictional shop in Europe/Berlin created in October and November 2025 over
/// e-mail, chat and phone, as a Zendesk or Freshdesk audit log exports them — the first reply, pending while the customer
/// is asked something, the customer's answers, on hold for a third party, internal notes, solves, reopens and closes.
/// Agents answer on weekdays 08:00–18:00 only; chat is fast, e-mail slow. Events after the export instant
/// (<see cref="ExportedAt"/>) have not happened, so the last tickets are still open.
/// </summary>
internal static class HelpdeskGenerator
{
    /// <summary>The shop's zone.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The moment the log was exported: Monday 1 December 2025, 09:00 in Berlin.</summary>
    public static readonly Instant ExportedAt = new LocalDateTime(2025, 12, 1, 9, 0).InZoneStrictly(Zone).ToInstant();

    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static readonly string[] Channels = ["email", "chat", "phone"];

    /// <summary>Mean minutes of agent working time to the next public reply, per channel.</summary>
    private static readonly double[] ReplyMinutes = [300, 25, 90];

    public static string GenerateCsv(ulong seed = 20251001)
    {
        var random = new SplitMix64(seed);
        var text = new StringBuilder("ticket_id,event,at,customer_id,channel,priority\n");
        var start = new LocalDate(2025, 10, 1);
        for (int i = 0; i < 420; i++)
        {
            int channel = random.Pick([0.5, 0.3, 0.2]);
            string priority = random.NextDouble() < 0.2 ? "high" : "normal";
            var day = start.PlusDays(random.NextInt(61));
            bool weekend = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            if (weekend && random.NextDouble() < 0.6)
            {
                day = day.PlusDays(day.DayOfWeek == IsoDayOfWeek.Saturday ? 2 : 1); // fewer tickets at weekends
            }

            var created = day.At(new LocalTime(7, 0)).PlusMinutes(random.NextInt(15 * 60)).InZoneLeniently(Zone).ToInstant();
            var events = Ticket(random, channel, created);
            if (created > ExportedAt)
            {
                continue; // not created yet when the log was exported
            }

            string id = $"HD{i + 1:D4}";
            text.Append(CultureInfo.InvariantCulture, $"{id},created,{Utc.Format(created)},cust-{random.NextInt(300) + 1:D3},{Channels[channel]},{priority}\n");
            foreach (var (name, at) in events)
            {
                if (at > ExportedAt)
                {
                    break;
                }

                text.Append(CultureInfo.InvariantCulture, $"{id},{name},{Utc.Format(at)},,,\n");
            }
        }

        return text.ToString();
    }

    /// <summary>One ticket's events after its creation, in time order (messages before status changes at one instant).</summary>
    private static List<(string Event, Instant At)> Ticket(SplitMix64 random, int channel, Instant created)
    {
        var events = new List<(string, Instant)>();
        double speed = ReplyMinutes[channel];
        if (random.NextDouble() < 0.05)
        {
            // spam, a duplicate, a thank-you: solved without any public reply
            events.Add(("solved", Agent(random, created, 30)));
            return events;
        }

        var t = Agent(random, created, speed);
        events.Add(("reply", t));
        int rounds = random.Pick([0.45, 0.35, 0.2]);
        for (int r = 0; r < rounds; r++)
        {
            if (random.NextDouble() < 0.15)
            {
                events.Add(("internal_note", t + Duration.FromMinutes(1)));
            }

            if (random.NextDouble() < 0.12)
            {
                // waiting for a carrier or a supplier
                events.Add(("on_hold", t));
                t += Duration.FromMinutes(Exponential(random, 26 * 60));
                events.Add(("open", t));
                t = Agent(random, t, speed);
                events.Add(("reply", t));
                continue;
            }

            bool asks = random.NextDouble() < 0.7;
            if (asks)
            {
                events.Add(("pending", t));
            }

            t += Duration.FromMinutes(5 + Exponential(random, 18 * 60));
            events.Add(("customer_message", t));
            if (asks)
            {
                events.Add(("open", t));
            }

            t = Agent(random, t, speed * (random.NextDouble() < 0.1 ? 6 : 1)); // now and then an answer is slow
            events.Add(("reply", t));
        }

        t = Agent(random, t, 20);
        events.Add(("solved", t));
        if (random.NextDouble() < 0.09)
        {
            t += Duration.FromMinutes(30 + Exponential(random, 40 * 60));
            events.Add(("customer_message", t));
            events.Add(("reopened", t));
            t = Agent(random, t, speed);
            events.Add(("reply", t));
            events.Add(("solved", t));
        }

        events.Add(("closed", t + Duration.FromDays(4)));
        return [.. events.OrderBy(e => e.Item2)]; // stable: at one instant, the order written above

    }

    /// <summary>An agent's action about <paramref name="meanMinutes"/> of working time after <paramref name="from"/> (weekdays 08:00–18:00 in Berlin).</summary>
    private static Instant Agent(SplitMix64 random, Instant from, double meanMinutes)
    {
        long left = 1 + Exponential(random, meanMinutes);
        var local = from.InZone(Zone).LocalDateTime;
        while (true)
        {
            var date = local.Date;
            var open = date.At(new LocalTime(8, 0));
            var close = date.At(new LocalTime(18, 0));
            bool workday = date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
            if (workday && local < close)
            {
                var begin = local < open ? open : local;
                long available = Period.Between(begin, close, PeriodUnits.Minutes).Minutes;
                if (left <= available)
                {
                    return begin.PlusMinutes(left).InZoneLeniently(Zone).ToInstant();
                }

                left -= available;
            }

            local = date.PlusDays(1).At(LocalTime.Midnight);
        }
    }

    private static long Exponential(SplitMix64 random, double mean) => (long)Math.Round(-mean * Math.Log(1 - random.NextDouble()));
}

using System.Text.Json;
using CxMetrics.Cli.Commands;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>The support fold: tickets settled at their own last event are folded at once, open ones are kept and judged at the end, and the tallies equal those of the whole list.</summary>
public sealed class SupportFoldTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 3, 8, 0);

    internal static SupportTicket[] Tickets()
    {
        var random = new Random(5);
        var tickets = new List<SupportTicket>();
        for (int i = 0; i < 400; i++)
        {
            var created = T0 + Duration.FromMinutes(random.Next(0, 60 * 24 * 30));
            int kind = random.Next(5);
            var reply = created + Duration.FromMinutes(random.Next(1, 600));
            var solved = reply + Duration.FromMinutes(random.Next(1, 6000));
            Instant[] replies = kind == 0 ? [] : [reply];
            TicketStatusChange[] changes = kind switch
            {
                1 => [], // answered, still open
                2 => [new(solved, TicketStatus.Solved), new(solved + Duration.FromHours(2), TicketStatus.Reopened)],
                _ => [new(solved, TicketStatus.Solved)],
            };
            Interval[] work = kind == 4 ? [new Interval(created, created + Duration.FromMinutes(30))] : [];
            tickets.Add(SupportTicket.Create($"t{i}", $"c{i % 50}", i % 3 == 0 ? "chat" : "email", created, replies, changes, work, priority: i % 4 == 0 ? null : "high"));
        }

        return [.. tickets];
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public void Without_as_of_open_tickets_are_judged_at_the_latest_instant_and_the_tallies_equal_those_of_the_list()
    {
        var tickets = Tickets();
        var calendar = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        var fold = new SupportFold(calendar, null, t => t.Priority);
        foreach (var t in tickets)
        {
            fold.Add(t);
        }

        var asOf = tickets.Max(SupportFold.LatestOf);
        Assert.Equal(asOf, fold.AsOf);
        var times = SupportTimes.Of(tickets, calendar, asOf);
        Assert.Contains(times, t => t.IsResolutionPending);
        Assert.Equal(Json(SupportMetrics.Of(times)), Json(SupportMetrics.From(fold.Total())));
        foreach (var (measure, basis) in Enum.GetValues<SupportMeasure>().SelectMany(m => new[] { (m, TimeBasis.Business), (m, TimeBasis.Calendar) }))
        {
            Assert.Equal(SupportTally.Of(times).Hours(measure, basis), fold.Total().Hours(measure, basis));
        }

        Assert.Equal(Json(SupportMetrics.By(times, t => t.Ticket.Priority)), Json(SupportMetrics.By(fold.ByKey())));
    }

    [Fact]
    public void With_as_of_later_tickets_are_left_out_and_the_others_judged_then()
    {
        var asOf = T0 + Duration.FromDays(12);
        SupportTicket[] tickets = [.. Tickets(), SupportTicket.Create("late", "c1", "fax", asOf + Duration.FromHours(1))];
        var calendar = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        var fold = new SupportFold(calendar, asOf, t => t.Channel);
        foreach (var t in tickets)
        {
            fold.Add(t);
        }

        var existing = tickets.Where(t => t.CreatedAt <= asOf).ToList();
        Assert.Equal(tickets.Length - existing.Count, fold.Later);
        Assert.True(fold.Later > 0);
        Assert.DoesNotContain("fax", fold.ByKey().Select(p => p.Key)); // a key seen only on later tickets has no cell, as when the list was filtered first
        Assert.Equal(Json(SupportMetrics.Of(SupportTimes.Of(existing, calendar, asOf))), Json(SupportMetrics.From(fold.Total())));
    }
}

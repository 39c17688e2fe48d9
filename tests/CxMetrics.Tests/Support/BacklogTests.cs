using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class BacklogTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly PeriodGrid Days = new(Berlin, PeriodUnit.Day);

    private static Instant Local(int m, int d, int h, int min = 0) => new LocalDateTime(2024, m, d, h, min).InZoneStrictly(Berlin).ToInstant();

    private static CalendarPeriod Day(int m, int d) => Days.Containing(new LocalDate(2024, m, d));

    [Fact]
    public void Backlog_on_the_day_the_clocks_go_forward_is_counted_at_local_midnight_with_real_ages()
    {
        // Berlin skips 02:00–03:00 on Sunday 31 March 2024, so that day lasts 23 hours.
        SupportTicket[] tickets =
        [
            SupportTicket.Create("a", "c", "email", Local(3, 30, 22), statusChanges: [new(Local(3, 31, 12), TicketStatus.Solved)]),
            SupportTicket.Create("b", "c", "email", Local(3, 31, 1, 30)),
            SupportTicket.Create("c", "c", "chat", Local(3, 31, 23, 30), statusChanges: [new(Local(4, 1, 0, 30), TicketStatus.Solved)]),
        ];
        var staffing = new Dictionary<CalendarPeriod, double> { [Day(3, 31)] = 8 };
        var r = Backlog.Of(tickets, staffing, Local(4, 2, 12), Days, Day(3, 30), Day(4, 1));

        Assert.Equal(Instant.FromUtc(2024, 3, 31, 22, 0), r.Cells[1].CountedAt);
        Assert.Equal(Duration.FromHours(23), r.Cells[1].CountedAt - r.Cells[0].CountedAt);
        Assert.Equal((1L, 0L, 1L), (r.Cells[0].Created, r.Cells[0].Solved, r.Cells[0].Open));
        Assert.Equal((2L, 1L, 2L), (r.Cells[1].Created, r.Cells[1].Solved, r.Cells[1].Open));
        Assert.Equal((0L, 1L, 1L), (r.Cells[2].Created, r.Cells[2].Solved, r.Cells[2].Open));
        // b is 21.5 h old at the end of the short day (22.5 h on the wall clock), 45.5 h a day later.
        Assert.Equal([2L, 0, 0, 0, 0, 0], r.Cells[1].OpenByAge);
        Assert.Equal([0L, 1, 0, 0, 0, 0], r.Cells[2].OpenByAge);
        Assert.Equal(0.25, r.Cells[1].LoadPerAgentHour!.Value!.Value, 12);
        Assert.Null(r.Cells[0].LoadPerAgentHour);
        Assert.True(r.Cells.All(c => c.IsComplete));
    }

    [Fact]
    public void The_period_running_at_as_of_is_counted_at_as_of()
    {
        var r = Backlog.Of([SupportTicket.Create("a", "c", "email", Local(4, 1, 9))], null, Local(4, 1, 15), Days, Day(4, 1), Day(4, 1));
        Assert.Equal(Local(4, 1, 15), r.Cells[0].CountedAt);
        Assert.False(r.Cells[0].IsComplete);
        Assert.Equal(1, r.Cells[0].Open);
    }

    [Fact]
    public void A_range_starting_after_as_of_is_refused_naming_the_last_period()
    {
        var e = Assert.Throws<ArgumentException>(() => new BacklogTally(Local(4, 1, 15), Days, Day(4, 1), Day(4, 3)));
        Assert.Equal("last", e.ParamName);
    }

    [Property(MaxTest = 60)]
    public Property Open_counts_match_a_brute_force_count_flow_adds_up_and_shards_merge_to_the_whole() =>
        Prop.ForAll(SupportGen.HelpdeskTickets.Zip(Gen.Choose(0, 2)).ArrayOf().Select(a => a.Take(12).ToArray()).ToArbitrary(), Gen.Elements(PeriodUnit.Day, PeriodUnit.Week).ToArbitrary(), (rows, unit) =>
        {
            var grid = new PeriodGrid(Berlin, unit);
            var asOf = Instant.FromUtc(2024, 11, 20, 7, 30);
            var first = grid.Containing(Instant.FromUtc(2023, 12, 20, 0, 0));
            var last = grid.Containing(asOf);
            var tickets = rows.Select(r => (r.Item1.Ticket, r.Item2)).ToArray();
            var whole = new BacklogTally(asOf, grid, first, last);
            whole.AddRange(tickets.Select(t => t.Ticket));
            var merged = new BacklogTally(asOf, grid, first, last);
            foreach (int s in new[] { 2, 1, 0 })
            {
                var shard = new BacklogTally(asOf, grid, first, last);
                shard.AddRange(tickets.Where(t => t.Item2 == s).Select(t => t.Ticket));
                merged.Merge(shard);
            }

            var a = Backlog.From(whole).Cells;
            var b = Backlog.From(merged).Cells;
            bool same = a.Select(c => c + string.Join(",", c.OpenByAge)).SequenceEqual(b.Select(c => c + string.Join(",", c.OpenByAge)));

            bool brute = true, flow = true, bands = true;
            for (int p = 0; p < a.Count; p++)
            {
                var e = a[p].CountedAt;
                long open = tickets.Count(t => IsOpen(t.Ticket, e));
                brute &= open == a[p].Open;
                bands &= a[p].OpenByAge.Sum() == a[p].Open;
                if (p > 0)
                {
                    flow &= a[p].Open == a[p - 1].Open + a[p].Created + a[p].Reopened - a[p].Solved;
                }
            }

            return (same && brute && flow && bands).Label($"same {same}, brute {brute}, flow {flow}, bands {bands}");
        });

    /// <summary>Open at e: created before e, and the last solve / reopen before e was not a solve.</summary>
    private static bool IsOpen(SupportTicket ticket, Instant e)
    {
        if (ticket.CreatedAt >= e)
        {
            return false;
        }

        bool solved = false;
        foreach (var c in ticket.StatusChanges.Where(c => c.At < e))
        {
            solved = c.Status switch
            {
                TicketStatus.Solved or TicketStatus.Closed => true,
                TicketStatus.Reopened => false,
                _ => solved,
            };
        }

        return !solved;
    }
}

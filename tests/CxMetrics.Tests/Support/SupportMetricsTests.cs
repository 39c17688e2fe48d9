using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SupportMetricsTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2024, 3, 8, 0, 0);
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));

    private static TicketTimes Ticket(string id, string channel, int createdHour, int? repliedHour, string? priority = null, string? group = null) =>
        SupportTimes.Of(
            SupportTicket.Create(id, "c", channel, Instant.FromUtc(2024, 3, 4, createdHour, 0),
                replies: repliedHour is { } r ? [Instant.FromUtc(2024, 3, 4, r, 0)] : null, priority: priority, agentGroup: group),
            Office, AsOf);

    [Fact]
    public void Summary_separates_answered_and_pending_tickets()
    {
        var result = SupportMetrics.Of([Ticket("a", "chat", 9, 10), Ticket("b", "chat", 9, 12), Ticket("c", "chat", 9, null)]);
        Assert.Equal(3, result.Tickets);
        Assert.Equal(2, result.FirstResponse.Count);
        Assert.Equal(2, result.FirstResponse.Median);
        Assert.Equal(1, result.ResponsePending);
        Assert.Equal(1, result.ResponsePendingFor.Count);

        // Created Monday 09:00, as of Friday 00:00: four full days = 32 business hours so far.
        Assert.Equal(32, result.ResponsePendingFor.Max);
        Assert.Equal(3, result.ResolutionPending);
        Assert.Null(result.ReopenRate.Value);
        Assert.Equal(TimeBasis.Business, result.Basis);
    }

    [Fact]
    public void Calendar_basis_reports_wall_clock_hours()
    {
        var result = SupportMetrics.Of([Ticket("a", "chat", 16, 20)], new SupportOptions { Basis = TimeBasis.Calendar });
        Assert.Equal(4, result.FirstResponse.Median);
        Assert.Equal(1, SupportMetrics.Of([Ticket("a", "chat", 16, 20)]).FirstResponse.Median);
    }

    [Fact]
    public void Breakdowns_by_channel_priority_and_agent_group()
    {
        TicketTimes[] data = [Ticket("a", "chat", 9, 10, "high", "t1"), Ticket("b", "email", 9, 15, "low", "t2"), Ticket("c", "email", 9, 13, "high", "t2")];
        var byChannel = SupportMetrics.By(data, t => t.Ticket.Channel);
        Assert.Equal(["chat", "email"], byChannel.Select(c => c.Key));
        Assert.Equal(5, byChannel[1].Result.FirstResponse.Median);
        Assert.True(byChannel[0].IsSmallCell);
        var byPriority = SupportMetrics.By(data, t => t.Ticket.Priority);
        Assert.Equal(2, byPriority.Single(c => c.Key == "high").Count);
        var byGroup = SupportMetrics.By(data, t => t.Ticket.AgentGroup);
        Assert.Equal(1, byGroup.Single(c => c.Key == "t1").Result.FirstResponse.Median);
    }

    [Fact]
    public void Breakdown_by_day_includes_empty_days_and_changes()
    {
        var late = SupportTimes.Of(SupportTicket.Create("z", "c", "chat", Instant.FromUtc(2024, 3, 6, 9, 0), replies: [Instant.FromUtc(2024, 3, 6, 13, 0)]), Office, AsOf);
        var cells = SupportMetrics.ByPeriod([Ticket("a", "chat", 9, 10), late], new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day));
        Assert.Equal(3, cells.Count);
        Assert.Equal(0, cells[1].Count);
        Assert.Null(cells[1].Result.FirstResponse.Median);
        Assert.Null(cells[2].ChangeFromPrevious!.FirstResponseMedian);
        var weekly = SupportMetrics.ByPeriod([Ticket("a", "chat", 9, 10), late], new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week));
        Assert.Single(weekly);
        Assert.Equal(2.5, weekly[0].Result.FirstResponse.Median);
    }

    [Property(MaxTest = 100)]
    public Property Merged_tally_summarises_like_the_whole() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (times, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(times, seed);
            var merged = SupportTally.Of(left);
            merged.Merge(SupportTally.Of(right));
            var whole = SupportMetrics.From(SupportTally.Of(times));
            var fromMerged = SupportMetrics.From(merged);
            return Json(whole) == Json(fromMerged);
        });

    [Property(MaxTest = 100)]
    public Property Cells_from_tallies_split_in_shards_equal_the_cells_of_the_times() =>
        Prop.ForAll(SupportGen.TicketTimes.ArrayOf().ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (times, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(times, seed);
            var tallies = left.Concat(right).Select((t, i) => (t, i)).GroupBy(x => (x.t.Ticket.Priority, Half: x.i < left.Length))
                .Select(g => new KeyValuePair<string?, SupportTally>(g.Key.Priority, SupportTally.Of(g.Select(x => x.t))));
            var fromTallies = SupportMetrics.By(tallies);
            var direct = SupportMetrics.By(times, t => t.Ticket.Priority);
            return fromTallies.Count == direct.Count
                && fromTallies.Zip(direct).All(p => p.First.Key == p.Second.Key && p.First.Count == p.Second.Count && p.First.IsSmallCell == p.Second.IsSmallCell
                    && p.First.Result.FirstResponse.Median == p.Second.Result.FirstResponse.Median && p.First.Result.Tickets == p.Second.Result.Tickets
                    && p.First.Result.ResolutionPending == p.Second.Result.ResolutionPending);
        });

    private static string Json(SupportResult r) => System.Text.Json.JsonSerializer.Serialize(r);

    [Fact]
    public void Tickets_closed_without_reply_are_counted_apart_from_answered_and_pending_on_every_path()
    {
        var silent = SupportTimes.Of(
            SupportTicket.Create("s", "c", "chat", Instant.FromUtc(2024, 3, 4, 9, 0), statusChanges: [new(Instant.FromUtc(2024, 3, 4, 11, 0), TicketStatus.Solved)]),
            Office, AsOf);
        TicketTimes[] times = [Ticket("a", "chat", 9, 10), Ticket("c", "chat", 9, null), silent];
        var result = SupportMetrics.Of(times);
        Assert.Equal(3, result.Tickets);
        Assert.Equal(1, result.FirstResponse.Count);
        Assert.Equal(1, result.ResponsePending);
        Assert.Equal(1, result.ResponsePendingFor.Count);
        Assert.Equal(1, result.ClosedWithoutReply);
        Assert.Equal(2, result.ClosedWithoutReplyAfter!.Median);
        Assert.Contains("| closed without reply | 1 |", result.ToReport().ToMarkdown(), StringComparison.Ordinal);

        Assert.Equal(1, SupportMetrics.OfParallel(times, null, 2, 1).ClosedWithoutReply);
        var tally = SupportTally.Of(times);
        Assert.Equal(1, tally.ClosedWithoutReply);
        Assert.Equal(1, CxMetrics.Portable.TallyFormat.FromBytes<SupportTally>(CxMetrics.Portable.TallyFormat.ToBytes(tally)).ClosedWithoutReply);
        Assert.Equal(1, CxMetrics.Portable.TallyFormat.FromJson<SupportTally>(CxMetrics.Portable.TallyFormat.ToJson(tally)).ClosedWithoutReply);
    }
    [Fact]
    public void Tally_rejects_a_negative_duration_at_Add_and_adds_nothing()
    {
        var valid = Ticket("a", "chat", 9, 10);
        var tally = SupportTally.Of([valid]);
        var negative = valid with { FirstResponse = new ElapsedTime(Duration.FromHours(1), Duration.FromHours(-2)) };
        var error = Assert.Throws<ArgumentOutOfRangeException>("times", () => tally.Add(negative));
        Assert.Contains("ticket 'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Business", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tally.Tickets);
        Assert.Equal(SupportMetrics.From(SupportTally.Of([valid])).FirstResponse.Count, SupportMetrics.From(tally).FirstResponse.Count);
        Assert.Throws<ArgumentOutOfRangeException>("times", () => SupportTally.Of([valid, valid with { FullResolution = new ElapsedTime(Duration.FromHours(-1), Duration.Zero) }]));
    }
}

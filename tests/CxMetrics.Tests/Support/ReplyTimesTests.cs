using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class ReplyTimesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0));

    private static Instant At(int d, int h, int min = 0) => new LocalDateTime(2024, 4, d, h, min).InZoneStrictly(Berlin).ToInstant();

    private static ElapsedTime Hours(double calendar, double business) => new(Duration.FromMinutes(calendar * 60), Duration.FromMinutes(business * 60));

    private static SlaCell Cell(TicketTimes times, SlaMetric metric, double hours) =>
        Assert.Single(Sla.Of([times], [new SlaTarget { Metric = metric, Target = Duration.FromMinutes(hours * 60) }]));

    // Mon 8 Apr 09:00 the customer writes (the ticket); 10:00 first public reply; 16:00 the customer's second message;
    // Tue 09:45 an internal note (answers nobody); 11:00 public reply; Wed 14:00 the third customer message, unanswered
    // at Wed 16:30.
    private static TicketTimes ThreeCustomerMessages() => SupportTimes.Of(SupportTicket.Create("t-next", "c", "email", At(8, 9), messages:
    [
        new(At(8, 9), MessageAuthor.Customer), new(At(8, 10), MessageAuthor.Agent), new(At(8, 16), MessageAuthor.Customer),
        new(At(9, 9, 45), MessageAuthor.Agent, IsPublic: false), new(At(9, 11), MessageAuthor.Agent), new(At(10, 14), MessageAuthor.Customer),
    ]), Office, At(10, 16, 30));

    [Fact]
    public void Next_reply_on_a_ticket_with_three_customer_messages_judges_the_two_after_the_first()
    {
        var times = ThreeCustomerMessages();
        var r = times.ReplyTimes!;
        Assert.Equal(Hours(1, 1), times.FirstResponse); // the first message is first reply time's
        // Mon 16:00 → Tue 11:00: Mon 16–17 and Tue 9–11 open; 19 wall-clock hours.
        Assert.Equal([Hours(19, 3)], r.NextReplies);
        Assert.Equal(Hours(2.5, 2.5), r.NextReplyPendingFor);
        Assert.Equal(0, r.NextRepliesEndedBySolve);
        Assert.Equal(2, r.PublicAgentMessages);
        Assert.Equal([At(8, 10), At(9, 11)], times.Ticket.Replies); // replies derived from the public agent messages

        var within4 = Cell(times, SlaMetric.NextReply, 4);
        Assert.Equal((1, 0, 0, 1), (within4.Met, within4.Breached, within4.PendingBreached, within4.PendingWithinTarget));
        var within2 = Cell(times, SlaMetric.NextReply, 2);
        Assert.Equal((0, 1, 1, 0), (within2.Met, within2.Breached, within2.PendingBreached, within2.PendingWithinTarget));
    }

    [Fact]
    public void A_periodic_update_breach_is_not_a_pausable_update_breach_when_the_gap_was_pending()
    {
        // Mon 10:00 reply and set pending; the customer answers Tue 15:00 (open); the next update Wed 10:00, solved with it.
        var ticket = SupportTicket.Create("t-periodic", "c", "email", At(8, 9),
            statusChanges: [new(At(8, 10), TicketStatus.Pending), new(At(9, 15), TicketStatus.Open), new(At(10, 10), TicketStatus.Solved)],
            messages: [new(At(8, 9), MessageAuthor.Customer), new(At(8, 10), MessageAuthor.Agent), new(At(9, 15), MessageAuthor.Customer), new(At(10, 10), MessageAuthor.Agent)]);
        var times = SupportTimes.Of(ticket, Office, At(12, 0));
        var r = times.ReplyTimes!;
        // Mon 10:00 → Wed 10:00 is 16 business hours; 13 of them pending (Mon 10–17, Tue 9–15).
        Assert.Equal(Hours(48, 16), r.LongestUpdateGap);
        Assert.Equal(Hours(48 - 29, 3), r.LongestPausableUpdateGap);
        Assert.Null(r.UpdateGapPendingFor);

        var periodic = Cell(times, SlaMetric.PeriodicUpdate, 8);
        Assert.Equal((0, 1), (periodic.Met, periodic.Breached));
        var pausable = Cell(times, SlaMetric.PausableUpdate, 8);
        Assert.Equal((1, 0), (pausable.Met, pausable.Breached));
        // The customer's Tue message was answered by Wed's reply (Tue 15:00 → Wed 10:00 = 3 business hours).
        Assert.Equal([Hours(19, 3)], r.NextReplies);
    }

    [Fact]
    public void A_customer_message_left_unanswered_by_a_solve_is_counted_apart_never_as_pending()
    {
        var ticket = SupportTicket.Create("t-solved", "c", "chat", At(8, 9), statusChanges: [new(At(8, 12), TicketStatus.Solved)],
            messages: [new(At(8, 9), MessageAuthor.Customer), new(At(8, 10), MessageAuthor.Agent), new(At(8, 11), MessageAuthor.Customer)]);
        var times = SupportTimes.Of(ticket, Office, At(9, 12));
        Assert.Equal(1, times.ReplyTimes!.NextRepliesEndedBySolve);
        Assert.Null(times.ReplyTimes.NextReplyPendingFor);
        var cell = Cell(times, SlaMetric.NextReply, 1);
        Assert.Equal((0L, 0L, 0L, 1L), (cell.Met + cell.Breached, cell.PendingBreached, cell.PendingWithinTarget, cell.ClosedWithoutReply));
    }

    [Fact]
    public void Agent_work_and_requester_wait_targets_leave_paused_time_out()
    {
        var ticket = SupportTicket.Create("t-aw", "c", "email", At(8, 9),
            statusChanges: [new(At(8, 10), TicketStatus.Pending), new(At(9, 16), TicketStatus.Open), new(At(9, 17), TicketStatus.OnHold), new(At(10, 12), TicketStatus.Solved)]);
        var times = SupportTimes.Of(ticket, Office, At(12, 0));
        // Agent work Mon 9–10, Tue 16–17 = 2 h; on hold Tue 17:00 → Wed 12:00 = 3 business hours.
        Assert.Equal(1, Cell(times, SlaMetric.AgentWork, 2).Met);
        Assert.Equal(1, Cell(times, SlaMetric.RequesterWait, 4).Breached);
        Assert.Equal(1, Cell(times, SlaMetric.RequesterWait, 5).Met);
    }

    [Fact]
    public void Messages_out_of_order_are_refused_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => SupportTicket.Create("t-m", "c", "chat", At(8, 9), messages: [new(At(8, 11), MessageAuthor.Customer), new(At(8, 10), MessageAuthor.Agent)]));
        Assert.Equal("messages", e.ParamName);
        Assert.Contains("t-m", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Pausable_gaps_never_exceed_periodic_gaps_and_every_customer_run_is_judged_once() =>
        Prop.ForAll(SupportGen.HelpdeskTickets.ToArbitrary(), x =>
        {
            var (ticket, calendar, asOf) = x;
            var r = SupportTimes.Of(ticket, calendar, asOf).ReplyTimes!;
            static bool AtMost(ElapsedTime? a, ElapsedTime? b) => a is null == b is null && (a is not { } p || (p.Calendar <= b!.Value.Calendar && p.Business <= b.Value.Business && p.Business >= Duration.Zero));
            bool pausable = AtMost(r.LongestPausableUpdateGap, r.LongestUpdateGap) && AtMost(r.PausableUpdateGapPendingFor, r.UpdateGapPendingFor);

            // Independent count of customer runs: a public customer message after the first public agent message opens a
            // run unless one is open; a public agent message or a solve closes it.
            int runs = 0;
            bool replied = false, open = false;
            var events = ticket.Messages.Where(m => m.At <= asOf && m.IsPublic).Select(m => (m.At, Order: 0, Customer: m.Author == MessageAuthor.Customer, Solve: false))
                .Concat(ticket.StatusChanges.Where(c => c.At <= asOf).Select(c => (c.At, Order: 1, Customer: false, Solve: c.Status is TicketStatus.Solved or TicketStatus.Closed)))
                .OrderBy(e => e.At).ThenBy(e => e.Order);
            foreach (var e in events)
            {
                if (e.Order == 0 && e.Customer && replied && !open)
                {
                    open = true;
                    runs++;
                }
                else if ((e.Order == 0 && !e.Customer) || e.Solve)
                {
                    replied |= e.Order == 0;
                    open = false;
                }
            }

            int judged = r.NextReplies.Count + (r.NextReplyPendingFor is null ? 0 : 1) + r.NextRepliesEndedBySolve;
            return (pausable && judged == runs).Label($"{r}: {judged} judged of {runs} runs");
        });

    [Property(MaxTest = 60)]
    public Property Merged_shards_of_every_metric_give_the_cells_of_the_whole() =>
        Prop.ForAll(SupportGen.HelpdeskTickets.Zip(Gen.Choose(0, 2)).ArrayOf().Select(a => a.Take(10).ToArray()).ToArbitrary(), rows =>
        {
            SlaTarget[] targets = [.. Enum.GetValues<SlaMetric>().Select(m => new SlaTarget { Metric = m, Target = Duration.FromHours(6) })];
            var times = rows.Select(r => (SupportTimes.Of(r.Item1.Ticket, r.Item1.Calendar, r.Item1.AsOf), r.Item2)).ToArray();
            var merged = new SlaTally(targets);
            foreach (int s in new[] { 2, 0, 1 })
            {
                var shard = new SlaTally(targets);
                shard.AddRange(times.Where(t => t.Item2 == s).Select(t => t.Item1));
                merged.Merge(shard);
            }

            var whole = Sla.Of(times.Select(t => t.Item1), targets);
            string a = string.Join(";", Sla.From(merged)), b = string.Join(";", whole);
            return (a == b && merged.Tickets == rows.Length).Label($"{a} vs {b}");
        });
}

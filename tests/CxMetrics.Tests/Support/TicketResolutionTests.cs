using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class TicketResolutionTests
{
    private static readonly BusinessCalendar Always = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
    private static readonly Instant T0 = Instant.FromUtc(2024, 5, 6, 9, 0);

    private static Instant H(int hours) => T0 + Duration.FromHours(hours);

    private static TicketTimes Ticket(string id, string channel, Instant[] replies, params (int Hours, TicketStatus Status)[] changes) =>
        SupportTimes.Of(SupportTicket.Create(id, "c", channel, T0, replies, changes.Select(c => new TicketStatusChange(H(c.Hours), c.Status))), Always, H(100));

    private static TicketTimes[] Five() =>
    [
        Ticket("one", "email", [H(1)], (2, TicketStatus.Solved)),                                                          // one-touch, first contact
        Ticket("reopened", "email", [H(1)], (2, TicketStatus.Solved), (3, TicketStatus.Reopened), (4, TicketStatus.Solved)), // one-touch, reopened
        Ticket("two", "chat", [H(1), H(2)], (3, TicketStatus.Solved)),                                                     // two-touch
        Ticket("silent", "chat", [], (1, TicketStatus.Solved)),                                                            // solved without reply
        Ticket("open", "chat", [H(1)]),                                                                                    // not solved
    ];

    [Fact]
    public void Touch_rates_leave_tickets_solved_without_reply_apart()
    {
        var r = TicketResolution.Of(Five());
        Assert.Equal((5L, 4L), (r.Tickets, r.Solved));
        Assert.Equal((1L, 4L), (r.SolvedWithoutReply.Successes, r.SolvedWithoutReply.Count));
        Assert.Equal((2L, 3L), (r.OneTouch.Successes, r.OneTouch.Count));
        Assert.Equal((1L, 3L), (r.TwoTouch.Successes, r.TwoTouch.Count));
        Assert.Equal((1L, 3L), (r.FirstContactResolution.Successes, r.FirstContactResolution.Count));
        Assert.Equal((1L, 4L), (r.ReopenRate.Successes, r.ReopenRate.Count));
        Assert.Equal(4.0 / 3, r.RepliesPerTicket.Value!.Value, 12);
        Assert.Equal(CxMetrics.Statistics.ProportionIntervalMethod.Wilson, r.OneTouch.Method);
    }

    [Fact]
    public void First_contact_resolution_by_channel()
    {
        var cells = TicketResolution.By(Five(), t => t.Ticket.Channel);
        Assert.Equal(["chat", "email"], cells.Select(c => c.Key));
        Assert.Equal((0L, 1L), (cells[0].Result.FirstContactResolution.Successes, cells[0].Result.FirstContactResolution.Count));
        Assert.Equal((1L, 2L), (cells[1].Result.FirstContactResolution.Successes, cells[1].Result.FirstContactResolution.Count));
    }

    [Fact]
    public void Inconsistent_counts_are_refused_naming_the_count()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TicketResolutionTally.FromCounts(10, 8, 1, 5, 3, 1, 8, 0, 20));
        Assert.Equal("oneTouch", e.ParamName);
        Assert.Equal("firstContact", Assert.Throws<ArgumentOutOfRangeException>(() => TicketResolutionTally.FromCounts(10, 8, 1, 2, 1, 3, 8, 0, 20)).ParamName);
    }

    [Property(MaxTest = 100)]
    public Property Merged_shards_give_the_result_of_the_whole_and_rates_are_shares() =>
        Prop.ForAll(SupportGen.HelpdeskTickets.Zip(Gen.Choose(0, 2)).ArrayOf().Select(a => a.Take(15).ToArray()).ToArbitrary(), rows =>
        {
            var times = rows.Select(r => (Times: SupportTimes.Of(r.Item1.Ticket, r.Item1.Calendar, r.Item1.AsOf), Shard: r.Item2)).ToArray();
            var merged = new TicketResolutionTally();
            foreach (int s in new[] { 1, 2, 0 })
            {
                merged.Merge(TicketResolutionTally.Of(times.Where(t => t.Shard == s).Select(t => t.Times)));
            }

            var whole = TicketResolutionTally.Of(times.Select(t => t.Times));
            var a = TicketResolution.From(merged);
            var b = TicketResolution.From(whole);
            bool bounds = whole.OneTouch + whole.TwoTouch <= whole.SolvedWithReply && whole.FirstContact <= whole.OneTouch && whole.Solved <= whole.SolvedOnce
                && whole.Replies >= whole.SolvedWithReply;
            var again = TicketResolutionTally.FromCounts(whole.Tickets, whole.Solved, whole.SolvedWithoutReply, whole.OneTouch, whole.TwoTouch, whole.FirstContact, whole.SolvedOnce, whole.Reopened, whole.Replies);
            return (a == b && bounds && TicketResolution.From(again) == b).Label($"{a} vs {b}");
        });
}

using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SupportTimesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0), [new LocalDate(2024, 4, 1)]);

    private static Instant At(int m, int d, int h, int min = 0) => new LocalDateTime(2024, m, d, h, min).InZoneStrictly(Berlin).ToInstant();

    [Fact]
    public void Berlin_easter_reference_first_response_is_2_5_business_and_89_5_calendar_hours()
    {
        var ticket = SupportTicket.Create("t-easter", "c-1", "email", At(3, 29, 16), replies: [At(4, 2, 10, 30)]);
        var times = SupportTimes.Of(ticket, Office, At(4, 10, 0));
        Assert.Equal(Duration.FromMinutes(150), times.FirstResponse!.Value.Business);
        Assert.Equal(Duration.FromMinutes(89 * 60 + 30), times.FirstResponse!.Value.Calendar);
        Assert.Null(times.ResponsePendingFor);
        Assert.False(times.IsResponsePending);
    }

    [Fact]
    public void A_ticket_without_reply_is_pending_with_its_time_so_far_not_zero()
    {
        var ticket = SupportTicket.Create("t-2", "c", "chat", At(3, 27, 10));
        var times = SupportTimes.Of(ticket, Office, At(3, 27, 15));
        Assert.Null(times.FirstResponse);
        Assert.True(times.IsResponsePending);
        Assert.Equal(Duration.FromHours(5), times.ResponsePendingFor!.Value.Business);
        Assert.True(times.IsResolutionPending);
        Assert.Equal(Duration.FromHours(5), times.ResolutionPendingFor!.Value.Calendar);
    }

    [Fact]
    public void Events_after_as_of_have_not_happened_yet()
    {
        var ticket = SupportTicket.Create("t-3", "c", "chat", At(3, 27, 10), replies: [At(3, 27, 16)], statusChanges: [new(At(3, 27, 16, 30), TicketStatus.Solved)]);
        var times = SupportTimes.Of(ticket, Office, At(3, 27, 12));
        Assert.True(times.IsResponsePending);
        Assert.True(times.IsResolutionPending);
        Assert.Null(times.FirstResolution);
    }

    [Fact]
    public void A_zero_length_response_is_zero_not_pending()
    {
        var created = At(3, 27, 10);
        var times = SupportTimes.Of(SupportTicket.Create("t-4", "c", "chat", created, replies: [created]), Office, created);
        Assert.Equal(ElapsedTime.Zero, times.FirstResponse);
    }

    [Fact]
    public void Reopens_lengthen_full_resolution_but_not_first_resolution()
    {
        var ticket = SupportTicket.Create("t-5", "c", "email", At(3, 25, 9),
            replies: [At(3, 25, 10)],
            statusChanges: [new(At(3, 25, 11), TicketStatus.Solved), new(At(3, 26, 9), TicketStatus.Reopened), new(At(3, 26, 12), TicketStatus.Solved), new(At(3, 28, 9), TicketStatus.Closed)]);
        var times = SupportTimes.Of(ticket, Office, At(4, 5, 0));
        Assert.Equal(Duration.FromHours(2), times.FirstResolution!.Value.Business);
        Assert.Equal(Duration.FromHours(8 + 3), times.FullResolution!.Value.Business);
        Assert.Equal(Duration.FromHours(27), times.FullResolution!.Value.Calendar);
        Assert.Equal(1, times.Reopens);
    }

    [Fact]
    public void A_reopened_ticket_not_solved_again_is_pending_resolution()
    {
        var ticket = SupportTicket.Create("t-6", "c", "email", At(3, 25, 9),
            statusChanges: [new(At(3, 25, 11), TicketStatus.Solved), new(At(3, 26, 9), TicketStatus.Reopened)]);
        var times = SupportTimes.Of(ticket, Office, At(3, 26, 10));
        Assert.NotNull(times.FirstResolution);
        Assert.Null(times.FullResolution);
        Assert.Equal(Duration.FromHours(9), times.ResolutionPendingFor!.Value.Business);
    }

    [Fact]
    public void A_ticket_closed_without_solve_counts_as_resolved_at_closing()
    {
        var ticket = SupportTicket.Create("t-7", "c", "email", At(3, 25, 9), statusChanges: [new(At(3, 25, 13), TicketStatus.Closed)]);
        var times = SupportTimes.Of(ticket, Office, At(3, 26, 10));
        Assert.Equal(Duration.FromHours(4), times.FullResolution!.Value.Business);
        Assert.Equal(times.FirstResolution, times.FullResolution);
    }

    [Fact]
    public void Handle_time_sums_work_intervals_clipped_at_as_of()
    {
        var ticket = SupportTicket.Create("t-8", "c", "phone", At(3, 29, 16),
            workIntervals: [new Interval(At(3, 29, 16), At(3, 29, 16, 20)), new Interval(At(3, 29, 16, 50), At(3, 29, 17, 30)), new Interval(At(4, 2, 9), At(4, 2, 10))]);
        var times = SupportTimes.Of(ticket, Office, At(4, 2, 9, 30));
        Assert.Equal(Duration.FromMinutes(20 + 40 + 30), times.HandleTime.Calendar);
        Assert.Equal(Duration.FromMinutes(20 + 10 + 30), times.HandleTime.Business);
    }

    [Fact]
    public void A_ticket_created_after_as_of_is_rejected_by_name()
    {
        var ticket = SupportTicket.Create("t-future", "c", "chat", At(4, 2, 9));
        var ex = Assert.Throws<ArgumentException>("asOf", () => SupportTimes.Of(ticket, Office, At(4, 1, 9)));
        Assert.Contains("'t-future'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_solved_without_any_reply_is_not_pending_and_its_wait_does_not_grow_with_as_of()
    {
        var ticket = SupportTicket.Create("t-silent", "c", "email", At(3, 27, 10), statusChanges: [new(At(3, 27, 12), TicketStatus.Solved)]);
        foreach (var asOf in new[] { At(3, 28, 12), At(6, 28, 12) })
        {
            var times = SupportTimes.Of(ticket, Office, asOf);
            Assert.Null(times.FirstResponse);
            Assert.False(times.IsResponsePending);
            Assert.Null(times.ResponsePendingFor);
            Assert.False(times.IsResolutionPending);
        }
    }

    [Fact]
    public void A_ticket_closed_without_reply_is_counted_apart_and_a_reopened_one_waits_again()
    {
        var closed = SupportTimes.Of(SupportTicket.Create("t-closed", "c", "email", At(3, 27, 10), statusChanges: [new(At(3, 27, 12), TicketStatus.Closed)]), Office, At(4, 5, 12));
        Assert.Equal(Duration.FromHours(2), closed.ClosedWithoutReply!.Value.Calendar);
        Assert.False(closed.IsResponsePending);

        var reopened = SupportTimes.Of(
            SupportTicket.Create("t-reopened", "c", "email", At(3, 27, 10), statusChanges: [new(At(3, 27, 12), TicketStatus.Solved), new(At(3, 27, 14), TicketStatus.Reopened)]),
            Office, At(3, 27, 16));
        Assert.Null(reopened.ClosedWithoutReply);
        Assert.True(reopened.IsResponsePending);
        Assert.Equal(Duration.FromHours(6), reopened.ResponsePendingFor!.Value.Calendar);

        var answered = SupportTimes.Of(
            SupportTicket.Create("t-answered", "c", "email", At(3, 27, 10), replies: [At(3, 27, 11)], statusChanges: [new(At(3, 27, 12), TicketStatus.Solved)]),
            Office, At(3, 27, 16));
        Assert.Null(answered.ClosedWithoutReply);
        Assert.Equal(Duration.FromHours(1), answered.FirstResponse!.Value.Calendar);
    }
}

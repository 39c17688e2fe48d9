using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class StatusTimesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    // Monday to Friday 09:00–17:00, Easter Monday 2024-04-01 closed; Berlin moves its clocks forward on Sunday 2024-03-31.
    private static readonly BusinessCalendar Office = BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0), [new LocalDate(2024, 4, 1)]);

    private static Instant At(int m, int d, int h, int min = 0) => new LocalDateTime(2024, m, d, h, min).InZoneStrictly(Berlin).ToInstant();

    private static ElapsedTime Hours(double calendar, double business) => new(Duration.FromMinutes(calendar * 60), Duration.FromMinutes(business * 60));

    [Fact]
    public void Paused_clocks_across_a_weekend_a_holiday_and_a_clock_change_split_the_unsolved_time()
    {
        // Thu 28 Mar 10:00 created; 12:00 pending (asked the customer); the customer answers Tue 2 Apr 10:00 (open);
        // 12:00 on hold (waiting for the carrier); Wed 3 Apr 09:30 open again; 11:00 solved.
        var ticket = SupportTicket.Create("t-paused", "c-1", "email", At(3, 28, 10), statusChanges:
        [
            new(At(3, 28, 12), TicketStatus.Pending), new(At(4, 2, 10), TicketStatus.Open), new(At(4, 2, 12), TicketStatus.OnHold),
            new(At(4, 3, 9, 30), TicketStatus.Open), new(At(4, 3, 11), TicketStatus.Solved),
        ]);
        var clock = SupportTimes.Of(ticket, Office, At(4, 10, 0)).StatusTimes;

        // Agent work: Thu 10–12, Tue 10–12, Wed 09:30–11.
        Assert.Equal(Hours(5.5, 5.5), clock.AgentWork);
        // Pending Thu 12:00 → Tue 10:00: Thu 12–17 and Fri 9–17 open (Sat, Sun and Easter Monday closed), Tue 9–10;
        // 118 wall-clock hours less the hour Berlin skipped on Sunday.
        Assert.Equal(Hours(117, 14), clock.AgentWait);
        // On hold Tue 12:00 → Wed 09:30: Tue 12–17, Wed 9–9:30.
        Assert.Equal(Hours(21.5, 5.5), clock.OnHold);
        Assert.Equal(Hours(27, 11), clock.RequesterWait);
        Assert.Equal(Hours(144, 25), clock.Total);
        Assert.False(clock.IsRunning);
    }

    [Fact]
    public void An_unsolved_ticket_runs_its_current_clock_to_as_of()
    {
        var ticket = SupportTicket.Create("t-run", "c", "chat", At(4, 8, 9), statusChanges: [new(At(4, 8, 11), TicketStatus.OnHold)]);
        var clock = SupportTimes.Of(ticket, Office, At(4, 8, 15)).StatusTimes;
        Assert.True(clock.IsRunning);
        Assert.Equal(Hours(2, 2), clock.AgentWork);
        Assert.Equal(Hours(4, 4), clock.OnHold);
        Assert.Equal(ElapsedTime.Zero, clock.AgentWait);
    }

    [Fact]
    public void Time_while_solved_counts_in_no_clock()
    {
        var ticket = SupportTicket.Create("t-reopen", "c", "chat", At(4, 8, 9), statusChanges:
            [new(At(4, 8, 10), TicketStatus.Solved), new(At(4, 8, 14), TicketStatus.Reopened), new(At(4, 8, 15), TicketStatus.Solved)]);
        var times = SupportTimes.Of(ticket, Office, At(4, 9, 0));
        Assert.Equal(Hours(2, 2), times.StatusTimes.Total);
        Assert.Equal(Hours(6, 6), times.FullResolution);
    }

    [Fact]
    public void Pending_on_hold_and_open_are_refused_while_solved_naming_the_ticket()
    {
        var e = Assert.Throws<ArgumentException>(() => SupportTicket.Create("t-bad", "c", "chat", At(4, 8, 9), statusChanges:
            [new(At(4, 8, 10), TicketStatus.Solved), new(At(4, 8, 11), TicketStatus.Pending)]));
        Assert.Equal("statusChanges", e.ParamName);
        Assert.Contains("t-bad", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Agent_work_on_hold_and_agent_wait_add_up_to_the_unsolved_time_on_both_clocks() =>
        Prop.ForAll(SupportGen.HelpdeskTickets.ToArbitrary(), x =>
        {
            var (ticket, calendar, asOf) = x;
            var clock = SupportTimes.Of(ticket, calendar, asOf).StatusTimes;

            // Independently: creation → end (latest solve if solved at as-of, else as-of) less the spans spent solved.
            bool solved = false;
            Instant? solvedAt = null;
            Duration calendarSolved = Duration.Zero, businessSolved = Duration.Zero;
            foreach (var c in ticket.StatusChanges.Where(c => c.At <= asOf))
            {
                if (!solved && (c.Status is TicketStatus.Solved or TicketStatus.Closed))
                {
                    solved = true;
                    solvedAt = c.At;
                }
                else if (solved && c.Status == TicketStatus.Reopened)
                {
                    calendarSolved += c.At - solvedAt!.Value;
                    businessSolved += calendar.Between(solvedAt.Value, c.At);
                    solved = false;
                }
            }

            var end = solved ? solvedAt!.Value : asOf;
            var sum = clock.AgentWork + clock.OnHold + clock.AgentWait;
            bool adds = sum.Calendar == end - ticket.CreatedAt - calendarSolved && sum.Business == calendar.Between(ticket.CreatedAt, end) - businessSolved;
            bool parts = clock.RequesterWait == clock.AgentWork + clock.OnHold && clock.Total == sum && clock.IsRunning == !solved;
            bool nonNegative = new[] { clock.AgentWork, clock.OnHold, clock.AgentWait }.All(p => p.Business >= Duration.Zero && p.Business <= p.Calendar);
            return (adds && parts && nonNegative).Label($"{clock} for {ticket} as of {asOf}");
        });
}

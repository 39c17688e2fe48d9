using BenchmarkDotNet.Attributes;
using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Support;

/// <summary>
/// Help-desk parity on 1,000,000 tickets with status changes (pending, on-hold, open, solve, reopen) and messages over a
/// year in Europe/Berlin: the daily backlog (open tickets and their ages at every local midnight, created, solved and
/// reopened per day) by <see cref="BacklogTally"/> against a naive baseline that replays every ticket's history at every
/// day's end, and the per-ticket times with paused clocks and reply / update gaps (<see cref="SupportTimes.Of(SupportTicket, BusinessCalendar, Instant)"/>).
/// The baseline replays all 1,000,000 tickets too (an invocation takes seconds); all report time per ticket
/// (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class HelpdeskBenchmarks
{
    private const int Tickets = 1_000_000;

    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private readonly PeriodGrid grid = new(Berlin, PeriodUnit.Day);
    private SupportTicket[] tickets = [];
    private BusinessCalendar calendar = null!;
    private CalendarPeriod first;
    private CalendarPeriod last;
    private Instant asOf;

    [GlobalSetup]
    public void Setup()
    {
        calendar = BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0), [new LocalDate(2024, 4, 1), new LocalDate(2024, 12, 25)]);
        var origin = Instant.FromUtc(2024, 1, 1, 0, 0);
        asOf = origin + Duration.FromDays(366);
        first = grid.Containing(origin);
        last = grid.Containing(asOf - Duration.FromHours(1));
        var random = new Random(42);
        int n = BenchmarkSize.Of(Tickets);
        tickets = new SupportTicket[n];
        for (int i = 0; i < n; i++)
        {
            var created = origin + Duration.FromMinutes(random.Next(360 * 24 * 60));
            var t = created;
            var changes = new List<TicketStatusChange>();
            var messages = new List<TicketMessage> { new(created, MessageAuthor.Customer) };
            bool solved = false;
            for (int k = random.Next(1, 8); k > 0; k--)
            {
                t += Duration.FromMinutes(random.Next(10, 2 * 24 * 60));
                switch (random.Next(6))
                {
                    case 0 when !solved:
                        changes.Add(new(t, TicketStatus.Pending));
                        break;
                    case 1 when !solved:
                        changes.Add(new(t, TicketStatus.OnHold));
                        break;
                    case 2:
                        messages.Add(new(t, MessageAuthor.Customer));
                        break;
                    case 3:
                        messages.Add(new(t, MessageAuthor.Agent));
                        break;
                    default:
                        changes.Add(new(t, solved ? TicketStatus.Reopened : TicketStatus.Solved));
                        solved = !solved;
                        break;
                }
            }

            tickets[i] = SupportTicket.Create("t" + i, "c", "email", created, statusChanges: changes, messages: messages);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Tickets, Description = "daily backlog, replay per day end (naive, per ticket)")]
    public long NaiveBacklog()
    {
        var ends = grid.Range(first, last).Select(p => p.ToInterval(Berlin).End).Select(e => e < asOf ? e : asOf).ToArray();
        long open = 0;
        foreach (var ticket in tickets)
        {
            foreach (var end in ends)
            {
                if (ticket.CreatedAt >= end)
                {
                    continue;
                }

                bool isSolved = false;
                foreach (var c in ticket.StatusChanges)
                {
                    if (c.At >= end)
                    {
                        break;
                    }

                    isSolved = c.Status switch
                    {
                        TicketStatus.Solved or TicketStatus.Closed => true,
                        TicketStatus.Reopened => false,
                        _ => isSolved,
                    };
                }

                open += isSolved ? 0 : 1;
            }
        }

        return open;
    }

    [Benchmark(OperationsPerInvoke = Tickets, Description = "BacklogTally.Add, daily (per ticket)")]
    public long Backlog()
    {
        var tally = new BacklogTally(asOf, grid, first, last);
        tally.AddRange(tickets);
        return tally.Tickets;
    }

    [Benchmark(OperationsPerInvoke = Tickets, Description = "SupportTimes.Of with paused clocks and reply gaps (per ticket)")]
    public long Times()
    {
        long total = 0;
        foreach (var ticket in tickets)
        {
            total += SupportTimes.Of(ticket, calendar, asOf).StatusTimes.AgentWork.Business.BclCompatibleTicks;
        }

        return total;
    }
}

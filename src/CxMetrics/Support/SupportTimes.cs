using System.Globalization;
using System.Runtime;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// Per-ticket responsiveness times, in calendar and business time, following the help-desk definitions:
/// <list type="bullet">
/// <item><description>first response (reply) time: creation → first public agent reply (Zendesk "first reply time",
/// Freshdesk "first response time", Intercom "first response time" to the first teammate reply); a ticket solved or
/// closed without any public reply has none and is not pending either: it is "closed without reply", counted apart, as
/// help-desk reports count tickets solved without a public reply apart from answered and waiting ones;</description></item>
/// <item><description>first resolution time: creation → first solved; full resolution time: creation → latest solved, so
/// every reopen lengthens it (Zendesk "first resolution time" / "full resolution time");</description></item>
/// <item><description>status times: the unsolved time split into agent work (new/open), on hold and agent wait
/// (pending), so that paused clocks can be left out of agent-side measures (<see cref="StatusTimes"/>);</description></item>
/// <item><description>next reply time and periodic / pausable update gaps from the ticket's messages
/// (<see cref="ReplyTimes"/>);</description></item>
/// <item><description>handle time: the sum of agent work intervals (Zendesk "agent work time"-style handling; contact
/// centres' average handle time);</description></item>
/// </list>
/// Sources: Zendesk, "About native Support time duration metrics" (support.zendesk.com/hc/en-us/articles/4408834848154:
/// first reply, first and full resolution; an unsolved ticket closed by a rule counts as resolved at closing); Freshdesk,
/// "What are business hours and calendar hours?" (support.freshdesk.com, article 37627); Intercom, "How to use office hours
/// in reporting" (intercom.com/help/en/articles/8425113).
/// </summary>
public static class SupportTimes
{
    /// <summary>The times of one ticket as of <paramref name="asOf"/>.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="calendar">The business-hours calendar that applies to it.</param>
    /// <param name="asOf">The moment of judgement; events after it count as not happened yet.</param>
    /// <returns>The times; unfinished ones are censored at <paramref name="asOf"/>.</returns>
    /// <exception cref="ArgumentException">The ticket was created after <paramref name="asOf"/> (it cannot be judged yet).</exception>
    public static TicketTimes Of(SupportTicket ticket, BusinessCalendar calendar, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(calendar);
        if (ticket.CreatedAt > asOf)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"ticket '{ticket.Id}' was created at {ticket.CreatedAt}, after the as-of instant {asOf}; leave it out until it exists."),
                nameof(asOf));
        }

        var created = ticket.CreatedAt;
        Instant? firstSolved = null, lastSolved = null;
        bool solved = false;
        int reopens = 0;

        // Status clocks: 0 new/open (agent work), 1 on hold, 2 pending (agent wait); solved time counts in none.
        Span<ElapsedTime> clocks = stackalloc ElapsedTime[3];
        int state = 0;
        var since = created;
        foreach (var change in ticket.StatusChanges)
        {
            if (change.At > asOf)
            {
                break;
            }

            if (!solved)
            {
                clocks[state] += Elapsed(calendar, since, change.At);
            }

            since = change.At;
            state = change.Status switch
            {
                TicketStatus.OnHold => 1,
                TicketStatus.Pending => 2,
                TicketStatus.Open or TicketStatus.Reopened => 0,
                _ => state,
            };

            switch (change.Status)
            {
                case TicketStatus.Solved:
                    solved = true;
                    firstSolved ??= change.At;
                    lastSolved = change.At;
                    break;
                case TicketStatus.Reopened:
                    solved = false;
                    reopens++;
                    break;
                case TicketStatus.Closed when !solved:
                    solved = true;
                    firstSolved ??= change.At;
                    lastSolved = change.At;
                    break;
                default:
                    break;
            }
        }

        if (!solved)
        {
            clocks[state] += Elapsed(calendar, since, asOf);
        }

        ElapsedTime? firstResponse = null, responsePending = null, closedWithoutReply = null;
        if (ticket.Replies.Count > 0 && ticket.Replies[0] <= asOf)
        {
            firstResponse = Elapsed(calendar, created, ticket.Replies[0]);
        }
        else if (solved && lastSolved is { } closedAt)
        {
            // Solved or closed without a public reply: no first response, and nobody is waiting for one.
            closedWithoutReply = Elapsed(calendar, created, closedAt);
        }
        else
        {
            responsePending = Elapsed(calendar, created, asOf);
        }

        var handle = ElapsedTime.Zero;
        foreach (var work in ticket.WorkIntervals)
        {
            if (work.Start >= asOf)
            {
                break;
            }

            handle += Elapsed(calendar, work.Start, work.End < asOf ? work.End : asOf);
        }

        return new TicketTimes
        {
            Ticket = ticket,
            AsOf = asOf,
            FirstResponse = firstResponse,
            ResponsePendingFor = responsePending,
            ClosedWithoutReply = closedWithoutReply,
            FirstResolution = firstSolved is { } f ? Elapsed(calendar, created, f) : null,
            FullResolution = solved && lastSolved is { } l ? Elapsed(calendar, created, l) : null,
            ResolutionPendingFor = solved ? null : Elapsed(calendar, created, asOf),
            Reopens = reopens,
            HandleTime = handle,
            StatusTimes = new StatusTimes(clocks[0], clocks[1], clocks[2], !solved),
            ReplyTimes = ReplyTimes.Of(ticket, calendar, asOf),
        };
    }

    /// <summary>The times of many tickets under one calendar.</summary>
    /// <param name="tickets">The tickets.</param>
    /// <param name="calendar">The calendar.</param>
    /// <param name="asOf">The moment of judgement.</param>
    /// <returns>One entry per ticket, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tickets"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">A ticket was created after <paramref name="asOf"/> (it cannot be judged yet).</exception>
    public static IReadOnlyList<TicketTimes> Of(IEnumerable<SupportTicket> tickets, BusinessCalendar calendar, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return [.. tickets.Select(t => Of(t, calendar, asOf))];
    }

    /// <summary>
    /// The times of many tickets on all cores: the tickets are split into one contiguous chunk per worker (when there are at
    /// least 8,192 per worker), each judged on its own thread. The result is identical to <see cref="Of(IEnumerable{SupportTicket}, BusinessCalendar, Instant)"/>.
    /// </summary>
    /// <remarks>
    /// This calculator is bound by the garbage collector, not by arithmetic: the business-time walks are cheap (about 0.1 µs
    /// per interval) and the cost is one ~280-byte <see cref="TicketTimes"/> per ticket that stays alive, so every gen-0 and
    /// gen-1 collection copies the results made so far. Under the workstation GC (the default for console and desktop
    /// apps) those collections run on one thread and stop every worker, and two workers measured slower than one; so
    /// unless the process runs the server GC (<c>&lt;ServerGarbageCollector&gt;true&lt;/ServerGarbageCollector&gt;</c>,
    /// the ASP.NET Core default, with a heap and a GC thread per core), this method judges the tickets on the calling
    /// thread. See docs/performance-scale.md.
    /// </remarks>
    /// <param name="tickets">The tickets.</param>
    /// <param name="calendar">The calendar (immutable, shared by the workers).</param>
    /// <param name="asOf">The moment of judgement.</param>
    /// <param name="degreeOfParallelism">Workers to use under the server GC; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>One entry per ticket, in input order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException">A ticket was created after <paramref name="asOf"/> (it cannot be judged yet).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreeOfParallelism"/> is less than 1.</exception>
    public static IReadOnlyList<TicketTimes> OfParallel(ReadOnlyMemory<SupportTicket> tickets, BusinessCalendar calendar, Instant asOf, int? degreeOfParallelism = null) =>
        OfParallel(tickets, calendar, asOf, GCSettings.IsServerGC ? degreeOfParallelism : CheckedSingle(degreeOfParallelism), Internal.ParallelTally.MinimumRecordChunk);

    internal static TicketTimes[] OfParallel(ReadOnlyMemory<SupportTicket> tickets, BusinessCalendar calendar, Instant asOf, int? degreeOfParallelism, int minimumChunk)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Internal.ParallelTally.Map(tickets, degreeOfParallelism, t => Of(t, calendar, asOf), minimumChunk);
    }

    /// <summary>One worker, after the same argument check as the parallel path.</summary>
    private static int CheckedSingle(int? degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism ?? 1, 1, nameof(degreeOfParallelism));
        return 1;
    }

    private static ElapsedTime Elapsed(BusinessCalendar calendar, Instant from, Instant to) => new(to - from, calendar.Between(from, to));
}

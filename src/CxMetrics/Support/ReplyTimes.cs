using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// The reply and update clocks of one ticket as of an instant, read from its <see cref="SupportTicket.Messages"/>, as Zendesk's
/// SLA policies define them:
/// <list type="bullet">
/// <item><description>next reply time: from the oldest unanswered public customer message after the first public agent reply
/// to the next public agent reply (every customer message after the first needs an answer; customer messages before the
/// first reply are covered by first reply time);</description></item>
/// <item><description>periodic update: the time between consecutive public agent messages while the ticket is not solved (a
/// solve ends the last gap; a reopen starts a new one);</description></item>
/// <item><description>pausable update: the same gaps with the time in pending (waiting for the customer) left out.</description></item>
/// </list>
/// Clocks still running at as-of are reported apart (<c>…PendingFor</c>), never as finished; a customer message left
/// unanswered when the ticket was solved is counted in <see cref="NextRepliesEndedBySolve"/>, neither met nor pending.
/// </summary>
/// <remarks>
/// Source: Zendesk, "Defining SLA policies" (support.zendesk.com/hc/en-us/articles/4408829459866): next reply time is the
/// time between the oldest unanswered customer comment and the next public agent comment; periodic update the time between
/// each public comment from agents; pausable update the same, paused while the ticket is pending. Messages and status
/// changes at the same instant are taken messages first, so "reply and set pending" pauses right after the reply.
/// </remarks>
public sealed record ReplyTimes
{
    /// <summary>Answered next-reply waits, in time order.</summary>
    public required IReadOnlyList<ElapsedTime> NextReplies { get; init; }

    /// <summary>The oldest unanswered customer message → as-of, while the ticket is not solved (censored); otherwise <see langword="null"/>.</summary>
    public required ElapsedTime? NextReplyPendingFor { get; init; }

    /// <summary>Runs of customer messages that the ticket was solved (or closed) without answering publicly.</summary>
    public required int NextRepliesEndedBySolve { get; init; }

    /// <summary>Public agent messages up to as-of.</summary>
    public required int PublicAgentMessages { get; init; }

    /// <summary>The longest finished gap between public agent updates, per clock (the two maxima may come from different gaps); <see langword="null"/> without a finished gap.</summary>
    public required ElapsedTime? LongestUpdateGap { get; init; }

    /// <summary>The running gap since the last public agent update (or reopen) of an unsolved ticket, to as-of; otherwise <see langword="null"/>.</summary>
    public required ElapsedTime? UpdateGapPendingFor { get; init; }

    /// <summary>The longest finished gap with pending time left out, per clock; <see langword="null"/> without a finished gap.</summary>
    public required ElapsedTime? LongestPausableUpdateGap { get; init; }

    /// <summary>The running gap with pending time left out; <see langword="null"/> when no gap is running.</summary>
    public required ElapsedTime? PausableUpdateGapPendingFor { get; init; }

    /// <summary>Formats as <c>2 next replies answered, 1 pending; longest update gap 20.00 h calendar, 4.00 h business</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{NextReplies.Count} next replies answered, {(NextReplyPendingFor is null ? 0 : 1)} pending, {NextRepliesEndedBySolve} ended by solve; longest update gap {(LongestUpdateGap is { } g ? g.ToString() : "none")}");

    /// <summary>The reply times of a ticket with messages; <see langword="null"/> for a ticket without messages.</summary>
    internal static ReplyTimes? Of(SupportTicket ticket, BusinessCalendar calendar, Instant asOf)
    {
        var messages = ticket.Messages;
        if (messages.Count == 0)
        {
            return null;
        }

        var changes = ticket.StatusChanges;
        var answered = new List<ElapsedTime>();
        bool solved = false, firstReplyDone = false;
        Instant? runStart = null, anchor = null, pendingStart = null;
        var pendingSoFar = ElapsedTime.Zero;
        var pendingAtAnchor = ElapsedTime.Zero;
        ElapsedTime? longest = null, longestPausable = null;
        int endedBySolve = 0, publicAgent = 0;

        ElapsedTime Pending(Instant at) => pendingStart is { } p ? pendingSoFar + Elapsed(calendar, p, at) : pendingSoFar;

        void CloseGap(Instant at)
        {
            if (anchor is { } a)
            {
                var gap = Elapsed(calendar, a, at);
                var paused = Pending(at) - pendingAtAnchor;
                longest = Max(longest, gap);
                longestPausable = Max(longestPausable, gap - paused);
            }
        }

        void EndPending(Instant at)
        {
            if (pendingStart is { } p)
            {
                pendingSoFar += Elapsed(calendar, p, at);
                pendingStart = null;
            }
        }

        int i = 0, j = 0;
        while (true)
        {
            bool message = i < messages.Count && messages[i].At <= asOf;
            bool change = j < changes.Count && changes[j].At <= asOf;
            if (!message && !change)
            {
                break;
            }

            if (message && (!change || messages[i].At <= changes[j].At))
            {
                var m = messages[i++];
                if (!m.IsPublic)
                {
                    continue;
                }

                if (m.Author == MessageAuthor.Customer)
                {
                    if (firstReplyDone && runStart is null)
                    {
                        runStart = m.At;
                    }

                    continue;
                }

                publicAgent++;
                if (!firstReplyDone)
                {
                    firstReplyDone = true;
                }
                else if (runStart is { } r)
                {
                    answered.Add(Elapsed(calendar, r, m.At));
                    runStart = null;
                }

                if (!solved)
                {
                    CloseGap(m.At);
                    anchor = m.At;
                    pendingAtAnchor = Pending(m.At);
                }

                continue;
            }

            var c = changes[j++];
            switch (c.Status)
            {
                case TicketStatus.Solved:
                case TicketStatus.Closed when !solved:
                    CloseGap(c.At);
                    EndPending(c.At);
                    anchor = null;
                    if (runStart is not null)
                    {
                        endedBySolve++;
                        runStart = null;
                    }

                    solved = true;
                    break;
                case TicketStatus.Reopened:
                    solved = false;
                    if (firstReplyDone)
                    {
                        anchor = c.At;
                        pendingAtAnchor = Pending(c.At);
                    }

                    break;
                case TicketStatus.Pending when !solved && pendingStart is null:
                    pendingStart = c.At;
                    break;
                case TicketStatus.OnHold or TicketStatus.Open:
                    EndPending(c.At);
                    break;
                default:
                    break;
            }
        }

        ElapsedTime? runningGap = null, runningPausable = null, nextPending = null;
        if (!solved)
        {
            if (anchor is { } a)
            {
                runningGap = Elapsed(calendar, a, asOf);
                runningPausable = runningGap.Value - (Pending(asOf) - pendingAtAnchor);
            }

            if (runStart is { } r)
            {
                nextPending = Elapsed(calendar, r, asOf);
            }
        }
        else if (runStart is not null)
        {
            endedBySolve++;
        }

        return new ReplyTimes
        {
            NextReplies = answered,
            NextReplyPendingFor = nextPending,
            NextRepliesEndedBySolve = endedBySolve,
            PublicAgentMessages = publicAgent,
            LongestUpdateGap = longest,
            UpdateGapPendingFor = runningGap,
            LongestPausableUpdateGap = longestPausable,
            PausableUpdateGapPendingFor = runningPausable,
        };
    }

    private static ElapsedTime Max(ElapsedTime? a, ElapsedTime b) =>
        a is { } x ? new(Duration.Max(x.Calendar, b.Calendar), Duration.Max(x.Business, b.Business)) : b;

    private static ElapsedTime Elapsed(BusinessCalendar calendar, Instant from, Instant to) => new(to - from, calendar.Between(from, to));
}

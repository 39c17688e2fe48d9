using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// The responsiveness times of one ticket as of an instant, each in calendar and business time. A time that has not ended
/// yet (no reply, not solved) is <see langword="null"/>, and the time elapsed so far is reported in its <c>…PendingFor</c>
/// twin instead: right-censored at <see cref="AsOf"/>, never counted as zero.
/// </summary>
public sealed record TicketTimes
{
    /// <summary>The ticket.</summary>
    public required SupportTicket Ticket { get; init; }

    /// <summary>The instant the times were judged at; events after it are treated as not having happened yet.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Creation → first public agent reply; <see langword="null"/> while no reply was made.</summary>
    public required ElapsedTime? FirstResponse { get; init; }

    /// <summary>Creation → as-of for a ticket still waiting for its first reply (censored); otherwise <see langword="null"/>.
    /// A ticket solved or closed without a reply is not waiting: see <see cref="ClosedWithoutReply"/>.</summary>
    public required ElapsedTime? ResponsePendingFor { get; init; }

    /// <summary>Creation → first solved (or closed); <see langword="null"/> when never solved.</summary>
    public required ElapsedTime? FirstResolution { get; init; }

    /// <summary>Creation → latest solved (or closed), so reopens lengthen it; <see langword="null"/> while the ticket is not solved.</summary>
    public required ElapsedTime? FullResolution { get; init; }

    /// <summary>Creation → as-of for a ticket not solved at as-of (never solved, or reopened); otherwise <see langword="null"/>.</summary>
    public required ElapsedTime? ResolutionPendingFor { get; init; }

    /// <summary>How often the ticket was reopened up to as-of.</summary>
    public required int Reopens { get; init; }

    /// <summary>Sum of the agent work intervals up to as-of (zero without intervals).</summary>
    public required ElapsedTime HandleTime { get; init; }

    /// <summary>
    /// Creation → the latest solve (or the close) of a ticket that is solved or closed at as-of without any public reply
    /// before as-of: it has no first response and is not waiting for one (help desks report it as "closed without reply"),
    /// so it is counted apart, never as pending. <see langword="null"/> for every other ticket; a reopened ticket without a
    /// reply is waiting again.
    /// </summary>
    public ElapsedTime? ClosedWithoutReply { get; init; }

    /// <summary>
    /// The ticket's unsolved time split by status — agent work (new/open), on hold, agent wait (pending) — up to its latest
    /// solve, or up to as-of when it is not solved (<see cref="StatusTimes.IsRunning"/>). A ticket without pending or on-hold
    /// changes has all of it as agent work.
    /// </summary>
    public StatusTimes StatusTimes { get; init; }

    /// <summary>The next-reply and update clocks, read from the ticket's messages; <see langword="null"/> when the ticket has no messages.</summary>
    public ReplyTimes? ReplyTimes { get; init; }

    /// <summary>Whether the ticket is still waiting for its first reply (not answered, and not solved or closed without reply).</summary>
    public bool IsResponsePending => FirstResponse is null && ClosedWithoutReply is null;

    /// <summary>Whether the ticket is not solved at as-of.</summary>
    public bool IsResolutionPending => FullResolution is null;
}

using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// A support ticket (conversation, incident) as the responsiveness metrics see it: when it was created, when agents replied
/// publicly, when it was solved, reopened or closed, and the intervals agents worked on it. Built by <see cref="Create"/>,
/// which rejects sequences that cannot happen, naming the ticket.
/// </summary>
/// <remarks>
/// Channel, priority, segment and agent group are open sets of strings (chat, email, phone, social, …), compared ordinally.
/// Only <em>public</em> agent replies belong in <see cref="Replies"/>: internal notes and automatic acknowledgements do not
/// count as a response (Zendesk, Freshdesk and Intercom all measure first response to the first public agent reply).
/// </remarks>
public sealed class SupportTicket
{
    private SupportTicket(string id, string customerId, string channel, Instant createdAt, Instant[] replies, TicketStatusChange[] statusChanges, Interval[] workIntervals, TicketMessage[] messages)
    {
        Messages = messages;
        Id = id;
        CustomerId = customerId;
        Channel = channel;
        CreatedAt = createdAt;
        Replies = replies;
        StatusChanges = statusChanges;
        WorkIntervals = workIntervals;
    }

    /// <summary>The ticket's identifier (named in error messages).</summary>
    public string Id { get; }

    /// <summary>The customer who raised the ticket.</summary>
    public string CustomerId { get; }

    /// <summary>The channel the ticket came in on (chat, email, phone, social, …).</summary>
    public string Channel { get; }

    /// <summary>When the ticket was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Public agent replies, in time order.</summary>
    public IReadOnlyList<Instant> Replies { get; }

    /// <summary>Status changes, in time order.</summary>
    public IReadOnlyList<TicketStatusChange> StatusChanges { get; }

    /// <summary>
    /// The messages (customer and agent, public and internal), in time order; empty when only replies were given. Next-reply
    /// and update targets need them (<see cref="ReplyTimes"/>).
    /// </summary>
    public IReadOnlyList<TicketMessage> Messages { get; }

    /// <summary>Intervals of agent work (handle time), in time order, not overlapping.</summary>
    public IReadOnlyList<Interval> WorkIntervals { get; }

    /// <summary>Priority (e.g. urgent, high, normal, low); optional.</summary>
    public string? Priority { get; private init; }

    /// <summary>Customer segment; optional.</summary>
    public string? Segment { get; private init; }

    /// <summary>The agent group (team) the ticket is assigned to; optional.</summary>
    public string? AgentGroup { get; private init; }

    /// <summary>
    /// Creates a ticket after checking that its events can have happened: every reply, status change and work interval is at
    /// or after creation; replies and status changes are in time order; a ticket is solved only when not already solved,
    /// reopened only after being solved, pending, on-hold and open only while not solved, and nothing follows closing; work intervals are bounded and do not overlap.
    /// </summary>
    /// <param name="id">The ticket id; not empty.</param>
    /// <param name="customerId">The customer; not empty.</param>
    /// <param name="channel">The channel; not empty.</param>
    /// <param name="createdAt">Creation instant.</param>
    /// <param name="replies">Public agent replies (time order).</param>
    /// <param name="statusChanges">Status changes: pending / on-hold / open, solved / reopened / closed (time order; equal instants keep the given order).</param>
    /// <param name="workIntervals">Agent work intervals (time order, not overlapping; touching is fine).</param>
    /// <param name="priority">Priority; optional.</param>
    /// <param name="segment">Customer segment; optional.</param>
    /// <param name="agentGroup">Agent group; optional.</param>
    /// <param name="messages">
    /// Customer and agent messages (time order, at or after creation, not after closing); optional. When given without
    /// <paramref name="replies"/>, the replies are the public agent messages.
    /// </param>
    /// <returns>The ticket.</returns>
    /// <exception cref="ArgumentException">An id is empty, or the events form a sequence that cannot happen; the message names the ticket.</exception>
    public static SupportTicket Create(
        string id, string customerId, string channel, Instant createdAt,
        IEnumerable<Instant>? replies = null, IEnumerable<TicketStatusChange>? statusChanges = null, IEnumerable<Interval>? workIntervals = null,
        string? priority = null, string? segment = null, string? agentGroup = null, IEnumerable<TicketMessage>? messages = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (string.IsNullOrWhiteSpace(customerId))
        {
            throw new ArgumentException($"ticket '{id}' has no customer id.", nameof(customerId));
        }

        if (string.IsNullOrWhiteSpace(channel))
        {
            throw new ArgumentException($"ticket '{id}' has no channel (expected e.g. chat, email, phone).", nameof(channel));
        }

        var m = (messages ?? []).ToArray();
        for (int i = 0; i < m.Length; i++)
        {
            if (m[i].At < createdAt)
            {
                throw new ArgumentException(Text($"ticket '{id}': message at {m[i].At} is before the ticket was created at {createdAt}."), nameof(messages));
            }

            if (i > 0 && m[i].At < m[i - 1].At)
            {
                throw new ArgumentException(Text($"ticket '{id}': messages are not in time order ({m[i].At} after {m[i - 1].At})."), nameof(messages));
            }

            if (m[i].Author is not (MessageAuthor.Customer or MessageAuthor.Agent))
            {
                throw new ArgumentException(Text($"ticket '{id}': message at {m[i].At} has an unknown author {m[i].Author} (expected customer or agent)."), nameof(messages));
            }
        }

        var r = replies is null && m.Length > 0 ? [.. m.Where(x => x.Author == MessageAuthor.Agent && x.IsPublic).Select(x => x.At)] : (replies ?? []).ToArray();
        var s = (statusChanges ?? []).ToArray();
        var w = (workIntervals ?? []).ToArray();

        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] < createdAt)
            {
                throw new ArgumentException(Text($"ticket '{id}': reply at {r[i]} is before the ticket was created at {createdAt}."), nameof(replies));
            }

            if (i > 0 && r[i] < r[i - 1])
            {
                throw new ArgumentException(Text($"ticket '{id}': replies are not in time order ({r[i]} after {r[i - 1]})."), nameof(replies));
            }
        }

        bool solved = false, closed = false;
        Instant? closedAt = null;
        for (int i = 0; i < s.Length; i++)
        {
            var change = s[i];
            if (change.At < createdAt)
            {
                throw new ArgumentException(Text($"ticket '{id}': {change.Status} at {change.At} is before the ticket was created at {createdAt}."), nameof(statusChanges));
            }

            if (i > 0 && change.At < s[i - 1].At)
            {
                throw new ArgumentException(Text($"ticket '{id}': status changes are not in time order ({change.Status} at {change.At} after {s[i - 1].Status} at {s[i - 1].At})."), nameof(statusChanges));
            }

            if (closed)
            {
                throw new ArgumentException(Text($"ticket '{id}': {change.Status} at {change.At} comes after the ticket was closed; a closed ticket cannot change."), nameof(statusChanges));
            }

            switch (change.Status)
            {
                case TicketStatus.Solved when solved:
                    throw new ArgumentException(Text($"ticket '{id}': solved at {change.At} while already solved (expected a reopen in between)."), nameof(statusChanges));
                case TicketStatus.Solved:
                    solved = true;
                    break;
                case TicketStatus.Reopened when !solved:
                    throw new ArgumentException(Text($"ticket '{id}': reopened at {change.At} without being solved before."), nameof(statusChanges));
                case TicketStatus.Reopened:
                    solved = false;
                    break;
                case TicketStatus.Closed:
                    closed = true;
                    closedAt = change.At;
                    break;
                case TicketStatus.Pending or TicketStatus.OnHold or TicketStatus.Open when solved:
                    throw new ArgumentException(Text($"ticket '{id}': {change.Status} at {change.At} while solved (expected a reopen in between)."), nameof(statusChanges));
                case TicketStatus.Pending or TicketStatus.OnHold or TicketStatus.Open:
                    break;
                default:
                    throw new ArgumentException(Text($"ticket '{id}': unknown status {change.Status} at {change.At}."), nameof(statusChanges));
            }
        }

        if (closedAt is { } c && r.Length > 0 && r[^1] > c)
        {
            throw new ArgumentException(Text($"ticket '{id}': reply at {r[^1]} comes after the ticket was closed at {c}."), nameof(replies));
        }

        if (closedAt is { } closing && m.Length > 0 && m[^1].At > closing)
        {
            throw new ArgumentException(Text($"ticket '{id}': message at {m[^1].At} comes after the ticket was closed at {closing}."), nameof(messages));
        }

        for (int i = 0; i < w.Length; i++)
        {
            if (!w[i].HasStart || !w[i].HasEnd)
            {
                throw new ArgumentException($"ticket '{id}': work interval {w[i]} is unbounded; handle time needs a start and an end.", nameof(workIntervals));
            }

            if (w[i].Start < createdAt)
            {
                throw new ArgumentException(Text($"ticket '{id}': work interval {w[i]} starts before the ticket was created at {createdAt}."), nameof(workIntervals));
            }

            if (i > 0 && w[i].Start < w[i - 1].End)
            {
                throw new ArgumentException(Text($"ticket '{id}': work intervals {w[i - 1]} and {w[i]} overlap or are not in time order."), nameof(workIntervals));
            }
        }

        return new SupportTicket(id, customerId, channel, createdAt, r, s, w, m) { Priority = priority, Segment = segment, AgentGroup = agentGroup };
    }

    /// <summary>Formats as <c>ticket 't-1' (email, created 2024-03-29T15:00:00Z)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Text($"ticket '{Id}' ({Channel}, created {CreatedAt})");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using CxMetrics.Internal;

namespace CxMetrics.Support;

/// <summary>
/// The mergeable sufficient statistic of <see cref="TicketResolution"/>: counts of tickets judged at their as-of instant —
/// solved, solved without a public reply, solved with one and with two public replies, solved at first contact, solved at
/// least once, reopened — and the public replies on answered solved tickets. Tallies merge by adding counts; the empty
/// tally is the identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class TicketResolutionTally
{
    /// <summary>Tickets counted.</summary>
    public long Tickets { get; private set; }

    /// <summary>Tickets solved (or closed) at as-of.</summary>
    public long Solved { get; private set; }

    /// <summary>Solved tickets without any public agent reply (reported apart: never pending, never a touch).</summary>
    public long SolvedWithoutReply { get; private set; }

    /// <summary>Solved tickets with exactly one public agent reply.</summary>
    public long OneTouch { get; private set; }

    /// <summary>Solved tickets with exactly two public agent replies.</summary>
    public long TwoTouch { get; private set; }

    /// <summary>Solved tickets with exactly one public agent reply and never reopened.</summary>
    public long FirstContact { get; private set; }

    /// <summary>Tickets solved at least once (the reopen rate's denominator).</summary>
    public long SolvedOnce { get; private set; }

    /// <summary>Tickets reopened at least once.</summary>
    public long Reopened { get; private set; }

    /// <summary>Public agent replies on solved tickets that had at least one.</summary>
    public long Replies { get; private set; }

    /// <summary>Solved tickets with at least one public reply: the denominator of the touch rates and of replies per ticket.</summary>
    public long SolvedWithReply => Solved - SolvedWithoutReply;

    /// <summary>The tally of <paramref name="times"/>.</summary>
    /// <param name="times">Ticket times.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> is null.</exception>
    public static TicketResolutionTally Of(IEnumerable<TicketTimes> times)
    {
        var tally = new TicketResolutionTally();
        tally.AddRange(times);
        return tally;
    }

    /// <summary>A tally from counts (e.g. a database <c>GROUP BY</c>).</summary>
    /// <param name="tickets">Tickets counted.</param>
    /// <param name="solved">Solved at as-of, ≤ tickets.</param>
    /// <param name="solvedWithoutReply">Solved without a public reply, ≤ solved.</param>
    /// <param name="oneTouch">Solved with one reply.</param>
    /// <param name="twoTouch">Solved with two replies; one- plus two-touch ≤ solved with reply.</param>
    /// <param name="firstContact">Solved with one reply and never reopened, ≤ one-touch.</param>
    /// <param name="solvedOnce">Solved at least once, ≤ tickets.</param>
    /// <param name="reopened">Reopened at least once, ≤ solved at least once.</param>
    /// <param name="replies">Public replies on solved tickets with a reply, ≥ solved with reply.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or inconsistent with the others.</exception>
    public static TicketResolutionTally FromCounts(long tickets, long solved, long solvedWithoutReply, long oneTouch, long twoTouch, long firstContact, long solvedOnce, long reopened, long replies)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tickets);
        ArgumentOutOfRangeException.ThrowIfNegative(solvedWithoutReply);
        ArgumentOutOfRangeException.ThrowIfNegative(oneTouch);
        ArgumentOutOfRangeException.ThrowIfNegative(twoTouch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstContact);
        ArgumentOutOfRangeException.ThrowIfNegative(reopened);
        ArgumentOutOfRangeException.ThrowIfNegative(replies);
        if (solved < 0 || solved > tickets)
        {
            throw new ArgumentOutOfRangeException(nameof(solved), solved, $"solved {solved} must be between 0 and the {tickets} tickets.");
        }

        if (solvedWithoutReply > solved)
        {
            throw new ArgumentOutOfRangeException(nameof(solvedWithoutReply), solvedWithoutReply, $"{solvedWithoutReply} solved without reply exceed the {solved} solved.");
        }

        long withReply = solved - solvedWithoutReply;
        if (oneTouch > withReply - twoTouch)
        {
            throw new ArgumentOutOfRangeException(nameof(oneTouch), oneTouch, $"{oneTouch} one-touch and {twoTouch} two-touch tickets exceed the {withReply} solved with a reply.");
        }

        if (firstContact > oneTouch)
        {
            throw new ArgumentOutOfRangeException(nameof(firstContact), firstContact, $"{firstContact} first-contact resolutions exceed the {oneTouch} one-touch tickets.");
        }

        if (solvedOnce < solved || solvedOnce > tickets)
        {
            throw new ArgumentOutOfRangeException(nameof(solvedOnce), solvedOnce, $"solved at least once {solvedOnce} must be between the {solved} solved and the {tickets} tickets.");
        }

        if (reopened > solvedOnce)
        {
            throw new ArgumentOutOfRangeException(nameof(reopened), reopened, $"{reopened} reopened exceed the {solvedOnce} solved at least once.");
        }

        if (replies < oneTouch + (2 * twoTouch) + (3 * (withReply - oneTouch - twoTouch)))
        {
            throw new ArgumentOutOfRangeException(nameof(replies), replies, $"{replies} replies are fewer than the touch counts need.");
        }

        return new TicketResolutionTally
        {
            Tickets = tickets, Solved = solved, SolvedWithoutReply = solvedWithoutReply, OneTouch = oneTouch, TwoTouch = twoTouch,
            FirstContact = firstContact, SolvedOnce = solvedOnce, Reopened = reopened, Replies = replies,
        };
    }

    /// <summary>Counts one ticket as of its <see cref="TicketTimes.AsOf"/>: public replies up to then, solved state then.</summary>
    /// <param name="time">The ticket's times.</param>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is null.</exception>
    public void Add(TicketTimes time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var replies = time.Ticket.Replies;
        int n = 0;
        while (n < replies.Count && replies[n] <= time.AsOf)
        {
            n++;
        }

        Tickets = CheckedCount.Add(Tickets, 1, "the ticket count");
        SolvedOnce += time.FirstResolution is null ? 0 : 1;
        Reopened += time.Reopens > 0 ? 1 : 0;
        if (time.FullResolution is null)
        {
            return;
        }

        Solved++;
        if (n == 0)
        {
            SolvedWithoutReply++;
            return;
        }

        OneTouch += n == 1 ? 1 : 0;
        TwoTouch += n == 2 ? 1 : 0;
        FirstContact += n == 1 && time.Reopens == 0 ? 1 : 0;
        Replies = CheckedCount.Add(Replies, n, "the reply count");
    }

    /// <summary>Counts tickets.</summary>
    /// <param name="times">The ticket times.</param>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> is null.</exception>
    public void AddRange(IEnumerable<TicketTimes> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var t in times)
        {
            Add(t);
        }
    }

    /// <summary>Adds another tally into this one (counts add) and returns this tally; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally.</exception>
    public TicketResolutionTally Merge(TicketResolutionTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("a tally cannot be merged into itself; merge a Clone() instead.", nameof(other));
        }

        Tickets = CheckedCount.Add(Tickets, other.Tickets, "the ticket count");
        Replies = CheckedCount.Add(Replies, other.Replies, "the reply count");
        Solved += other.Solved;
        SolvedWithoutReply += other.SolvedWithoutReply;
        OneTouch += other.OneTouch;
        TwoTouch += other.TwoTouch;
        FirstContact += other.FirstContact;
        SolvedOnce += other.SolvedOnce;
        Reopened += other.Reopened;
        return this;
    }

    /// <summary>A copy.</summary>
    /// <returns>A new tally with the same counts.</returns>
    public TicketResolutionTally Clone() => new TicketResolutionTally().Merge(this);
}

using CxMetrics.Breakdowns;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// Resolution efficiency of tickets as of their as-of instant:
/// <list type="bullet">
/// <item><description>one-touch (two-touch) rate: solved tickets with exactly one (two) public agent replies over solved tickets
/// with at least one public reply (Zendesk Explore "one-touch tickets" / "two-touch tickets": solved with one / two agent
/// replies);</description></item>
/// <item><description>first-contact resolution: solved with one public reply and never reopened, over the same denominator
/// (the help-desk form of first-contact resolution for email and messaging; compare it by channel with
/// <see cref="By{TKey}(IEnumerable{TicketTimes}, Func{TicketTimes, TKey}, SupportOptions?)"/>);</description></item>
/// <item><description>reopen rate: tickets reopened at least once over tickets solved at least once (Zendesk "reopens");</description></item>
/// <item><description>replies per ticket: public replies over solved, answered tickets (Zendesk "agent replies" per solved ticket);</description></item>
/// <item><description>solved without a public reply: counted apart (share of solved tickets), in no touch rate and never pending.</description></item>
/// </list>
/// Shares carry the options' interval (Wilson by default); replies per ticket an exact Poisson interval. Sources: Zendesk,
/// "How are one-touch resolutions calculated?" (support.zendesk.com/hc/en-us/articles/4408820618266: solved or closed with
/// fewer than two agent replies — Zendesk's formula also counts tickets with none, which are reported apart here); Zendesk,
/// "Metrics and attributes for Zendesk messaging" (support.zendesk.com/hc/en-us/articles/4724624097818: one-touch messaging
/// tickets need at least one agent reply and no reopen, over solved tickets).
/// </summary>
public static class TicketResolution
{
    /// <summary>The rates of ticket times.</summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="options">Level and interval method.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> is null.</exception>
    public static TicketResolutionResult Of(IEnumerable<TicketTimes> times, SupportOptions? options = null) => From(TicketResolutionTally.Of(times), options);

    /// <summary>The rates of a tally.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Level and interval method.</param>
    /// <returns>The result (estimates without value when a denominator is zero).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static TicketResolutionResult From(TicketResolutionTally tally, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SupportOptions.Default;
        ProportionEstimate Share(long successes, long n) => Proportion.FromCounts(successes, n, options.ConfidenceLevel, options.ProportionInterval);
        return new TicketResolutionResult
        {
            Tickets = tally.Tickets,
            Solved = tally.Solved,
            SolvedWithoutReply = Share(tally.SolvedWithoutReply, tally.Solved),
            OneTouch = Share(tally.OneTouch, tally.SolvedWithReply),
            TwoTouch = Share(tally.TwoTouch, tally.SolvedWithReply),
            FirstContactResolution = Share(tally.FirstContact, tally.SolvedWithReply),
            ReopenRate = Share(tally.Reopened, tally.SolvedOnce),
            RepliesPerTicket = PoissonRate.FromCounts(tally.Replies, tally.SolvedWithReply, 1, options.ConfidenceLevel),
        };
    }

    /// <summary>The rates per key, e.g. first-contact resolution by channel (<c>t =&gt; t.Ticket.Channel</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="times">The ticket times.</param>
    /// <param name="key">The key of a ticket; <see langword="null"/> keys form their own cell.</param>
    /// <param name="options">Level, interval method and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, TicketResolutionResult>> By<TKey>(IEnumerable<TicketTimes> times, Func<TicketTimes, TKey> key, SupportOptions? options = null)
    {
        options ??= SupportOptions.Default;
        return Grouping.By(times, key, static () => new TicketResolutionTally(), static (t, x) => t.Add(x), t => From(t, options), static t => t.Tickets, options.MinimumCellSize);
    }

    /// <summary>
    /// The rates per key from tallies counted elsewhere (one pass over a file, shards): the same cells as
    /// <see cref="By{TKey}(IEnumerable{TicketTimes}, Func{TicketTimes, TKey}, SupportOptions?)"/> gives for the ticket times
    /// the tallies counted. Tallies of the same key are merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Level, interval method and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, TicketResolutionResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, TicketResolutionTally>> tallies, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= SupportOptions.Default;
        return Grouping.FromTallies(tallies, static () => new TicketResolutionTally(), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Tickets, options.MinimumCellSize);
    }
}

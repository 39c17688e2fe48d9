using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// The mergeable sufficient statistic of the <see cref="Backlog"/>: for every period of a fixed range of a
/// <see cref="PeriodGrid"/>, the tickets created, solved and reopened in it, the tickets open at its end and their ages in
/// bands. Tallies of the same grid, range, as-of instant and age bands merge by adding counts; the empty tally is the
/// identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// A period's end is the start of the next local period in the grid's zone (local midnight for days, so a day with a clock
/// change lasts 23 or 25 hours), or the as-of instant for the period running at as-of. A ticket is open at an instant when it
/// was created before it and is not solved at it: its events before the instant decide (an event exactly at a period's end
/// belongs to the next period). So <c>open(p) = open(p − 1) + created(p) + reopened(p) − solved(p)</c> for consecutive
/// periods. Ages are wall-clock time since creation. Events after as-of have not happened yet. Not thread-safe.
/// </remarks>
public sealed class BacklogTally
{
    private readonly long[] ends;
    private readonly long[] starts;
    private readonly long[] ageEdgeTicks;
    private readonly long[] created;
    private readonly long[] solved;
    private readonly long[] reopened;
    private readonly long[] open;
    private readonly long[] ages;

    /// <summary>Creates an empty tally for the periods <paramref name="first"/> … <paramref name="last"/> of <paramref name="grid"/>.</summary>
    /// <param name="asOf">The moment of judgement: later events are ignored, and the period running at it ends at it.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit (day, week, …) and the week start.</param>
    /// <param name="first">The first period, of <paramref name="grid"/>.</param>
    /// <param name="last">The last period, of <paramref name="grid"/>, not before <paramref name="first"/>, starting before <paramref name="asOf"/>.</param>
    /// <param name="ageEdges">Upper edges of the age bands, increasing and &gt; 0 (the last band is open-ended); default 1, 3, 7, 14 and 30 days.</param>
    /// <exception cref="ArgumentException">A period is not of the grid, the range is reversed, or <paramref name="last"/> starts after <paramref name="asOf"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An age edge is not positive or not above the one before.</exception>
    public BacklogTally(Instant asOf, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, IReadOnlyList<Duration>? ageEdges = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var periods = grid.Range(first, last);
        var edges = ageEdges ?? [Duration.FromDays(1), Duration.FromDays(3), Duration.FromDays(7), Duration.FromDays(14), Duration.FromDays(30)];
        for (int i = 0; i < edges.Count; i++)
        {
            if (edges[i] <= Duration.Zero || (i > 0 && edges[i] <= edges[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(ageEdges), edges[i], $"age edge {i} ({edges[i]}) must be longer than zero and than the edge before it.");
            }
        }

        Grid = grid;
        AsOf = asOf;
        Periods = periods;
        AgeEdges = [.. edges];
        ageEdgeTicks = [.. edges.Select(e => e.BclCompatibleTicks)];
        int n = periods.Count;
        starts = new long[n];
        ends = new long[n];
        for (int p = 0; p < n; p++)
        {
            var interval = periods[p].ToInterval(grid.Zone);
            starts[p] = interval.Start.ToUnixTimeTicks();
            ends[p] = Math.Min(interval.End.ToUnixTimeTicks(), asOf.ToUnixTimeTicks());
        }

        if (starts[n - 1] >= asOf.ToUnixTimeTicks())
        {
            throw new ArgumentException($"the last period {last} starts at or after as-of {asOf}; nothing in it can be known yet.", nameof(last));
        }

        created = new long[n];
        solved = new long[n];
        reopened = new long[n];
        open = new long[n];
        ages = new long[n * (edges.Count + 1)];
    }

    /// <summary>The grid.</summary>
    public PeriodGrid Grid { get; }

    /// <summary>The moment of judgement.</summary>
    public Instant AsOf { get; }

    /// <summary>The periods, in time order.</summary>
    public IReadOnlyList<CalendarPeriod> Periods { get; }

    /// <summary>The upper edges of the age bands (the last band, above the last edge, is open-ended).</summary>
    public IReadOnlyList<Duration> AgeEdges { get; }

    /// <summary>Tickets added.</summary>
    public long Tickets { get; private set; }

    /// <summary>The instant each period's backlog is counted at: its end, or as-of for the period running at as-of.</summary>
    /// <param name="period">The position of the period in <see cref="Periods"/>.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is outside <see cref="Periods"/>.</exception>
    public Instant CountedAt(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(period, Periods.Count);
        return Instant.FromUnixTimeTicks(ends[period]);
    }

    internal long Created(int p) => created[p];

    internal long Solved(int p) => solved[p];

    internal long Reopened(int p) => reopened[p];

    internal long Open(int p) => open[p];

    internal ReadOnlySpan<long> Ages(int p) => ages.AsSpan(p * (AgeEdges.Count + 1), AgeEdges.Count + 1);

    /// <summary>Sets one period's counts (the portable reader; the counts were checked there).</summary>
    internal void Restore(int p, long createdCount, long solvedCount, long reopenedCount, long openCount, ReadOnlySpan<long> ageCounts)
    {
        created[p] = createdCount;
        solved[p] = solvedCount;
        reopened[p] = reopenedCount;
        open[p] = openCount;
        ageCounts.CopyTo(ages.AsSpan(p * (AgeEdges.Count + 1), AgeEdges.Count + 1));
    }

    /// <summary>Sets the ticket count (the portable reader).</summary>
    internal void RestoreTickets(long tickets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tickets);
        Tickets = tickets;
    }

    /// <summary>Counts one ticket: its creation, solves and reopens in the range, and every period end it is open at.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public void Add(SupportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        long asOf = AsOf.ToUnixTimeTicks();
        long createdAt = ticket.CreatedAt.ToUnixTimeTicks();
        Tickets = CheckedCount.Add(Tickets, 1, "the ticket count");
        if (createdAt > asOf)
        {
            return;
        }

        Count(created, createdAt);
        long spanStart = createdAt;
        bool isSolved = false;
        foreach (var change in ticket.StatusChanges)
        {
            long at = change.At.ToUnixTimeTicks();
            if (at > asOf)
            {
                break;
            }

            if (!isSolved && change.Status is TicketStatus.Solved or TicketStatus.Closed)
            {
                isSolved = true;
                Count(solved, at);
                OpenBetween(spanStart, at, createdAt);
            }
            else if (isSolved && change.Status == TicketStatus.Reopened)
            {
                isSolved = false;
                Count(reopened, at);
                spanStart = at;
            }
        }

        if (!isSolved)
        {
            OpenBetween(spanStart, long.MaxValue, createdAt);
        }
    }

    /// <summary>Counts tickets.</summary>
    /// <param name="tickets">The tickets.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tickets"/> is null.</exception>
    public void AddRange(IEnumerable<SupportTicket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        foreach (var t in tickets)
        {
            Add(t);
        }
    }

    /// <summary>Adds another tally of the same grid, range, as-of and age bands into this one and returns this tally; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The grid, range, as-of or age bands differ, or <paramref name="other"/> is this tally.</exception>
    public BacklogTally Merge(BacklogTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("a tally cannot be merged into itself; merge a Clone() instead.", nameof(other));
        }

        if (!Grid.Equals(other.Grid) || AsOf != other.AsOf || Periods[0] != other.Periods[0] || Periods.Count != other.Periods.Count || !AgeEdges.SequenceEqual(other.AgeEdges))
        {
            throw new ArgumentException($"backlog tallies of different grids, ranges, as-of instants or age bands do not merge ({Grid} {Periods[0]}…{Periods[^1]} as of {AsOf} vs {other.Grid} {other.Periods[0]}…{other.Periods[^1]} as of {other.AsOf}).", nameof(other));
        }

        Tickets = CheckedCount.Add(Tickets, other.Tickets, "the ticket count");
        Add(created, other.created);
        Add(solved, other.solved);
        Add(reopened, other.reopened);
        Add(open, other.open);
        Add(ages, other.ages);
        return this;
    }

    /// <summary>A copy.</summary>
    /// <returns>A new tally with the same settings and counts.</returns>
    public BacklogTally Clone() => new BacklogTally(AsOf, Grid, Periods[0], Periods[^1], AgeEdges).Merge(this);

    private static void Add(long[] into, long[] from)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    /// <summary>Counts an event into the period containing it, if any.</summary>
    private void Count(long[] counts, long at)
    {
        int p = Internal.SortedRuns.CountAtMost(starts, at) - 1;
        if (p >= 0 && at < ends[p])
        {
            counts[p]++;
        }
    }

    /// <summary>Counts the ticket open at every period end e with start &lt; e ≤ end.</summary>
    private void OpenBetween(long start, long end, long createdAt)
    {
        int bands = ageEdgeTicks.Length + 1;
        for (int p = Internal.SortedRuns.CountAtMost(ends, start); p < ends.Length && ends[p] <= end; p++)
        {
            open[p]++;
            long age = ends[p] - createdAt;
            int band = Internal.SortedRuns.CountAtMost(ageEdgeTicks, age);
            ages[(p * bands) + band]++;
        }
    }
}

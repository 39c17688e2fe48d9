using CxMetrics.Internal;

namespace CxMetrics.Support;

/// <summary>
/// The mergeable sufficient statistic of SLA attainment: for fixed targets, per channel × priority (or channel) × metric ×
/// matched target, the number of tickets met, breached, pending past target, pending within target, without target and
/// closed without reply. <see cref="Sla.From"/> turns it into the cells <see cref="Sla.Of"/> gives for the same
/// tickets. Tallies of the same targets and grouping merge by adding counts; the empty tally is the identity of
/// <see cref="Merge"/>.
/// </summary>
/// <remarks>Each ticket is judged at <c>Add</c> against its own as-of instant (<see cref="TicketTimes"/>), so shards judged
/// at different instants merge as they were judged. Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class SlaTally
{
    private readonly Dictionary<(SlaMetric, string?, string?), SlaTarget> lookup = [];
    private readonly SlaMetric[] metrics;
    private readonly Dictionary<(string Channel, string? Priority, SlaMetric Metric, int Target), long[]> cells = [];

    /// <summary>Creates an empty tally for <paramref name="targets"/>.</summary>
    /// <param name="targets">The targets; at most one per metric, channel and priority. Their order does not matter.</param>
    /// <param name="byPriority">Cells per channel × priority (default) or per channel only.</param>
    /// <exception cref="ArgumentException">Two targets have the same metric, channel and priority.</exception>
    public SlaTally(IEnumerable<SlaTarget> targets, bool byPriority = true)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var t in targets)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(targets));
            if (!lookup.TryAdd((t.Metric, t.Channel, t.Priority), t))
            {
                throw new ArgumentException($"two SLA targets for {t.Metric} on channel '{t.Channel ?? "all"}' and priority '{t.Priority ?? "all"}'; give one.", nameof(targets));
            }
        }

        // One canonical order, so equal target sets give equal tallies and payloads.
        Targets = [.. lookup.Values.OrderBy(t => t.Metric).ThenBy(t => t.Channel, StringComparer.Ordinal).ThenBy(t => t.Priority, StringComparer.Ordinal)];
        metrics = [.. lookup.Keys.Select(k => k.Item1).Distinct().Order()];
        ByPriority = byPriority;
    }

    /// <summary>The targets, ordered by metric, channel and priority (nulls first).</summary>
    public IReadOnlyList<SlaTarget> Targets { get; }

    /// <summary>Whether cells are per channel × priority (else per channel).</summary>
    public bool ByPriority { get; }

    /// <summary>Tickets added (each is counted once per metric with a target).</summary>
    public long Tickets { get; private set; }

    /// <summary>The cells: key (channel, priority, metric, position of the matched target in <see cref="Targets"/> or −1) and six counts.</summary>
    internal IEnumerable<KeyValuePair<(string Channel, string? Priority, SlaMetric Metric, int Target), long[]>> Cells => cells;

    /// <summary>Judges one ticket against its matching target of every metric and counts it.</summary>
    /// <param name="time">The ticket's times, judged at their as-of instant.</param>
    public void Add(TicketTimes time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var ticket = time.Ticket;
        long tickets = CheckedCount.Add(Tickets, 1, "the ticket count");
        foreach (var metric in metrics)
        {
            var target = Match(metric, ticket.Channel, ticket.Priority);
            Sla.Judge(time, metric, target, Cell(ticket.Channel, ByPriority ? ticket.Priority : null, metric, target is null ? -1 : IndexOf(target)));
        }

        Tickets = tickets;
    }

    /// <summary>Adds tickets.</summary>
    /// <param name="times">The ticket times.</param>
    public void AddRange(IEnumerable<TicketTimes> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        foreach (var time in times)
        {
            Add(time);
        }
    }

    /// <summary>Adds another tally of the same targets and grouping into this one (counts add).</summary>
    /// <param name="other">The tally to add; unchanged.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentException">The targets or the grouping differ, or <paramref name="other"/> is this tally.</exception>
    /// <exception cref="OverflowException">A count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge both into a new empty tally.</remarks>
    public SlaTally Merge(SlaTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.ByPriority != ByPriority || !other.Targets.SequenceEqual(Targets))
        {
            throw new ArgumentException($"cannot merge SLA tallies of other targets or grouping ({other.Targets.Count} targets, by priority {other.ByPriority}; this one {Targets.Count}, {ByPriority}).", nameof(other));
        }

        long tickets = CheckedCount.Add(Tickets, other.Tickets, "the ticket count");
        foreach (var (key, counts) in other.cells)
        {
            if (cells.TryGetValue(key, out var mine))
            {
                for (int i = 0; i < counts.Length; i++)
                {
                    CheckedCount.Add(mine[i], counts[i], "an SLA count");
                }
            }
        }

        foreach (var (key, counts) in other.cells)
        {
            var mine = Cell(key.Channel, key.Priority, key.Metric, key.Target);
            for (int i = 0; i < counts.Length; i++)
            {
                mine[i] += counts[i];
            }
        }

        Tickets = tickets;
        return this;
    }

    /// <summary>Restores one stored cell (for the portable reader); the key must be new.</summary>
    internal void Restore(string channel, string? priority, SlaMetric metric, int target, long[] counts)
    {
        if (!cells.TryAdd((channel, priority, metric, target), counts))
        {
            throw new ArgumentException($"the SLA cell {channel}/{priority}/{metric}/{target} is stored twice.", nameof(channel));
        }
    }

    /// <summary>Restores the ticket count (for the portable reader).</summary>
    internal void RestoreTickets(long tickets) => Tickets = tickets;

    private long[] Cell(string channel, string? priority, SlaMetric metric, int target)
    {
        var key = (channel, priority, metric, target);
        if (!cells.TryGetValue(key, out var c))
        {
            c = new long[6];
            cells.Add(key, c);
        }

        return c;
    }

    private int IndexOf(SlaTarget target)
    {
        for (int i = 0; i < Targets.Count; i++)
        {
            if (ReferenceEquals(Targets[i], target))
            {
                return i;
            }
        }

        return -1;
    }

    private SlaTarget? Match(SlaMetric metric, string channel, string? priority)
    {
        if (priority is not null && lookup.TryGetValue((metric, channel, priority), out var t))
        {
            return t;
        }

        if (lookup.TryGetValue((metric, channel, null), out t))
        {
            return t;
        }

        if (priority is not null && lookup.TryGetValue((metric, null, priority), out t))
        {
            return t;
        }

        return lookup.GetValueOrDefault((metric, null, null));
    }
}

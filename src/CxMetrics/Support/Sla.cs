namespace CxMetrics.Support;

/// <summary>
/// SLA attainment: the share of tickets that reached first response or resolution within their target, per channel ×
/// priority (or per channel, to review every channel against its benchmark), with a Wilson interval. Pending tickets past
/// their target count as breaches (as Zendesk's SLA "breached" status and Freshdesk's overdue tickets do); pending tickets
/// still within target are reported apart, never counted as met. Tickets solved or closed without a public reply have no
/// first response: for that metric they are counted apart (<see cref="SlaCell.ClosedWithoutReply"/>), neither met nor breached.
/// </summary>
public static class Sla
{
    /// <summary>Judges tickets against targets.</summary>
    /// <param name="times">The ticket times (their as-of instant decides what is pending).</param>
    /// <param name="targets">The targets; at most one per metric, channel and priority.</param>
    /// <param name="byPriority">Cells per channel × priority (default) or per channel only.</param>
    /// <param name="options">Level and interval method.</param>
    /// <returns>Cells ordered by channel, priority, metric and target; tickets without a matching target get cells without target.</returns>
    /// <exception cref="ArgumentException">Two targets have the same metric, channel and priority.</exception>
    public static IReadOnlyList<SlaCell> Of(IEnumerable<TicketTimes> times, IEnumerable<SlaTarget> targets, bool byPriority = true, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        var tally = new SlaTally(targets, byPriority);
        tally.AddRange(times);
        return From(tally, options);
    }

    /// <summary>The cells of a tally (e.g. merged from shards, or read back from its portable form).</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Level and interval method.</param>
    /// <returns>Cells ordered by channel, priority, metric and target, as <see cref="Of"/> orders them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<SlaCell> From(SlaTally tally, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SupportOptions.Default;
        return
        [
            .. tally.Cells
                .Select(kv => (Key: (kv.Key.Channel, kv.Key.Priority, kv.Key.Metric, Target: kv.Key.Target < 0 ? null : tally.Targets[kv.Key.Target]), Counts: kv.Value))
                .OrderBy(kv => kv.Key.Channel, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Priority is null).ThenBy(kv => kv.Key.Priority, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Metric)
                .ThenBy(kv => kv.Key.Target?.ToString(), StringComparer.Ordinal)
                .Select(kv => Cell(kv.Key, kv.Counts, options)),
        ];
    }

    /// <summary>0 met, 1 breached, 2 pending breached, 3 pending within target, 4 without target, 5 closed without reply (first response only).</summary>
    internal static int Judge(TicketTimes time, SlaMetric metric, SlaTarget? target)
    {
        if (target is null)
        {
            return 4;
        }

        (ElapsedTime? done, ElapsedTime? pending) = metric == SlaMetric.FirstResponse
            ? (time.FirstResponse, time.ResponsePendingFor)
            : (time.FullResolution, time.ResolutionPendingFor);
        if (done is { } d)
        {
            return d.In(target.Basis) <= target.Target ? 0 : 1;
        }

        if (pending is not { } p)
        {
            // Solved or closed without a public reply: no first response to judge, and not pending either.
            return 5;
        }

        return p.In(target.Basis) > target.Target ? 2 : 3;
    }

    private static SlaCell Cell((string Channel, string? Priority, SlaMetric Metric, SlaTarget? Target) key, long[] c, SupportOptions options)
    {
        long judged = c[0] + c[1] + c[2];
        var attainment = Statistics.Proportion.FromCounts(c[0], judged, options.ConfidenceLevel, options.ProportionInterval);
        bool? misses = null, clearly = null;
        if (key.Target is { } t && attainment.Value is { } v && attainment.Interval is { } ci)
        {
            misses = v < t.Goal;
            clearly = ci.Upper < t.Goal;
        }

        return new SlaCell
        {
            Channel = key.Channel,
            Priority = key.Priority,
            Metric = key.Metric,
            Target = key.Target,
            Met = c[0],
            Breached = c[1],
            PendingBreached = c[2],
            PendingWithinTarget = c[3],
            WithoutTarget = c[4],
            ClosedWithoutReply = c[5],
            Attainment = attainment,
            MissesGoal = misses,
            ClearlyMissesGoal = clearly,
        };
    }
}

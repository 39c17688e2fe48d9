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
    public static IReadOnlyList<SlaCell> Attainment(IEnumerable<TicketTimes> times, IEnumerable<SlaTarget> targets, bool byPriority = true, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(targets);
        options ??= SupportOptions.Default;
        var lookup = new Dictionary<(SlaMetric, string?, string?), SlaTarget>();
        foreach (var t in targets)
        {
            ArgumentNullException.ThrowIfNull(t);
            if (!lookup.TryAdd((t.Metric, t.Channel, t.Priority), t))
            {
                throw new ArgumentException($"two SLA targets for {t.Metric} on channel '{t.Channel ?? "all"}' and priority '{t.Priority ?? "all"}'; give one.", nameof(targets));
            }
        }

        var metrics = lookup.Keys.Select(k => k.Item1).Distinct().Order().ToArray();
        var counts = new Dictionary<(string Channel, string? Priority, SlaMetric Metric, SlaTarget? Target), long[]>();
        foreach (var time in times)
        {
            ArgumentNullException.ThrowIfNull(time);
            var ticket = time.Ticket;
            foreach (var metric in metrics)
            {
                var target = Match(lookup, metric, ticket.Channel, ticket.Priority);
                var key = (ticket.Channel, byPriority ? ticket.Priority : null, metric, target);
                if (!counts.TryGetValue(key, out var c))
                {
                    c = new long[6];
                    counts.Add(key, c);
                }

                c[Judge(time, metric, target)]++;
            }
        }

        return
        [
            .. counts
                .OrderBy(kv => kv.Key.Channel, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Priority is null).ThenBy(kv => kv.Key.Priority, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Metric)
                .ThenBy(kv => kv.Key.Target?.ToString(), StringComparer.Ordinal)
                .Select(kv => Cell(kv.Key, kv.Value, options)),
        ];
    }

    private static SlaTarget? Match(Dictionary<(SlaMetric, string?, string?), SlaTarget> lookup, SlaMetric metric, string channel, string? priority)
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

    /// <summary>0 met, 1 breached, 2 pending breached, 3 pending within target, 4 without target, 5 closed without reply (first response only).</summary>
    private static int Judge(TicketTimes time, SlaMetric metric, SlaTarget? target)
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
        var attainment = Statistics.Proportion.Estimate(c[0], judged, options.ConfidenceLevel, options.ProportionInterval);
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

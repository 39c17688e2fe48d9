namespace CxMetrics.Support;

/// <summary>
/// SLA attainment: the share of tickets (or, for next reply, of customer message runs) that reached their target metric in
/// time — first response, resolution, next reply, periodic or pausable update, agent work or requester wait time — per channel ×
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

    /// <summary>
    /// SLA attainment per calendar period of ticket creation (every period from the first to the last, empty ones included),
    /// each period's cells as <see cref="Of"/> gives them — with <paramref name="byPriority"/> off, per channel and period:
    /// the share within target, its interval and the test against the goal share (<see cref="SlaCell.GoalTest"/>).
    /// </summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="targets">The targets; at most one per metric, channel and priority.</param>
    /// <param name="grid">The period grid (the shop's zone, unit, week start).</param>
    /// <param name="byPriority">Cells per channel × priority or per channel only (default).</param>
    /// <param name="options">Level, interval method and the largest number of periods.</param>
    /// <returns>One entry per period, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentException">Two targets have the same metric, channel and priority.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than the options' <c>MaxPeriods</c>.</exception>
    public static IReadOnlyList<SlaPeriod> ByPeriod(IEnumerable<TicketTimes> times, IEnumerable<SlaTarget> targets, Time.PeriodGrid grid, bool byPriority = false, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= SupportOptions.Default;
        var list = targets?.ToArray() ?? throw new ArgumentNullException(nameof(targets));
        _ = new SlaTally(list, byPriority); // checks the targets even without tickets
        var tallies = new Dictionary<Time.CalendarPeriod, SlaTally>();
        foreach (var t in times)
        {
            var period = grid.Containing(t.Ticket.CreatedAt);
            if (!tallies.TryGetValue(period, out var tally))
            {
                tally = new SlaTally(list, byPriority);
                tallies.Add(period, tally);
            }

            tally.Add(t);
        }

        return ByPeriod(tallies, grid, options);
    }

    /// <summary>
    /// SLA attainment per calendar period from tallies counted elsewhere, one per period of ticket creation (one pass over a
    /// file, shards): the same periods as <see cref="ByPeriod(IEnumerable{TicketTimes}, IEnumerable{SlaTarget}, Time.PeriodGrid, bool, SupportOptions?)"/>
    /// gives for the ticket times the tallies counted. Tallies of the same period are merged into a new tally; the given
    /// tallies are not changed.
    /// </summary>
    /// <param name="tallies">One or more tallies per period of <paramref name="grid"/>, all of the same targets and breakdown.</param>
    /// <param name="grid">The period grid the tallies were counted on.</param>
    /// <param name="options">Level, interval method and the largest number of periods.</param>
    /// <returns>One entry per period from the first to the last, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentException">Two tallies have different targets or breakdowns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than the options' <c>MaxPeriods</c>.</exception>
    public static IReadOnlyList<SlaPeriod> ByPeriod(IEnumerable<KeyValuePair<Time.CalendarPeriod, SlaTally>> tallies, Time.PeriodGrid grid, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= SupportOptions.Default;
        var byPeriod = new SortedDictionary<Time.CalendarPeriod, SlaTally>();
        foreach (var (period, tally) in tallies)
        {
            ArgumentNullException.ThrowIfNull(tally, nameof(tallies));
            byPeriod[period] = byPeriod.TryGetValue(period, out var seen) ? new SlaTally(seen.Targets, seen.ByPriority).Merge(seen).Merge(tally) : tally;
        }

        if (byPeriod.Count == 0)
        {
            return [];
        }

        var first = byPeriod.Keys.First();
        var last = byPeriod.Keys.Last();
        var any = byPeriod[first];
        var empty = new SlaTally(any.Targets, any.ByPriority);
        Breakdowns.Grouping.EnsureSpan(first, last, options.MaxPeriods);
        return [.. grid.Range(first, last).Select(p => new SlaPeriod(p, From(byPeriod.GetValueOrDefault(p, empty), options)))];
    }

    /// <summary>
    /// Adds the judgements of one ticket for one metric to <paramref name="counts"/>: 0 met, 1 breached, 2 pending breached,
    /// 3 pending within target, 4 without target, 5 closed without reply (no reply to judge: first response, or a next reply
    /// ended by a solve). Next reply gives one judgement per customer message run; update metrics one per ticket with updates.
    /// </summary>
    internal static void Judge(TicketTimes time, SlaMetric metric, SlaTarget? target, long[] counts)
    {
        if (target is null)
        {
            counts[4]++;
            return;
        }

        var basis = target.Basis;
        var limit = target.Target;
        switch (metric)
        {
            case SlaMetric.FirstResponse:
                counts[Single(time.FirstResponse, time.ResponsePendingFor, basis, limit)]++;
                break;
            case SlaMetric.Resolution:
                counts[Single(time.FullResolution, time.ResolutionPendingFor, basis, limit)]++;
                break;
            case SlaMetric.AgentWork:
            case SlaMetric.RequesterWait:
                var clock = time.StatusTimes;
                var value = metric == SlaMetric.AgentWork ? clock.AgentWork : clock.RequesterWait;
                counts[clock.IsRunning ? Single(null, value, basis, limit) : Single(value, null, basis, limit)]++;
                break;
            case SlaMetric.NextReply when time.ReplyTimes is { } r:
                foreach (var wait in r.NextReplies)
                {
                    counts[wait.In(basis) <= limit ? 0 : 1]++;
                }

                if (r.NextReplyPendingFor is { } p)
                {
                    counts[p.In(basis) > limit ? 2 : 3]++;
                }

                counts[5] += r.NextRepliesEndedBySolve;
                break;
            case SlaMetric.PeriodicUpdate when time.ReplyTimes is { } r:
                Update(r.LongestUpdateGap, r.UpdateGapPendingFor, basis, limit, counts);
                break;
            case SlaMetric.PausableUpdate when time.ReplyTimes is { } r:
                Update(r.LongestPausableUpdateGap, r.PausableUpdateGapPendingFor, basis, limit, counts);
                break;
            default:
                // A reply or update metric on a ticket without messages: nothing to judge.
                break;
        }
    }

    /// <summary>One judgement from a finished time or a time so far.</summary>
    private static int Single(ElapsedTime? done, ElapsedTime? pending, TimeBasis basis, NodaTime.Duration limit)
    {
        if (done is { } d)
        {
            return d.In(basis) <= limit ? 0 : 1;
        }

        if (pending is not { } p)
        {
            // Solved or closed without a public reply: no first response to judge, and not pending either.
            return 5;
        }

        return p.In(basis) > limit ? 2 : 3;
    }

    /// <summary>An update metric: breached when a finished gap exceeded the target, else judged by the running gap, else met.</summary>
    private static void Update(ElapsedTime? longest, ElapsedTime? running, TimeBasis basis, NodaTime.Duration limit, long[] counts)
    {
        if (longest is null && running is null)
        {
            return;
        }

        if (longest is { } l && l.In(basis) > limit)
        {
            counts[1]++;
        }
        else if (running is { } g)
        {
            counts[g.In(basis) > limit ? 2 : 3]++;
        }
        else
        {
            counts[0]++;
        }
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
            GoalTest = key.Target is { } goal ? Statistics.Proportion.ScoreTest(c[0], judged, goal.Goal) : null,
            MissesGoal = misses,
            ClearlyMissesGoal = clearly,
        };
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Conversion;

/// <summary>
/// Conversion rate: converted units over all units, per session or per visitor (GA4's "session conversion rate" and
/// "user conversion rate"), always with the unit stated, a Wilson interval and n; breakdowns by any key (channel,
/// traffic source, device, visitor type, segment) and by calendar period in the shop's zone with the period-over-period
/// change tested by the two-proportion z-test (Newcombe interval for the difference).
/// </summary>
public static class ConversionRate
{
    /// <summary>The conversion rate of sessions in a unit.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="unit">Per session or per visitor.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sessions"/> is null.</exception>
    public static ConversionResult Of(IEnumerable<Session> sessions, ConversionUnit unit, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var tally = new ConversionTally(unit);
        foreach (var session in sessions)
        {
            tally.Add(session);
        }

        return From(tally, options);
    }

    /// <summary>
    /// The conversion rate of many sessions on all cores. Per session: one contiguous chunk per worker, counts added. Per
    /// visitor: each session goes to the worker that owns a hash of its visitor id, so every visitor is counted by exactly
    /// one worker and the workers' counts simply add up (no visitor set is merged). The result is identical to
    /// <see cref="Of"/>. Inputs under 8,192 sessions per worker are counted on the calling thread.
    /// </summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="unit">Per session or per visitor.</param>
    /// <param name="options">Interval choices.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The result.</returns>
    public static ConversionResult OfParallel(ReadOnlyMemory<Session> sessions, ConversionUnit unit, ConversionOptions? options = null, int? degreeOfParallelism = null) =>
        OfParallel(sessions, unit, options, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk);

    internal static ConversionResult OfParallel(ReadOnlyMemory<Session> sessions, ConversionUnit unit, ConversionOptions? options, int? degreeOfParallelism, int minimumChunk)
    {
        int workers = Internal.ParallelTally.Workers(sessions.Length, degreeOfParallelism, minimumChunk);
        if (unit == ConversionUnit.Visitor && workers > 1 && VisitorsPartitioned(sessions, workers) is { } counts)
        {
            return Result(unit, counts.Conversions, counts.Visitors, options);
        }

        return From(TallyParallel(sessions, unit, degreeOfParallelism, minimumChunk), options);
    }

    /// <summary>Distinct and converted visitors, hash-partitioned by visitor id; <see langword="null"/> when a session is null.</summary>
    private static (long Conversions, long Visitors)? VisitorsPartitioned(ReadOnlyMemory<Session> sessions, int workers)
    {
        using var partition = Internal.KeyPartition.Create(sessions, workers, static s => s.VisitorId);
        if (partition is null)
        {
            return null;
        }

        var conversions = new long[workers];
        var visitors = new long[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            var span = sessions.Span;
            var positions = partition.Positions(p);
            var converted = new Dictionary<string, bool>(StringComparer.Ordinal);
            long count = 0;
            foreach (int i in positions)
            {
                var session = span[i];
                ref bool flag = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(converted, session.VisitorId, out bool seen);
                if (session.Converted && !(seen && flag))
                {
                    count++;
                }

                flag |= session.Converted;
            }

            conversions[p] = count;
            visitors[p] = converted.Count;
        });
        long totalConversions = 0, totalVisitors = 0;
        for (int p = 0; p < workers; p++)
        {
            totalConversions += conversions[p];
            totalVisitors += visitors[p];
        }

        return (totalConversions, totalVisitors);
    }

    internal static ConversionTally TallyParallel(ReadOnlyMemory<Session> sessions, ConversionUnit unit, int? degreeOfParallelism, int minimumChunk) =>
        Internal.ParallelTally.Run(sessions, degreeOfParallelism, () => new ConversionTally(unit), static (tally, span) =>
        {
            foreach (var s in span)
            {
                tally.Add(s);
            }
        }, static (a, b) => a.Merge(b), minimumChunk);

    /// <summary>The rate of a tally.</summary>
    /// <param name="tally">The counts.</param>
    /// <param name="options">Interval choices.</param>
    /// <returns>The result; without estimate when there are no units.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static ConversionResult From(ConversionTally tally, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Result(tally.Unit, tally.Conversions, tally.Count, options);
    }

    private static ConversionResult Result(ConversionUnit unit, long conversions, long count, ConversionOptions? options)
    {
        options ??= ConversionOptions.Default;
        return new ConversionResult(unit, Proportion.FromCounts(conversions, count, options.ConfidenceLevel, options.ProportionInterval));
    }

    /// <summary>Compares two rates (e.g. two channels): Newcombe interval and two-proportion z-test.</summary>
    /// <param name="first">First rate.</param>
    /// <param name="second">Second rate.</param>
    /// <param name="options">Confidence level.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The units differ.</exception>
    public static ProportionComparison Compare(ConversionResult first, ConversionResult second, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Unit != second.Unit)
        {
            throw new ArgumentException($"a per-{first.Unit} rate cannot be compared with a per-{second.Unit} rate.", nameof(second));
        }

        return Proportion.Compare(first.Rate, second.Rate, (options ?? ConversionOptions.Default).ConfidenceLevel);
    }

    /// <summary>
    /// Every cell of a conversion breakdown compared at once (conversion by channel): the omnibus χ² test of homogeneity of
    /// the k rates (<see cref="ChiSquareTest.Homogeneity"/>, as R's <c>prop.test(x, n, correct = FALSE)</c>) and every pair
    /// by <see cref="Compare(ConversionResult, ConversionResult, ConversionOptions?)"/> (Newcombe interval, pooled z-test),
    /// the pairs' p-values adjusted together by <paramref name="method"/>.
    /// </summary>
    /// <typeparam name="TKey">The breakdown's key.</typeparam>
    /// <param name="breakdown">The cells, e.g. from <c>ConversionRate.By</c> (sessions or merged tallies), all of one unit.</param>
    /// <param name="method">The adjustment of the pairs' p-values; Holm by default.</param>
    /// <param name="options">Confidence level of the pairs' intervals.</param>
    /// <returns>The omnibus test (none with fewer than two cells with units) and every pair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="breakdown"/> or one of its cells is null.</exception>
    /// <exception cref="ArgumentException">The cells' units differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined adjustment.</exception>
    public static BreakdownComparison<TKey, ProportionComparison> Compare<TKey>(
        IReadOnlyList<BreakdownCell<TKey, ConversionResult>> breakdown, MultipleComparisonMethod method = MultipleComparisonMethod.Holm, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        options ??= ConversionOptions.Default;
        for (int i = 1; i < breakdown.Count; i++)
        {
            if (breakdown[i] is { } cell && breakdown[0] is { } head && cell.Result.Unit != head.Result.Unit)
            {
                throw new ArgumentException($"cell {i} counts per {cell.Result.Unit} but cell 0 per {head.Result.Unit}: one breakdown compares one unit.", nameof(breakdown));
            }
        }

        return PairwiseEngine.Compare(
            breakdown, method, static results => PairwiseEngine.Homogeneity([.. results.Select(r => r.Rate)]), (a, b) => Compare(a, b, options),
            static c => (c.Difference, c.Interval, c.PValue), nameof(breakdown));
    }

    /// <summary>Conversion per key, each cell with n and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="sessions">The sessions.</param>
    /// <param name="key">The key (channel, device, visitor type, …); <see langword="null"/> keys form their own cell.</param>
    /// <param name="unit">Per session or per visitor (a visitor counts once per cell).</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, ConversionResult>> By<TKey>(IEnumerable<Session> sessions, Func<Session, TKey> key, ConversionUnit unit, ConversionOptions? options = null)
    {
        options ??= ConversionOptions.Default;
        return Grouping.By(sessions, key, () => new ConversionTally(unit), static (t, s) => t.Add(s), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>Conversion per calendar period of <paramref name="grid"/> by session start, each compared with the period before it.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="unit">Per session or per visitor (a visitor counts once per period).</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period from the first to the last session, empty ones included.</returns>
    /// <exception cref="ArgumentException">A session has no start time (<see cref="Session.StartedAt"/> is <c>null</c>): it belongs to no period.</exception>
    public static IReadOnlyList<PeriodCell<ConversionResult, ProportionComparison>> ByPeriod(
        IEnumerable<Session> sessions, ConversionUnit unit, PeriodGrid grid, ConversionOptions? options = null) =>
        ByPeriod(sessions, unit, grid, null, options);

    /// <summary>Conversion per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/> by session start, each compared with the period before it.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="unit">Per session or per visitor (a visitor counts once per period).</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, empty ones included.</returns>
    /// <exception cref="ArgumentException">A session has no start time, a period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<ConversionResult, ProportionComparison>> ByPeriod(
        IEnumerable<Session> sessions, ConversionUnit unit, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, ConversionOptions? options = null) =>
        ByPeriod(sessions, unit, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<ConversionResult, ProportionComparison>> ByPeriod(
        IEnumerable<Session> sessions, ConversionUnit unit, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, ConversionOptions? options)
    {
        options ??= ConversionOptions.Default;
        return Grouping.ByPeriod(
            sessions, static s => s.StartedAt ?? throw new ArgumentException($"session '{s.Id ?? s.VisitorId}' has no start time, so it belongs to no period; conversion by period needs dated sessions.", nameof(sessions)), grid, range, () => new ConversionTally(unit), static (t, s) => t.Add(s),
            t => From(t, options), static t => t.Count, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// Conversion per key from tallies counted elsewhere (one pass over a file, shards, a database <c>GROUP BY</c>): the same
    /// cells as <see cref="By{TKey}(IEnumerable{Session}, Func{Session, TKey}, ConversionUnit, ConversionOptions?)"/> gives
    /// for the sessions the tallies counted. Tallies of the same key are merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key, all of one unit; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentException">Tallies of one key are of different units.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, ConversionResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, ConversionTally>> tallies, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= ConversionOptions.Default;
        var list = tallies.ToList();
        var unit = list.Count > 0 ? list[0].Value.Unit : ConversionUnit.Session;
        return Grouping.FromTallies(list, () => new ConversionTally(unit), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// Conversion per calendar period from tallies counted per period elsewhere (e.g. keyed by
    /// <see cref="PeriodGrid.Containing(Instant)"/> while streaming a file): the same cells as
    /// <see cref="ByPeriod(IEnumerable{Session}, ConversionUnit, PeriodGrid, ConversionOptions?)"/>
    /// gives for the sessions the tallies counted — every period from the first to the last, gaps as empty cells, each
    /// compared with the one before it (Newcombe interval, two-proportion z-test). Tallies of the same period are merged
    /// into a new tally; the given tallies are not changed.
    /// </summary>
    /// <param name="tallies">One or more tallies per period, all periods of one unit and all tallies of one <see cref="ConversionUnit"/>.</param>
    /// <param name="options">Intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentException">The periods are of different units, or tallies of one period of different conversion units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods span more than <see cref="EstimateOptions.MaxPeriods"/>.</exception>
    public static IReadOnlyList<PeriodCell<ConversionResult, ProportionComparison>> ByPeriod(IEnumerable<KeyValuePair<CalendarPeriod, ConversionTally>> tallies, ConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= ConversionOptions.Default;
        var list = tallies.ToList();
        var unit = list.Count > 0 ? list[0].Value.Unit : ConversionUnit.Session;
        return Grouping.ByPeriodFromTallies(
            list, () => new ConversionTally(unit), static (t, other) => t.Merge(other), t => From(t, options), static t => t.Count,
            (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }
}

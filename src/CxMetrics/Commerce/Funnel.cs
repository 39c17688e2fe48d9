using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// Checkout funnels: ordered steps (default add to cart → begin checkout → shipping → payment → purchase, GA4's
/// recommended e-commerce events), closed (a unit must enter at step 1; GA4's default) or open (enter at any step).
/// Per step: units at the step, continuing, abandoned and pending; completion <c>continued / (continued + abandoned)</c>
/// with a Wilson interval, step abandonment <c>1 − completion</c>, and the time to the next step (median and percentiles).
/// Overall abandonment is <c>1 − Π completion_k</c>. Reference: 1000 → 600 → 450 → 300 gives step abandonment 0.40,
/// 0.25, 0.3333 and overall 0.70 (Google Analytics Help, "Funnel exploration"; GA4 reports completion and abandonment
/// rates per step the same way).
/// </summary>
public static class Funnel
{
    /// <summary>The funnel of events as of an instant.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Steps, mode, unit, time-out, level.</param>
    /// <returns>The funnel.</returns>
    public static FunnelResult Of(IEnumerable<CartEvent> events, Instant asOf, CartOptions? options = null) =>
        From(CartTally.Of(events), asOf, options);

    /// <summary>The funnel of a tally as of an instant.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Steps, mode, unit, time-out, level.</param>
    /// <returns>The funnel, with the tally's anomalies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static FunnelResult From(CartTally tally, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var outcomes = tally.Evaluate(asOf, options);
        var counter = new FunnelCounter(options.Steps.Count, options.Mode);
        Span<long> ticks = stackalloc long[options.Steps.Count];
        foreach (var o in outcomes)
        {
            counter.Add(o, ticks);
        }

        var anomalies = tally.Anomalies(outcomes);
        return counter.ToResult(options, asOf, anomalies.EventsAfterAsOf, anomalies);
    }

    /// <summary>
    /// The funnel of compact events, the fast path for tens of millions of events: one pass over the span into per-unit
    /// arrays (earliest time per step, last customer activity, cart/purchase flags), then one pass over the units. It gives
    /// the same counts, rates and times as <see cref="From"/> on the same events.
    /// </summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="unitCount">The number of units; every <see cref="CartEventRecord.Unit"/> must be below it.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Steps, mode, unit, time-out, level.</param>
    /// <returns>The funnel; <see cref="FunnelResult.Anomalies"/> is <see langword="null"/> (duplicates are not looked for).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A unit index is outside <c>[0, unitCount)</c> (the message gives its position).</exception>
    public static FunnelResult Of(ReadOnlySpan<CartEventRecord> events, int unitCount, Instant asOf, CartOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitCount);
        options ??= CartOptions.Default;
        var state = new RecordState(unitCount, options, asOf);
        long after = state.Fill(events, 0, unitCount);
        return state.Count(0, unitCount).ToResult(options, asOf, after, null);
    }

    /// <summary>
    /// <see cref="Of(ReadOnlySpan{CartEventRecord}, int, Instant, CartOptions?)"/> on all cores, partitioned by unit: worker <c>w</c> of <c>W</c> owns the units
    /// <c>[w·n/W, (w+1)·n/W)</c>, reads the whole span and keeps only its units' events (so every unit is filled by one
    /// worker, no locks, no per-worker copies of the per-unit arrays), then counts its units into its own funnel counter;
    /// the counters are added. The result is identical to <see cref="Of(ReadOnlySpan{CartEventRecord}, int, Instant, CartOptions?)"/> on the same events.
    /// </summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="unitCount">The number of units; every <see cref="CartEventRecord.Unit"/> must be below it.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Steps, mode, unit, time-out, level.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>. Inputs under
    /// 8,192 events per worker use fewer workers.</param>
    /// <returns>The funnel; <see cref="FunnelResult.Anomalies"/> is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A unit index is outside <c>[0, unitCount)</c> (the message gives its
    /// position, the same as <see cref="Of(ReadOnlySpan{CartEventRecord}, int, Instant, CartOptions?)"/>).</exception>
    public static FunnelResult OfParallel(ReadOnlyMemory<CartEventRecord> events, int unitCount, Instant asOf, CartOptions? options = null, int? degreeOfParallelism = null) =>
        OfRecordsParallel(events, unitCount, asOf, options, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk);

    internal static FunnelResult OfRecordsParallel(ReadOnlyMemory<CartEventRecord> events, int unitCount, Instant asOf, CartOptions? options, int? degreeOfParallelism, int minimumChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitCount);
        options ??= CartOptions.Default;
        int workers = Math.Min(Internal.ParallelTally.Workers(events.Length, degreeOfParallelism, minimumChunk), Math.Max(1, unitCount));
        if (workers == 1)
        {
            return Of(events.Span, unitCount, asOf, options);
        }

        var state = new RecordState(unitCount, options, asOf);
        var counters = new FunnelCounter[workers];
        var after = new long[workers];
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                int lo = (int)((long)unitCount * w / workers), hi = (int)((long)unitCount * (w + 1) / workers);
                after[w] = state.Fill(events.Span, lo, hi);
                counters[w] = state.Count(lo, hi);
            });
        }
        catch (AggregateException)
        {
            return Of(events.Span, unitCount, asOf, options); // the sequential path's exception, with its position
        }

        long eventsAfter = after[0];
        for (int w = 1; w < workers; w++)
        {
            counters[0].Merge(counters[w]);
            eventsAfter += after[w];
        }

        return counters[0].ToResult(options, asOf, eventsAfter, null);
    }

    /// <summary>
    /// A funnel from step counts, e.g. GA4's exported numbers or a published example; nothing pending, no times.
    /// </summary>
    /// <param name="reached">Units at each step, in order; at least two steps.</param>
    /// <param name="mode">Closed (counts must not increase) or open.</param>
    /// <param name="names">Step names; default "step 1", "step 2", ….</param>
    /// <param name="continued">For an open funnel, units at step k that reached step k + 1 (one fewer than steps);
    /// by default (closed) the next step's count.</param>
    /// <param name="unit">The analysis unit.</param>
    /// <param name="options">The confidence level (steps, mode and unit come from the other arguments); <see cref="CartOptions.Default"/> when omitted.</param>
    /// <returns>The funnel.</returns>
    /// <exception cref="ArgumentException">Fewer than two steps, a negative count, a closed funnel whose counts increase,
    /// continuing units above a step's count, or names that do not match the counts.</exception>
    public static FunnelResult FromCounts(
        IReadOnlyList<long> reached, FunnelMode mode = FunnelMode.Closed, IReadOnlyList<string>? names = null,
        IReadOnlyList<long>? continued = null, AnalysisUnit unit = AnalysisUnit.Cart, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reached);
        double level = (options ?? CartOptions.Default).ConfidenceLevel;
        if (reached.Count < 2)
        {
            throw new ArgumentException($"a funnel needs at least two steps, not {reached.Count}.", nameof(reached));
        }

        if (names is not null && names.Count != reached.Count)
        {
            throw new ArgumentException($"{names.Count} names do not match {reached.Count} steps.", nameof(names));
        }

        if (continued is not null && continued.Count != reached.Count - 1)
        {
            throw new ArgumentException($"{continued.Count} continuing counts do not match {reached.Count - 1} transitions.", nameof(continued));
        }

        var steps = new FunnelStepResult[reached.Count];
        for (int k = 0; k < reached.Count; k++)
        {
            long at = reached[k];
            ArgumentOutOfRangeException.ThrowIfNegative(at, nameof(reached));
            long next = k == reached.Count - 1 ? 0 : continued?[k] ?? reached[k + 1];
            if (k < reached.Count - 1 && mode == FunnelMode.Closed && continued is null && next > at)
            {
                throw new ArgumentException($"closed funnel counts must not increase: step {k + 2} has {next} units, step {k + 1} only {at}.", nameof(reached));
            }

            if (next > at || next < 0)
            {
                throw new ArgumentException($"{next} units continuing from step {k + 1} is outside [0, {at}].", nameof(continued));
            }

            bool hasNext = k < reached.Count - 1;
            steps[k] = new FunnelStepResult
            {
                Name = names?[k] ?? $"step {k + 1}",
                Reached = at,
                Continued = next,
                Abandoned = hasNext ? at - next : 0,
                Pending = 0,
                Completion = hasNext ? Proportion.FromCounts(next, at, level) : Proportion.FromCounts(0, 0, level),
                SecondsToNext = QuantileSummary.Empty,
                OutOfSequence = 0,
            };
        }

        return FunnelCounter.Result(steps, mode, unit, null, null, 0, null, level);
    }

    /// <summary>The funnel per key of the unit (channel, device, segment, …).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tally">The tally.</param>
    /// <param name="key">The key of a unit; <see langword="null"/> keys form their own cell.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Steps, mode, unit, time-out, level, small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; a cell's count is the units at the first step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, FunnelResult>> By<TKey>(CartTally tally, Func<CartOutcome, TKey> key, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var outcomes = tally.Evaluate(asOf, options);
        return Grouping.By(
            outcomes, key, () => new FunnelCounter(options.Steps.Count, options.Mode), static (c, o) => c.Add(o, new long[o.StepReachedAt.Count]),
            c => c.ToResult(options, asOf, 0, null), static c => c.Entered, options.MinimumCellSize);
    }

    /// <summary>
    /// The funnel per calendar period of <paramref name="grid"/> of the unit's first cart activity (every period from the
    /// first to the last, empty ones included; units without cart activity are in no cell), each compared with the period
    /// before it on the overall conversion from the first to the last step (<see cref="FunnelResult.Overall"/>).
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Steps, mode, unit, time-out, level, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods with data span more than <see cref="EstimateOptions.MaxPeriods"/> (naming <paramref name="options"/>).</exception>
    public static IReadOnlyList<PeriodCell<FunnelResult, ProportionComparison>> ByPeriod(CartTally tally, Instant asOf, PeriodGrid grid, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, null, options);

    /// <summary>The funnel per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each compared with the period before it on the overall conversion.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Steps, mode, unit, time-out, level, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, in time order.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<FunnelResult, ProportionComparison>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<FunnelResult, ProportionComparison>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, CartOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        Grouping.CheckRange(grid, range, options.MaxPeriods);
        var carts = new List<CartOutcome>();
        foreach (var o in tally.Evaluate(asOf, options))
        {
            if (o.FirstCartActivity is not null)
            {
                carts.Add(o);
            }
        }

        var none = Proportion.FromCounts(0, 0, options.ConfidenceLevel, options.ProportionInterval);
        return Grouping.ByPeriod(
            carts, static o => o.FirstCartActivity!.Value, grid, range, () => new FunnelCounter(options.Steps.Count, options.Mode),
            static (c, o) => c.Add(o, new long[o.StepReachedAt.Count]), c => c.ToResult(options, asOf, 0, null), static c => c.Entered,
            (later, earlier) => Proportion.Compare(later.Overall ?? none, earlier.Overall ?? none, options.ConfidenceLevel), options.MinimumCellSize, options.MaxPeriods);
    }

    /// <summary>
    /// The per-unit arrays of the span path — earliest time per step, last customer activity, cart/purchase flags — filled
    /// for a range of units; ranges are disjoint, so workers filling different ranges share the arrays without locks.
    /// </summary>
    private sealed class RecordState
    {
        private readonly int unitCount, stepCount;
        private readonly long asOfTicks, timeout;
        private readonly FunnelMode mode;
        private readonly sbyte[] stepOf = new sbyte[8];
        private readonly long[] first, last;
        private readonly byte[] flags;

        public RecordState(int unitCount, CartOptions options, Instant asOf)
        {
            this.unitCount = unitCount;
            stepCount = options.Steps.Count;
            mode = options.Mode;
            asOfTicks = asOf.ToUnixTimeTicks();
            timeout = options.InactivityTimeout.BclCompatibleTicks;
            stepOf.AsSpan().Fill(-1);
            for (int s = 0; s < stepCount; s++)
            {
                foreach (var kind in options.Steps[s].Kinds)
                {
                    stepOf[(int)kind] = (sbyte)s;
                }
            }

            // Filled per range below, so skip the zeroing: for 5 million units these are 240 MB.
            first = GC.AllocateUninitializedArray<long>(checked(unitCount * stepCount));
            last = GC.AllocateUninitializedArray<long>(unitCount);
            flags = new byte[unitCount];
        }

        /// <summary>Takes the events of units in <c>[lo, hi)</c>; returns how many of them are after the as-of instant.</summary>
        public long Fill(ReadOnlySpan<CartEventRecord> events, int lo, int hi)
        {
            // Locals, not fields, in the hot loop: the JIT keeps them in registers.
            int units = unitCount, steps = stepCount;
            long asOf = asOfTicks;
            var firsts = first;
            var lasts = last;
            var flag = flags;
            ReadOnlySpan<sbyte> stepOfKind = stepOf;
            firsts.AsSpan(lo * steps, (hi - lo) * steps).Fill(long.MaxValue);
            lasts.AsSpan(lo, hi - lo).Fill(long.MinValue);
            uint width = (uint)(hi - lo);
            long after = 0;
            for (int i = 0; i < events.Length; i++)
            {
                ref readonly var e = ref events[i];
                int unit = e.Unit;
                if ((uint)(unit - lo) >= width)
                {
                    if ((uint)unit >= (uint)units)
                    {
                        throw new ArgumentOutOfRangeException(nameof(events), unit, $"event at position {i} has unit index {unit}, outside [0, {units}).");
                    }

                    continue;
                }

                long t = e.UnixTicks;
                if (t > asOf)
                {
                    after++;
                    continue;
                }

                int kind = (int)e.Kind & 7;
                int step = stepOfKind[kind];
                if (step >= 0)
                {
                    ref long f = ref firsts[(unit * steps) + step];
                    if (t < f)
                    {
                        f = t;
                    }
                }

                if (kind != (int)CartEventKind.ReminderSent)
                {
                    ref long l = ref lasts[unit];
                    if (t > l)
                    {
                        l = t;
                    }
                }

                flag[unit] |= kind <= (int)CartEventKind.PaymentInfo ? (byte)1 : kind == (int)CartEventKind.ReminderSent ? (byte)0 : (byte)2;
            }

            return after;
        }

        /// <summary>Counts the units in <c>[lo, hi)</c> into a new funnel counter.</summary>
        public FunnelCounter Count(int lo, int hi)
        {
            var counter = new FunnelCounter(stepCount, mode, hi - lo);
            for (int u = lo; u < hi; u++)
            {
                bool pending = flags[u] == 1 && asOfTicks - last[u] < timeout;
                counter.Add(first.AsSpan(u * stepCount, stepCount), pending);
            }

            return counter;
        }
    }
}

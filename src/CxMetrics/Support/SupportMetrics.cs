using System.Buffers;
using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// Summaries of support responsiveness over many tickets — overall, per key (channel, priority, agent group, segment) and
/// per calendar period — from per-ticket <see cref="TicketTimes"/>. Definitions in <see cref="SupportTimes"/>.
/// </summary>
public static class SupportMetrics
{
    /// <summary>
    /// The summaries of many tickets' times on all cores: one contiguous chunk of tickets per worker, whose hours on the
    /// chosen clock go into pooled buffers (nothing allocated per ticket) and are sorted on the worker's thread; the sorted
    /// chunks are merged per measure (a linear merge instead of one sort of everything on one thread), while each mean is
    /// still summed over the hours in input order. The result is identical to <see cref="Of"/>. Inputs under 8,192 tickets
    /// per worker are summarised on the calling thread by the same path with one chunk.
    /// </summary>
    /// <param name="times">Per-ticket times.</param>
    /// <param name="options">Percentiles, quantile method, level.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The result.</returns>
    public static SupportResult OfParallel(ReadOnlyMemory<TicketTimes> times, SupportOptions? options = null, int? degreeOfParallelism = null) =>
        OfParallel(times, options, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk);

    internal static SupportResult OfParallel(ReadOnlyMemory<TicketTimes> times, SupportOptions? options, int? degreeOfParallelism, int minimumChunk)
    {
        int workers = Internal.ParallelTally.Workers(times.Length, degreeOfParallelism, minimumChunk);
        // One worker runs the same pooled-buffer path on this thread (no per-value list growth), so more workers are
        // measured against it.
        if (times.Length > 0)
        {
            try
            {
                if (SummarizeParallel(times, options ?? SupportOptions.Default, workers) is { } result)
                {
                    return result;
                }
            }
            catch (AggregateException)
            {
                // fall through: the sequential path reports the problem exactly as on one thread
            }
        }

        var tally = new SupportTally();
        foreach (var t in times.Span)
        {
            tally.Add(t);
        }

        return From(tally, options);
    }

    /// <summary>The parallel summary; <see langword="null"/> when an hour value or an option is invalid (the sequential path then throws).</summary>
    private static SupportResult? SummarizeParallel(ReadOnlyMemory<TicketTimes> times, SupportOptions options, int workers)
    {
        var basis = options.Basis;
        var percentiles = options.Percentiles ?? [];
        if (basis is not (TimeBasis.Business or TimeBasis.Calendar) || percentiles.Any(p => !(p >= 0 && p <= 1)))
        {
            return null;
        }

        int measures = SupportTally.Measures, n = times.Length, chunk = n / workers;
        var counts = new SupportTally[workers];
        var runs = new double[workers * measures][];
        var lengths = new int[workers * measures];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        try
        {
            // 1. Per chunk: counts, and each measure's hours in input order.
            Parallel.For(0, workers, parallel, w =>
            {
                int start = w * chunk, end = w == workers - 1 ? n : start + chunk;
                var mine = new double[measures][];
                var length = new int[measures];
                for (int m = 0; m < measures; m++)
                {
                    mine[m] = runs[(w * measures) + m] = ArrayPool<double>.Shared.Rent(Math.Max(1, end - start));
                }

                var tally = new SupportTally();
                var span = times.Span;
                for (int i = start; i < end; i++)
                {
                    var t = span[i];
                    tally.AddCounts(t);
                    for (int m = 0; m < measures; m++)
                    {
                        if (SupportTally.Value(t, (SupportMeasure)m) is { } e)
                        {
                            mine[m][length[m]++] = e.In(basis).TotalHours;
                        }
                    }
                }

                length.CopyTo(lengths, w * measures);
                counts[w] = tally;
            });

            // 2. Means: summed in input order, as on one thread (cheap); invalid hours go to the sequential path.
            var sums = new double[measures];
            for (int m = 0; m < measures; m++)
            {
                double sum = 0;
                for (int w = 0; w < workers; w++)
                {
                    foreach (double h in runs[(w * measures) + m].AsSpan(0, lengths[(w * measures) + m]))
                    {
                        if (!(h >= 0) || double.IsPositiveInfinity(h))
                        {
                            return null;
                        }

                        sum += h;
                    }
                }

                sums[m] = sum;
            }

            // 3. Each chunk's runs sorted on its own worker; 4. per measure the sorted runs merged and summarised.
            Parallel.For(0, workers, parallel, w =>
            {
                for (int m = 0; m < measures; m++)
                {
                    runs[(w * measures) + m].AsSpan(0, lengths[(w * measures) + m]).Sort();
                }
            });
            var summaries = new DurationSummary[measures];
            Parallel.For(0, measures, parallel, m =>
            {
                var sorted = new ReadOnlyMemory<double>[workers];
                for (int w = 0; w < workers; w++)
                {
                    sorted[w] = runs[(w * measures) + m].AsMemory(0, lengths[(w * measures) + m]);
                }

                summaries[m] = Internal.SortedRuns.MergeAndApply(sorted, merged => DurationSummary.OfSorted(merged, sums[m], percentiles, options.QuantileMethod));
            });

            var total = counts[0];
            for (int w = 1; w < workers; w++)
            {
                total.Merge(counts[w]);
            }

            return Build(total, m => summaries[(int)m], options);
        }
        finally
        {
            foreach (var run in runs)
            {
                if (run is not null)
                {
                    ArrayPool<double>.Shared.Return(run);
                }
            }
        }
    }

    internal static SupportTally TallyParallel(ReadOnlyMemory<TicketTimes> times, int? degreeOfParallelism, int minimumChunk) =>
        Internal.ParallelTally.Run(times, degreeOfParallelism, static () => new SupportTally(), static (tally, span) =>
        {
            foreach (var t in span)
            {
                tally.Add(t);
            }
        }, static (a, b) => a.Merge(b), minimumChunk);

    /// <summary>The summary of ticket times.</summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="options">Clock, percentiles and intervals.</param>
    /// <returns>The result.</returns>
    public static SupportResult Of(IEnumerable<TicketTimes> times, SupportOptions? options = null) => From(SupportTally.Of(times), options);

    /// <summary>The summary from a tally: per measure the <see cref="DurationSummary"/> on the chosen clock; reopen rate with its interval.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Clock, percentiles and intervals.</param>
    /// <returns>The result (n = 0 summaries without values when the tally is empty).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static SupportResult From(SupportTally tally, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SupportOptions.Default;
        var basis = options.Basis;
        return Build(tally, m => DurationSummary.Of(tally.Span(m, basis), options.Percentiles, options.QuantileMethod), options);
    }

    /// <summary>The result from the counts of <paramref name="tally"/> and a summary per measure (on one thread or from merged sorted chunks).</summary>
    private static SupportResult Build(SupportTally tally, Func<SupportMeasure, DurationSummary> summary, SupportOptions options)
    {
        var S = summary;
        return new SupportResult
        {
            Basis = options.Basis,
            Tickets = tally.Tickets,
            FirstResponse = S(SupportMeasure.FirstResponse),
            ResponsePending = tally.ResponsePending,
            ResponsePendingFor = S(SupportMeasure.ResponsePendingFor),
            ClosedWithoutReply = S(SupportMeasure.ClosedWithoutReply).Count,
            ClosedWithoutReplyAfter = S(SupportMeasure.ClosedWithoutReply),
            FirstResolution = S(SupportMeasure.FirstResolution),
            FullResolution = S(SupportMeasure.FullResolution),
            ResolutionPending = tally.ResolutionPending,
            ResolutionPendingFor = S(SupportMeasure.ResolutionPendingFor),
            HandleTime = S(SupportMeasure.HandleTime),
            AgentWorkTime = S(SupportMeasure.AgentWorkTime),
            OnHoldTime = S(SupportMeasure.OnHoldTime),
            AgentWaitTime = S(SupportMeasure.AgentWaitTime),
            RequesterWaitTime = S(SupportMeasure.RequesterWaitTime),
            Reopens = tally.Reopens,
            ReopenRate = Proportion.FromCounts(tally.ReopenedTickets, tally.SolvedOnce, options.ConfidenceLevel, options.ProportionInterval),
        };
    }

    /// <summary>
    /// Every cell of a support breakdown compared at once on the mean of one measure (e.g. first-response hours by channel):
    /// the omnibus Welch ANOVA of the k means (<see cref="WelchAnova"/>, as R's <c>oneway.test(var.equal = FALSE)</c>) and
    /// every pair by Welch's t-test (<see cref="WelchTest"/>: difference in hours, Welch interval), the pairs' p-values adjusted
    /// together by <paramref name="method"/>. Means of right-skewed times: read them beside the medians of the breakdown.
    /// </summary>
    /// <typeparam name="TKey">The breakdown's key.</typeparam>
    /// <param name="breakdown">The cells, e.g. from <c>SupportMetrics.By</c> (ticket times or merged tallies).</param>
    /// <param name="measure">Which duration is compared.</param>
    /// <param name="method">The adjustment of the pairs' p-values; Holm by default.</param>
    /// <param name="options">Confidence level of the pairs' intervals.</param>
    /// <returns>The omnibus test (none with fewer than two cells with durations) and every pair.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="breakdown"/> or one of its cells is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="measure"/> or <paramref name="method"/> is not defined.</exception>
    public static BreakdownComparison<TKey, MeanComparison> Compare<TKey>(
        IReadOnlyList<BreakdownCell<TKey, SupportResult>> breakdown, SupportMeasure measure, MultipleComparisonMethod method = MultipleComparisonMethod.Holm, SupportOptions? options = null)
    {
        if (!Enum.IsDefined(measure))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, $"unknown support measure {measure}.");
        }

        double level = (options ?? SupportOptions.Default).ConfidenceLevel;
        return PairwiseEngine.Compare(
            breakdown, method, results => PairwiseEngine.Anova([.. results.Select(r => Moments(r, measure))]),
            (a, b) => WelchTest.From(Moments(a, measure), Moments(b, measure), level), static c => (c.Difference, c.Interval, c.PValue), nameof(breakdown));
    }

    private static RunningMoments Moments(SupportResult result, SupportMeasure measure)
    {
        var summary = measure switch
        {
            SupportMeasure.FirstResponse => result.FirstResponse,
            SupportMeasure.ResponsePendingFor => result.ResponsePendingFor,
            SupportMeasure.FirstResolution => result.FirstResolution,
            SupportMeasure.FullResolution => result.FullResolution,
            SupportMeasure.ResolutionPendingFor => result.ResolutionPendingFor,
            SupportMeasure.HandleTime => result.HandleTime,
            _ => result.ClosedWithoutReplyAfter,
        };
        if (summary is not { Count: > 0, Mean: { } mean })
        {
            return new RunningMoments();
        }

        double sd = summary.StandardDeviation ?? 0;
        return RunningMoments.FromParts(summary.Count, mean, sd * sd * (summary.Count - 1));
    }

    /// <summary>Summaries per key (channel, priority, agent group, segment, or a tuple), each cell with its ticket count and a small-cell flag.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="times">The ticket times.</param>
    /// <param name="key">The key of a ticket, e.g. <c>t =&gt; t.Ticket.Channel</c>; <see langword="null"/> keys form their own cell.</param>
    /// <param name="options">Clock, percentiles, intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    public static IReadOnlyList<BreakdownCell<TKey, SupportResult>> By<TKey>(IEnumerable<TicketTimes> times, Func<TicketTimes, TKey> key, SupportOptions? options = null)
    {
        options ??= SupportOptions.Default;
        return Grouping.By(times, key, static () => new SupportTally(), static (t, x) => t.Add(x), t => From(t, options), static t => t.Tickets, options.MinimumCellSize);
    }

    /// <summary>
    /// Summaries per key from tallies counted elsewhere (one pass over a file, shards): the same cells as
    /// <see cref="By{TKey}(IEnumerable{TicketTimes}, Func{TicketTimes, TKey}, SupportOptions?)"/> gives for the ticket times
    /// the tallies counted. Tallies of the same key are merged into a new tally; the given tallies are not changed.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tallies">One or more tallies per key; a <see langword="null"/> key forms its own cell.</param>
    /// <param name="options">Clock, percentiles, intervals and the small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tallies"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, SupportResult>> By<TKey>(IEnumerable<KeyValuePair<TKey, SupportTally>> tallies, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        options ??= SupportOptions.Default;
        return Grouping.FromTallies(tallies, static () => new SupportTally(), static (t, other) =>
        {
            t.Merge(other);
            return t;
        }, t => From(t, options), static t => t.Tickets, options.MinimumCellSize);
    }

    /// <summary>
    /// Summaries per calendar period of <paramref name="grid"/> by ticket creation (every period from the first to the last,
    /// empty ones included), each with the change of the medians from the period before.
    /// </summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Clock, percentiles, intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order.</returns>
    public static IReadOnlyList<PeriodCell<SupportResult, SupportChange>> ByPeriod(IEnumerable<TicketTimes> times, PeriodGrid grid, SupportOptions? options = null) =>
        ByPeriod(times, grid, null, options);

    /// <summary>Summaries per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/> by ticket creation, each with the change of the medians from the period before.</summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Clock, percentiles, intervals, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, in time order.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<SupportResult, SupportChange>> ByPeriod(
        IEnumerable<TicketTimes> times, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, SupportOptions? options = null) =>
        ByPeriod(times, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<SupportResult, SupportChange>> ByPeriod(
        IEnumerable<TicketTimes> times, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, SupportOptions? options)
    {
        options ??= SupportOptions.Default;
        return Grouping.ByPeriod(
            times, static t => t.Ticket.CreatedAt, grid, range, static () => new SupportTally(), static (t, x) => t.Add(x), t => From(t, options),
            static t => t.Tickets,
            static (now, before) => new SupportChange(now.FirstResponse.Median - before.FirstResponse.Median, now.FullResolution.Median - before.FullResolution.Median),
            options.MinimumCellSize, options.MaxPeriods);
    }
}

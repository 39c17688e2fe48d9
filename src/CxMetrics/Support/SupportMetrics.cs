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
    /// The summaries of many tickets' times on all cores: partition, tally each chunk, merge the tallies in input order. The
    /// result is identical to <see cref="Of"/> (the per-measure hours keep their order, so even the percentiles' inputs match).
    /// </summary>
    /// <param name="times">Per-ticket times.</param>
    /// <param name="options">Percentiles, quantile method, level.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The result.</returns>
    public static SupportResult OfParallel(ReadOnlyMemory<TicketTimes> times, SupportOptions? options = null, int? degreeOfParallelism = null) =>
        From(TallyParallel(times, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk), options);

    internal static SupportTally TallyParallel(ReadOnlyMemory<TicketTimes> times, int? degreeOfParallelism, int minimumChunk) =>
        Internal.ParallelTally.Run(times, degreeOfParallelism, static () => new SupportTally(), static (tally, span) =>
        {
            foreach (var t in span)
            {
                tally.Add(t);
            }
        }, static (a, b) => a.Merge(b), minimumChunk);

    /// <summary>The tally of ticket times.</summary>
    /// <param name="times">The ticket times.</param>
    /// <returns>A new tally.</returns>
    public static SupportTally Tally(IEnumerable<TicketTimes> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var tally = new SupportTally();
        foreach (var t in times)
        {
            tally.Add(t);
        }

        return tally;
    }

    /// <summary>The summary of ticket times.</summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="options">Clock, percentiles and intervals.</param>
    /// <returns>The result.</returns>
    public static SupportResult Of(IEnumerable<TicketTimes> times, SupportOptions? options = null) => From(Tally(times), options);

    /// <summary>The summary from a tally: per measure the <see cref="DurationSummary"/> on the chosen clock; reopen rate with its interval.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="options">Clock, percentiles and intervals.</param>
    /// <returns>The result (n = 0 summaries without values when the tally is empty).</returns>
    public static SupportResult From(SupportTally tally, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SupportOptions.Default;
        var basis = options.Basis;
        DurationSummary S(SupportMeasure m) => DurationSummary.Of(tally.Span(m, basis), options.Percentiles, options.QuantileMethod);
        return new SupportResult
        {
            Basis = basis,
            Tickets = tally.Tickets,
            FirstResponse = S(SupportMeasure.FirstResponse),
            ResponsePending = tally.ResponsePending,
            ResponsePendingFor = S(SupportMeasure.ResponsePendingFor),
            FirstResolution = S(SupportMeasure.FirstResolution),
            FullResolution = S(SupportMeasure.FullResolution),
            ResolutionPending = tally.ResolutionPending,
            ResolutionPendingFor = S(SupportMeasure.ResolutionPendingFor),
            HandleTime = S(SupportMeasure.HandleTime),
            Reopens = tally.Reopens,
            ReopenRate = Proportion.Estimate(tally.ReopenedTickets, tally.SolvedOnce, options.ConfidenceLevel, options.ProportionInterval),
        };
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
    /// Summaries per calendar period of ticket creation in the shop's zone (every period from the first to the last, empty
    /// ones included), each with the change of the medians from the period before.
    /// </summary>
    /// <param name="times">The ticket times.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="unit">Day, week, month, quarter or year.</param>
    /// <param name="options">Clock, percentiles, intervals and the small-cell minimum.</param>
    /// <param name="weekStart">First day of a week (ISO: Monday).</param>
    /// <returns>One cell per period, in time order.</returns>
    public static IReadOnlyList<PeriodCell<SupportResult, SupportChange>> ByPeriod(
        IEnumerable<TicketTimes> times, DateTimeZone zone, PeriodUnit unit, SupportOptions? options = null, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        options ??= SupportOptions.Default;
        return Grouping.ByPeriod(
            times, static t => t.Ticket.CreatedAt, zone, unit, weekStart, static () => new SupportTally(), static (t, x) => t.Add(x), t => From(t, options),
            static t => t.Tickets,
            static (now, before) => new SupportChange(now.FirstResponse.Median - before.FirstResponse.Median, now.FullResolution.Median - before.FullResolution.Median),
            options.MinimumCellSize);
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Customer (logo) churn rate of a subscription business for one period, with an explicit denominator
/// (<see cref="ChurnDenominator"/>) and an explicit rule for customers who join and churn in the same period
/// (<see cref="SamePeriodChurnPolicy"/>).
/// </summary>
/// <remarks>
/// <para>Definitions, for a period <c>[S, E)</c>: a customer is <em>live at the start</em> when they were a customer just
/// before <c>S</c>; <em>churned</em> when one of their spells ended (all subscriptions cancelled) in <c>[S, E)</c>;
/// <em>new</em> when not live at the start but a spell began in the period (reactivated customers are new here);
/// <em>joined and churned</em> when new and churned.</para>
/// <para>Sources: ChartMogul, "Metric: Customer Churn rate" (B2B and B2C formulas; help.chartmogul.com article 203359321);
/// Recurly, "Churn rate" (customers churned over customers at the start of the month); Stripe Billing analytics,
/// "Subscriber churn rate" (churned over active at the start plus new); Baremetrics changelog "Churn update" (customers who
/// sign up and cancel in the same window are included).</para>
/// </remarks>
public static class CustomerChurn
{
    /// <summary>The churn rate of a calendar period in the shop's zone.</summary>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="period">The period (its local days decide the daily rates).</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="options">The denominator and same-period policy (required) and the interval.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/>, <paramref name="options"/> or <paramref name="zone"/> is null.</exception>
    public static ChurnResult Of(SubscriptionHistory history, CalendarPeriod period, DateTimeZone zone, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        return Compute(history.Spells, LocalDays(period, zone), options);
    }

    /// <summary>The churn rate of a calendar period in the shop's zone, replaying <paramref name="events"/> first.</summary>
    /// <param name="events">Subscription events in any order.</param>
    /// <param name="period">The period.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="options">The policies.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/>, <paramref name="options"/> or <paramref name="zone"/> is null.</exception>
    /// <exception cref="ArgumentException">A sequence of events is impossible (naming <paramref name="events"/>); the message names the subscription and customer.</exception>
    public static ChurnResult Of(IEnumerable<SubscriptionEvent> events, CalendarPeriod period, DateTimeZone zone, ChurnOptions options) =>
        Of(SubscriptionHistory.Replay(events), period, zone, options);

    /// <summary>
    /// The churn rate of an arbitrary span <c>[start, end)</c> (e.g. Stripe's trailing 30 days). Daily rates use 24-hour
    /// days from the start, the last one possibly shorter.
    /// </summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="period">The span; its end must be after its start.</param>
    /// <param name="options">The policies.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> has no start or no end, or does not end after it starts.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="options"/> is null.</exception>
    public static ChurnResult Of(SubscriptionHistory history, Interval period, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        if (!period.HasStart || !period.HasEnd || period.End <= period.Start)
        {
            throw new ArgumentException($"period {period} must have a start and an end after it.", nameof(period));
        }

        var days = new List<Instant>();
        for (var t = period.Start; t < period.End; t += Duration.FromDays(1))
        {
            days.Add(t);
        }

        days.Add(period.End);
        return Compute(history.Spells, days, options);
    }

    /// <summary>
    /// Customer churn of one calendar period per segment (plan, channel, country, or a tuple): the customers are split by
    /// <paramref name="key"/> and each part gets its own rate under the same policies, so per-segment numerators and
    /// denominators add up to the whole (for <see cref="ChurnDenominator.SumOfDailyRates"/> the daily churn counts add up;
    /// the rate, a sum of daily shares, does not). Small cells are flagged, never dropped.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="key">The segment of a customer, by customer id (a customer attribute: all of a customer's spells share it).</param>
    /// <param name="period">The period.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="options">The denominator and same-period policy, the interval and the small-cell minimum.</param>
    /// <returns>One cell per segment with customers, ordered by key; <see cref="BreakdownCell{TKey, TResult}.Count"/> is the
    /// customers at risk (<see cref="CustomersAtRisk"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/>, <paramref name="key"/>, <paramref name="options"/> or <paramref name="zone"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, ChurnResult>> By<TKey>(
        SubscriptionHistory history, Func<string, TKey> key, CalendarPeriod period, DateTimeZone zone, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        var days = LocalDays(period, zone);
        var cells = Grouping.Tally(history.Spells, s => key(s.CustomerId), static () => new List<CustomerSpell>(), static (list, s) => list.Add(s));
        var output = new BreakdownCell<TKey, ChurnResult>[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            var result = Compute(cells[i].Tally, days, options);
            long n = CustomersAtRisk(result);
            output[i] = new BreakdownCell<TKey, ChurnResult>(cells[i].Key, result, n, n < options.MinimumCellSize);
        }

        return output;
    }

    /// <summary>
    /// Customer churn of every calendar period of <paramref name="grid"/> from the period of the first subscription spell's
    /// start to the period of the last start or end (inferred range; periods without customers included as cells without
    /// estimate), each compared with the period before it: the difference of the two rates with Newcombe's interval and the
    /// pooled two-proportion z-test (<see cref="Proportion.Compare"/>). A rate that is not a share (a sum of daily rates
    /// above 1) has no comparison values. The last period may still be running, with churn still to come: pass an explicit
    /// range of complete periods to leave it out.
    /// </summary>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">The denominator and same-period policy, the interval, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order (none without spells); <see cref="PeriodCell{TResult, TChange}.Count"/> is the customers at risk.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods.</exception>
    public static IReadOnlyList<PeriodCell<ChurnResult, ProportionComparison>> ByPeriod(SubscriptionHistory history, PeriodGrid grid, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        return InferredRange(history, grid) is { } range ? ByPeriod(history, grid, range.First, range.Last, options) : [];
    }

    /// <summary>
    /// Customer churn of every calendar period of <paramref name="grid"/> from <paramref name="first"/> to
    /// <paramref name="last"/> (explicit range; periods without customers included as cells without estimate), each
    /// compared with the period before it as in <see cref="ByPeriod(SubscriptionHistory, PeriodGrid, ChurnOptions)"/>.
    /// </summary>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period, not before <paramref name="first"/>. Pass complete periods only: a period still
    /// running has churn still to come.</param>
    /// <param name="options">The denominator and same-period policy, the interval, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order; <see cref="PeriodCell{TResult, TChange}.Count"/> is the customers at risk.</returns>
    /// <exception cref="ArgumentException">A period is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods: one outlying date must not list millennia of days; split it into several calls.</exception>
    public static IReadOnlyList<PeriodCell<ChurnResult, ProportionComparison>> ByPeriod(
        SubscriptionHistory history, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        return Series(history.Spells, Periods(grid, first, last, options), options, out _);
    }

    /// <summary>
    /// Customer churn per segment and calendar period of <paramref name="grid"/> over the inferred range of
    /// <see cref="ByPeriod(SubscriptionHistory, PeriodGrid, ChurnOptions)"/>, every series spanning the same periods; see
    /// <see cref="ByKeyAndPeriod{TKey}(SubscriptionHistory, Func{string, TKey}, PeriodGrid, CalendarPeriod, CalendarPeriod, ChurnOptions)"/>.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own series.</typeparam>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="key">The segment of a customer, by customer id (a customer attribute: all of a customer's spells share it).</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">The denominator and same-period policy, the interval, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per segment with any subscription spell.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, ChurnResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        SubscriptionHistory history, Func<string, TKey> key, PeriodGrid grid, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        return InferredRange(history, grid) is { } range ? ByKeyAndPeriod(history, key, grid, range.First, range.Last, options) : [];
    }

    /// <summary>
    /// Customer churn per segment and calendar period — the segment × period grid of the survey metrics'
    /// <c>ByKeyAndPeriod</c>: one series per segment (ordered by key, a <see langword="null"/> key last), each with one cell
    /// per period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, every series spanning
    /// the same periods. A period in which a segment has no customers at risk is listed as a cell with n = 0 and no
    /// estimate, never skipped; cells with fewer customers at risk than <see cref="EstimateOptions.MinimumCellSize"/> are
    /// flagged (still reported). Each cell is compared with the segment's previous period as in <c>ByPeriod</c>.
    /// </summary>
    /// <remarks>
    /// The cell of segment k and period p is exactly <see cref="By{TKey}"/>'s cell k for p, and the cells of p over all
    /// segments add up to <c>ByPeriod</c>'s cell for p: numerators, customers at risk, the customer flow (start, new,
    /// end, churned, joined and churned), customer-days and — for every denominator but
    /// <see cref="ChurnDenominator.SumOfDailyRates"/>, whose rate is a sum of daily shares — the denominators.
    /// </remarks>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own series.</typeparam>
    /// <param name="history">The replayed subscription events.</param>
    /// <param name="key">The segment of a customer, by customer id (a customer attribute: all of a customer's spells share it).</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period, not before <paramref name="first"/>. Pass complete periods only.</param>
    /// <param name="options">The denominator and same-period policy, the interval, the small-cell minimum and the largest number of periods listed.</param>
    /// <returns>One series per segment with any subscription spell; <see cref="PeriodSeries{TKey, TResult, TChange}.Count"/> is
    /// the segment's customers at risk summed over the periods (customer-periods), the sum of its cells' counts.</returns>
    /// <exception cref="ArgumentException">A period is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods: one outlying date must not list millennia of days; split it into several calls.</exception>
    public static IReadOnlyList<PeriodSeries<TKey, ChurnResult, ProportionComparison>> ByKeyAndPeriod<TKey>(
        SubscriptionHistory history, Func<string, TKey> key, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        var periods = Periods(grid, first, last, options);
        var segments = Grouping.Tally(history.Spells, s => key(s.CustomerId), static () => new List<CustomerSpell>(), static (list, s) => list.Add(s));
        var output = new PeriodSeries<TKey, ChurnResult, ProportionComparison>[segments.Count];
        for (int i = 0; i < segments.Count; i++)
        {
            var cells = Series(segments[i].Tally, periods, options, out long total);
            output[i] = new PeriodSeries<TKey, ChurnResult, ProportionComparison>(segments[i].Key, total, cells);
        }

        return output;
    }

    /// <summary>The inferred range: the period of the first spell start to the period of the last spell start or end; <see langword="null"/> without spells.</summary>
    internal static (CalendarPeriod First, CalendarPeriod Last)? InferredRange(SubscriptionHistory history, PeriodGrid grid)
    {
        if (history.Spells.Count == 0)
        {
            return null;
        }

        Instant min = Instant.MaxValue, max = Instant.MinValue;
        foreach (var spell in history.Spells)
        {
            min = spell.From < min ? spell.From : min;
            var latest = spell.To ?? spell.From;
            max = latest > max ? latest : max;
        }

        return (grid.Containing(min), grid.Containing(max));
    }

    /// <summary>The local days of every period from <paramref name="first"/> to <paramref name="last"/> (range checked).</summary>
    private static List<(CalendarPeriod Period, List<Instant> Days)> Periods(PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, EstimateOptions options)
    {
        Grouping.CheckRange(grid, (first, last), options.MaxPeriods);
        var periods = new List<(CalendarPeriod Period, List<Instant> Days)>();
        foreach (var period in CalendarPeriod.Range(first, last))
        {
            periods.Add((period, LocalDays(period, grid.Zone)));
        }

        return periods;
    }

    /// <summary>One churn cell per period for <paramref name="spells"/>, each compared with the one before; <paramref name="total"/> sums their customers at risk.</summary>
    private static PeriodCell<ChurnResult, ProportionComparison>[] Series(
        IReadOnlyList<CustomerSpell> spells, List<(CalendarPeriod Period, List<Instant> Days)> periods, ChurnOptions options, out long total)
    {
        var cells = new PeriodCell<ChurnResult, ProportionComparison>[periods.Count];
        PeriodCell<ChurnResult, ProportionComparison>? previous = null;
        total = 0;
        for (int p = 0; p < periods.Count; p++)
        {
            var result = Compute(spells, periods[p].Days, options);
            long n = CustomersAtRisk(result);
            total += n;
            var change = previous is null ? null : Proportion.Compare(AsShare(result, options), AsShare(previous.Result, options), options.ConfidenceLevel);
            previous = cells[p] = new PeriodCell<ChurnResult, ProportionComparison>(periods[p].Period, result, n, n < options.MinimumCellSize, change);
        }

        return cells;
    }

    /// <summary>
    /// The customers a churn rate is about: those live at the start, plus — except for
    /// <see cref="ChurnDenominator.StartOfPeriod"/> — those new in the period, with the customers who joined and churned in the
    /// period left out under <see cref="SamePeriodChurnPolicy.Exclude"/> and counted under <see cref="SamePeriodChurnPolicy.Include"/>.
    /// </summary>
    /// <param name="result">A churn result.</param>
    /// <returns>The number of customers at risk (the n of a breakdown cell).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static long CustomersAtRisk(ChurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        bool include = result.SamePeriod == SamePeriodChurnPolicy.Include;
        return result.Denominator == ChurnDenominator.StartOfPeriod
            ? result.StartCustomers + (include ? result.JoinedAndChurned : 0)
            : result.StartCustomers + result.NewCustomers - (include ? 0 : result.JoinedAndChurned);
    }

    /// <summary>The rate as a share for comparisons: counts for the count-based denominators, the rate on its (possibly fractional) denominator otherwise.</summary>
    private static ProportionEstimate AsShare(ChurnResult r, ChurnOptions options)
    {
        long atRisk = CustomersAtRisk(r);
        if (r.Rate is not { } rate || rate > 1 || !(r.DenominatorValue > 0))
        {
            return new ProportionEstimate
            {
                Successes = r.Numerator, Count = atRisk, EffectiveSampleSize = Math.Max(0, r.DenominatorValue), Value = null, StandardError = null,
                Interval = null, Method = options.ProportionInterval,
            };
        }

        return r.Denominator is ChurnDenominator.StartOfPeriod or ChurnDenominator.StartPlusNew
            ? Proportion.FromCounts(r.Numerator, (long)r.DenominatorValue, options.ConfidenceLevel, options.ProportionInterval)
            : Proportion.FromWeightedCounts(r.Numerator, Math.Max(atRisk, 1), rate, r.DenominatorValue, options.ConfidenceLevel, options.ProportionInterval);
    }

    /// <summary>The instants the local days of <paramref name="period"/> start at, and the period's end: the day grid's boundaries.</summary>
    private static List<Instant> LocalDays(CalendarPeriod period, DateTimeZone zone)
    {
        var days = new PeriodGrid(zone, PeriodUnit.Day);
        var lastDay = days.Containing(period.End.PlusDays(-1)).ToInterval(zone);
        var index = days.Index(days.Containing(period.Start), (lastDay.HasStart ? lastDay.Start : Instant.MinValue).ToUnixTimeTicks());
        var starts = new List<Instant>(index.Count + 1);
        for (int i = 0; i <= index.Count; i++)
        {
            starts.Add(Instant.FromUnixTimeTicks(index.Start(i)));
        }

        return starts;
    }

    private static ChurnResult Compute(IReadOnlyList<CustomerSpell> spells, List<Instant> boundaries, ChurnOptions options)
    {
        Instant s = boundaries[0], e = boundaries[^1];
        int dayCount = boundaries.Count - 1;
        var dailyBase = new long[dayCount];
        var dailyChurned = new long[dayCount];
        var liveAt = new bool[boundaries.Count];
        long start = 0, fresh = 0, end = 0, churned = 0, joinedAndChurned = 0, startChurned = 0, events = 0;
        double exposure = 0;
        bool include = options.SamePeriod == SamePeriodChurnPolicy.Include;
        int i = 0;
        while (i < spells.Count)
        {
            int first = i;
            string customer = spells[i].CustomerId;
            while (i < spells.Count && string.Equals(spells[i].CustomerId, customer, StringComparison.Ordinal))
            {
                i++;
            }

            bool live0 = false, liveEnd = false, began = false;
            long churnEvents = 0;
            double days = 0;
            for (int k = first; k < i; k++)
            {
                var spell = spells[k];
                live0 |= spell.ActiveJustBefore(s);
                liveEnd |= spell.ActiveJustBefore(e);
                began |= spell.From >= s && spell.From < e;
                if (spell.To is { } to && to >= s && to < e)
                {
                    churnEvents++;
                }

                var from = spell.From > s ? spell.From : s;
                var until = spell.To is { } t && t < e ? t : e;
                if (until > from)
                {
                    days += (until - from).TotalDays;
                }
            }

            bool isNew = !live0 && began;
            bool hasChurned = churnEvents > 0;
            bool both = isNew && hasChurned;
            start += live0 ? 1 : 0;
            fresh += isNew ? 1 : 0;
            end += liveEnd ? 1 : 0;
            churned += hasChurned ? 1 : 0;
            joinedAndChurned += both ? 1 : 0;
            startChurned += live0 && hasChurned ? 1 : 0;
            if (both && !include)
            {
                continue;
            }

            events += churnEvents;
            exposure += days;
            if (options.Denominator == ChurnDenominator.SumOfDailyRates)
            {
                Array.Clear(liveAt);
                for (int k = first; k < i; k++)
                {
                    for (int b = 0; b < boundaries.Count; b++)
                    {
                        liveAt[b] |= spells[k].ActiveJustBefore(boundaries[b]);
                    }
                }

                for (int d = 0; d < dayCount; d++)
                {
                    if (liveAt[d])
                    {
                        dailyBase[d]++;
                        dailyChurned[d] += liveAt[d + 1] ? 0 : 1;
                    }
                }
            }
        }

        long numerator;
        double denominator;
        double? rate;
        long sameNumerator = include ? joinedAndChurned : 0;
        switch (options.Denominator)
        {
            case ChurnDenominator.StartOfPeriod:
                numerator = startChurned + sameNumerator;
                denominator = start + sameNumerator;
                rate = denominator > 0 ? numerator / denominator : null;
                break;
            case ChurnDenominator.StartPlusNew:
                numerator = startChurned + sameNumerator;
                denominator = start + fresh - (include ? 0 : joinedAndChurned);
                rate = denominator > 0 ? numerator / denominator : null;
                break;
            case ChurnDenominator.SumOfDailyRates:
            {
                numerator = 0;
                double sum = 0, bases = 0;
                int withBase = 0;
                for (int d = 0; d < dayCount; d++)
                {
                    numerator += dailyChurned[d];
                    bases += dailyBase[d];
                    if (dailyBase[d] > 0)
                    {
                        sum += (double)dailyChurned[d] / dailyBase[d];
                        withBase++;
                    }
                }

                rate = withBase > 0 ? sum : null;
                denominator = rate is > 0 ? numerator / rate.Value : bases / dayCount;
                break;
            }

            case ChurnDenominator.CustomerDays:
            {
                numerator = events;
                double periodDays = (e - s).TotalDays;
                denominator = exposure / periodDays;
                rate = exposure > 0 ? numerator / denominator : null;
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Denominator, $"unknown churn denominator {options.Denominator}.");
        }

        return new ChurnResult
        {
            Period = new Interval(s, e),
            Denominator = options.Denominator,
            SamePeriod = options.SamePeriod,
            Numerator = numerator,
            DenominatorValue = denominator,
            Rate = rate,
            Interval = rate is { } r && r <= 1 && denominator > 0 ? Proportion.Interval(r, denominator, options.ConfidenceLevel, options.ProportionInterval) : null,
            StartCustomers = start,
            NewCustomers = fresh,
            EndCustomers = end,
            ChurnedCustomers = churned,
            JoinedAndChurned = joinedAndChurned,
            CustomerDays = exposure,
        };
    }
}

using CxMetrics.Statistics;
using CxMetrics.Breakdowns;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Revenue churn and retention from the MRR movement ledger of a <see cref="SubscriptionHistory"/>: gross and net MRR churn
/// (ChartMogul, "MRR churn rate" and "Net MRR churn rate"; Baremetrics "Revenue churn") and gross and net revenue
/// retention of the customers paying at the start (KeyBanc Capital Markets / SaaS Capital SaaS surveys). Pauses and skips
/// are not movements, so they are never churn. <see cref="By{TKey}(SubscriptionHistory, Func{SubscriptionEvent, TKey}, CalendarPeriod, DateTimeZone, RevenueChurnOptions?)"/>
/// splits MRR, customers, ARPA and the quick ratio by plan, billing interval or segment.
/// </summary>
public static class RevenueChurn
{
    /// <summary>Revenue churn of a calendar period in the shop's zone.</summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="period">The period.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static RevenueChurnResult Of(SubscriptionHistory history, CalendarPeriod period, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Of(history, period.ToInterval(zone));
    }

    /// <summary>
    /// Revenue churn of every calendar period of <paramref name="grid"/> from the period of the first MRR movement to the
    /// period of the last (inferred range; periods without MRR included with null rates), for an MRR bridge over time: each
    /// period's ending MRR is the next one's starting MRR. Each cell is compared with the period before it
    /// (<see cref="RevenueChurnChange"/>); its count is the paying customers at the start.
    /// </summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">The small-cell minimum and the largest number of periods listed; <see cref="RevenueChurnOptions.Default"/> when omitted.</param>
    /// <returns>One cell per period, in time order (none without movements).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods.</exception>
    public static IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>> ByPeriod(SubscriptionHistory history, PeriodGrid grid, RevenueChurnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        if (history.Ledger.Count == 0)
        {
            return [];
        }

        Instant min = Instant.MaxValue, max = Instant.MinValue;
        foreach (var movement in history.Ledger)
        {
            min = movement.At < min ? movement.At : min;
            max = movement.At > max ? movement.At : max;
        }

        return ByPeriod(history, grid, grid.Containing(min), grid.Containing(max), options);
    }

    /// <summary>
    /// Revenue churn of every calendar period of <paramref name="grid"/> from <paramref name="first"/> to
    /// <paramref name="last"/> (explicit range; periods without MRR included with null rates), each compared with the
    /// period before it.
    /// </summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period, not before <paramref name="first"/>.</param>
    /// <param name="options">The small-cell minimum and the largest number of periods listed; <see cref="RevenueChurnOptions.Default"/> when omitted.</param>
    /// <returns>One cell per period, in time order.</returns>
    /// <exception cref="ArgumentException">A period is not of the grid, or the range is reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than <see cref="EstimateOptions.MaxPeriods"/> periods: one outlying date must not list millennia of days; split it into several calls.</exception>
    public static IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>> ByPeriod(
        SubscriptionHistory history, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, RevenueChurnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= RevenueChurnOptions.Default;
        Grouping.CheckRange(grid, (first, last), options.MaxPeriods);
        var output = new List<PeriodCell<RevenueChurnResult, RevenueChurnChange>>();
        PeriodCell<RevenueChurnResult, RevenueChurnChange>? previous = null;
        foreach (var period in CalendarPeriod.Range(first, last))
        {
            var result = Of(history, period.ToInterval(grid.Zone));
            long n = result.StartingPayingCustomers;
            var change = previous is null ? null : new RevenueChurnChange(
                result.GrossMrrChurnRate - previous.Result.GrossMrrChurnRate, result.NetMrrChurnRate - previous.Result.NetMrrChurnRate,
                result.NetRevenueRetention - previous.Result.NetRevenueRetention);
            previous = new PeriodCell<RevenueChurnResult, RevenueChurnChange>(period, result, n, n < options.MinimumCellSize, change);
            output.Add(previous);
        }

        return output;
    }

    /// <summary>Revenue churn of a span <c>[start, end)</c>.</summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="period">The span, with a start and an end after it.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> has no start or no end, or does not end after it starts.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="OverflowException">An exact count or money sum would pass the largest value it can hold.</exception>
    public static RevenueChurnResult Of(SubscriptionHistory history, Interval period)
    {
        ArgumentNullException.ThrowIfNull(history);
        CheckPeriod(period);
        return Compute(history.MovementsByCustomer, history.Currency, period);
    }

    /// <summary>
    /// Revenue churn of a calendar period in the shop's zone for each key of the subscriptions — MRR and paying customers by
    /// plan, billing interval or segment (ChartMogul's and Baremetrics' "filter by plan"). A subscription counts in the key
    /// of the last event that labelled it (<see cref="SubscriptionEvent.Plan"/> and its siblings on a trial start, start,
    /// plan change or reactivation); within a key each customer's MRR is classified as in the customer-level ledger, so a
    /// subscription moving from plan A to plan B is churn or contraction in A and new, expansion or reactivation in B. Every
    /// cell balances (<c>starting + new + expansion + reactivation − contraction − churned = ending</c>); summed over the
    /// cells, starting and ending MRR are those of <see cref="Of(SubscriptionHistory, CalendarPeriod, DateTimeZone)"/>.
    /// A customer paying in two keys counts in both.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="history">The replayed events.</param>
    /// <param name="key">The key of a labelling event, e.g. <c>e =&gt; e.Plan</c>; <see langword="null"/> keys form their own cell.</param>
    /// <param name="period">The period.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="options">The small-cell minimum (on the paying customers at the start); <see cref="RevenueChurnOptions.Default"/> when omitted.</param>
    /// <returns>One cell per key seen on a labelling event, ordered by key; a cell's count is its paying customers at the start.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/>, <paramref name="key"/> or <paramref name="zone"/> is null.</exception>
    /// <exception cref="OverflowException">An exact count or money sum would pass the largest value it can hold.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, RevenueChurnResult>> By<TKey>(
        SubscriptionHistory history, Func<SubscriptionEvent, TKey> key, CalendarPeriod period, DateTimeZone zone, RevenueChurnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return By(history, key, period.ToInterval(zone), options);
    }

    /// <summary>Revenue churn of a span <c>[start, end)</c> for each key of the subscriptions (see <see cref="By{TKey}(SubscriptionHistory, Func{SubscriptionEvent, TKey}, CalendarPeriod, DateTimeZone, RevenueChurnOptions?)"/>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="history">The replayed events.</param>
    /// <param name="key">The key of a labelling event; <see langword="null"/> keys form their own cell.</param>
    /// <param name="period">The span, with a start and an end after it.</param>
    /// <param name="options">The small-cell minimum; <see cref="RevenueChurnOptions.Default"/> when omitted.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> has no start or no end, or does not end after it starts.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="OverflowException">An exact count or money sum would pass the largest value it can hold.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, RevenueChurnResult>> By<TKey>(
        SubscriptionHistory history, Func<SubscriptionEvent, TKey> key, Interval period, RevenueChurnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(key);
        CheckPeriod(period);
        options ??= RevenueChurnOptions.Default;
        var cells = KeyedMrrReplay.Of(history, key);
        var output = new BreakdownCell<TKey, RevenueChurnResult>[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            var result = Compute(cells[i].Movements, history.Currency, period);
            long n = result.StartingPayingCustomers;
            output[i] = new BreakdownCell<TKey, RevenueChurnResult>(cells[i].Key, result, n, n < options.MinimumCellSize);
        }

        return output;
    }

    private static void CheckPeriod(Interval period)
    {
        if (!period.HasStart || !period.HasEnd || period.End <= period.Start)
        {
            throw new ArgumentException($"period {period} must have a start and an end after it.", nameof(period));
        }
    }

    /// <summary>The bridge and rates of one span from customers' movement lists (each in time order).</summary>
    internal static RevenueChurnResult Compute(IEnumerable<KeyValuePair<string, List<MrrMovement>>> movementsByCustomer, string? currency, Interval period)
    {
        Instant s = period.Start, e = period.End;
        decimal startMrr = 0, endMrr = 0, fresh = 0, expansion = 0, contraction = 0, churn = 0, reactivation = 0, kept = 0, cohortEnd = 0;
        long paying = 0, payingAtEnd = 0;
        foreach (var (customer, movements) in movementsByCustomer)
        {
            decimal atStart = 0, atEnd = 0;
            foreach (var m in movements)
            {
                if (m.At < s)
                {
                    atStart = m.MrrAfter;
                }

                if (m.At < e)
                {
                    atEnd = m.MrrAfter;
                }

                if (m.At >= s && m.At < e)
                {
                    switch (m.Kind)
                    {
                        case MrrMovementKind.New: fresh = Guard.AddMoney(fresh, m.Amount, "new MRR, at customer", customer); break;
                        case MrrMovementKind.Expansion: expansion = Guard.AddMoney(expansion, m.Amount, "expansion MRR, at customer", customer); break;
                        case MrrMovementKind.Contraction: contraction = Guard.AddMoney(contraction, -m.Amount, "contraction MRR, at customer", customer); break;
                        case MrrMovementKind.Churn: churn = Guard.AddMoney(churn, -m.Amount, "churned MRR, at customer", customer); break;
                        default: reactivation = Guard.AddMoney(reactivation, m.Amount, "reactivation MRR, at customer", customer); break;
                    }
                }
            }

            startMrr = Guard.AddMoney(startMrr, atStart, "starting MRR, at customer", customer);
            endMrr = Guard.AddMoney(endMrr, atEnd, "ending MRR, at customer", customer);
            if (atEnd > 0)
            {
                payingAtEnd++;
            }

            if (atStart > 0)
            {
                paying++;
                kept = Guard.AddMoney(kept, Math.Min(atStart, atEnd), "kept MRR, at customer", customer);
                cohortEnd = Guard.AddMoney(cohortEnd, atEnd, "ending MRR of the starting customers, at customer", customer);
            }
        }

        double? Rate(decimal numerator) => startMrr > 0 ? (double)(numerator / startMrr) : null;
        return new RevenueChurnResult
        {
            Period = period,
            Currency = currency,
            StartingMrr = startMrr,
            NewMrr = fresh,
            ExpansionMrr = expansion,
            ContractionMrr = contraction,
            ChurnedMrr = churn,
            ReactivationMrr = reactivation,
            EndingMrr = endMrr,
            GrossMrrChurnRate = Rate(churn + contraction),
            NetMrrChurnRate = Rate(churn + contraction - expansion - reactivation),
            StartingPayingCustomers = paying,
            EndingPayingCustomers = payingAtEnd,
            GrossRevenueRetention = Rate(kept),
            NetRevenueRetention = Rate(cohortEnd),
        };
    }
}

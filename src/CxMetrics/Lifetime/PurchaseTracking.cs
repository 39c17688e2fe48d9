using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// Tracking of repeat purchases period by period over calibration and holdout, actual against the model's unconditional
/// expectation for each customer since their first purchase (Fader, Hardie &amp; Lee 2005, figs. 2 and 3).
/// </summary>
/// <remarks>
/// Period k (k = 0, 1, …) covers the day offsets ⌊k·L⌋ … ⌊(k + 1)·L⌋ − 1 from the earliest first purchase, L the time
/// unit's length in days (weeks: days 7k … 7k + 6); the last period ends on the holdout end (or the calibration end). A
/// purchase on a day counts at that day, and the model's clock is read at the end of the period's last day as the customer
/// summary reads age T at the calibration end: cumulative expected = Σ_i E[X((e − f_i)/L)], e the period's last day offset
/// and f_i customer i's first purchase offset, so at the calibration end it is Σ_i E[X(T_i)]. Customers with the same first
/// purchase day are valued once, so the work is (distinct first days) × (periods), whatever the number of customers.
/// </remarks>
public static class PurchaseTracking
{
    /// <summary>Tracks the repeat purchases of the customers in <paramref name="tally"/> acquired by the calibration end.</summary>
    /// <param name="tally">The per-customer purchase days (a file read once, or shards merged).</param>
    /// <param name="model">A converged purchase model fitted on the calibration summary of the same tally and options.</param>
    /// <param name="options">Calibration end, holdout end (tracked to it when set), time unit (the period length), <see cref="Statistics.EstimateOptions.MaxPeriods"/>.</param>
    /// <returns>The tracking; no periods when no customer was acquired by the calibration end.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The holdout ends before the calibration, or the tracking would have more than <see cref="Statistics.EstimateOptions.MaxPeriods"/> periods.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge.</exception>
    public static PurchaseTrackingResult From(CustomerSummaryTally tally, IPurchaseModel model, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.HoldoutEnd is { } holdoutEnd && holdoutEnd < options.CalibrationEnd)
        {
            throw new ArgumentException($"holdout end {holdoutEnd} is before calibration end {options.CalibrationEnd}.", nameof(options));
        }

        PurchaseModelNames.EnsureConverged(model, nameof(model));
        var calibrationEnd = options.CalibrationEnd;
        var last = options.HoldoutEnd ?? calibrationEnd;
        var firsts = new Dictionary<LocalDate, int>();
        var repeats = new Dictionary<LocalDate, long>();
        int customers = 0;
        tally.ForEachCustomer((_, dates, _) =>
        {
            if (dates[0] > calibrationEnd)
            {
                return;
            }

            customers++;
            firsts[dates[0]] = firsts.GetValueOrDefault(dates[0]) + 1;
            for (int i = 1; i < dates.Length && dates[i] <= last; i++)
            {
                repeats[dates[i]] = repeats.GetValueOrDefault(dates[i]) + 1;
            }
        });

        return Track(firsts, repeats, customers, model, options);
    }

    /// <summary>Tracks the repeat purchases in a transaction log (same-day purchases merged in <paramref name="zone"/>); equal to <see cref="From"/> on a tally of the same orders.</summary>
    /// <param name="orders">The orders, in one currency.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <param name="model">A converged purchase model fitted on the calibration summary of the same orders and options.</param>
    /// <param name="options">Calibration end, holdout end, time unit (the period length).</param>
    /// <returns>The tracking.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The holdout ends before the calibration, or there would be too many periods.</exception>
    /// <exception cref="InvalidOperationException">The model's fit did not converge, or the orders are in different currencies.</exception>
    public static PurchaseTrackingResult Of(IEnumerable<Order> orders, DateTimeZone zone, IPurchaseModel model, CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(zone);
        var tally = new CustomerSummaryTally(zone);
        tally.AddRange(orders);
        return From(tally, model, options);
    }

    private static PurchaseTrackingResult Track(Dictionary<LocalDate, int> firsts, Dictionary<LocalDate, long> repeats, int customers, IPurchaseModel model, CustomerSummaryOptions options)
    {
        var name = PurchaseModelNames.Of(model);
        var result = new PurchaseTrackingResult
        {
            Periods = [],
            Model = name,
            TimeUnit = options.TimeUnit,
            CalibrationEnd = options.CalibrationEnd,
            HoldoutEnd = options.HoldoutEnd,
            Customers = customers,
        };
        if (customers == 0)
        {
            return result;
        }

        var start = firsts.Keys.Min();
        var last = options.HoldoutEnd ?? options.CalibrationEnd;
        int lastOffset = Period.DaysBetween(start, last);
        double unitDays = options.TimeUnit.Days;
        long periods = (long)Math.Floor(lastOffset / unitDays) + 1;
        if (periods > options.MaxPeriods)
        {
            throw new ArgumentException($"tracking from {start:yyyy-MM-dd} to {last:yyyy-MM-dd} in {options.TimeUnit.Name}s takes {periods:N0} periods, more than MaxPeriods = {options.MaxPeriods:N0}.", nameof(options));
        }

        // First-purchase offsets with their customer counts, ascending; repeat purchases per day offset.
        var firstOffsets = firsts.Select(p => (Offset: Period.DaysBetween(start, p.Key), Count: p.Value)).OrderBy(p => p.Offset).ToArray();
        var perDay = new long[lastOffset + 1];
        foreach (var (date, count) in repeats)
        {
            perDay[Period.DaysBetween(start, date)] += count;
        }

        int calibrationOffset = Period.DaysBetween(start, options.CalibrationEnd);
        var rows = new PurchaseTrackingPeriod[periods];
        long cumulativeActual = 0;
        double previousExpected = 0;
        int from = 0;
        for (int k = 0; k < periods; k++)
        {
            int end = Math.Min((int)Math.Floor((k + 1) * unitDays) - 1, lastOffset);
            if (k == periods - 1)
            {
                end = lastOffset;
            }

            long actual = 0;
            for (int d = from; d <= end; d++)
            {
                actual += perDay[d];
            }

            double cumulativeExpected = 0;
            foreach (var (offset, count) in firstOffsets)
            {
                if (offset > end)
                {
                    break;
                }

                cumulativeExpected += count * model.ExpectedPurchases((end - offset) / unitDays);
            }

            cumulativeActual += actual;
            rows[k] = new PurchaseTrackingPeriod(k, start.PlusDays(from), start.PlusDays(end), end > calibrationOffset, actual, cumulativeExpected - previousExpected, cumulativeActual, cumulativeExpected);
            previousExpected = cumulativeExpected;
            from = end + 1;
        }

        return result with { Periods = rows };
    }
}

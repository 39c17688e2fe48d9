using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Logo and MRR retention cohorts of paying customers from the MRR ledger of a <see cref="SubscriptionHistory"/> (see
/// <see cref="SubscriptionCohortMatrix"/> for the definitions; ChartMogul, "Cohort analysis": customer and net MRR retention
/// by the month of the first payment).
/// </summary>
public static class SubscriptionCohorts
{
    /// <summary>The cohort matrix on <paramref name="grid"/>, from the first paying customer's period to the period before the one containing <paramref name="asOf"/>'s end.</summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="asOf">The as-of instant: movements after it are not used, cells of periods not ended are <see langword="null"/>.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">The largest number of periods (rows and columns); <see cref="RevenueChurnOptions.Default"/> when omitted.</param>
    /// <returns>The matrix (no rows when no customer ever paid by the as-of).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cohorts span more than <see cref="EstimateOptions.MaxPeriods"/> periods, or the matrix more than <see cref="CohortMatrix.MaxCells"/> cells (naming <paramref name="options"/>).</exception>
    public static SubscriptionCohortMatrix Of(SubscriptionHistory history, Instant asOf, PeriodGrid grid, RevenueChurnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= RevenueChurnOptions.Default;
        var customers = new List<(CalendarPeriod Cohort, decimal First, List<MrrMovement> Movements)>();
        CalendarPeriod? first = null, last = null;
        foreach (var (_, movements) in history.MovementsByCustomer)
        {
            foreach (var m in movements)
            {
                if (m.At > asOf)
                {
                    break;
                }

                if (m.Kind == MrrMovementKind.New)
                {
                    var cohort = grid.Containing(m.At);
                    customers.Add((cohort, m.MrrAfter, movements));
                    first = first is { } f && f <= cohort ? f : cohort;
                    last = last is { } l && l >= cohort ? l : cohort;
                    break;
                }
            }
        }

        var empty = new SubscriptionCohortMatrix
        {
            Period = grid.Unit, Zone = grid.Zone.Id, AsOf = asOf, Currency = history.Currency, Cohorts = [], Sizes = [], StartingMrr = [], PayingCustomers = [], Mrr = [],
        };
        if (first is not { } firstCohort || last is not { } lastCohort)
        {
            return empty;
        }

        Grouping.EnsureSpan(firstCohort, lastCohort, options.MaxPeriods);
        var cohorts = grid.Range(firstCohort, lastCohort);
        // Period ends from the first cohort on, up to the last period ended at the as-of.
        var ends = new List<Instant>();
        for (var p = firstCohort; ends.Count <= options.MaxPeriods; p = p.Next())
        {
            var end = p.ToInterval(grid.Zone).End;
            if (end > asOf)
            {
                break;
            }

            ends.Add(end);
        }

        int columns = ends.Count;
        if ((long)cohorts.Count * columns > CohortMatrix.MaxCells)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{cohorts.Count:N0} cohorts × {columns:N0} periods is more than the {CohortMatrix.MaxCells:N0} cells a cohort matrix holds; use a longer period.");
        }
        var row = new Dictionary<CalendarPeriod, int>(cohorts.Count);
        for (int i = 0; i < cohorts.Count; i++)
        {
            row.Add(cohorts[i], i);
        }

        var sizes = new long[cohorts.Count];
        var starting = new decimal[cohorts.Count];
        var paying = new long[cohorts.Count][];
        var mrr = new decimal[cohorts.Count][];
        for (int i = 0; i < cohorts.Count; i++)
        {
            paying[i] = new long[columns];
            mrr[i] = new decimal[columns];
        }

        foreach (var (cohort, firstMrr, movements) in customers)
        {
            int c = row[cohort];
            sizes[c]++;
            starting[c] += firstMrr;
            int j = 0;
            decimal current = 0;
            for (int k = 0; c + k < ends.Count; k++)
            {
                var end = ends[c + k];
                while (j < movements.Count && movements[j].At < end)
                {
                    current = movements[j].MrrAfter;
                    j++;
                }

                if (current > 0)
                {
                    paying[c][k]++;
                    mrr[c][k] += current;
                }
            }
        }

        var payingCells = new IReadOnlyList<long?>[cohorts.Count];
        var mrrCells = new IReadOnlyList<decimal?>[cohorts.Count];
        for (int c = 0; c < cohorts.Count; c++)
        {
            var p = new long?[columns];
            var m = new decimal?[columns];
            for (int k = 0; k < columns; k++)
            {
                bool observed = c + k < ends.Count && sizes[c] > 0;
                p[k] = observed ? paying[c][k] : null;
                m[k] = observed ? mrr[c][k] : null;
            }

            payingCells[c] = p;
            mrrCells[c] = m;
        }

        return empty with { Cohorts = cohorts, Sizes = sizes, StartingMrr = starting, PayingCustomers = payingCells, Mrr = mrrCells };
    }
}

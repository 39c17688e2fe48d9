using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// Revenue churn and retention from the MRR movement ledger of a <see cref="SubscriptionHistory"/>: gross and net MRR churn
/// (ChartMogul, "MRR churn rate" and "Net MRR churn rate"; Baremetrics "Revenue churn") and gross and net revenue
/// retention of the customers paying at the start (KeyBanc Capital Markets / SaaS Capital SaaS surveys). Pauses and skips
/// are not movements, so they are never churn.
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
    /// Revenue churn of every calendar period from <paramref name="first"/> to <paramref name="last"/> (consecutive local
    /// periods in the shop's zone, periods without MRR included with null rates), for an MRR bridge over time: each
    /// period's ending MRR is the next one's starting MRR.
    /// </summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="first">The first period (its unit is the unit of all).</param>
    /// <param name="last">The last period, same unit, not before <paramref name="first"/>.</param>
    /// <param name="zone">The shop's zone.</param>
    /// <returns>One result per period, in time order.</returns>
    /// <exception cref="ArgumentException">The periods differ in unit or are reversed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range holds more than 10,000 periods (as <see cref="Statistics.EstimateOptions.MaxPeriods"/>: one outlying date must not list millennia of days); split it into several calls.</exception>
    public static IReadOnlyList<RevenueChurnResult> ByPeriod(SubscriptionHistory history, CalendarPeriod first, CalendarPeriod last, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(zone);
        CustomerChurn.CheckRange(first, last);
        var output = new List<RevenueChurnResult>();
        foreach (var period in CalendarPeriod.Range(first, last))
        {
            output.Add(Of(history, period.ToInterval(zone)));
        }

        return output;
    }

    /// <summary>Revenue churn of a span <c>[start, end)</c>.</summary>
    /// <param name="history">The replayed events.</param>
    /// <param name="period">The span, with a start and an end after it.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="period"/> is not valid (see the parameter).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="OverflowException">An exact count or money sum would pass the largest value it can hold.</exception>
    public static RevenueChurnResult Of(SubscriptionHistory history, Interval period)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!period.HasStart || !period.HasEnd || period.End <= period.Start)
        {
            throw new ArgumentException($"period {period} must have a start and an end after it.", nameof(period));
        }

        Instant s = period.Start, e = period.End;
        decimal startMrr = 0, endMrr = 0, fresh = 0, expansion = 0, contraction = 0, churn = 0, reactivation = 0, kept = 0, cohortEnd = 0;
        long paying = 0;
        foreach (var (customer, movements) in history.MovementsByCustomer)
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
            Currency = history.Currency,
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
            GrossRevenueRetention = Rate(kept),
            NetRevenueRetention = Rate(cohortEnd),
        };
    }
}

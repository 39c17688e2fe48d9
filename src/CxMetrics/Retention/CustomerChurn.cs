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
    public static ChurnResult Of(SubscriptionHistory history, CalendarPeriod period, DateTimeZone zone, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(options);
        var days = new List<Instant>();
        for (var d = period.Start; d <= period.End; d = d.PlusDays(1))
        {
            days.Add(zone.AtStartOfDay(d).ToInstant());
        }

        return Compute(history, days, options);
    }

    /// <summary>The churn rate of a calendar period in the shop's zone, replaying <paramref name="events"/> first.</summary>
    /// <param name="events">Subscription events in any order.</param>
    /// <param name="period">The period.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="options">The policies.</param>
    /// <returns>The result.</returns>
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
        return Compute(history, days, options);
    }

    private static ChurnResult Compute(SubscriptionHistory history, List<Instant> boundaries, ChurnOptions options)
    {
        Instant s = boundaries[0], e = boundaries[^1];
        int dayCount = boundaries.Count - 1;
        var dailyBase = new long[dayCount];
        var dailyChurned = new long[dayCount];
        var liveAt = new bool[boundaries.Count];
        long start = 0, fresh = 0, end = 0, churned = 0, joinedAndChurned = 0, startChurned = 0, events = 0;
        double exposure = 0;
        bool include = options.SamePeriod == SamePeriodChurnPolicy.Include;
        var spells = history.Spells;
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
            Interval = rate is { } r && r <= 1 && denominator > 0 ? Proportion.Interval(r, denominator, options.ConfidenceLevel, options.IntervalMethod) : null,
            StartCustomers = start,
            NewCustomers = fresh,
            EndCustomers = end,
            ChurnedCustomers = churned,
            JoinedAndChurned = joinedAndChurned,
            CustomerDays = exposure,
        };
    }
}

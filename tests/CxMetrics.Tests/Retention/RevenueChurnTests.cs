using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Interval = NodaTime.Interval;

namespace CxMetrics.Tests.Retention;

/// <summary>
/// Worked March (UTC): a 100 → 150 (expansion 50); b 200 → 120 (contraction 80); c 50 cancels (churn 50); d new at 80;
/// e churned in January, reactivates at 70; f 40 pauses and resumes (no movement). Start 390, end 460.
/// </summary>
public class RevenueChurnTests
{
    private static Instant Day(int month, int day) => Instant.FromUtc(2024, month, day, 0, 0);

    private static RevenueChurnResult March() => RevenueChurn.Of(
        SubscriptionHistory.Replay(
        [
            SubscriptionEvent.Started("a", "a", Day(2, 1), 100m, "EUR"),
            SubscriptionEvent.PlanChanged("a", "a", Day(3, 10), 150m, "EUR"),
            SubscriptionEvent.Started("b", "b", Day(2, 1), 200m, "EUR"),
            SubscriptionEvent.PlanChanged("b", "b", Day(3, 12), 120m, "EUR"),
            SubscriptionEvent.Started("c", "c", Day(2, 1), 50m, "EUR"),
            SubscriptionEvent.Cancelled("c", "c", Day(3, 15)),
            SubscriptionEvent.Started("d", "d", Day(3, 3), 80m, "EUR"),
            SubscriptionEvent.Started("e", "e", Day(1, 1), 60m, "EUR"),
            SubscriptionEvent.Cancelled("e", "e", Day(1, 20)),
            SubscriptionEvent.Reactivated("e", "e", Day(3, 20), 70m, "EUR"),
            SubscriptionEvent.Started("f", "f", Day(2, 1), 40m, "EUR"),
            SubscriptionEvent.Paused("f", "f", Day(3, 5)),
            SubscriptionEvent.Resumed("f", "f", Day(3, 25)),
        ]),
        CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Month),
        DateTimeZone.Utc);

    [Fact]
    public void Mrr_bridge_of_the_worked_month()
    {
        var r = March();
        Assert.Equal(390m, r.StartingMrr);
        Assert.Equal(80m, r.NewMrr);
        Assert.Equal(50m, r.ExpansionMrr);
        Assert.Equal(80m, r.ContractionMrr);
        Assert.Equal(50m, r.ChurnedMrr);
        Assert.Equal(70m, r.ReactivationMrr);
        Assert.Equal(460m, r.EndingMrr);
        Assert.Equal(r.StartingMrr + r.NewMrr + r.ExpansionMrr + r.ReactivationMrr - r.ContractionMrr - r.ChurnedMrr, r.EndingMrr);
        Assert.Equal("EUR", r.Currency);
    }

    [Fact]
    public void Gross_and_net_mrr_churn_and_retention_of_the_worked_month()
    {
        var r = March();
        Assert.Equal(130.0 / 390, r.GrossMrrChurnRate!.Value, 12);
        Assert.Equal(10.0 / 390, r.NetMrrChurnRate!.Value, 12);
        Assert.Equal(4, r.StartingPayingCustomers);
        Assert.Equal(260.0 / 390, r.GrossRevenueRetention!.Value, 12);
        Assert.Equal(310.0 / 390, r.NetRevenueRetention!.Value, 12);
    }

    [Fact]
    public void No_starting_mrr_gives_no_rates()
    {
        var r = RevenueChurn.Of(SubscriptionHistory.Replay([SubscriptionEvent.Started("a", "a", Day(3, 2), 10m, "EUR")]), new Interval(Day(3, 1), Day(4, 1)));
        Assert.Null(r.GrossMrrChurnRate);
        Assert.Null(r.NetRevenueRetention);
        Assert.Equal(10m, r.NewMrr);
    }

    [Property(MaxTest = 100)]
    public Property Bridges_balance_chain_month_to_month_and_retention_rates_are_bounded() =>
        Prop.ForAll(RetentionGen.Subscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var cells = RevenueChurn.ByPeriod(history, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2023, 12, 1), PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2024, 6, 1), PeriodUnit.Month));
            for (int i = 0; i < cells.Count; i++)
            {
                var r = cells[i].Result;
                bool balanced = r.EndingMrr == r.StartingMrr + r.NewMrr + r.ExpansionMrr + r.ReactivationMrr - r.ContractionMrr - r.ChurnedMrr;
                bool chained = i == 0 || cells[i - 1].Result.EndingMrr == r.StartingMrr;
                bool bounded = r.GrossRevenueRetention is null or (>= 0 and <= 1) && r.NetRevenueRetention is null or >= 0 && r.GrossMrrChurnRate is null or >= 0
                    && (r.GrossRevenueRetention is null || r.NetRevenueRetention >= r.GrossRevenueRetention);
                if (!balanced || !chained || !bounded || r.NewMrr < 0 || r.ChurnedMrr < 0 || r.ContractionMrr < 0)
                {
                    return false;
                }
            }

            return cells.Count == 7;
        });
}

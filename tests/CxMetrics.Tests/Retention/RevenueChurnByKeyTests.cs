using CxMetrics.Breakdowns;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxMetrics.Tests.Retention.SubscriptionDashboardFixture;

namespace CxMetrics.Tests.Retention;

/// <summary><see cref="RevenueChurn.By{TKey}(SubscriptionHistory, Func{SubscriptionEvent, TKey}, CalendarPeriod, DateTimeZone, RevenueChurnOptions?)"/>, ARPA and the quick ratio.</summary>
public class RevenueChurnByKeyTests
{
    private static readonly CalendarPeriod February = CalendarPeriod.Containing(new LocalDate(2024, 2, 1), PeriodUnit.Month);

    private static readonly Func<SubscriptionEvent, string?>[] Keys = [e => e.Plan, e => e.BillingInterval, e => e.Segment];

    [Fact]
    public void Mrr_by_plan_of_the_worked_february_moves_c1_from_basic_to_pro()
    {
        var cells = RevenueChurn.By(History, e => e.Plan, February, DateTimeZone.Utc);
        Assert.Equal(["basic", "pro"], cells.Select(c => c.Key));
        var basic = cells[0].Result;
        Assert.Equal((10m, 0m, 0m, 0m, 10m, 0m), (basic.StartingMrr, basic.NewMrr, basic.ExpansionMrr, basic.ContractionMrr, basic.ChurnedMrr, basic.EndingMrr));
        Assert.Equal((1L, 0L), (basic.StartingPayingCustomers, basic.EndingPayingCustomers));
        Assert.Null(basic.Arpa);
        Assert.Equal(0.0, basic.QuickRatio);
        var pro = cells[1].Result;
        Assert.Equal((30m, 60m, 0m, 0m, 30m, 60m), (pro.StartingMrr, pro.NewMrr, pro.ExpansionMrr, pro.ContractionMrr, pro.ChurnedMrr, pro.EndingMrr));
        Assert.Equal((1L, 2L), (pro.StartingPayingCustomers, pro.EndingPayingCustomers));
        Assert.Equal(30m, pro.Arpa);
        Assert.Equal(2.0, pro.QuickRatio);
        Assert.Equal(1, cells[0].Count);
    }

    [Fact]
    public void The_whole_shop_in_february_has_arpa_30_and_quick_ratio_five_thirds()
    {
        var r = RevenueChurn.Of(History, February, DateTimeZone.Utc);
        Assert.Equal((40m, 30m, 20m, 30m, 60m), (r.StartingMrr, r.NewMrr, r.ExpansionMrr, r.ChurnedMrr, r.EndingMrr));
        Assert.Equal(2, r.EndingPayingCustomers);
        Assert.Equal(30m, r.Arpa);
        Assert.Equal(50.0 / 30.0, r.QuickRatio!.Value, 12);
    }

    [Fact]
    public void A_period_without_losses_has_no_quick_ratio()
    {
        var january = CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month);
        var r = RevenueChurn.Of(History, january, DateTimeZone.Utc);
        Assert.Equal(40m, r.NewMrr);
        Assert.Null(r.QuickRatio);
        Assert.Equal(20m, r.Arpa);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("key", () => RevenueChurn.By<string?>(History, null!, February, DateTimeZone.Utc));
        Assert.Throws<ArgumentNullException>("zone", () => RevenueChurn.By(History, e => e.Plan, February, null!));
        Assert.Throws<ArgumentException>("period", () => RevenueChurn.By(History, e => e.Plan, new NodaTime.Interval(Day(2, 1), Day(2, 1))));
    }

    private static bool Balances(RevenueChurnResult r) =>
        r.StartingMrr + r.NewMrr + r.ExpansionMrr + r.ReactivationMrr - r.ContractionMrr - r.ChurnedMrr == r.EndingMrr;

    [Property(MaxTest = 200)]
    public Property Every_cell_by_plan_interval_segment_and_period_balances_and_the_keys_sum_to_the_whole() =>
        Prop.ForAll(RetentionGen.LabelledSubscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month);
            foreach (var cell in RevenueChurn.ByPeriod(history, grid))
            {
                Assert.True(Balances(cell.Result), $"period {cell.Period}: {cell.Result}");
                var whole = cell.Result;
                foreach (var key in Keys)
                {
                    var cells = RevenueChurn.By(history, key, cell.Period, DateTimeZone.Utc);
                    Assert.All(cells, c => Assert.True(Balances(c.Result), $"key {c.Key} in {cell.Period}: {c.Result}"));
                    Assert.Equal(whole.StartingMrr, cells.Sum(c => c.Result.StartingMrr));
                    Assert.Equal(whole.EndingMrr, cells.Sum(c => c.Result.EndingMrr));
                    // Net MRR change is additive over keys even though a plan move is churn in one key and new in another.
                    Assert.Equal(whole.EndingMrr - whole.StartingMrr, cells.Sum(c => c.Result.EndingMrr - c.Result.StartingMrr));
                    Assert.True(cells.Sum(c => c.Result.EndingPayingCustomers) >= whole.EndingPayingCustomers);
                    Assert.All(cells, c => Assert.True(c.Result.QuickRatio is null or >= 0));
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property One_key_for_every_subscription_gives_the_customer_level_result() =>
        Prop.ForAll(RetentionGen.LabelledSubscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            for (int m = 1; m <= 5; m++)
            {
                var month = CalendarPeriod.Containing(new LocalDate(2024, m, 1), PeriodUnit.Month);
                var cells = RevenueChurn.By(history, _ => "all", month, DateTimeZone.Utc);
                var whole = RevenueChurn.Of(history, month, DateTimeZone.Utc);
                if (cells.Count == 0)
                {
                    Assert.Equal(0m, whole.EndingMrr);
                    continue;
                }

                Assert.Equal(whole, Assert.Single(cells).Result);
            }
        });
}

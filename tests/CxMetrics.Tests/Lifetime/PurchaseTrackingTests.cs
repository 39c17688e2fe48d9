using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class PurchaseTrackingTests
{
    [Fact]
    public void Cdnow_tracking_reproduces_an_independent_implementation()
    {
        // fit_checks_reference.py (weeks from 1997-01-01; cumulative expected Σ E[X(t − s_i)] by FHL 2005 eq. 7 with scipy's hyp2f1).
        (int Week, long Actual, double Expected)[] reference = [(1, 0, 3.2088), (12, 733, 611.7555), (39, 2457, 2493.9568), (52, 3183, 3127.6784), (78, 4339, 4160.6090)];
        var tracking = PurchaseTracking.Of(CdnowFixture.Orders, CdnowFixture.Zone, FitCheckFixture.Bg, FitCheckFixture.Options);
        Assert.Equal(78, tracking.Periods.Count);
        Assert.Equal(new LocalDate(1997, 1, 1), tracking.Periods[0].Start);
        Assert.Equal(new LocalDate(1998, 6, 30), tracking.Periods[^1].End);
        foreach (var (week, actual, expected) in reference)
        {
            var p = tracking.Periods[week - 1];
            Assert.Equal(actual, p.CumulativeActual);
            Assert.Equal(expected, p.CumulativeExpected, 0.02);
        }

        Assert.False(tracking.Periods[38].IsHoldout);
        Assert.True(tracking.Periods[39].IsHoldout);
        Assert.Equal(2357, tracking.Customers);
        // The calibration total is the sum of x, and the holdout adds the 1,882 of the holdout check.
        Assert.Equal(2457 + 1882, tracking.ActualPurchases);
    }

    [Fact]
    public void At_the_calibration_end_the_expectation_is_the_sum_over_customers_at_their_age()
    {
        foreach (var model in FitCheckFixture.All)
        {
            var tracking = PurchaseTracking.Of(CdnowFixture.Orders, CdnowFixture.Zone, model, FitCheckFixture.Options);
            double direct = CdnowFixture.Summary.Customers.Sum(c => model.ExpectedPurchases(c.Age));
            Assert.Equal(direct, tracking.Periods[38].CumulativeExpected, 1e-7 * direct);
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var tally = new CustomerSummaryTally(CdnowFixture.Zone);
        Assert.Throws<ArgumentNullException>("tally", () => PurchaseTracking.From(null!, FitCheckFixture.Bg, FitCheckFixture.Options));
        Assert.Throws<ArgumentNullException>("model", () => PurchaseTracking.From(tally, null!, FitCheckFixture.Options));
        Assert.Throws<ArgumentException>("options", () => PurchaseTracking.From(tally, FitCheckFixture.Bg,
            new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 1, 1), HoldoutEnd = new LocalDate(2023, 1, 1) }));
        tally.AddRange(CdnowFixture.Orders);
        Assert.Throws<ArgumentException>("options", () => PurchaseTracking.From(tally, FitCheckFixture.Bg,
            FitCheckFixture.Options with { TimeUnit = TimeUnit.Day, MaxPeriods = 100 }));
        Assert.Empty(PurchaseTracking.From(new CustomerSummaryTally(CdnowFixture.Zone), FitCheckFixture.Bg, FitCheckFixture.Options).Periods);
    }

    [Property(MaxTest = 40)]
    public Property Tracking_totals_equal_the_summed_expectations_and_shards_merge() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(1, 3).ToArbitrary(), (shop, shards) =>
        {
            var options = FitCheckFixture.ShopOptions;
            var whole = new CustomerSummaryTally(DateTimeZone.Utc);
            whole.AddRange(shop.Orders);
            var merged = new CustomerSummaryTally(DateTimeZone.Utc);
            for (int s = 0; s < shards; s++)
            {
                var shard = new CustomerSummaryTally(DateTimeZone.Utc);
                shard.AddRange(shop.Orders.Where((_, i) => (i + shop.Seed) % shards == s));
                merged.Merge(shard);
            }

            var tracking = PurchaseTracking.From(whole, shop.Model, options);
            var fromShards = PurchaseTracking.From(merged, shop.Model, options);
            var summary = CustomerBase.From(whole, options);
            if (summary.Customers.Count == 0)
            {
                return tracking.Periods.Count == 0;
            }

            var lastDay = options.HoldoutEnd!.Value;
            double direct = summary.Customers.Sum(c => shop.Model.ExpectedPurchases(Period.DaysBetween(c.FirstPurchase, lastDay) / 7.0));
            long actual = summary.Customers.Sum(c => (long)c.Frequency + c.HoldoutFrequency!.Value);
            Assert.Equal(direct, tracking.ExpectedPurchases, 1e-9 * Math.Max(1, direct));
            Assert.Equal(direct, tracking.Periods.Sum(p => p.Expected), 1e-9 * Math.Max(1, direct));
            Assert.Equal(actual, tracking.ActualPurchases);
            Assert.Equal(actual, tracking.Periods.Sum(p => p.Actual));
            Assert.Equal(tracking.Periods, fromShards.Periods);
            return true;
        });
}

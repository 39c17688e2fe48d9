using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class CalibrationHoldoutTests
{
    [Fact]
    public void Cdnow_bins_reproduce_btyd_and_an_independent_implementation()
    {
        // Bin sizes and actual means: BTYD's walkthrough (bgnbd.PlotFreqVsConditionalExpectedFrequency, censor = 7).
        // Expected means: fit_checks_reference.py (its own CDNOW summary, scipy BG/NBD fit and hyp2f1), printed to 6 places.
        int[] sizes = [1411, 439, 214, 100, 62, 38, 29, 64];
        double[] actual = [0.236712, 0.697039, 1.392523, 1.560000, 2.532258, 2.947368, 3.862069, 6.359375];
        double[] expected = [0.225087, 0.523131, 1.044134, 1.520280, 2.163866, 2.653846, 3.504042, 6.157191];
        var check = CalibrationHoldout.Of(CdnowFixture.Summary, FitCheckFixture.Bg);
        Assert.Equal(8, check.Bins.Count);
        Assert.Equal(39, check.HoldoutLength);
        Assert.Equal("BG/NBD", check.Model);
        for (int b = 0; b < 8; b++)
        {
            Assert.Equal(sizes[b], check.Bins[b].Customers);
            Assert.Equal(actual[b], check.Bins[b].MeanActual!.Value, 0.000001);
            Assert.Equal(expected[b], check.Bins[b].MeanExpected!.Value, 0.0002);
        }

        Assert.True(check.Bins[7].IsLast);
        Assert.Equal("7+", check.Bins[7].Label);
        Assert.Equal(1882, check.ActualPurchases);
        Assert.Equal(1653.41, check.ExpectedPurchases, 0.1);
        Assert.Equal(2357, check.Customers);
    }

    [Fact]
    public void Every_purchase_model_is_checked_and_its_total_is_the_summed_conditional_expectation()
    {
        foreach (var model in FitCheckFixture.All)
        {
            var check = CalibrationHoldout.Of(CdnowFixture.Summary, model, lastBin: 3);
            double direct = CdnowFixture.Summary.Customers.Sum(c => model.ConditionalExpectedPurchases(39, c.Frequency, c.Recency, c.Age));
            Assert.Equal(4, check.Bins.Count);
            Assert.Equal(direct, check.ExpectedPurchases, 1e-6 * direct);
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var noHoldout = CustomerBase.Of(CdnowFixture.Orders, CdnowFixture.Zone, new CustomerSummaryOptions { CalibrationEnd = CdnowFixture.CalibrationEnd });
        Assert.Throws<ArgumentException>("summary", () => CalibrationHoldout.Of(noHoldout, FitCheckFixture.Bg));
        Assert.Throws<ArgumentNullException>("model", () => CalibrationHoldout.Of(CdnowFixture.Summary, null!));
        Assert.Throws<ArgumentOutOfRangeException>("lastBin", () => CalibrationHoldout.Of(CdnowFixture.Summary, FitCheckFixture.Bg, 0));
        var failed = FitCheckFixture.Bg with { Diagnostics = FitCheckFixture.Bg.Diagnostics with { Status = global::CxMetrics.Statistics.FitStatus.NotConverged } };
        Assert.Throws<InvalidOperationException>(() => CalibrationHoldout.Of(CdnowFixture.Summary, failed));
    }

    [Property(MaxTest = 60)]
    public Property Bins_hold_every_customer_and_every_holdout_purchase() =>
        Prop.ForAll(FitCheckFixture.Shops, shop =>
        {
            var summary = CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var check = CalibrationHoldout.Of(summary, shop.Model);
            double direct = summary.Customers.Sum(c => shop.Model.ConditionalExpectedPurchases(check.HoldoutLength, c.Frequency, c.Recency, c.Age));
            return check.Customers == summary.Customers.Count
                && check.ActualPurchases == summary.Customers.Sum(c => (long)c.HoldoutFrequency!.Value)
                && Math.Abs(check.ExpectedPurchases - direct) <= 1e-9 * Math.Max(1, direct)
                && check.Bins.All(b => b.Customers > 0 || b.MeanActual is null);
        });
}

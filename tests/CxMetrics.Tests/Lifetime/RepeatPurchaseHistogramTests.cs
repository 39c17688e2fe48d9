using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class RepeatPurchaseHistogramTests
{
    [Fact]
    public void Cdnow_histogram_reproduces_an_independent_implementation()
    {
        // fit_checks_reference.py: Σ_i P(X(T_i) = x) by FHL 2005 eq. 8 at its own scipy fit (Fader, Hardie & Lee 2005 fig. 1 draws these bars).
        int[] observed = [1411, 439, 214, 100, 62, 38, 29, 64];
        double[] expected = [1407.6844, 460.3234, 192.4614, 101.1642, 59.8471, 38.1197, 25.5491, 71.8507];
        var histogram = RepeatPurchaseHistogram.Of(CdnowFixture.Summary, FitCheckFixture.Bg);
        for (int b = 0; b < 8; b++)
        {
            Assert.Equal(observed[b], histogram.Bins[b].Observed);
            Assert.Equal(expected[b], histogram.Bins[b].Expected, 0.05);
        }

        Assert.Equal(2357, histogram.Customers);
        Assert.InRange(histogram.ChiSquare, 4.7, 4.95);
    }

    [Fact]
    public void Every_purchase_model_gives_a_histogram_that_sums_to_the_customers()
    {
        foreach (var model in FitCheckFixture.All)
        {
            var histogram = RepeatPurchaseHistogram.Of(CdnowFixture.Summary, model);
            Assert.Equal(2357, histogram.Bins.Sum(b => b.Expected), 1e-6);
            Assert.All(histogram.Bins, b => Assert.True(b.Expected >= 0, $"{model}: {b}"));
            // Each model puts most customers at x = 0 within 2% of the 1,411 observed (a fit that failed would not).
            Assert.Equal(1411, histogram.Bins[0].Expected, 1411 * 0.02);
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("summary", () => RepeatPurchaseHistogram.Of(null!, FitCheckFixture.Bg));
        Assert.Throws<ArgumentOutOfRangeException>("lastBin", () => RepeatPurchaseHistogram.Of(CdnowFixture.Summary, FitCheckFixture.Bg, 1001));
    }

    [Property(MaxTest = 60)]
    public Property Observed_and_expected_counts_sum_to_the_customer_count() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(1, 12).ToArbitrary(), (shop, lastBin) =>
        {
            var summary = CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var histogram = RepeatPurchaseHistogram.Of(summary, shop.Model, lastBin);
            int n = summary.Customers.Count;
            return histogram.Bins.Count == lastBin + 1
                && histogram.Bins.Sum(b => b.Observed) == n
                && Math.Abs(histogram.Bins.Sum(b => b.Expected) - n) <= 1e-9 * Math.Max(1, n)
                && histogram.Bins.All(b => b.Expected >= 0);
        });
}

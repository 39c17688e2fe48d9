using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

public class DiscountedClvTests
{
    [Fact]
    public void Discrete_monthly_clv_without_discount_is_spend_times_expected_purchases_over_the_horizon()
    {
        var m = BetaGeoNbd.Fit(CdnowFixture.Summary);
        double clv = DiscountedClv.DiscreteMonthly(m, 2, 30.43, 38.86, expectedSpend: 20, months: 12, monthlyDiscountRate: 0);
        Assert.Equal(20 * m.ConditionalExpectedPurchases(12 * DiscountedClv.WeeksPerMonth, 2, 30.43, 38.86), clv, 9);
    }

    [Fact]
    public void Discounting_lowers_the_value_and_bulk_equals_single()
    {
        var m = BetaGeoNbd.Fit(CdnowFixture.Summary);
        double plain = DiscountedClv.DiscreteMonthly(m, 2, 30.43, 38.86, 20, monthlyDiscountRate: 0);
        double discounted = DiscountedClv.DiscreteMonthly(m, 2, 30.43, 38.86, 20, monthlyDiscountRate: 0.01);
        Assert.True(discounted < plain);

        var data = RfmData.Create([0, 2, 5], [0, 30.43, 20], [38.86, 38.86, 30]);
        var values = new double[3];
        DiscountedClv.DiscreteMonthly(m, data, [20, 20, 30], values);
        Assert.Equal(discounted, values[1], 12);
        Assert.Equal(DiscountedClv.DiscreteMonthly(m, 5, 20, 30, 30), values[2], 12);
    }

    [Fact]
    public void Continuous_rate_of_15_percent_a_year_in_weeks()
    {
        Assert.Equal(Math.Log(1.15) / 52, DiscountedClv.ContinuousRate(0.15, 52), 15);
    }

    [Fact]
    public void Negative_discount_rate_is_rejected()
    {
        var m = BetaGeoNbd.Fit(CdnowFixture.Summary);
        Assert.Throws<ArgumentOutOfRangeException>("monthlyDiscountRate", () => DiscountedClv.DiscreteMonthly(m, 0, 0, 10, 20, monthlyDiscountRate: -0.1));
    }
    [Fact]
    public void Continuous_rate_names_the_bad_argument()
    {
        Assert.Throws<ArgumentOutOfRangeException>("annualRate", () => DiscountedClv.ContinuousRate(-1, 52));
        Assert.Throws<ArgumentOutOfRangeException>("annualRate", () => DiscountedClv.ContinuousRate(double.NaN, 52));
        Assert.Throws<ArgumentOutOfRangeException>("timeUnitsPerYear", () => DiscountedClv.ContinuousRate(0.15, 0));
        Assert.Throws<ArgumentOutOfRangeException>("timeUnitsPerYear", () => DiscountedClv.ContinuousRate(0.15, double.PositiveInfinity));
    }
}

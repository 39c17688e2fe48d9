using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention;

public class ChurnRateConversionTests
{
    [Fact]
    public void Five_percent_a_month_is_45_964_percent_a_year()
    {
        Assert.Equal(0.459640, ChurnRateConversion.MonthlyToAnnual(0.05), 6);
        Assert.Equal(0.05, ChurnRateConversion.AnnualToMonthly(0.4596399), 6);
    }

    [Fact]
    public void Out_of_range_rates_and_periods_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => ChurnRateConversion.MonthlyToAnnual(1.2));
        Assert.Throws<ArgumentOutOfRangeException>("periods", () => ChurnRateConversion.Compound(0.1, 0));
    }

    [Property]
    public Property Conversion_round_trips_and_stays_in_0_1() =>
        // Above ~50% a month the annual rate is within 1e-4 of 1 and the inverse loses digits, so round trips are checked up to 50%.
        Prop.ForAll(Gen.Choose(0, 500).Select(i => i / 1000.0).ToArbitrary(), m =>
        {
            double annual = ChurnRateConversion.MonthlyToAnnual(m);
            return annual >= m - 1e-15 && annual <= 1 && Math.Abs(ChurnRateConversion.AnnualToMonthly(annual) - m) < 1e-9;
        });
}

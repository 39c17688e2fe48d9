using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class PoissonRateTests
{
    [Fact]
    public void Thirty_tickets_in_1200_hours_is_25_per_1000_hours_with_the_exact_interval()
    {
        var rate = PoissonRate.FromCounts(30, 1200, per: 1000);
        Assert.Equal(25, rate.Value!.Value, 12);
        Assert.Equal(16.87, rate.Interval!.Value.Lower, 2);
        Assert.Equal(35.69, rate.Interval!.Value.Upper, 2);
    }

    // R: poisson.test(k)$conf.int
    [Theory]
    [InlineData(0, 0.0, 3.688879)]
    [InlineData(1, 0.02531781, 5.571643)]
    [InlineData(10, 4.795389, 18.390356)]
    public void Count_interval_matches_R_poisson_test(long k, double lower, double upper)
    {
        var ci = PoissonRate.CountInterval(k);
        Assert.Equal(lower, ci.Lower, 5);
        Assert.Equal(upper, ci.Upper, 5);
    }

    [Fact]
    public void No_exposure_gives_no_estimate_and_bad_input_throws()
    {
        var none = PoissonRate.FromCounts(0, 0);
        Assert.Null(none.Value);
        Assert.Null(none.Interval);
        Assert.Equal("no estimate (no exposure)", none.ToString());
        Assert.Throws<ArgumentOutOfRangeException>("exposure", () => PoissonRate.FromCounts(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>("events", () => PoissonRate.FromCounts(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("exposure", () => PoissonRate.FromCounts(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("per", () => PoissonRate.FromCounts(1, 10, per: 0));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => PoissonRate.FromCounts(1, 10, level: 1));
    }

    [Property]
    public Property Interval_contains_the_rate_and_widens_with_the_level() =>
        Prop.ForAll(Gen.Choose(0, 5000).ToArbitrary(), Gen.Choose(1, 100_000).ToArbitrary(), (k, exposure) =>
        {
            var r90 = PoissonRate.FromCounts(k, exposure, 1000, 0.90);
            var r99 = PoissonRate.FromCounts(k, exposure, 1000, 0.99);
            return r90.Interval!.Value.Contains(r90.Value!.Value) && r99.Interval!.Value.Lower <= r90.Interval.Value.Lower
                && r99.Interval.Value.Upper >= r90.Interval.Value.Upper;
        });
}

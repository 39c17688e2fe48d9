using CxMetrics.Statistics;

namespace CxMetrics.Tests.Statistics;

public class StandardNormalTests
{
    [Fact]
    public void Two_sided_p_value_of_1_96_is_0_05()
    {
        Assert.Equal(0.05, StandardNormal.TwoSidedPValue(1.959963985), 1e-9);
        Assert.Equal(1.0, StandardNormal.TwoSidedPValue(0));
        Assert.Equal(StandardNormal.TwoSidedPValue(2.5), StandardNormal.TwoSidedPValue(-2.5));
        Assert.True(double.IsNaN(StandardNormal.TwoSidedPValue(double.NaN)));
        Assert.True(StandardNormal.TwoSidedPValue(30) > 0, "the lower tail keeps precision far out");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Critical_value_rejects_levels_outside_0_1(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(nameof(level), () => StandardNormal.CriticalValue(level));
}

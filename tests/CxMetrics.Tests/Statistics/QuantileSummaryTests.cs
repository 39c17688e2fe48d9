using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class QuantileSummaryTests
{
    [Fact]
    public void Summary_of_1_to_10_matches_r_type_7()
    {
        // R: quantile(1:10, c(.1,.25,.5,.75,.9)) = 1.9 3.25 5.5 7.75 9.1
        var s = QuantileSummary.Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        Assert.Equal(10, s.Count);
        Assert.Equal(1, s.Min);
        Assert.Equal(1.9, s.P10!.Value, 12);
        Assert.Equal(3.25, s.P25!.Value, 12);
        Assert.Equal(5.5, s.Median!.Value, 12);
        Assert.Equal(7.75, s.P75!.Value, 12);
        Assert.Equal(9.1, s.P90!.Value, 12);
        Assert.Equal(10, s.Max);
        Assert.Equal(5.5, s.Mean!.Value, 12);
        Assert.Equal("median 5.5 (IQR 3.25–7.75, P90 9.1; n = 10)", s.ToString());
    }

    [Fact]
    public void Empty_sample_has_no_values_and_nan_is_rejected()
    {
        var s = QuantileSummary.Of([]);
        Assert.Equal(0, s.Count);
        Assert.Null(s.Median);
        Assert.Null(s.Mean);
        Assert.Throws<ArgumentException>("sample", () => QuantileSummary.Of([1, double.NaN]));
    }

    [Property]
    public Property Summary_values_are_ordered() =>
        Prop.ForAll(Gen.Choose(-1000, 1000).Select(i => i / 10.0).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), xs =>
        {
            var s = QuantileSummary.Of(xs);
            return s.Min <= s.P10 && s.P10 <= s.P25 && s.P25 <= s.Median && s.Median <= s.P75 && s.P75 <= s.P90 && s.P90 <= s.Max
                && s.Mean >= s.Min - 1e-9 && s.Mean <= s.Max + 1e-9;
        });
}

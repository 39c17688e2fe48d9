using CxMetrics.Statistics;
using CxMetrics.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Support;

public class DurationSummaryTests
{
    [Fact]
    public void Summarises_with_type_7_percentiles_by_default()
    {
        // R: quantile(c(0.5, 1, 2, 4, 8, 16), c(0.5, 0.9)) → 3, 12
        var s = DurationSummary.Of([4, 0.5, 16, 1, 8, 2], [0.9, 0.5]);
        Assert.Equal(6, s.Count);
        Assert.Equal(31.5 / 6, s.Mean!.Value, 12);
        Assert.Equal(3, s.Median);
        Assert.Equal(12, s.Percentile(0.9));
        Assert.Equal(3, s.Percentile(0.5));
        Assert.Null(s.Percentile(0.75));
        Assert.Equal(0.5, s.Min);
        Assert.Equal(16, s.Max);
        Assert.Equal(QuantileMethod.Linear, s.Method);
    }

    [Fact]
    public void Other_quantile_methods_can_be_chosen()
    {
        // R: quantile(c(0.5, 1, 2, 4, 8, 16), 0.9, type = 6) → 16
        var s = DurationSummary.Of([0.5, 1, 2, 4, 8, 16], [0.9], QuantileMethod.Weibull);
        Assert.Equal(16, s.Percentile(0.9));
    }

    [Fact]
    public void Empty_input_has_no_values_not_zero()
    {
        var s = DurationSummary.Of([], [0.9]);
        Assert.Equal(0, s.Count);
        Assert.Null(s.Mean);
        Assert.Null(s.Median);
        Assert.Null(s.Min);
        Assert.Null(s.Percentile(0.9));
        Assert.Equal("no data (n = 0)", s.ToString());
    }

    [Fact]
    public void Bad_input_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("hours", () => DurationSummary.Of([1, -1]));
        Assert.Throws<ArgumentOutOfRangeException>("hours", () => DurationSummary.Of([1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>("percentiles", () => DurationSummary.Of([1], [1.1]));
    }

    [Property]
    public Property Percentiles_are_monotone_in_p_and_between_min_and_max() =>
        Prop.ForAll(
            Gen.Choose(0, 100_000).Select(i => i / 60.0).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ArrayOf().ToArbitrary(),
            (hours, ps) =>
            {
                var sortedPs = ps.Order().ToArray();
                var s = DurationSummary.Of(hours, sortedPs);
                var values = s.Percentiles.Select(p => p.Value!.Value).ToArray();
                return values.Zip(values.Skip(1)).All(t => t.First <= t.Second) && values.All(v => v >= s.Min && v <= s.Max)
                    && s.Min <= s.Median && s.Median <= s.Max;
            });
}

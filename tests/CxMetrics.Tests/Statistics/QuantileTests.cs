using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class QuantileTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    // R: quantile(1:10, c(0.1, 0.25, 0.9), type = t)
    [Theory]
    [InlineData(QuantileMethod.Linear, 0.1, 1.9)]
    [InlineData(QuantileMethod.Linear, 0.25, 3.25)]
    [InlineData(QuantileMethod.Linear, 0.9, 9.1)]
    [InlineData(QuantileMethod.Weibull, 0.1, 1.1)]
    [InlineData(QuantileMethod.Weibull, 0.25, 2.75)]
    [InlineData(QuantileMethod.MedianUnbiased, 0.1, 1.366667)]
    [InlineData(QuantileMethod.MedianUnbiased, 0.25, 2.916667)]
    [InlineData(QuantileMethod.InvertedCdf, 0.1, 1)]
    [InlineData(QuantileMethod.InvertedCdf, 0.25, 3)]
    [InlineData(QuantileMethod.InvertedCdf, 0.5, 5)]
    public void Matches_R_quantile_types(QuantileMethod method, double p, double expected) =>
        Assert.Equal(expected, Quantile.OfSorted(OneToTen, p, method)!.Value, 0.0000005);

    [Fact]
    public void Median_of_even_and_odd_samples()
    {
        Assert.Equal(2.5, Quantile.Median([4, 1, 3, 2]));
        Assert.Equal(3, Quantile.Median([5, 1, 3]));
        Assert.Null(Quantile.Median([]));
    }

    [Fact]
    public void Bad_input_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("p", () => Quantile.Of([1.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => Quantile.Of([1.0], double.NaN));
        Assert.Throws<ArgumentException>("sample", () => Quantile.Of([1.0, double.NaN], 0.5));
    }

    [Fact]
    public void Interpolation_between_opposite_extremes_does_not_overflow()
    {
        // b − a = 2e308 overflows: the median of {−1e308, 1e308} is 0, the 75th percentile 0.5e308.
        Assert.Equal(0, Quantile.Median([-1e308, 1e308]));
        Assert.Equal(5e307, Quantile.Of([-1e308, 1e308], 0.75)!.Value, 1e293);
        Assert.Equal(double.PositiveInfinity, Quantile.Median([1.0, double.PositiveInfinity]));
        Assert.Equal(double.NegativeInfinity, Quantile.Median([double.NegativeInfinity, 1.0]));
        Assert.Equal(double.PositiveInfinity, Quantile.Median([double.PositiveInfinity, double.PositiveInfinity]));
    }

    [Property]
    public Property Quantiles_are_monotone_in_p_and_within_the_range() =>
        Prop.ForAll(
            Gen.Choose(-1000, 1000).Select(i => i / 7.0).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 1000.0).ToArbitrary(),
            (sample, a, b) =>
            {
                double lo = Math.Min(a, b), hi = Math.Max(a, b);
                return Enum.GetValues<QuantileMethod>().All(m =>
                {
                    double ql = Quantile.Of(sample, lo, m)!.Value, qh = Quantile.Of(sample, hi, m)!.Value;
                    return ql <= qh && ql >= sample.Min() && qh <= sample.Max();
                });
            });
}

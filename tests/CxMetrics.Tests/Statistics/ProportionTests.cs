using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

public class ProportionTests
{
    private static readonly Arbitrary<(int Successes, int Count)> Counts =
        Gen.Choose(0, 5000).SelectMany(n => Gen.Choose(0, n).Select(x => (x, n))).ToArbitrary();

    [Fact]
    public void Estimate_reports_counts_share_and_standard_error()
    {
        var e = Proportion.FromCounts(30, 120);
        Assert.Equal(30, e.Successes);
        Assert.Equal(120, e.Count);
        Assert.Equal(0.25, e.Value);
        Assert.Equal(Math.Sqrt(0.25 * 0.75 / 120), e.StandardError!.Value, 15);
        Assert.Equal(ProportionIntervalMethod.Wilson, e.Method);
    }

    [Fact]
    public void ToString_prints_percentages_without_a_space()
    {
        Assert.Equal("30.80% (95% CI [25.53%, 36.62%], Wilson; 81 of 263)", Proportion.FromCounts(81, 263).ToString());
    }

    [Fact]
    public void Empty_estimate_has_no_value()
    {
        var e = Proportion.FromCounts(0, 0);
        Assert.Null(e.Value);
        Assert.Null(e.Interval);
        Assert.Equal("no estimate (n = 0)", e.ToString());
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => Proportion.FromCounts(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => Proportion.FromCounts(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => Proportion.FromCounts(1, 4, level: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => Proportion.FromCounts(1, 4, level: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("share", () => Proportion.Interval(1.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Proportion.Interval(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>("share", () => Proportion.Interval(double.NaN, 10));
    }

    [Fact]
    public void Wald_and_Agresti_Coull_follow_their_formulas()
    {
        double z = StandardNormal.CriticalValue(0.95);
        var wald = Proportion.Interval(0.3, 100, method: ProportionIntervalMethod.Wald);
        Assert.Equal(0.3 - (z * Math.Sqrt(0.21 / 100)), wald.Lower, 12);
        var ac = Proportion.Interval(0.3, 100, method: ProportionIntervalMethod.AgrestiCoull);
        double nt = 100 + (z * z), pt = (30 + (z * z / 2)) / nt;
        Assert.Equal(pt + (z * Math.Sqrt(pt * (1 - pt) / nt)), ac.Upper, 12);
    }

    [Fact]
    public void Sample_size_for_a_5_point_margin_is_385()
    {
        Assert.Equal(385, Proportion.SampleSizeForMargin(0.05));
        Assert.Equal(278, Proportion.SampleSizeForMargin(0.05, population: 1000));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => Proportion.SampleSizeForMargin(0));
    }

    [Property(MaxTest = 500)]
    public Property No_expected_share_needs_more_responses_than_the_default_worst_case() =>
        Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), p => Proportion.SampleSizeForMargin(0.05, p / 100.0) <= Proportion.SampleSizeForMargin(0.05));

    [Fact]
    public void Comparison_uses_the_pooled_z_test()
    {
        var cmp = Proportion.Compare(Proportion.FromCounts(56, 70), Proportion.FromCounts(48, 80));
        double pooled = 104.0 / 150;
        double z = 0.2 / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / 70) + (1.0 / 80)));
        Assert.Equal(z, cmp.Z!.Value, 12);
        Assert.True(cmp.IsSignificantAt(0.05));
        Assert.Equal(StandardNormal.TwoSidedPValue(z), cmp.PValue!.Value, 15);
    }

    [Fact]
    public void Identical_extreme_shares_compare_as_equal_not_as_NaN()
    {
        var cmp = Proportion.Compare(Proportion.FromCounts(10, 10), Proportion.FromCounts(20, 20));
        Assert.Equal(0, cmp.Z);
        Assert.Equal(1, cmp.PValue);
    }

    [Property]
    public Property Every_interval_lies_in_0_1_and_contains_the_share() =>
        Prop.ForAll(Counts, c =>
        {
            if (c.Count == 0)
            {
                return true;
            }

            double p = (double)c.Successes / c.Count;
            return Enum.GetValues<ProportionIntervalMethod>().All(m =>
            {
                var ci = Proportion.Interval(p, c.Count, method: m);
                bool contains = m == ProportionIntervalMethod.AgrestiCoull || ci.Contains(p);
                return ci.Lower >= 0 && ci.Upper <= 1 && ci.Lower <= ci.Upper && contains;
            });
        });

    [Property]
    public Property Wilson_is_symmetric_under_swapping_successes_and_failures() =>
        Prop.ForAll(Counts, c =>
        {
            if (c.Count == 0)
            {
                return true;
            }

            var a = Proportion.FromCounts(c.Successes, c.Count).Interval!.Value;
            var b = Proportion.FromCounts(c.Count - c.Successes, c.Count).Interval!.Value;
            return Math.Abs(a.Lower - (1 - b.Upper)) < 1e-12 && Math.Abs(a.Upper - (1 - b.Lower)) < 1e-12;
        });

    [Property]
    public Property Newcombe_interval_contains_the_difference_and_is_antisymmetric() =>
        Prop.ForAll(Counts, Counts, (a, b) =>
        {
            var ea = Proportion.FromCounts(a.Successes, a.Count);
            var eb = Proportion.FromCounts(b.Successes, b.Count);
            var ab = Proportion.Compare(ea, eb);
            var ba = Proportion.Compare(eb, ea);
            if (a.Count == 0 || b.Count == 0)
            {
                return ab.Difference is null;
            }

            var ci = ab.Interval!.Value;
            return ci.Contains(ab.Difference!.Value) && ci.Lower >= -1 && ci.Upper <= 1
                && Math.Abs(ci.Lower + ba.Interval!.Value.Upper) < 1e-12 && ab.PValue is >= 0 and <= 1;
        });

    [Fact]
    public void A_zero_share_on_one_side_does_not_make_the_pooled_standard_error_zero()
    {
        // 0/100 vs 5/100: p̄ = 0.025, SE = √(0.025·0.975·(1/100 + 1/100)) = 0.022079, z = −0.05/0.022079 = −2.26455, p = 0.023540.
        var cmp = Proportion.Compare(Proportion.FromCounts(0, 100), Proportion.FromCounts(5, 100));
        Assert.Equal(-0.05, cmp.Difference!.Value, 15);
        Assert.Equal(-2.2645540683, cmp.Z!.Value, 9);
        Assert.Equal(0.0235400583, cmp.PValue!.Value, 9);
    }

    [Fact]
    public void Z_statistic_is_null_when_a_difference_meets_a_zero_standard_error()
    {
        Assert.Null(Proportion.ZStatistic(0.5, 0));
        Assert.Null(Proportion.TwoSidedPValue(Proportion.ZStatistic(-2, 0)));
        Assert.Equal(0, Proportion.ZStatistic(0, 0));
        Assert.Equal(1, Proportion.TwoSidedPValue(Proportion.ZStatistic(0, 0)));
        Assert.Equal(-2.5, Proportion.ZStatistic(-0.5, 0.2)!.Value, 15);
    }

    [Property]
    public Property Comparisons_never_carry_an_infinite_or_NaN_statistic() =>
        Prop.ForAll(Counts, Counts, (a, b) =>
        {
            var cmp = Proportion.Compare(Proportion.FromCounts(a.Successes, a.Count), Proportion.FromCounts(b.Successes, b.Count));
            bool definedTogether = (cmp.Z is null) == (cmp.PValue is null);
            return definedTogether && (cmp.Z is null || double.IsFinite(cmp.Z.Value)) && (cmp.PValue is null || cmp.PValue is >= 0 and <= 1);
        });

    [Theory]
    [InlineData(1e-12)]
    [InlineData(double.Epsilon)]
    public void Sample_size_for_a_margin_too_small_to_count_is_refused_naming_the_margin(double margin)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(nameof(margin), () => Proportion.SampleSizeForMargin(margin));
        Assert.Equal("margin", e.ParamName);
        Assert.Contains("largest count", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_size_for_a_tiny_margin_from_a_finite_population_is_the_whole_population() =>
        Assert.Equal(5000, Proportion.SampleSizeForMargin(double.Epsilon, population: 5000));

    [Fact]
    public void Sample_size_per_arm_for_an_effect_too_small_to_count_is_refused_naming_the_effect()
    {
        // 1e-12 points on a 10% baseline needs about 1.4e22 customers per arm; it used to answer long.MaxValue.
        var e = Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => Proportion.SampleSizePerArm(0.1, 1e-12));
        Assert.Equal("minimumDetectableEffect", e.ParamName);
        Assert.Contains("largest count", e.Message, StringComparison.Ordinal);
    }
}

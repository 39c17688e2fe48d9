using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

/// <summary>The statistics behind experiment read-outs, against the published reference values.</summary>
public class ExperimentStatisticsTests
{
    [Fact]
    public void Two_proportion_test_and_log_ratio_interval_for_200_vs_240_of_2000()
    {
        var control = Proportion.FromCounts(200, 2000);
        var treatment = Proportion.FromCounts(240, 2000);
        var cmp = Proportion.Compare(treatment, control);
        Assert.Equal(2.0213, cmp.Z!.Value, 0.00005);
        Assert.Equal(0.043245, cmp.PValue!.Value, 0.0000005);
        var ratio = ProportionRatio.Of(treatment, control);
        Assert.Equal(1.2, ratio.Ratio!.Value, 12);
        Assert.Equal(0.2, ratio.Uplift!.Value, 12);
        Assert.Equal(1.0052, ratio.Interval!.Value.Lower, 0.00005);
        Assert.Equal(1.4325, ratio.Interval.Value.Upper, 0.00005);
    }

    [Fact]
    public void Ratio_without_conversions_has_no_value()
    {
        var r = ProportionRatio.Of(Proportion.FromCounts(5, 100), Proportion.FromCounts(0, 100));
        Assert.Null(r.Ratio);
        Assert.Contains("no ratio", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Holm_and_Benjamini_Hochberg_match_R_p_adjust()
    {
        double[] raw = [0.01, 0.04, 0.03, 0.005, 0.20];
        Assert.Equal([0.04, 0.09, 0.09, 0.025, 0.2], MultipleComparisons.Adjust(raw, MultipleComparisonMethod.Holm).Select(p => Math.Round(p, 10)));
        Assert.Equal([0.025, 0.05, 0.05, 0.025, 0.2], MultipleComparisons.Adjust(raw, MultipleComparisonMethod.BenjaminiHochberg).Select(p => Math.Round(p, 10)));
        Assert.Equal(raw, MultipleComparisons.Adjust(raw, MultipleComparisonMethod.None));
        Assert.Throws<ArgumentOutOfRangeException>("pValues", () => MultipleComparisons.Adjust([0.5, 1.2], MultipleComparisonMethod.Holm));
        Assert.Empty(MultipleComparisons.Adjust([], MultipleComparisonMethod.Holm));
    }

    [Property]
    public Property Adjusted_p_values_are_bounded_ordered_and_Holm_is_at_least_BH() =>
        Prop.ForAll(Gen.Choose(0, 10_000).Select(i => i / 10_000.0).ArrayOf().ToArbitrary(), raw =>
        {
            var holm = MultipleComparisons.Adjust(raw, MultipleComparisonMethod.Holm);
            var bh = MultipleComparisons.Adjust(raw, MultipleComparisonMethod.BenjaminiHochberg);
            bool bounded = raw.Select((p, i) => holm[i] >= p - 1e-15 && bh[i] >= p - 1e-15 && holm[i] <= 1 && bh[i] <= 1 && holm[i] >= bh[i] - 1e-15).All(x => x);
            bool monotone = raw.Select((p, i) => (p, i)).All(a => raw.Select((q, j) => (q, j)).All(b =>
                !(a.p < b.q) || (holm[a.i] <= holm[b.j] + 1e-15 && bh[a.i] <= bh[b.j] + 1e-15)));
            return bounded && monotone;
        });

    [Fact]
    public void Sample_ratio_mismatch_5000_vs_5200()
    {
        var result = ChiSquareTest.GoodnessOfFit([5000, 5200], [0.5, 0.5]);
        Assert.Equal(3.9216, result.Statistic, 0.00005);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(0.04767, result.PValue, 0.000005);
        Assert.Equal(1, ChiSquareTest.GoodnessOfFit([0, 0, 0], [1, 1, 2]).PValue);
        Assert.Throws<ArgumentException>("expectedShares", () => ChiSquareTest.GoodnessOfFit([1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>("expectedShares", () => ChiSquareTest.GoodnessOfFit([1, 2], [0.5, 0]));
    }

    [Fact]
    public void Sample_size_for_10_to_12_percent_is_3841_per_arm()
    {
        Assert.Equal(3841, Proportion.SampleSizePerArm(0.10, 0.02));
        Assert.Equal(3841, Proportion.SampleSizePerArm(0.12, -0.02));
        Assert.True(Proportion.SampleSizePerArm(0.10, 0.02, power: 0.9) > 3841);
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => Proportion.SampleSizePerArm(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => Proportion.SampleSizePerArm(0.1, 0.95));
        Assert.Throws<ArgumentOutOfRangeException>("baseline", () => Proportion.SampleSizePerArm(1.2, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => Proportion.SampleSizePerArm(0.1, 0.1, alpha: 0));
    }

    // R's documented example: t.test(extra ~ group, data = sleep) → t = -1.8608, df = 17.776, p-value = 0.07939,
    // 95 percent confidence interval -3.3654832 0.2054832 (Student's sleep data, 1908).
    [Fact]
    public void Welch_test_matches_R_t_test_on_the_sleep_data()
    {
        var group1 = Moments(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0);
        var group2 = Moments(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4);
        var cmp = WelchTest.From(group1, group2);
        Assert.Equal(-1.58, cmp.Difference!.Value, 12);
        Assert.Equal(-1.8608, cmp.T!.Value, 0.00005);
        Assert.Equal(17.776, cmp.DegreesOfFreedom!.Value, 0.0005);
        Assert.Equal(0.07939, cmp.PValue!.Value, 0.000005);
        Assert.Equal(-3.3654832, cmp.Interval!.Value.Lower, 0.0000005);
        Assert.Equal(0.2054832, cmp.Interval.Value.Upper, 0.0000005);
        Assert.Null(WelchTest.From(Moments(1), group2).PValue);
    }

    [Property]
    public Property Swapping_the_arms_flips_the_sign() =>
        Prop.ForAll(
            Gen.Choose(0, 1000).Select(i => i / 10.0).ArrayOf().ToArbitrary(),
            Gen.Choose(0, 1000).Select(i => i / 10.0).ArrayOf().ToArbitrary(),
            (x, y) =>
            {
                var ab = WelchTest.From(Moments(x), Moments(y));
                var ba = WelchTest.From(Moments(y), Moments(x));
                bool welch = ab.PValue is null ? ba.PValue is null : Math.Abs(ab.T!.Value + ba.T!.Value) < 1e-9 && Math.Abs(ab.PValue.Value - ba.PValue!.Value) < 1e-9
                    && ab.Interval!.Value.Contains(ab.Difference!.Value);
                var pa = Proportion.FromCounts(x.Count(v => v > 50), x.Length);
                var pb = Proportion.FromCounts(y.Count(v => v > 50), y.Length);
                var cab = Proportion.Compare(pa, pb);
                var cba = Proportion.Compare(pb, pa);
                bool props = cab.Difference is null || (Math.Abs(cab.Difference.Value + cba.Difference!.Value) < 1e-12 && Math.Abs(cab.Z!.Value + cba.Z!.Value) < 1e-9);
                return welch && props;
            });

    [Property]
    public Property Running_moments_merge_equals_the_whole() =>
        Prop.ForAll(
            Gen.Choose(-100_000, 100_000).Select(i => i / 100.0).ArrayOf().ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (values, seed) =>
            {
                int at = values.Length == 0 ? 0 : (int)((uint)seed % (uint)(values.Length + 1));
                var merged = Moments(values[..at]).Merge(Moments(values[at..]));
                var whole = Moments(values);
                return merged.Count == whole.Count && Close(merged.Mean, whole.Mean) && Close(merged.SumOfSquaredDeviations, whole.SumOfSquaredDeviations);
            });

    [Fact]
    public void Bootstrap_is_reproducible_from_its_seed_and_brackets_the_difference()
    {
        double[] a = [.. Enumerable.Range(0, 300).Select(i => i % 17 == 0 ? 400.0 : 20 + (i % 7))];
        double[] b = [.. Enumerable.Range(0, 300).Select(i => i % 19 == 0 ? 300.0 : 18 + (i % 5))];
        var first = Bootstrap.MeanDifference(a, b, seed: 7)!.Value;
        var again = Bootstrap.MeanDifference(a, b, seed: 7)!.Value;
        var other = Bootstrap.MeanDifference(a, b, seed: 8)!.Value;
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Contains(a.Average() - b.Average()));
        Assert.Null(Bootstrap.MeanDifference([], b));
        Assert.Throws<ArgumentException>("first", () => Bootstrap.MeanDifference([double.NaN], b));
    }

    [Fact]
    public void Binomial_tally_counts_and_merges()
    {
        var t = new BinomialTally();
        t.Add(true);
        t.Add(false);
        t.Merge(BinomialTally.FromCounts(3, 8));
        Assert.Equal((4L, 10L), (t.Successes, t.Trials));
        Assert.Equal(0.4, t.ToEstimate().Value);
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => BinomialTally.FromCounts(3, 2));
    }

    [Property]
    public Property Binomial_tally_merge_equals_the_whole_and_stays_in_bounds() =>
        Prop.ForAll(ArbMap.Default.ArbFor<bool[]>(), ArbMap.Default.ArbFor<int>(), (outcomes, seed) =>
        {
            int at = outcomes.Length == 0 ? 0 : (int)((uint)seed % (uint)(outcomes.Length + 1));
            BinomialTally Tally(IEnumerable<bool> xs)
            {
                var t = new BinomialTally();
                foreach (bool x in xs)
                {
                    t.Add(x);
                }

                return t;
            }

            var merged = Tally(outcomes[..at]).Merge(Tally(outcomes[at..])).ToEstimate();
            var whole = Tally(outcomes).ToEstimate();
            return merged == whole && (whole.Value is not { } v || (v is >= 0 and <= 1 && whole.Interval!.Value.Contains(v)));
        });

    private static RunningMoments Moments(params double[] values)
    {
        var m = new RunningMoments();
        foreach (double v in values)
        {
            m.Add(v);
        }

        return m;
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-7 * Math.Max(1, Math.Abs(a));
}

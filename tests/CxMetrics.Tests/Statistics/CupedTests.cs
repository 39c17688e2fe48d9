using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

/// <summary>CUPED (Deng et al. 2013) on a worked example computed directly, and its tally's laws.</summary>
public class CupedTests
{
    private static readonly double[] ControlX = [10, 20, 30, 40, 50];
    private static readonly double[] ControlY = [12, 25, 29, 45, 48];
    private static readonly double[] TreatmentX = [15, 25, 35, 45, 55];
    private static readonly double[] TreatmentY = [20, 30, 41, 50, 62];

    [Fact]
    public void Worked_example_matches_the_direct_two_pass_computation()
    {
        var result = Cuped.From(CupedTally.Of(TreatmentY, TreatmentX), CupedTally.Of(ControlY, ControlX));

        // Direct computation: pooled θ = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)² over all ten units, two passes.
        double[] x = [.. ControlX, .. TreatmentX], y = [.. ControlY, .. TreatmentY];
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        double theta = sxy / sxx;
        Assert.Equal(276.0 / 275.0, theta, 12);
        Assert.Equal(theta, result.Theta, 12);
        Assert.Equal(sxy / Math.Sqrt(sxx * syy), result.Correlation, 12);
        Assert.Equal(1 - (sxy * sxy / (sxx * syy)), result.VarianceRatio, 12);

        // Adjusted means ȳ − θ(x̄ − x̄_pooled); difference = raw difference − θ·(x̄_t − x̄_c) = 8.8 − θ·5.
        Assert.Equal(TreatmentY.Average() - (theta * (TreatmentX.Average() - mx)), result.Adjusted.First.Value!.Value, 12);
        Assert.Equal(ControlY.Average() - (theta * (ControlX.Average() - mx)), result.Adjusted.Second.Value!.Value, 12);
        Assert.Equal(8.8 - (theta * 5), result.Adjusted.Difference!.Value, 12);
        Assert.Equal(8.8, result.Unadjusted.Difference!.Value, 12);

        // Per-arm variance of Y − θX: s²_Y + θ²s²_X − 2θ s_XY (sample moments), over n.
        static double AdjustedVariance(double[] xs, double[] ys, double theta)
        {
            double[] z = [.. xs.Select((xv, i) => ys[i] - (theta * xv))];
            double mean = z.Average();
            return z.Sum(v => (v - mean) * (v - mean)) / (z.Length - 1) / z.Length;
        }

        double se = Math.Sqrt(AdjustedVariance(TreatmentX, TreatmentY, theta) + AdjustedVariance(ControlX, ControlY, theta));
        Assert.Equal(1.5217975452, se, 9);
        double t = (8.8 - (theta * 5)) / se;
        Assert.Equal(t, result.Adjusted.T!.Value, 9);
        Assert.True(result.Adjusted.Interval!.Value.Width < result.Unadjusted.Interval!.Value.Width / 3);
        Assert.True(result.Adjusted.PValue < result.Unadjusted.PValue);
    }

    [Fact]
    public void Sums_from_a_database_give_the_same_tally()
    {
        var direct = CupedTally.Of(ControlY, ControlX);
        var sums = CupedTally.FromSums(5, ControlY.Sum(), ControlX.Sum(), ControlY.Sum(v => v * v), ControlX.Sum(v => v * v), ControlY.Select((v, i) => v * ControlX[i]).Sum());
        Assert.Equal(direct.Count, sums.Count);
        Assert.Equal(direct.OutcomeMean, sums.OutcomeMean, 12);
        Assert.Equal(direct.CovariateMean, sums.CovariateMean, 12);
        Assert.Equal(direct.OutcomeSumOfSquaredDeviations, sums.OutcomeSumOfSquaredDeviations, 9);
        Assert.Equal(direct.CovariateSumOfSquaredDeviations, sums.CovariateSumOfSquaredDeviations, 9);
        Assert.Equal(direct.CoMoment, sums.CoMoment, 9);
        Assert.Equal(0, CupedTally.FromSums(0, 0, 0, 0, 0, 0).Count);
        Assert.Throws<ArgumentOutOfRangeException>("count", () => CupedTally.FromSums(-1, 0, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => CupedTally.FromSums(0, 1, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("sumOfProducts", () => CupedTally.FromSums(2, 1, 0, 0, 0, double.NaN));
        Assert.Throws<ArgumentException>("covariates", () => CupedTally.Of([1, 2], [1]));
        Assert.Throws<ArgumentOutOfRangeException>("covariate", () => new CupedTally().Add(1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => Cuped.From(direct, sums, 1));
        var self = new CupedTally();
        Assert.Throws<ArgumentException>("other", () => self.Merge(self));
    }

    [Fact]
    public void A_constant_covariate_leaves_the_welch_test_unchanged()
    {
        double[] ones = [1, 1, 1, 1, 1];
        var result = Cuped.From(CupedTally.Of(TreatmentY, ones), CupedTally.Of(ControlY, ones));
        Assert.Equal(0, result.Theta);
        Assert.Equal(1, result.VarianceRatio);
        Assert.Equal(result.Unadjusted.PValue!.Value, result.Adjusted.PValue!.Value, 12);
        Assert.Equal(result.Unadjusted.Interval!.Value.Lower, result.Adjusted.Interval!.Value.Lower, 9);
    }

    [Fact]
    public void Missing_pre_period_data_counts_as_zero_and_an_empty_arm_has_no_comparison()
    {
        var empty = Cuped.From(new CupedTally(), CupedTally.Of(ControlY, ControlX));
        Assert.Null(empty.Adjusted.Difference);
        Assert.Null(empty.Adjusted.PValue);
        var withZero = CupedTally.Of([5, 7], [0, 3]);
        Assert.Equal(1.5, withZero.CovariateMean);
    }

    private static Gen<(double Y, double X)[]> Units =>
        Gen.Zip(Gen.Choose(-5_000, 50_000), Gen.Choose(0, 20_000)).Select(p => (p.Item1 / 100.0, p.Item2 / 100.0)).ArrayOf();

    [Property]
    public Property Merged_shards_equal_the_tally_of_the_whole() =>
        Prop.ForAll(Units.ToArbitrary(), ArbMap.Default.ArbFor<int>(), (units, seed) =>
        {
            int at = units.Length == 0 ? 0 : (int)((uint)seed % (uint)(units.Length + 1));
            static CupedTally Tally((double Y, double X)[] u) => CupedTally.Of([.. u.Select(p => p.Y)], [.. u.Select(p => p.X)]);
            var merged = Tally(units[..at]).Merge(Tally(units[at..]));
            var reversed = Tally(units[at..]).Merge(Tally(units[..at]));
            var whole = Tally(units);
            return Same(merged, whole) && Same(reversed, whole) && Same(new CupedTally().Merge(whole), whole);
        });

    [Fact]
    public void Merging_into_an_empty_tally_copies_a_tally_whose_means_square_past_the_largest_double()
    {
        // 3e200² overflows: the Chan term δ²·n·n'/(n + n') with n = 0 was ∞·0 = NaN before the scaled form.
        var huge = CupedTally.Of([3e200, 3e200, 3e200], [-2e180, -2e180, -2e180]);
        var merged = new CupedTally().Merge(huge);

        Assert.Equal((3L, 3e200, -2e180, 0.0, 0.0, 0.0), (merged.Count, merged.OutcomeMean, merged.CovariateMean, merged.OutcomeSumOfSquaredDeviations, merged.CovariateSumOfSquaredDeviations, merged.CoMoment));

        // One unit at 0 and one at 1.5e154: δ² = 2.25e308 overflows on its own, δ²·n·n'/(n + n') = 1.125e308 does not.
        var pair = CupedTally.Of([0], [0]).Merge(CupedTally.Of([1.5e154], [-1.5e154]));
        Assert.Equal(1.125e308, pair.OutcomeSumOfSquaredDeviations, 1e-15 * 1.125e308);
        Assert.Equal(1.125e308, pair.CovariateSumOfSquaredDeviations, 1e-15 * 1.125e308);
        Assert.Equal(-1.125e308, pair.CoMoment, 1e-15 * 1.125e308);
        Assert.Equal((0.75e154, -0.75e154), (pair.OutcomeMean, pair.CovariateMean));
    }

    /// <summary>Units around an offset with a spread 10^-s of it, so scaled tallies can have means far past 10¹⁵⁴ with finite moments.</summary>
    private static Gen<(double Y, double X)[]> SpreadUnits =>
        Gen.Zip(Gen.Choose(-1_000_000, 1_000_000), Gen.Choose(0, 12)).SelectMany(p =>
            Gen.Zip(Gen.Choose(-1000, 1000), Gen.Choose(-1000, 1000))
                .Select(u => (p.Item1 + (u.Item1 * Math.Pow(10, -p.Item2)), (p.Item1 / 3.0) + (u.Item2 * Math.Pow(10, -p.Item2))))
                .ArrayOf());

    [Property(MaxTest = 500)]
    public Property Merge_commutes_with_power_of_two_scaling_over_huge_and_tiny_magnitudes() =>
        Prop.ForAll(SpreadUnits.ToArbitrary(), ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (units, cut, pick) =>
        {
            int at = units.Length == 0 ? 0 : (int)((uint)cut % (uint)(units.Length + 1));
            var a = CupedTally.Of([.. units[..at].Select(p => p.Y)], [.. units[..at].Select(p => p.X)]);
            var b = CupedTally.Of([.. units[at..].Select(p => p.Y)], [.. units[at..].Select(p => p.X)]);
            var whole = a.Clone().Merge(b);

            // Welford's rounding on identical units can leave a co-moment of pure noise a hair beyond Cauchy–Schwarz, which the
            // stored form refuses; such tallies cannot be rebuilt at another scale and are not checked here.
            var parts = new[] { a, b, whole };
            if (!parts.All(Storable))
            {
                return true.Label("not storable");
            }

            // The widest power of two k that keeps every mean (2^k) and moment (2^2k) of a, b and their merge normal and finite.
            int high = 1000, low = -1000;
            foreach (var t in parts)
            {
                foreach (double mean in new[] { t.OutcomeMean, t.CovariateMean })
                {
                    if (mean != 0)
                    {
                        high = Math.Min(high, 1000 - Math.ILogB(mean));
                        low = Math.Max(low, -900 - Math.ILogB(mean));
                    }
                }

                foreach (double moment in new[] { t.OutcomeSumOfSquaredDeviations, t.CovariateSumOfSquaredDeviations, t.CoMoment })
                {
                    if (moment != 0)
                    {
                        high = Math.Min(high, (1000 - Math.ILogB(moment)) / 2);
                        low = Math.Max(low, (-900 - Math.ILogB(moment) + 1) / 2);
                    }
                }
            }

            int k = low + (int)((uint)pick % (uint)(high - low + 1));
            var merged = Scaled(a, k).Merge(Scaled(b, k));
            var empty = new CupedTally().Merge(Scaled(whole, k));
            return (Identical(merged, Scaled(whole, k)) && Identical(empty, Scaled(whole, k)) && Same(Scaled(b, k).Merge(Scaled(a, k)), merged, 1e-12))
                .Label($"k = {k} in [{low}, {high}]: merged {Show(merged)}, scaled whole {Show(Scaled(whole, k))}");
        });

    [Property]
    public Property Adjustment_only_shifts_by_theta_times_the_covariate_gap_and_variance_ratio_is_a_share() =>
        Prop.ForAll(Units.ToArbitrary(), Units.ToArbitrary(), (t, c) =>
        {
            var treat = CupedTally.Of([.. t.Select(p => p.Y)], [.. t.Select(p => p.X)]);
            var ctrl = CupedTally.Of([.. c.Select(p => p.Y)], [.. c.Select(p => p.X)]);
            var r = Cuped.From(treat, ctrl);
            bool ratio = r.VarianceRatio >= 0 && r.VarianceRatio <= 1 && Math.Abs(r.VarianceRatio + r.VarianceReduction - 1) < 1e-12;
            if (treat.Count == 0 || ctrl.Count == 0)
            {
                return ratio && r.Adjusted.Difference is null;
            }

            double expected = treat.OutcomeMean - ctrl.OutcomeMean - (r.Theta * (treat.CovariateMean - ctrl.CovariateMean));
            return ratio && Close(r.Adjusted.Difference!.Value, expected)
                && (r.Adjusted.Interval is not { } ci || ci.Contains(r.Adjusted.Difference.Value));
        });

    private static bool Same(CupedTally a, CupedTally b) => Same(a, b, 1e-9, 1);

    /// <summary>Equal to a relative <paramref name="tolerance"/> of max(<paramref name="floor"/>, |a|, |b|) in every part.</summary>
    private static bool Same(CupedTally a, CupedTally b, double tolerance, double floor = 0) =>
        a.Count == b.Count && Close(a.OutcomeMean, b.OutcomeMean, tolerance, floor) && Close(a.CovariateMean, b.CovariateMean, tolerance, floor)
        && Close(a.OutcomeSumOfSquaredDeviations, b.OutcomeSumOfSquaredDeviations, tolerance, floor)
        && Close(a.CovariateSumOfSquaredDeviations, b.CovariateSumOfSquaredDeviations, tolerance, floor) && Close(a.CoMoment, b.CoMoment, tolerance, floor);

    private static bool Identical(CupedTally a, CupedTally b) =>
        a.Count == b.Count && a.OutcomeMean.Equals(b.OutcomeMean) && a.CovariateMean.Equals(b.CovariateMean) && a.OutcomeSumOfSquaredDeviations.Equals(b.OutcomeSumOfSquaredDeviations)
        && a.CovariateSumOfSquaredDeviations.Equals(b.CovariateSumOfSquaredDeviations) && a.CoMoment.Equals(b.CoMoment);

    /// <summary>The tally of the units times 2^k: means times 2^k, moments times 2^2k (exact while every part stays a normal double).</summary>
    private static CupedTally Scaled(CupedTally t, int k) => CupedTally.FromMoments(
        t.Count, Math.ScaleB(t.OutcomeMean, k), Math.ScaleB(t.CovariateMean, k), Math.ScaleB(t.OutcomeSumOfSquaredDeviations, 2 * k),
        Math.ScaleB(t.CovariateSumOfSquaredDeviations, 2 * k), Math.ScaleB(t.CoMoment, 2 * k));

    private static bool Storable(CupedTally t)
    {
        try
        {
            return Scaled(t, 0) is not null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static string Show(CupedTally t) => FormattableString.Invariant($"({t.Count}, {t.OutcomeMean:R}, {t.CovariateMean:R}, {t.OutcomeSumOfSquaredDeviations:R}, {t.CovariateSumOfSquaredDeviations:R}, {t.CoMoment:R})");

    private static bool Close(double a, double b, double tolerance = 1e-9, double floor = 1) => Math.Abs(a - b) <= tolerance * Math.Max(floor, Math.Max(Math.Abs(a), Math.Abs(b)));
}

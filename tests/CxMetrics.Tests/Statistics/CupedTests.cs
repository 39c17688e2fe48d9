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

    private static bool Same(CupedTally a, CupedTally b) =>
        a.Count == b.Count && Close(a.OutcomeMean, b.OutcomeMean) && Close(a.CovariateMean, b.CovariateMean)
        && Close(a.OutcomeSumOfSquaredDeviations, b.OutcomeSumOfSquaredDeviations) && Close(a.CovariateSumOfSquaredDeviations, b.CovariateSumOfSquaredDeviations)
        && Close(a.CoMoment, b.CoMoment);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}

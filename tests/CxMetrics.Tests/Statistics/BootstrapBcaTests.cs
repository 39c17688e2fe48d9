using CxMetrics.Statistics;

namespace CxMetrics.Tests.Statistics;

/// <summary>
/// BCa bootstrap intervals against R's <c>boot.ci(type = "bca")</c>: References/bca.R produced References/bca.out.txt,
/// whose numbers are written here (CI does not run R).
/// </summary>
public class BootstrapBcaTests
{
    private static readonly double[] Treatment = [0, 0, 12.5, 0, 48, 0, 0, 19.9, 0, 150, 0, 7.5, 0, 0, 32];
    private static readonly double[] Control = [0, 22, 0, 0, 0, 9.9, 0, 0, 64, 0, 0, 15];

    [Fact]
    public void Acceleration_is_the_deterministic_jackknife_value_of_R()
    {
        // R: sum(L^3)/(6*sum(L^2)^1.5) with L the stratified jackknife values scaled by n/n_k (bca.out.txt "acceleration").
        Assert.Equal(0.0712185262980399, Bootstrap.Acceleration(Treatment, Control), 12);
        var swapped = Bootstrap.Acceleration(Control, Treatment);
        Assert.Equal(-0.0712185262980399, swapped, 12);
    }

    [Fact]
    public void End_points_on_fixed_replicates_equal_boot_ci_exactly()
    {
        // R: tt <- t0 + 8q + 2(q² − 1), q = qnorm(ppoints(100000)); boot.ci(..., t0, t = tt, L) (bca.out.txt "*_fixed").
        const double t0 = 8.75166666666667;
        const int b = 100_000;
        double[] tt = new double[b];
        for (int i = 0; i < b; i++)
        {
            double q = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (i + 1 - 0.5) / b);
            tt[i] = t0 + (8 * q) + (2 * ((q * q) - 1));
        }

        Array.Sort(tt);
        const double a = 0.0712185262980399;
        var (ci95, z0) = Bootstrap.Bca(tt, t0, a, 0.95);
        Assert.Equal(0.236042102490221, z0, 10);
        Assert.Equal(-0.213138298659697, ci95!.Value.Lower, 8);
        Assert.Equal(45.600357089547, ci95.Value.Upper, 8);
        var (ci90, _) = Bootstrap.Bca(tt, t0, a, 0.90);
        Assert.Equal(0.603596564065495, ci90!.Value.Lower, 8);
        Assert.Equal(37.6141333617574, ci90.Value.Upper, 8);
    }

    [Fact]
    public void Interval_from_resamples_agrees_with_R_within_Monte_Carlo_error()
    {
        // R with 100,000 stratified resamples (seed 20260512): z0 0.080650, BCa [-7.313791, 40.362285],
        // percentile [-10.65, 32.86]. Both sides carry Monte Carlo error: at 100,000 resamples the end points' standard
        // error is about 0.1–0.2 each (the replicates' SD is ~11), z0's about 0.004; the tolerances are ~5 standard
        // errors of the difference of two independent runs.
        var r = Bootstrap.MeanDifferenceBca(Treatment, Control, 0.95, 100_000, seed: 3)!;
        Assert.Equal(8.75166666666667, r.Estimate, 10);
        Assert.Equal(0.080650, r.BiasCorrection, 0.03);
        Assert.Equal(-7.313791, r.Interval!.Value.Lower, 1.0);
        Assert.Equal(40.362285, r.Interval.Value.Upper, 1.0);
        Assert.Equal(-10.65, r.Percentile.Lower, 1.0);
        Assert.Equal(32.86, r.Percentile.Upper, 1.0);

        // The BCa interval is shifted right of the percentile one here (positive skew, z0 > 0, a > 0).
        Assert.True(r.Interval.Value.Lower > r.Percentile.Lower + 2);
    }

    [Fact]
    public void Same_seed_same_interval_and_percentile_equals_MeanDifference()
    {
        var one = Bootstrap.MeanDifferenceBca(Treatment, Control, 0.9, 3000, seed: 11)!;
        var again = Bootstrap.MeanDifferenceBca(Treatment, Control, 0.9, 3000, seed: 11)!;
        var other = Bootstrap.MeanDifferenceBca(Treatment, Control, 0.9, 3000, seed: 12)!;
        Assert.Equal(one, again);
        Assert.NotEqual(one.Interval, other.Interval);
        Assert.Equal(Bootstrap.MeanDifference(Treatment, Control, 0.9, 3000, seed: 11), one.Percentile);
        Assert.Equal(3000, one.Resamples);
    }

    [Fact]
    public void Degenerate_and_invalid_samples()
    {
        Assert.Null(Bootstrap.MeanDifferenceBca([], Control));
        var constant = Bootstrap.MeanDifferenceBca([5, 5, 5], [2, 2])!;
        Assert.Null(constant.Interval);
        Assert.Equal(0, constant.Acceleration);
        Assert.Throws<ArgumentException>("second", () => Bootstrap.MeanDifferenceBca(Treatment, [double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>("resamples", () => Bootstrap.MeanDifferenceBca(Treatment, Control, resamples: 99));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => Bootstrap.MeanDifferenceBca(Treatment, Control, level: 0));
    }

    [Fact]
    public void Normal_interpolation_follows_norm_inter_at_the_edges()
    {
        double[] t = [1, 2, 3, 4];
        Assert.Equal(1, Bootstrap.NormalInterpolated(t, 0.1)); // (B + 1)α = 0.5 → the smallest
        Assert.Equal(2, Bootstrap.NormalInterpolated(t, 0.4)); // exactly order statistic 2
        Assert.Equal(4, Bootstrap.NormalInterpolated(t, 0.95));
        double mid = Bootstrap.NormalInterpolated(t, 0.5); // rank 2.5: halfway on the normal scale between Φ⁻¹(0.4) and Φ⁻¹(0.6) → 2.5
        Assert.Equal(2.5, mid, 12);
    }
}

using CxMetrics.Internal;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics;

/// <summary>
/// Asymptotic confidence sequences (Waudby-Smith et al. 2021, as GrowthBook): GrowthBook's formulas restated in
/// References/sequential.py (output in References/sequential.out.txt), and the peeking simulation that shows why.
/// </summary>
public class ConfidenceSequenceTests
{
    [Theory]
    [InlineData(0.02, 0.008, 12000, 0.05, 5000, 0.0246076464457187, 0.22990697728197)]
    [InlineData(1.5, 0.9, 800, 0.05, 5000, 3.14036408401366, 0.692710553947456)]
    [InlineData(0.3, 0.1, 20000, 0.1, 20000, 0.27639385725679, 0.0555718170244677)]
    public void Half_width_and_p_value_match_GrowthBook(double estimate, double se, long n, double alpha, double tuning, double half, double p)
    {
        var ci = ConfidenceSequence.Interval(estimate, se, n, 1 - alpha, tuning);
        Assert.Equal(half, ci.Upper - estimate, 12);
        Assert.Equal(half, estimate - ci.Lower, 12);
        Assert.Equal(p, ConfidenceSequence.PValue(estimate, se, n, alpha, tuning), 12);
    }

    [Property]
    public Property P_below_alpha_exactly_when_the_sequence_excludes_zero_and_it_is_wider_than_the_fixed_interval() =>
        Prop.ForAll(
            Gen.Choose(-3000, 3000).Select(i => i / 1000.0).ToArbitrary(),
            Gen.Choose(1, 2000).Select(i => i / 1000.0).ToArbitrary(),
            Gen.Choose(2, 1_000_000).ToArbitrary(),
            (estimate, se, n) =>
            {
                var ci = ConfidenceSequence.Interval(estimate, se, n);
                double p = ConfidenceSequence.PValue(estimate, se, n);
                bool excludes = !ci.Contains(0);
                double fixedHalf = StandardNormal.CriticalValue(0.95) * se;
                bool consistent = Math.Abs(Math.Min(Math.Abs(ci.Lower), Math.Abs(ci.Upper))) < 1e-9 * se || excludes == (p < 0.05);
                return consistent && ci.Width / 2 > fixedHalf && p > 0 && p <= 1;
            });

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("standardError", () => ConfidenceSequence.Interval(0, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => ConfidenceSequence.Interval(0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("tuningParameter", () => ConfidenceSequence.PValue(0, 1, 10, 0.05, 0));
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => ConfidenceSequence.PValue(0, 1, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => ConfidenceSequence.Interval(0, 1, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>("estimate", () => ConfidenceSequence.Interval(double.NaN, 1, 10));
        Assert.Equal(1, ConfidenceSequence.PValue(0, 0, 10));
    }

    /// <summary>
    /// Under no effect, 1,500 simulated A/B tests (units alternate between arms, outcomes standard normal) are looked at
    /// after every 100 units up to 20,000 (200 looks). The share of runs whose always-valid p-value ever falls below
    /// α = 0.05 must stay ≤ α plus three Monte-Carlo standard errors (√(0.05·0.95/1500) ≈ 0.0056, so ≤ 0.0669); the
    /// fixed-horizon z-test in the same runs, read at every look, must exceed that bound — peeking at a fixed-horizon test
    /// rejects far more often than α. Fixed seed; the sums are updated incrementally, so the whole simulation is one pass.
    /// </summary>
    [Fact]
    public void Peeking_every_100_units_keeps_the_sequential_false_positive_rate_at_alpha_but_not_the_fixed_one()
    {
        const int runs = 1500, looksEvery = 100, horizon = 20_000;
        const double alpha = 0.05;
        double bound = alpha + (3 * Math.Sqrt(alpha * (1 - alpha) / runs));
        double zFixed = StandardNormal.CriticalValue(1 - alpha);
        var random = new SplitMix64(20261205);
        int sequentialRejected = 0, fixedRejected = 0;
        for (int run = 0; run < runs; run++)
        {
            double sumA = 0, sumSqA = 0, sumB = 0, sumSqB = 0;
            bool sequential = false, fixedHorizon = false;
            for (int unit = 2; unit <= horizon; unit += 2)
            {
                // One Box–Muller pair per two units: the even unit to arm A, the odd one to arm B.
                var (a, b) = Gaussians(random);
                sumA += a;
                sumSqA += a * a;
                sumB += b;
                sumSqB += b * b;
                if (unit % looksEvery != 0)
                {
                    continue;
                }

                double nA = unit / 2, nB = unit - nA;
                double meanA = sumA / nA, meanB = sumB / nB;
                double varA = (sumSqA - (nA * meanA * meanA)) / (nA - 1), varB = (sumSqB - (nB * meanB * meanB)) / (nB - 1);
                double se = Math.Sqrt((varA / nA) + (varB / nB));
                double difference = meanA - meanB;
                fixedHorizon |= Math.Abs(difference / se) > zFixed;
                sequential |= ConfidenceSequence.PValue(difference, se, unit, alpha) < alpha;
            }

            sequentialRejected += sequential ? 1 : 0;
            fixedRejected += fixedHorizon ? 1 : 0;
        }

        double sequentialRate = (double)sequentialRejected / runs, fixedRate = (double)fixedRejected / runs;
        Assert.True(sequentialRate <= bound, $"sequential tests ever rejected in {sequentialRate:P2} of runs, above {bound:P2}");
        Assert.True(fixedRate > bound, $"fixed-horizon tests read at every look rejected in only {fixedRate:P2} of runs");
    }

    /// <summary>Two independent standard normal draws (Box–Muller on two uniforms, the first in (0, 1]).</summary>
    private static (double, double) Gaussians(SplitMix64 random)
    {
        double r = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
        return (r * cos, r * sin);
    }
}

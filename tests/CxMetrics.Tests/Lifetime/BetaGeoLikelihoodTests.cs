using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

/// <summary>The vectorised, multi-core BG/NBD likelihood against the scalar reference it replaced.</summary>
public class BetaGeoLikelihoodTests
{
    /// <summary>Staggered births (hourly, up to <paramref name="weeks"/>) and hourly purchase times: mostly distinct rows.</summary>
    private static RfmData Panel(int customers, double weeks, int seed, bool modified = false)
    {
        var random = new Random(seed);
        int hours = (int)(weeks * 168);
        var ages = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            ages[i] = (hours - random.Next(hours)) / 168.0;
        }

        return modified
            ? ModifiedBetaGeoNbd.Simulate(0.243, 6, 0.793, 2.426, ages, seed, resolution: 1.0 / 168)
            : BetaGeoNbd.Simulate(0.243, 6, 0.793, 2.426, ages, seed, resolution: 1.0 / 168);
    }

    private static void AssertSame(RfmData data, bool modified, double[] parameters)
    {
        var fast = new BetaGeoLikelihood(data, modified);
        var scalar = new BetaGeoScalarLikelihood(data, modified);
        var logs = parameters.Select(p => Math.Log(p)).ToArray();
        double[] g1 = new double[4], g2 = new double[4];
        double v1 = fast.Evaluate(logs, g1), v2 = scalar.Evaluate(logs, g2);
        // The mean −LL per customer can be near 0 from terms of both signs, so the bound is relative to max(1, |v|) as for the gradient.
        Assert.True(Math.Abs(v1 - v2) <= 1e-12 * Math.Max(1, Math.Abs(v2)), $"value {v1:R} vs scalar {v2:R}");
        Assert.Equal(v1, fast.Evaluate(logs, default));
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(g1[i] - g2[i]) <= 1e-10 * Math.Max(1, Math.Abs(g2[i])), $"gradient {i}: {g1[i]:R} vs scalar {g2[i]:R}");
        }
    }

    [Property(MaxTest = 60)]
    public Property Value_and_gradient_equal_the_scalar_reference_on_random_panels() =>
        Prop.ForAll(
            Gen.Choose(1, 400).ToArbitrary(),
            Gen.Choose(0, 100_000).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (customers, seed, modified) =>
            {
                var random = new Random(seed);
                double[] parameters = [0.05 + (5 * random.NextDouble()), 0.1 + (100 * random.NextDouble()), 0.05 + (5 * random.NextDouble()), 0.05 + (10 * random.NextDouble())];
                var data = Panel(customers, 1 + (104 * random.NextDouble()), seed, modified);
                AssertSame(seed % 2 == 0 ? data : data.Compress(), modified, parameters);
            });

    [Property(MaxTest = 40)]
    public Property Analytic_hessian_equals_central_differences_of_the_gradient() =>
        Prop.ForAll(
            Gen.Choose(1, 300).ToArbitrary(),
            Gen.Choose(0, 100_000).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (customers, seed, modified) =>
            {
                var random = new Random(seed);
                double[] logs = [Math.Log(0.1 + (3 * random.NextDouble())), Math.Log(0.5 + (40 * random.NextDouble())), Math.Log(0.1 + (3 * random.NextDouble())), Math.Log(0.3 + (8 * random.NextDouble()))];
                var likelihood = new BetaGeoLikelihood(Panel(customers, 1 + (104 * random.NextDouble()), seed, modified).Compress(), modified);
                double[] analytic = new double[16], numeric = new double[16];
                Assert.True(likelihood.Hessian(logs, analytic));
                Assert.True(NewtonPolish.TryHessian((p, g) => likelihood.Evaluate(p, g), null, logs, 1, numeric));
                double scale = analytic.Max(Math.Abs);
                for (int i = 0; i < 16; i++)
                {
                    // Central differences with step 1e-4 are exact to O(h²) ≈ 1e-8 of the curvature.
                    Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-6 * scale, $"entry {i}: analytic {analytic[i]:R} vs differences {numeric[i]:R}");
                    Assert.Equal(analytic[i], analytic[(4 * (i % 4)) + (i / 4)]);
                }
            });

    [Fact]
    public void Value_and_gradient_equal_the_scalar_reference_on_a_panel_summed_on_several_cores()
    {
        // Past the parallel threshold, with runs of equal x that cross the block boundaries.
        var data = Panel(120_000, 104, 5).Compress();
        Assert.True(data.Count > BetaGeoLikelihood.ParallelRows);
        AssertSame(data, false, [0.3, 5, 0.8, 2.4]);
        AssertSame(data, true, [0.3, 5, 0.8, 2.4]);
        AssertSame(data, false, [2, 0.5, 0.01, 10]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rows_compressed_by_frequency_and_read_in_place_sum_as_the_sorted_copy_of_the_compressed_rows(bool modified)
    {
        // Above and below the vector threshold: CompressByFrequency's rows are the stable sort by x of Compress's, which
        // is what the likelihood sorts Compress's rows into, so every sum is the same, bit for bit.
        foreach (int customers in new[] { 900, 40_000 })
        {
            var data = Panel(customers, 104, 11, modified);
            using var byX = data.CompressByFrequency();
            var inPlace = new BetaGeoLikelihood(byX.Data, modified);
            var sorted = new BetaGeoLikelihood(data.Compress(), modified);
            double[] logs = [Math.Log(0.3), Math.Log(5), Math.Log(0.8), Math.Log(2.4)];
            double[] g1 = new double[4], g2 = new double[4], h1 = new double[16], h2 = new double[16];
            Assert.Equal(sorted.Evaluate(logs, g2, h2), inPlace.Evaluate(logs, g1, h1));
            Assert.Equal(g2, g1);
            Assert.Equal(h2, h1);
        }
    }

    [Fact]
    public void A_likelihood_that_keeps_the_hessian_with_the_gradient_answers_every_request_as_a_plain_one()
    {
        using var rows = Panel(20_000, 104, 7).CompressByFrequency();
        var data = rows.Data;
        Assert.True(data.Count >= BetaGeoLikelihood.VectorRows);
        var plain = new BetaGeoLikelihood(data, false);
        var keeping = new BetaGeoLikelihood(data, false) { HessianWithGradient = true };
        double[] p1 = [Math.Log(0.3), Math.Log(5), Math.Log(0.8), Math.Log(2.4)], p2 = [Math.Log(0.25), Math.Log(6), Math.Log(0.7), Math.Log(2.5)];

        // Value only before any pass, gradient, Hessian and value at the kept point, another point, then back.
        foreach (var (point, gradient, hessian) in new[] { (p1, false, false), (p1, true, false), (p1, false, true), (p1, false, false), (p2, false, false), (p2, true, false), (p1, false, true), (p2, true, true) })
        {
            double[] g1 = new double[gradient ? 4 : 0], g2 = new double[gradient ? 4 : 0], h1 = new double[hessian ? 16 : 0], h2 = new double[hessian ? 16 : 0];
            Assert.Equal(plain.Evaluate(point, g1, h1), keeping.Evaluate(point, g2, h2));
            Assert.Equal(g1, g2);
            Assert.Equal(h1, h2);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fits_equal_the_fits_of_the_scalar_likelihood_on_Cdnow_and_a_large_panel(bool modified)
    {
        foreach (var data in new[] { CdnowFixture.Summary.ToRfmData().Compress(), Panel(60_000, 104, 9, modified).Compress() })
        {
            var model = BetaGeoNbd.FitCore(data, modified, FitOptions.Default);
            double[] start = [1, Math.Clamp(Mean(data.Age, data) / Math.Max(Mean(data.Frequency, data), 0.01), 1e-3, 1e6), 1, 1];
            var reference = MaximumLikelihood.Fit(new BetaGeoScalarLikelihood(data, modified).Evaluate, analyticGradient: true, start, data.TotalWeight, data.Count);
            Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
            Assert.Equal(reference.Diagnostics.Status, model.Diagnostics.Status);
            double ll = model.Diagnostics.LogLikelihood!.Value, expected = reference.Diagnostics.LogLikelihood!.Value;
            Assert.True(Math.Abs(ll - expected) <= 1e-9 * Math.Abs(expected), $"LL {ll:R} vs scalar {expected:R}");
            double[] fitted = [model.R.Value, model.Alpha.Value, model.A.Value, model.B.Value];
            for (int i = 0; i < 4; i++)
            {
                Assert.True(Math.Abs(fitted[i] - reference.Parameters[i]) <= 1e-6 * reference.Parameters[i], $"parameter {i}: {fitted[i]:R} vs scalar {reference.Parameters[i]:R}");
            }
        }
    }

    private static double Mean(ReadOnlySpan<double> values, RfmData data)
    {
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += data.Weight[i] * values[i];
        }

        return sum / data.TotalWeight;
    }
}

using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

/// <summary>
/// The Pareto/NBD likelihood's passes spread over the cores against the same passes on one thread, and its analytic
/// gradient and Hessian against finite differences.
/// </summary>
public class ParetoNbdLikelihoodTests
{
    private static RfmData Panel(int customers, int seed)
    {
        // Births at a random hour over two years, hourly purchases: mostly distinct (x, t_x) and (x, T) pairs.
        var random = new Random(seed);
        var x = new List<double>();
        var tx = new List<double>();
        var t = new List<double>();
        for (int done = 0, h = 0; done < customers; h++)
        {
            int n = Math.Min(customers - done, 1 + random.Next(8));
            var part = ParetoNbd.Simulate(0.553, 10.578, 0.606, 11.669, n, (104 * 168 - (h % (104 * 168))) / 168.0, seed + h, resolution: 1.0 / 168);
            x.AddRange(part.Frequency.ToArray());
            tx.AddRange(part.Recency.ToArray());
            t.AddRange(part.Age.ToArray());
            done += n;
        }

        return RfmData.Create([.. x], [.. tx], [.. t]).Compress();
    }

    [Theory]
    [InlineData(0.55, 10.6, 0.61, 11.7)]
    [InlineData(0.55, 20, 0.61, 5)]
    [InlineData(1.5, 3, 0.2, 30)]
    public void Parallel_passes_equal_one_thread_and_the_sum_of_individual_likelihoods(double r, double alpha, double s, double beta)
    {
        var data = Panel(100_000, 4);
        var parallel = new ParetoNbdLikelihood(data);
        var single = new ParetoNbdLikelihood(data, parallel: false);
        Assert.True(parallel.DistinctTerms > ParetoNbdLikelihood.ParallelSize && data.Count > ParetoNbdLikelihood.ParallelSize, $"{parallel.DistinctTerms} pairs, {data.Count} rows");
        double[] logs = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        double[] g1 = new double[4], g2 = new double[4];
        double v1 = parallel.Evaluate(logs, g1), v2 = single.Evaluate(logs, g2);
        Assert.Equal(v2, v1);
        Assert.Equal(g2, g1);

        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            sum += data.Weight[i] * ParetoNbdLikelihood.Individual(r, alpha, s, beta, data.Frequency[i], data.Recency[i], data.Age[i]);
        }

        double expected = -sum / data.TotalWeight;
        Assert.True(Math.Abs(v1 - expected) <= 1e-10 * Math.Abs(expected), $"{v1:R} vs individual sum {expected:R}");
    }

    /// <summary>A random parameter point on either side of α = β (the two forms of the ₂F₁ term) and a small panel drawn from another.</summary>
    private static (double[] Logs, RfmData Data) RandomCase(int customers, int seed)
    {
        var random = new Random(seed);
        double[] logs = [Math.Log(0.1 + (3 * random.NextDouble())), Math.Log(0.5 + (40 * random.NextDouble())), Math.Log(0.1 + (3 * random.NextDouble())), Math.Log(0.5 + (40 * random.NextDouble()))];
        var data = ParetoNbd.Simulate(0.2 + random.NextDouble(), 2 + (20 * random.NextDouble()), 0.2 + random.NextDouble(), 2 + (20 * random.NextDouble()), customers, 1 + (104 * random.NextDouble()), seed, resolution: 1.0 / 168);
        return (logs, data.Compress());
    }

    /// <summary>A property over random small panels and parameter points (<see cref="RandomCase"/>).</summary>
    private static Property AtRandomPoints(Action<double[], ParetoNbdLikelihood> check) =>
        Prop.ForAll(
            Gen.Choose(1, 300).ToArbitrary(),
            Gen.Choose(0, 100_000).ToArbitrary(),
            (customers, seed) =>
            {
                var (logs, data) = RandomCase(customers, seed);
                check(logs, new ParetoNbdLikelihood(data));
            });

    /// <summary>The analytic Hessian at <paramref name="logs"/> against central differences of the analytic gradient; returns it.</summary>
    private static double[] AssertHessianEqualsDifferences(ParetoNbdLikelihood likelihood, double[] logs)
    {
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

        return analytic;
    }

    [Property(MaxTest = 60)]
    public Property Analytic_gradient_equals_differences_of_the_value_at_random_points() => AtRandomPoints((logs, likelihood) =>
    {
        double[] analytic = new double[4], numeric = new double[4];
        Assert.True(double.IsFinite(likelihood.Evaluate(logs, analytic)));
        MaximumLikelihood.WithNumericalGradient(likelihood.Evaluate)(logs, numeric);
        double scale = Math.Max(1, analytic.Max(Math.Abs));
        for (int i = 0; i < 4; i++)
        {
            // Five-point differences with h = 1e-3: O(h⁴) ≈ 1e-12 of the curvature plus rounding 1.5ε|f|/h.
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-7 * scale, $"component {i}: analytic {analytic[i]:R} vs differences {numeric[i]:R}");
        }
    });

    [Property(MaxTest = 60)]
    public Property Analytic_hessian_equals_central_differences_of_the_gradient_at_random_points() =>
        AtRandomPoints((logs, likelihood) => AssertHessianEqualsDifferences(likelihood, logs));

    [Fact]
    public void Hessian_on_several_cores_equals_one_thread_and_central_differences()
    {
        var data = Panel(100_000, 4);
        var parallel = new ParetoNbdLikelihood(data);
        var single = new ParetoNbdLikelihood(data, parallel: false);
        foreach (double[] logs in new[] { new[] { Math.Log(0.55), Math.Log(10.6), Math.Log(0.61), Math.Log(11.7) }, [Math.Log(1.5), Math.Log(3), Math.Log(0.2), Math.Log(30)] })
        {
            double[] oneThread = new double[16];
            Assert.True(single.Hessian(logs, oneThread));
            Assert.Equal(oneThread, AssertHessianEqualsDifferences(parallel, logs));
        }
    }

    [Theory]
    [InlineData(0.55, 10.6, 0.61, 11.7)]
    [InlineData(1.5, 3, 0.2, 30)]
    public void Pairs_taken_one_at_a_time_equal_pairs_taken_several_at_a_time(double r, double alpha, double s, double beta)
    {
        // CDNOW (≈ 2,200 pairs) is below VectorPairs and its passes sum one series at a time; the vectorised passes of larger
        // inputs must give the same value, gradient and Hessian, bit for bit (each lane sums its series as the scalar loop does).
        var data = CdnowFixture.Summary.ToRfmData().Compress();
        var scalar = new ParetoNbdLikelihood(data);
        var vectorised = new ParetoNbdLikelihood(data, vectorPairs: 0);
        Assert.True(scalar.DistinctTerms < ParetoNbdLikelihood.VectorPairs, $"{scalar.DistinctTerms} pairs");
        double[] logs = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        double[] g1 = new double[4], g2 = new double[4], h1 = new double[16], h2 = new double[16];
        Assert.Equal(vectorised.Evaluate(logs, g2), scalar.Evaluate(logs, g1));
        Assert.Equal(g2, g1);
        Assert.True(scalar.Hessian(logs, h1));
        Assert.True(vectorised.Hessian(logs, h2));
        Assert.Equal(h2, h1);
    }

    [Fact]
    public void Fits_with_the_analytic_hessian_equal_the_fits_with_central_differences_on_Cdnow_and_a_large_panel()
    {
        // The previous path (BFGS from the generic start, Newton steps and standard errors from central differences of the
        // gradient) against ParetoNbd.Fit (analytic Hessian) and against Newton from 10% off the estimate (the path of a
        // warm start from a sample): the same optimum to 1e-9 in LL.
        foreach (var data in new[] { CdnowFixture.Summary.ToRfmData().Compress(), Panel(100_000, 4) })
        {
            var previous = MaximumLikelihood.Fit(new ParetoNbdLikelihood(data).Evaluate, analyticGradient: true, ParetoNbd.Start(data), data.TotalWeight, data.Count);
            var model = ParetoNbd.Fit(data);
            var likelihood = new ParetoNbdLikelihood(data);
            var p = previous.Parameters;
            var warm = MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: true, [p[0] * 1.1, p[1] * 0.9, p[2] * 1.1, p[3] * 0.9], data.TotalWeight, data.Count, hessian: likelihood.Hessian, warmStart: true);
            Assert.Equal(FitStatus.Converged, previous.Diagnostics.Status);
            Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
            Assert.Equal(MaximumLikelihood.WarmMethod, warm.Diagnostics.Method);
            double ll = previous.Diagnostics.LogLikelihood!.Value;
            ParameterEstimate[] fitted = [model.R, model.Alpha, model.S, model.Beta];
            foreach (var (values, errors, logLikelihood) in new[] { (fitted.Select(e => e.Value).ToArray(), fitted.Select(e => e.StandardError!.Value).ToArray(), model.Diagnostics.LogLikelihood!.Value), (warm.Parameters, warm.StandardErrors!, warm.Diagnostics.LogLikelihood!.Value) })
            {
                Assert.True(Math.Abs(logLikelihood - ll) <= 1e-9 * Math.Abs(ll), $"{logLikelihood:R} vs {ll:R}");
                for (int i = 0; i < 4; i++)
                {
                    Assert.Equal(p[i], values[i], 1e-6 * p[i]);
                    Assert.Equal(previous.StandardErrors![i], errors[i], 1e-5 * previous.StandardErrors[i]);
                }
            }
        }
    }
}

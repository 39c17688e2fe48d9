using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// BG/NBD fit with time-invariant covariates on 100,000 simulated customers (a channel dummy and a standard normal
/// score on the purchase rate, the score on dropout). Baseline: the naive way — a scalar loop over every customer
/// computing its own α_i, a_i, b_i and calling the public one-customer likelihood, with a central-difference numerical
/// gradient. Beside it: <see cref="BetaGeoNbd.Fit(RfmData, CustomerCovariates, CustomerCovariates)"/> (rows compressed by
/// history and covariates, analytic gradient, blocks over the cores), which also fits the model without covariates for
/// the likelihood-ratio test. Both include the standard errors.
/// </summary>
[MemoryDiagnoser]
public class CovariateFitBenchmarks
{
    private RfmData data = null!;
    private CustomerCovariates purchase = null!;
    private CustomerCovariates dropout = null!;

    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    public static IEnumerable<int> Sizes() => BenchmarkSize.One(100_000);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var channel = new string[Customers];
        var score = new double[Customers];
        var ages = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            channel[i] = random.NextDouble() < 0.3 ? "app" : "web";
            score[i] = Normal.Sample(random, 0, 1);
            ages[i] = 20 + (32 * random.NextDouble());
        }

        purchase = CustomerCovariates.None(Customers).WithCategory("channel", channel, "web").With("score", score);
        dropout = purchase.Select("score");
        data = BetaGeoNbd.Simulate(0.5, 5, 0.8, 2.5, purchase, [0.5, -0.3], dropout, [0.4], ages, 2);
    }

    [Benchmark(Baseline = true, Description = "per-customer scalar loop, numerical gradient (naive)")]
    public double Naive()
    {
        var x = data.Frequency.ToArray();
        var tx = data.Recency.ToArray();
        var t = data.Age.ToArray();
        var app = purchase.Column(0).ToArray();
        var score = purchase.Column(1).ToArray();
        double Objective(ReadOnlySpan<double> p, Span<double> gradient)
        {
            double r = Math.Exp(p[0]), alpha = Math.Exp(p[1]), a = Math.Exp(p[2]), b = Math.Exp(p[3]), sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double factor = Math.Exp(p[6] * score[i]);
                sum += BetaGeoNbd.LogLikelihood(r, alpha * Math.Exp(-(p[4] * app[i]) - (p[5] * score[i])), a * factor, b * factor, x[i], tx[i], t[i]);
            }

            return -sum / x.Length;
        }

        return MaximumLikelihood.Fit(Objective, analyticGradient: false, [0.5, 5, 1, 1, 0, 0, 0], x.Length, x.Length, positiveCount: 4).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "BetaGeoNbd.Fit with covariates (compressed, analytic gradient, + plain fit)")]
    public double Fit() => BetaGeoNbd.Fit(data, purchase, dropout).Diagnostics.LogLikelihood ?? 0;
}

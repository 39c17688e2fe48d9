using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Fitting the sBG model to 24 monthly cohorts of 5,000 customers observed for 1–24 months (the triangle a subscription
/// shop has after two years; 120,000 customers), and the BdW comparison on the same data. Baseline: the naive way —
/// Nelder–Mead over a likelihood summed customer by customer, recomputing each lifetime's probability by the period
/// recursion.
/// </summary>
[MemoryDiagnoser]
public class SurvivalRetentionModelBenchmarks
{
    private SurvivalCohort[] cohorts = [];
    private (int Period, bool Churned)[] customers = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var list = new List<SurvivalCohort>();
        var people = new List<(int, bool)>();
        for (int age = 1; age <= 24; age++)
        {
            var survivors = new long[age];
            for (int i = 0; i < 5000; i++)
            {
                double theta = MathNet.Numerics.Distributions.Beta.Sample(random, 0.8, 2.5);
                int t = 1;
                while (t <= age && random.NextDouble() >= theta)
                {
                    survivors[t - 1]++;
                    t++;
                }

                people.Add(t <= age ? (t, true) : (age, false));
            }

            list.Add(new SurvivalCohort(5000, survivors));
        }

        cohorts = [.. list];
        customers = [.. people];
    }

    [Benchmark(Baseline = true, Description = "Nelder–Mead, per-customer likelihood (naive)")]
    public double Naive()
    {
        double NegLogLik(Vector<double> x)
        {
            double a = Math.Exp(x[0]), b = Math.Exp(x[1]), ll = 0;
            foreach (var (period, churned) in customers)
            {
                // P(T = 1) = a/(a+b); P(T = t) = P(T = t−1)(b + t − 2)/(a + b + t − 1); S(t) = S(t−1) − P(T = t).
                double p = a / (a + b), s = 1 - p;
                for (int t = 2; t <= period; t++)
                {
                    p *= (b + t - 2) / (a + b + t - 1);
                    s -= p;
                }

                ll += Math.Log(churned ? p : s);
            }

            return -ll;
        }

        var result = new NelderMeadSimplex(1e-8, 10_000).FindMinimum(ObjectiveFunction.Value(NegLogLik), Vector<double>.Build.Dense(2));
        return Math.Exp(result.MinimizingPoint[0]);
    }

    [Benchmark(Description = "ShiftedBetaGeometric.Fit (counts, with SEs)")]
    public double Sbg() => ShiftedBetaGeometric.Fit(cohorts).Alpha.Value;

    [Benchmark(Description = "BetaDiscreteWeibull.FitBoth (sBG + BdW + LR)")]
    public double? Bdw() => BetaDiscreteWeibull.FitBoth(cohorts).PValue;

    [Benchmark(Description = "log-likelihood evaluation (counts)")]
    public double LogLikelihood() => ShiftedBetaGeometric.LogLikelihood(0.8, 2.5, cohorts) + SpecialFunctions.BetaLn(1, 1);
}

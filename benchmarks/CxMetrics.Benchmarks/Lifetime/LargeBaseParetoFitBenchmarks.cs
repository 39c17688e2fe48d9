using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// Pareto/NBD fit on 1,000,000 simulated customers (CDNOW Pareto/NBD estimates, 84 daily cohorts, daily purchase grid).
/// Baseline: the same analytic likelihood on the million rows without compressing identical rows (its ₂F₁ terms are
/// still evaluated once per distinct (x, t_x) and (x, T) pair; with a series per row it would take minutes). Beside it:
/// <see cref="ParetoNbd.Fit(RfmData)"/>, whose time includes compressing the million rows.
/// </summary>
[MemoryDiagnoser]
public class LargeBaseParetoFitBenchmarks
{
    private RfmData data = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() => data = LifetimeData.SimulatedPareto(Customers);

    [Benchmark(Baseline = true, Description = "uncompressed rows, analytic gradient")]
    public double Uncompressed()
    {
        var likelihood = new ParetoNbdLikelihood(data);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: true, [1, 30, 1, 33], data.TotalWeight, data.Count).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "ParetoNbd.Fit (compress + fit)")]
    public double Fit() => ParetoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;
}

using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// BG/NBD fit on 1,000,000 simulated customers (84 daily cohorts, daily purchase grid). Baseline: the same analytic
/// likelihood without compressing identical rows (a numerically differentiated uncompressed fit would take minutes).
/// Beside it: <see cref="BetaGeoNbd.Fit(RfmData)"/>, whose time includes compressing the million rows.
/// </summary>
[MemoryDiagnoser]
public class LargeBaseFitBenchmarks
{
    private RfmData data = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() => data = LifetimeData.Simulated(Customers);

    [Benchmark(Baseline = true, Description = "uncompressed rows, analytic gradient")]
    public double Uncompressed()
    {
        var likelihood = new BetaGeoLikelihood(data, modified: false);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: true, [1, 30, 1, 1], data.TotalWeight, data.Count).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "BetaGeoNbd.Fit (compress + fit)")]
    public double Fit() => BetaGeoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;
}

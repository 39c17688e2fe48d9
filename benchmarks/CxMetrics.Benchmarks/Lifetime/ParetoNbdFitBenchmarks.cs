using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// Pareto/NBD maximum-likelihood fit on the CDNOW sample. Baseline: uncompressed rows and a central-difference numerical
/// gradient (nine likelihood passes per gradient, each with two ₂F₁ series per customer). Beside it:
/// <see cref="ParetoNbd.Fit(RfmData)"/> (compressed and sorted rows, ₂F₁ terms reused across equal (x, T), analytic
/// gradient summed alongside the series).
/// </summary>
[MemoryDiagnoser]
public class ParetoNbdFitBenchmarks
{
    private RfmData data = null!;

    [GlobalSetup]
    public void Setup() => data = LifetimeData.Cdnow();

    [Benchmark(Baseline = true, Description = "uncompressed, numerical gradient (naive)")]
    public double Naive()
    {
        var likelihood = new ParetoNbdLikelihood(data);
        NegativeLogLikelihood valueOnly = (p, _) => likelihood.Evaluate(p, default);
        return MaximumLikelihood.Fit(valueOnly, analyticGradient: false, [1, 30, 1, 33], data.TotalWeight, data.Count).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "ParetoNbd.Fit (compressed, analytic gradient)")]
    public double Fit() => ParetoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;
}

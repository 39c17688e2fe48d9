using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// BG/NBD maximum-likelihood fit on the CDNOW sample (2,357 customers). Baseline: the naive way — every customer a row
/// (no compression), the scalar likelihood and a central-difference numerical gradient. Beside it: <see cref="BetaGeoNbd.Fit(RfmData)"/>
/// (compressed rows, per-x caching, analytic gradient). Both include the standard errors (Hessian).
/// </summary>
[MemoryDiagnoser]
public class BetaGeoNbdFitBenchmarks
{
    private RfmData data = null!;

    [GlobalSetup]
    public void Setup() => data = LifetimeData.Cdnow();

    [Benchmark(Baseline = true, Description = "uncompressed, numerical gradient (naive)")]
    public double Naive()
    {
        var likelihood = new BetaGeoScalarLikelihood(data, modified: false);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: false, [1, 30, 1, 1], data.TotalWeight, data.Count).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "BetaGeoNbd.Fit (compressed, analytic gradient)")]
    public double Fit() => BetaGeoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;
}

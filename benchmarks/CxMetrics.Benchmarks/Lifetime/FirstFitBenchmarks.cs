using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The first BG/NBD and Pareto/NBD fit of the CDNOW sample in a fresh process: BenchmarkDotNet's cold-start strategy
/// launches a new process for every measurement and times one call with no warm-up, so the figure includes the JIT and
/// type loading a notebook cell or a service's first request pays (issue 17 §1; target: the first fit ≤ 20 ms). The data
/// is read in the set-up, outside the timing. Baseline: the naive BG/NBD fit of <see cref="BetaGeoNbdFitBenchmarks"/>
/// (uncompressed rows, numerical gradient), cold as well.
/// </summary>
[Config(typeof(ColdStartConfig))]
public class FirstFitBenchmarks
{
    private RfmData data = null!;

    [GlobalSetup]
    public void Setup() => data = LifetimeData.Cdnow();

    [Benchmark(Baseline = true, Description = "BG/NBD, uncompressed, numerical gradient (naive), first call")]
    public double Naive()
    {
        var likelihood = new BetaGeoScalarLikelihood(data, modified: false);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: false, [1, 30, 1, 1], data.TotalWeight, data.Count).Diagnostics.LogLikelihood ?? 0;
    }

    [Benchmark(Description = "BetaGeoNbd.Fit, first call")]
    public double BetaGeo() => BetaGeoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;

    [Benchmark(Description = "ParetoNbd.Fit, first call")]
    public double Pareto() => ParetoNbd.Fit(data).Diagnostics.LogLikelihood ?? 0;

    /// <summary>The cold-start job (15 fresh processes, one call each), left out of CI's smoke pass, which runs every class in process.</summary>
    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig()
        {
            if (!BenchmarkSize.Smoke)
            {
                AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(15).WithWarmupCount(0).WithIterationCount(1).WithId("ColdStart"));
            }
        }
    }
}

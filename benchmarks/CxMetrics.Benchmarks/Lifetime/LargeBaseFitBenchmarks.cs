using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// BG/NBD fit on 1,000,000 customers, compressing the rows included, on two inputs:
/// <list type="bullet">
/// <item><b>Realistic</b> (the headline): <see cref="LifetimeData.RealisticPanel"/> — births at a random hour over two
/// years, hourly purchase times, 70% of customers never buying again; 320,380 distinct (x, t_x, T) rows.</item>
/// <item><b>EasyGrid</b>: <see cref="LifetimeData.Simulated"/> — 84 daily cohorts and a daily purchase grid, which
/// compresses the million customers to 107,175 distinct rows; kept to compare with earlier figures.</item>
/// </list>
/// Baseline in each category: the naive implementation — a <see cref="Dictionary{TKey, TValue}"/> pass to compress the
/// rows and the scalar, one-thread likelihood (<see cref="BetaGeoScalarLikelihood"/>) on the same fitting engine from the
/// generic start, with the Hessian by central differences. Measured: <see cref="BetaGeoNbd.Fit(RfmData)"/> (rows bucketed
/// by x and grouped per bucket, laid out by x for the likelihood to read in place, the vectorised likelihood on all cores,
/// a warm start from a fit on a sample of ≈ 16k rows and Newton steps on all rows whose passes sum the gradient and the
/// analytic Hessian together), and <see cref="RfmData.Compress"/> alone. The set-up checks that both fits agree to 1e-9
/// in LL. <c>CxMetrics.Benchmarks large-fit</c> takes the headline fit apart in one process (compression, set-up, one
/// pass, passes per fit, CPU time).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class LargeBaseFitBenchmarks
{
    private RfmData realistic = null!;
    private RfmData easy = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        realistic = LifetimeData.RealisticPanel(Customers);
        easy = LifetimeData.Simulated(Customers);
        foreach (var (scalar, fast) in new[] { (ScalarRealistic(), Fit()), (ScalarEasyGrid(), FitEasyGrid()) })
        {
            if (!(Math.Abs(scalar - fast) <= 1e-9 * Math.Abs(scalar)))
            {
                throw new InvalidOperationException($"the fits disagree: scalar LL {scalar:R}, vectorised {fast:R}.");
            }
        }
    }

    [BenchmarkCategory("Realistic")]
    [Benchmark(Baseline = true, Description = "previous: dictionary compress + scalar likelihood")]
    public double ScalarRealistic() => ScalarFit(realistic);

    [BenchmarkCategory("Realistic")]
    [Benchmark(Description = "BetaGeoNbd.Fit (compress + fit)")]
    public double Fit() => BetaGeoNbd.Fit(realistic).Diagnostics.LogLikelihood ?? 0;

    [BenchmarkCategory("Realistic")]
    [Benchmark(Description = "RfmData.Compress only")]
    public int Compress() => realistic.Compress().Count;

    [BenchmarkCategory("EasyGrid")]
    [Benchmark(Baseline = true, Description = "previous: dictionary compress + scalar likelihood")]
    public double ScalarEasyGrid() => ScalarFit(easy);

    [BenchmarkCategory("EasyGrid")]
    [Benchmark(Description = "BetaGeoNbd.Fit (compress + fit)")]
    public double FitEasyGrid() => BetaGeoNbd.Fit(easy).Diagnostics.LogLikelihood ?? 0;

    /// <summary>The previous <c>BetaGeoNbd.Fit</c>: dictionary compression, the same start, the scalar likelihood.</summary>
    private static double ScalarFit(RfmData data)
    {
        var index = new Dictionary<(double, double, double), int>(Math.Min(data.Count, 1 << 16));
        var x = new List<double>();
        var tx = new List<double>();
        var t = new List<double>();
        var w = new List<double>();
        for (int i = 0; i < data.Count; i++)
        {
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, (data.Frequency[i], data.Recency[i], data.Age[i]), out bool exists);
            if (exists)
            {
                w[slot] += data.Weight[i];
            }
            else
            {
                slot = x.Count;
                x.Add(data.Frequency[i]);
                tx.Add(data.Recency[i]);
                t.Add(data.Age[i]);
                w.Add(data.Weight[i]);
            }
        }

        var compressed = RfmData.Create([.. x], [.. tx], [.. t], [.. w]);
        double meanX = 0, meanT = 0;
        for (int i = 0; i < compressed.Count; i++)
        {
            meanX += compressed.Weight[i] * compressed.Frequency[i];
            meanT += compressed.Weight[i] * compressed.Age[i];
        }

        meanX /= compressed.TotalWeight;
        meanT /= compressed.TotalWeight;
        double alpha0 = Math.Clamp(meanT / Math.Max(meanX, 0.01), 1e-3, 1e6);
        var likelihood = new BetaGeoScalarLikelihood(compressed, modified: false);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: true, [1, alpha0, 1, 1], compressed.TotalWeight, compressed.Count).Diagnostics.LogLikelihood ?? 0;
    }
}

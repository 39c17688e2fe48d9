using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// Pareto/NBD fit on 1,000,000 customers, compressing the rows included, on two inputs:
/// <list type="bullet">
/// <item><b>Realistic</b> (the headline): <see cref="LifetimeData.RealisticParetoPanel"/> — births at a random hour over
/// two years, hourly purchase times, 71% of customers never buying again; 310,698 distinct (x, t_x, T) rows.</item>
/// <item><b>EasyGrid</b>: <see cref="LifetimeData.SimulatedPareto"/> — 84 daily cohorts and a daily purchase grid (few
/// distinct rows); kept to compare with earlier figures.</item>
/// </list>
/// Baseline in each category: the previous implementation — a <see cref="Dictionary{TKey, TValue}"/> pass to compress the
/// rows and the likelihood on one thread (its ₂F₁ terms once per distinct (x, t_x) and (x, T) pair, as before), BFGS from
/// the generic start and Hessians by central differences of the gradient. Measured: <see cref="ParetoNbd.Fit(RfmData)"/>
/// (rows bucketed by x and grouped per bucket; the pair terms — their series four pairs at a time — and the row sums in
/// blocks over the cores; a fit on a sample of ≈ 16k rows, then Newton steps on all rows with the analytic Hessian).
/// The set-up checks that both fits agree to 1e-9 in LL.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class LargeBaseParetoFitBenchmarks
{
    private RfmData realistic = null!;
    private RfmData easy = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        realistic = LifetimeData.RealisticParetoPanel(Customers);
        easy = LifetimeData.SimulatedPareto(Customers);
        foreach (var (previous, fast) in new[] { (PreviousRealistic(), Fit()), (PreviousEasyGrid(), FitEasyGrid()) })
        {
            if (!(Math.Abs(previous - fast) <= 1e-9 * Math.Abs(previous)))
            {
                throw new InvalidOperationException($"the fits disagree: one-thread LL {previous:R}, parallel {fast:R}.");
            }
        }
    }

    [BenchmarkCategory("Realistic")]
    [Benchmark(Baseline = true, Description = "previous: dictionary compress + one-thread likelihood")]
    public double PreviousRealistic() => PreviousFit(realistic);

    [BenchmarkCategory("Realistic")]
    [Benchmark(Description = "ParetoNbd.Fit (compress + fit)")]
    public double Fit() => ParetoNbd.Fit(realistic).Diagnostics.LogLikelihood ?? 0;

    [BenchmarkCategory("EasyGrid")]
    [Benchmark(Baseline = true, Description = "previous: dictionary compress + one-thread likelihood")]
    public double PreviousEasyGrid() => PreviousFit(easy);

    [BenchmarkCategory("EasyGrid")]
    [Benchmark(Description = "ParetoNbd.Fit (compress + fit)")]
    public double FitEasyGrid() => ParetoNbd.Fit(easy).Diagnostics.LogLikelihood ?? 0;

    /// <summary>The previous <c>ParetoNbd.Fit</c>: dictionary compression, the same start, every pass on one thread.</summary>
    private static double PreviousFit(RfmData data)
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
        double scale = Math.Clamp(meanT / Math.Max(meanX, 0.01), 1e-3, 1e6);
        var likelihood = new ParetoNbdLikelihood(compressed, parallel: false);
        return MaximumLikelihood.Fit(likelihood.Evaluate, analyticGradient: true, [1, scale, 1, Math.Clamp(meanT, 1e-3, 1e6)], compressed.TotalWeight, compressed.Count).Diagnostics.LogLikelihood ?? 0;
    }
}

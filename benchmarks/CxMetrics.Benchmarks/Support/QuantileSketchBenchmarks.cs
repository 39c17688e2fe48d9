using BenchmarkDotNet.Attributes;
using CxMetrics.Statistics;

namespace CxMetrics.Benchmarks.Support;

/// <summary>
/// Median, 90th and 99th percentile of 10,000,000 log-normal durations (hours): exact (copy, sort, type 7) against the
/// mergeable <see cref="QuantileSketch"/> at α = 1%.
/// </summary>
[MemoryDiagnoser]
public class QuantileSketchBenchmarks
{
    private double[] hours = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        hours = new double[Count];
        var random = new Random(11);
        for (int i = 0; i < hours.Length; i++)
        {
            // Box–Muller: log-normal with median 2 h, like first response times.
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            hours[i] = 2 * Math.Exp(1.2 * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
    }

    [Benchmark(Baseline = true, Description = "exact (sort, type 7)")]
    public double Exact()
    {
        var sorted = hours.ToArray();
        Quantile.SortChecked(sorted);
        return Quantile.OfSorted(sorted, 0.5)!.Value + Quantile.OfSorted(sorted, 0.9)!.Value + Quantile.OfSorted(sorted, 0.99)!.Value;
    }

    [Benchmark(Description = "QuantileSketch α = 1%")]
    public double Sketch()
    {
        var sketch = new QuantileSketch(0.01);
        sketch.AddRange(hours);
        return sketch.Quantile(0.5)!.Value + sketch.Quantile(0.9)!.Value + sketch.Quantile(0.99)!.Value;
    }
}

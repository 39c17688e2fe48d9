using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The RFM score cut points of 1,000,000 customers (issue 18 §5: mergeable cut points from a sketch over a sharded base).
/// Customers simulated from the CDNOW BG/NBD estimates over 84 daily cohorts, mean repeat spend log-normal. Baseline: the
/// exact cut points by sorting each measure (days since the last purchase, purchases, revenue) and reading the value at
/// each score's last rank K_s = ⌊s(N − 1)/5⌋. Beside it <see cref="RfmSketch.Of"/> (three DDSketches, α = 0.01) and
/// <see cref="RfmSketch.CutPoints"/>: one pass, memory by the number of buckets, mergeable across shards.
/// </summary>
[MemoryDiagnoser]
public class RfmSketchBenchmarks
{
    private const int Bins = 5;
    private CustomerBaseSummary summary = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() => summary = LifetimeData.WithSpend(LifetimeData.Simulated(Customers));

    [Benchmark(Baseline = true, Description = "exact: sort each measure, read the cut ranks (naive)")]
    public double SortedQuantiles()
    {
        var customers = summary.Customers;
        int n = customers.Count;
        double unitDays = summary.Options.TimeUnit.Days;
        var days = new double[n];
        var purchases = new double[n];
        var revenue = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = customers[i];
            days[i] = Math.Round((c.Age - c.Recency) * unitDays, 6);
            purchases[i] = c.Frequency + 1;
            revenue[i] = (double)c.CalibrationSpend;
        }

        Array.Sort(days);
        Array.Sort(purchases);
        Array.Sort(revenue);
        double check = 0;
        for (int s = 1; s < Bins; s++)
        {
            long k = s * (long)(n - 1) / Bins;
            check += days[n - 1 - k] + purchases[k] + revenue[k];
        }

        return check;
    }

    [Benchmark(Description = "RfmSketch.Of + CutPoints (DDSketch α = 0.01, mergeable)")]
    public double Sketch()
    {
        var cuts = RfmSketch.Of(summary).CutPoints(Bins);
        double check = 0;
        for (int s = 0; s < Bins - 1; s++)
        {
            check += cuts.Recency[s].Upper + cuts.Frequency[s].Upper + cuts.Monetary[s].Upper;
        }

        return check;
    }
}

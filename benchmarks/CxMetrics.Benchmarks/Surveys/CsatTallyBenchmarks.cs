using BenchmarkDotNet.Attributes;
using CxMetrics.Surveys;

namespace CxMetrics.Benchmarks.Surveys;

/// <summary>CSAT (1–5 histogram, favourable share and mean) over 100 million byte scores against a naive LINQ baseline.</summary>
[MemoryDiagnoser]
public class CsatTallyBenchmarks
{
    private byte[] scores = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(100_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        scores = new byte[Count];
        var random = new Random(7);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (byte)random.Next(1, 6);
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ (naive)")]
    public (double Share, double Mean) Linq() =>
        (scores.Count(s => s >= 4) / (double)scores.Length, scores.Average(s => (double)s));

    [Benchmark(Description = "Rating.Of(span, CsatScale.OneToFive) vectorised")]
    public double? Tally() => Rating.Of(scores, CsatScale.OneToFive).Score;
}

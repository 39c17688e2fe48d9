using BenchmarkDotNet.Attributes;
using CxMetrics.Reviews;

namespace CxMetrics.Benchmarks.Reviews;

/// <summary>
/// Ranking 10 million five-star reviews of 100,000 products (Zipf-like popularity, so most products have few reviews) by
/// the Bayesian average and by the Wilson lower bound of the positive share. Baseline: LINQ GroupBy per product, then the
/// same two scores per group and a sort. Ours: <see cref="CxMetrics.Reviews.Reviews.Ranking(ReadOnlySpan{int}, ReadOnlySpan{byte}, ReviewScale, IReadOnlyList{string}, ReviewOptions?)"/>,
/// one pass into a dense product × rating histogram.
/// </summary>
[MemoryDiagnoser]
public class ReviewRankingBenchmarks
{
    private const double PriorWeight = 10;
    private int[] items = [];
    private byte[] ratings = [];
    private string[] names = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int products = BenchmarkSize.Of(100_000);
        names = [.. Enumerable.Range(0, products).Select(i => $"sku-{i:D6}")];
        var random = new Random(21);
        items = new int[Count];
        ratings = new byte[Count];
        for (int i = 0; i < Count; i++)
        {
            // Popularity ~ 1/u: a few bestsellers, a long tail of products with a handful of reviews.
            int item = (int)(products * Math.Pow(random.NextDouble(), 3));
            items[i] = Math.Min(item, products - 1);
            double quality = ((items[i] * 7919) % 100) / 100.0;
            ratings[i] = (byte)Math.Clamp((int)Math.Round(1 + (4 * quality) + (random.NextDouble() * 2) - 1), 1, 5);
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy per product (naive)")]
    public string Linq()
    {
        double z = 1.959963984540054;
        double m = ratings.Average(r => (double)r);
        var ranked = items.Zip(ratings)
            .GroupBy(p => p.First)
            .Select(g =>
            {
                int n = g.Count();
                double sum = g.Sum(p => (double)p.Second);
                double positive = g.Count(p => p.Second >= 4) / (double)n;
                double lower = (positive + (z * z / (2 * n)) - (z * Math.Sqrt((positive * (1 - positive) / n) + (z * z / (4.0 * n * n))))) / (1 + (z * z / n));
                return (Item: names[g.Key], Bayesian: ((PriorWeight * m) + sum) / (PriorWeight + n), Lower: lower, Count: n);
            })
            .OrderByDescending(x => x.Bayesian).ThenByDescending(x => x.Count).ThenBy(x => x.Item, StringComparer.Ordinal)
            .ToList();
        return ranked[0].Item;
    }

    [Benchmark(Description = "Reviews.Ranking (dense histogram)")]
    public string Ranking() =>
        CxMetrics.Reviews.Reviews.Ranking(items, ratings, ReviewScale.FiveStars, names, new ReviewOptions { PriorWeight = PriorWeight }).Items[0].Item;
}

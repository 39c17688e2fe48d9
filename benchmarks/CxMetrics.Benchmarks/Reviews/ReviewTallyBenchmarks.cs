using BenchmarkDotNet.Attributes;
using CxMetrics.Reviews;
using NodaTime;

namespace CxMetrics.Benchmarks.Reviews;

/// <summary>
/// 10 million review records of 100,000 products from two sources (Google 1–5, the shop's site 0–10; Zipf-like
/// popularity, a tenth replied) through <see cref="ReviewTally"/>, as the tool folds a file: one tally per product, then
/// <see cref="CxMetrics.Reviews.Reviews.Ranking(IEnumerable{KeyValuePair{string, ReviewTally}}, ReviewOptions?)"/> and the
/// headline <see cref="CxMetrics.Reviews.Reviews.From"/>. Baseline: LINQ GroupBy per product over the records, the mean
/// stars and positive share per group, the two scores and a sort, and the headline counts by LINQ.
/// </summary>
[MemoryDiagnoser]
public class ReviewTallyBenchmarks
{
    private const double PriorWeight = 10;
    private Review[] reviews = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int products = BenchmarkSize.Of(100_000);
        string[] names = [.. Enumerable.Range(0, products).Select(i => $"sku-{i:D6}")];
        var onSite = ReviewScale.Create(0, 10, 2, 8);
        var t0 = Instant.FromUtc(2025, 1, 1, 0, 0);
        var random = new Random(21);
        reviews = new Review[Count];
        for (int i = 0; i < Count; i++)
        {
            int item = Math.Min((int)(products * Math.Pow(random.NextDouble(), 3)), products - 1);
            double quality = ((item * 7919) % 100) / 100.0;
            bool google = random.NextDouble() < 0.5;
            var scale = google ? ReviewScale.FiveStars : onSite;
            int rating = Math.Clamp(scale.Min + (int)Math.Round((quality + (random.NextDouble() * 0.4) - 0.2) * (scale.Max - scale.Min)), scale.Min, scale.Max);
            var created = t0 + Duration.FromMinutes(random.Next(525_600));
            reviews[i] = Review.Create("r", google ? "Google" : "on-site", names[item], rating, scale, created, random.NextDouble() < 0.1 ? created + Duration.FromHours(random.Next(1, 72)) : null);
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy per product (naive)")]
    public (string, long) Linq()
    {
        double z = 1.959963984540054;
        double m = reviews.Average(r => r.Stars);
        long negative = reviews.LongCount(r => r.IsNegative);
        var ranked = reviews
            .GroupBy(r => r.Item, StringComparer.Ordinal)
            .Select(g =>
            {
                int n = g.Count();
                double sum = g.Sum(r => r.Stars);
                double positive = g.Count(r => r.IsPositive) / (double)n;
                double lower = (positive + (z * z / (2 * n)) - (z * Math.Sqrt((positive * (1 - positive) / n) + (z * z / (4.0 * n * n))))) / (1 + (z * z / n));
                return (Item: g.Key, Bayesian: ((PriorWeight * m) + sum) / (PriorWeight + n), Lower: lower, Count: n);
            })
            .OrderByDescending(x => x.Bayesian).ThenByDescending(x => x.Count).ThenBy(x => x.Item, StringComparer.Ordinal)
            .ToList();
        return (ranked[0].Item, negative);
    }

    [Benchmark(Description = "ReviewTally per product + Reviews.Ranking(tallies)")]
    public (string, long) Tallies()
    {
        var total = new ReviewTally();
        var items = new Dictionary<string, ReviewTally>(StringComparer.Ordinal);
        foreach (var review in reviews)
        {
            total.Add(review);
            if (!items.TryGetValue(review.Item, out var tally))
            {
                tally = new ReviewTally();
                items.Add(review.Item, tally);
            }

            tally.Add(review);
        }

        var options = new ReviewOptions { PriorWeight = PriorWeight };
        var ranking = CxMetrics.Reviews.Reviews.Ranking(items, options);
        return (ranking.Items[0].Item, CxMetrics.Reviews.Reviews.From(total, options).Negative.Successes);
    }
}

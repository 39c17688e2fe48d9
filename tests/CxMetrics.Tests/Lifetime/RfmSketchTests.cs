using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class RfmSketchTests
{
    /// <summary>The orders split into shards by customer (each customer in one shard), shard k of <paramref name="shards"/> by the id's digits.</summary>
    private static Order[][] ByCustomer(Order[] orders, int shards) =>
        [.. Enumerable.Range(0, shards).Select(k => orders.Where(o => (int.Parse(o.CustomerId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) * 7 % shards) == k).ToArray())];

    private static bool SameSketch(QuantileSketch a, QuantileSketch b) =>
        a.Count == b.Count && a.ZeroCount == b.ZeroCount && a.Min == b.Min && a.Max == b.Max && a.GetBuckets().SequenceEqual(b.GetBuckets());

    private static bool SameCuts(RfmCutPoints a, RfmCutPoints b) =>
        a.Bins == b.Bins && a.Customers == b.Customers && a.Recency.SequenceEqual(b.Recency) && a.Frequency.SequenceEqual(b.Frequency) && a.Monetary.SequenceEqual(b.Monetary);

    [Property(MaxTest = 80)]
    public Property Merged_shard_sketches_equal_the_sketch_of_the_whole_base() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(2, 9).ToArbitrary(), (shop, shards, bins) =>
        {
            var whole = RfmSketch.Of(CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions));
            var parts = ByCustomer(shop.Orders, shards).Select(o => RfmSketch.Of(CustomerBase.Of(o, DateTimeZone.Utc, FitCheckFixture.ShopOptions))).ToArray();
            var merged = new RfmSketch();
            foreach (var part in parts.Reverse())
            {
                merged.Merge(part);
            }

            return SameSketch(whole.DaysSinceLastPurchase, merged.DaysSinceLastPurchase) && SameSketch(whole.Purchases, merged.Purchases)
                && SameSketch(whole.Revenue, merged.Revenue) && merged.Count == whole.Count && SameCuts(whole.CutPoints(bins), merged.CutPoints(bins));
        });

    [Property(MaxTest = 80)]
    public Property Sketch_scores_differ_from_exact_scores_only_within_a_cut_bucket_s_rank_error() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(2, 9).ToArbitrary(), Gen.Elements(0.001, 0.01, 0.05, 0.2).ToArbitrary(), (shop, bins, alpha) =>
        {
            var summary = CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var options = new RfmOptions { Bins = bins, Segments = [] };
            var cuts = RfmSketch.Of(summary, alpha).CutPoints(bins);
            var exact = RfmSegments.Of(summary, options).Scores;
            var sketched = RfmSegments.Of(summary, cuts, options: options).Scores;
            return Within(exact, sketched, s => s.DaysSinceLastPurchase, s => s.Recency, cuts.Recency, alpha, descending: true)
                && Within(exact, sketched, s => s.Purchases, s => s.Frequency, cuts.Frequency, alpha, descending: false)
                && Within(exact, sketched, s => (double)s.Revenue, s => s.Monetary, cuts.Monetary, alpha, descending: false);
        });

    /// <summary>
    /// Every customer whose sketch score differs from its exact score has its measure in the bucket of a cut and its exact
    /// ascending rank within that bucket's count of the cut's rank; and the scores differ by at most the number of such cuts.
    /// </summary>
    private static bool Within(IReadOnlyList<RfmScore> exact, IReadOnlyList<RfmScore> sketched, Func<RfmScore, double> measure, Func<RfmScore, int> score, IReadOnlyList<RfmCut> cuts, double alpha, bool descending)
    {
        int n = exact.Count;
        // Exact ranks as RfmSegments ranks: stable order by the measure (descending for recency), ties in summary order.
        var order = descending
            ? Enumerable.Range(0, n).OrderByDescending(i => measure(exact[i])).ToArray()
            : Enumerable.Range(0, n).OrderBy(i => measure(exact[i])).ToArray();
        var ascendingRank = new int[n];
        for (int k = 0; k < n; k++)
        {
            ascendingRank[order[k]] = descending ? n - 1 - k : k;
        }

        for (int i = 0; i < n; i++)
        {
            int difference = Math.Abs(score(exact[i]) - score(sketched[i]));
            if (difference == 0)
            {
                continue;
            }

            int bucket = QuantileSketch.BucketOf(measure(exact[i]), alpha);
            var near = cuts.Where(c => c.Bucket == bucket && Math.Abs(ascendingRank[i] - c.Rank) < c.Customers).ToArray();
            if (near.Length < difference)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 50)]
    public Property Shards_scored_with_the_merged_cut_points_score_as_the_whole_base() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(2, 4).ToArbitrary(), (shop, shards) =>
        {
            var whole = CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var summaries = ByCustomer(shop.Orders, shards).Select(o => CustomerBase.Of(o, DateTimeZone.Utc, FitCheckFixture.ShopOptions)).ToArray();
            var sketch = new RfmSketch();
            foreach (var s in summaries)
            {
                sketch.Merge(RfmSketch.Of(s));
            }

            var cuts = sketch.CutPoints();
            var expected = RfmSegments.Of(whole, cuts).Scores.ToDictionary(s => s.CustomerId);
            var parts = summaries.Select(s => RfmSegments.Of(s, cuts)).ToArray();
            return parts.Sum(p => p.Scores.Count) == whole.Customers.Count
                && parts.SelectMany(p => p.Scores).All(s => expected[s.CustomerId] == s)
                && Enumerable.Range(0, parts[0].Segments.Count).All(g => parts.Sum(p => p.Segments[g].Customers) == RfmSegments.Of(whole, cuts).Segments[g].Customers);
        });

    [Fact]
    public void Cdnow_sketch_scores_differ_from_exact_ones_only_at_ties_and_say_how_many_can()
    {
        var summary = CdnowFixture.Summary;
        var cuts = RfmSketch.Of(summary).CutPoints();
        var exact = RfmSegments.Of(summary).Scores;
        var sketched = RfmSegments.Of(summary, cuts).Scores;
        Assert.Equal(2357, cuts.Customers);
        Assert.Equal(4, cuts.Frequency.Count);

        // Purchases are integers below 1/α = 100, one value per bucket: the cut buckets are ties, and only they can move.
        // 1,411 of 2,357 customers made one purchase: ranks 0…1,410 share the first bucket, which holds the first two cuts.
        Assert.Equal(1411, cuts.Frequency[0].Customers);
        Assert.Equal((cuts.Frequency[0].Bucket, cuts.Frequency[0].Customers), (cuts.Frequency[1].Bucket, cuts.Frequency[1].Customers));
        Assert.True(cuts.Frequency[0].Lower < 1 && cuts.Frequency[0].Upper >= 1);
        int frequencyMoved = exact.Zip(sketched).Count(p => p.First.Frequency != p.Second.Frequency);
        long frequencyBound = cuts.Frequency.DistinctBy(c => c.Bucket).Sum(c => c.Customers);
        Assert.InRange(frequencyMoved, 1, frequencyBound);

        // The sketch puts a whole tie in the lower score, so every sketch F score is at most the exact one.
        Assert.All(exact.Zip(sketched), p => Assert.True(p.Second.Frequency <= p.First.Frequency));
        Assert.Contains("quantile sketch of 2,357 customers", string.Join(" ", RfmSegments.Of(summary, cuts).ToReport().Tables[0].Notes), StringComparison.Ordinal);
        Assert.Same(cuts, RfmSegments.Of(summary, cuts).CutPoints);
        Assert.Null(RfmSegments.Of(summary).CutPoints);
    }

    [Fact]
    public void Cut_points_are_checked()
    {
        var summary = CdnowFixture.Summary;
        var cuts = RfmSketch.Of(summary).CutPoints(4);
        Assert.Throws<ArgumentException>("cutPoints", () => RfmSegments.Of(summary, cuts, options: new RfmOptions { Bins = 5 }));
        Assert.Equal(4, RfmSegments.Of(summary, cuts).Bins);
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSketch.Of(summary).CutPoints(1));
        Assert.Throws<ArgumentOutOfRangeException>("revenue", () => cuts.MonetaryScore(-1m));
        Assert.Throws<ArgumentException>(() => new RfmSketch(0.01).Merge(new RfmSketch(0.02)));
        var empty = new RfmSketch().CutPoints();
        Assert.Equal(0, empty.Customers);
        Assert.Equal(1, empty.RecencyScore(3));
    }
}

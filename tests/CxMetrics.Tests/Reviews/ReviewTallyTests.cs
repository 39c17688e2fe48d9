using CxMetrics.Reviews;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Reviews;

public class ReviewTallyTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Property(MaxTest = 300)]
    public Property Merge_of_a_split_equals_the_whole() =>
        Prop.ForAll(ReviewGen.Reviews, ArbMap.Default.ArbFor<int>(), (reviews, seed) =>
        {
            int at = reviews.Length == 0 ? 0 : (int)((uint)seed % (uint)(reviews.Length + 1));
            var whole = ReviewTally.Of(reviews);
            var left = ReviewTally.Of(reviews[..at]);
            var right = ReviewTally.Of(reviews[at..]);
            var merged = left.Clone().Merge(right);
            var mergedOtherWay = right.Clone().Merge(left);
            return SameTally(whole, merged) && SameTally(whole, mergedOtherWay)
                && SameTally(left, ReviewTally.Of(reviews[..at])) // the merged-in tally is unchanged
                && SameTally(whole, new ReviewTally().Merge(whole)); // the empty tally is the identity
        });

    [Property(MaxTest = 200)]
    public Property Merged_result_equals_the_result_of_the_whole() =>
        Prop.ForAll(ReviewGen.Reviews, ArbMap.Default.ArbFor<int>(), (reviews, seed) =>
        {
            int at = reviews.Length == 0 ? 0 : (int)((uint)seed % (uint)(reviews.Length + 1));
            var whole = global::CxMetrics.Reviews.Reviews.Of(reviews);
            var merged = global::CxMetrics.Reviews.Reviews.From(ReviewTally.Of(reviews[..at]).Merge(ReviewTally.Of(reviews[at..])));
            return whole.Count == merged.Count
                && whole.Negative == merged.Negative
                && whole.NegativeReplied == merged.NegativeReplied
                && whole.Replied == merged.Replied
                && Close(whole.Stars.Value, merged.Stars.Value)
                && Close(whole.NegativeReplyHours.Median, merged.NegativeReplyHours.Median)
                && Close(whole.NegativeReplyHours.P90, merged.NegativeReplyHours.P90);
        });

    [Property(MaxTest = 300)]
    public Property Shares_and_stars_stay_in_their_bounds() =>
        Prop.ForAll(ReviewGen.Reviews, reviews =>
        {
            var r = global::CxMetrics.Reviews.Reviews.Of(reviews);
            if (r.Count == 0)
            {
                return r.Stars.Value is null && r.Negative.Value is null;
            }

            return r.Stars.Value is >= 1 and <= 5
                && r.Negative.Successes + r.Positive.Successes <= r.Count
                && r.NegativeReplied.Successes + r.NegativeUnreplied == r.Negative.Successes
                && r.NegativeReplyHours.Count == r.NegativeReplied.Successes
                && r.Sources.Sum(s => s.Count) == r.Count;
        });

    // The proof item of the issue: with the prior (m, C) fixed, an item's Bayesian average starts at the prior and moves
    // monotonically towards the item's own mean as its reviews grow, always between the two.
    [Property(MaxTest = 500)]
    public Property Bayesian_average_moves_from_the_prior_towards_the_item_mean() =>
        Prop.ForAll(
            (from priorMean in Gen.Choose(100, 500)
             from itemMean in Gen.Choose(100, 500)
             from priorWeight in Gen.Choose(1, 100)
             from n in Gen.Choose(0, 200)
             select (PriorMean: priorMean / 100.0, ItemMean: itemMean / 100.0, PriorWeight: (double)priorWeight, N: n)).ToArbitrary(),
            t =>
            {
                var (priorMean, itemMean, priorWeight, n) = t;
                double at0 = global::CxMetrics.Reviews.Reviews.BayesianAverage(priorMean, priorWeight, 0, 0);
                double atN = global::CxMetrics.Reviews.Reviews.BayesianAverage(priorMean, priorWeight, n, n * itemMean);
                double atMore = global::CxMetrics.Reviews.Reviews.BayesianAverage(priorMean, priorWeight, n + 1, (n + 1) * itemMean);
                double low = Math.Min(priorMean, itemMean) - 1e-12, high = Math.Max(priorMean, itemMean) + 1e-12;
                return Math.Abs(at0 - priorMean) <= 1e-12
                    && atN >= low && atN <= high
                    && Math.Abs(atMore - itemMean) <= Math.Abs(atN - itemMean) + 1e-12
                    && (priorMean == itemMean || Math.Abs(atMore - itemMean) < Math.Abs(atN - itemMean));
            });

    // The same through the public ranking: copying the whole shop k times keeps the shop's mean and every item's mean, and
    // gives each item k times the reviews — its Bayesian average must move towards its own mean with k.
    [Property(MaxTest = 100)]
    public Property Ranking_shrinks_less_as_every_item_gets_more_reviews() =>
        Prop.ForAll(ReviewGen.Reviews.Filter(r => r.Length > 0), reviews =>
        {
            var once = global::CxMetrics.Reviews.Reviews.Ranking(reviews).Items.ToDictionary(i => i.Item);
            var thrice = global::CxMetrics.Reviews.Reviews.Ranking(reviews.Concat(reviews).Concat(reviews)).Items.ToDictionary(i => i.Item);
            return once.All(kv =>
                Math.Abs(thrice[kv.Key].BayesianAverage - kv.Value.Stars) <= Math.Abs(kv.Value.BayesianAverage - kv.Value.Stars) + 1e-9
                && thrice[kv.Key].Count == 3 * kv.Value.Count);
        });

    [Fact]
    public void A_source_keeps_one_scale()
    {
        var tally = new ReviewTally();
        tally.Add(Review.Create("a", "Google", "x", 5, ReviewScale.FiveStars, T0));
        var e = Assert.Throws<ArgumentException>("review", () => tally.Add(Review.Create("b", "Google", "x", 9, ReviewScale.TenPoints, T0)));
        Assert.Contains("review 'b'", e.Message, StringComparison.Ordinal);
        var other = new ReviewTally();
        other.Add(Review.Create("c", "Google", "x", 9, ReviewScale.TenPoints, T0));
        Assert.Throws<ArgumentException>("other", () => tally.Merge(other));
        Assert.Equal(1, tally.Count);
        Assert.Throws<ArgumentException>("other", () => tally.Merge(tally));
    }

    [Fact]
    public void Counts_from_a_database_give_the_same_result_as_the_records()
    {
        var reviews = ReviewsTests.WorkedExample();
        var tally = new ReviewTally();
        tally.AddCounts("Google", ReviewScale.FiveStars, [1, 1, 0, 1, 2], [1, 1, 0, 0, 1]);
        tally.AddCounts("Booking", ReviewScale.TenPoints, [0, 0, 1, 0, 0, 0, 0, 1, 0, 1], new long[10]);
        tally.AddNegativeReplyHours([10, 4]);
        Assert.True(SameTally(ReviewTally.Of(reviews), tally));
        Assert.Throws<ArgumentOutOfRangeException>("repliedPerRating", () => tally.AddCounts("Google", ReviewScale.FiveStars, [1, 0, 0, 0, 0], [2, 0, 0, 0, 0]));
        Assert.Throws<ArgumentException>("countsPerRating", () => tally.AddCounts("Google", ReviewScale.FiveStars, [1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>("hours", () => tally.AddNegativeReplyHours([1, -1]));
        Assert.Equal(8, tally.Count);
    }

    internal static bool SameTally(ReviewTally a, ReviewTally b)
    {
        if (a.Count != b.Count || !a.Sources.SequenceEqual(b.Sources))
        {
            return false;
        }

        foreach (string s in a.Sources)
        {
            if (a.ScaleOf(s) != b.ScaleOf(s) || !a.CountsOf(s).SequenceEqual(b.CountsOf(s)) || !a.RepliedOf(s).SequenceEqual(b.RepliedOf(s)))
            {
                return false;
            }
        }

        double[] x = a.NegativeReplyHours.ToArray(), y = b.NegativeReplyHours.ToArray();
        Array.Sort(x);
        Array.Sort(y);
        return x.SequenceEqual(y);
    }

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));
}

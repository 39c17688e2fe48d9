using CxMetrics.Reviews;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Reviews;

/// <summary>The breakdowns and the ranking from tallies counted while streaming equal those from the reviews.</summary>
public class ReviewTallyBreakdownTests
{
    private static readonly PeriodGrid Weeks = new(DateTimeZone.Utc, PeriodUnit.Week);

    [Property(MaxTest = 150)]
    public Property By_from_tallies_equals_By_from_the_reviews() =>
        Prop.ForAll(ReviewGen.Reviews, reviews =>
        {
            var direct = global::CxMetrics.Reviews.Reviews.By(reviews, r => r.Item);
            var tallies = reviews.GroupBy(r => r.Item).Select(g => KeyValuePair.Create(g.Key, ReviewTally.Of(g)));
            var fromTallies = global::CxMetrics.Reviews.Reviews.By(tallies);
            return direct.Select(c => (c.Key, c.Count, c.IsSmallCell, c.Result.Negative, c.Result.NegativeReplied, c.Result.Stars.Value))
                .SequenceEqual(fromTallies.Select(c => (c.Key, c.Count, c.IsSmallCell, c.Result.Negative, c.Result.NegativeReplied, c.Result.Stars.Value)), new Near());
        });

    [Property(MaxTest = 150)]
    public Property ByPeriod_from_split_tallies_equals_ByPeriod_from_the_reviews() =>
        Prop.ForAll(ReviewGen.Reviews, reviews =>
        {
            var direct = global::CxMetrics.Reviews.Reviews.ByPeriod(reviews, Weeks);

            // Two shards per period: tallies of one period are merged.
            var tallies = reviews.Select((r, k) => (r, k)).GroupBy(p => (Weeks.Containing(p.r.CreatedAt), p.k % 2))
                .Select(g => KeyValuePair.Create(g.Key.Item1, ReviewTally.Of(g.Select(p => p.r))));
            var fromTallies = global::CxMetrics.Reviews.Reviews.ByPeriod(tallies);
            return direct.Count == fromTallies.Count
                && direct.Zip(fromTallies).All(p => p.First.Period == p.Second.Period && p.First.Count == p.Second.Count
                    && p.First.Result.Negative == p.Second.Result.Negative
                    && Near.Close(p.First.ChangeFromPrevious?.Negative.PValue, p.Second.ChangeFromPrevious?.Negative.PValue)
                    && Near.Close(p.First.ChangeFromPrevious?.Stars.PValue, p.Second.ChangeFromPrevious?.Stars.PValue));
        });

    [Property(MaxTest = 150)]
    public Property Ranking_from_item_tallies_equals_the_ranking_of_the_reviews() =>
        Prop.ForAll(ReviewGen.Reviews, reviews =>
        {
            var options = new ReviewOptions { PriorWeight = 5 };
            var direct = global::CxMetrics.Reviews.Reviews.Ranking(reviews, options);
            var tallies = reviews.GroupBy(r => r.Item).Select(g => KeyValuePair.Create(g.Key, ReviewTally.Of(g)));
            var fromTallies = global::CxMetrics.Reviews.Reviews.Ranking(tallies, options);
            var byItem = fromTallies.Items.ToDictionary(i => i.Item);
            return Near.Close(direct.PriorMean, fromTallies.PriorMean)
                && direct.Items.Count == fromTallies.Items.Count
                && direct.Items.All(i => byItem.TryGetValue(i.Item, out var t) && t.Count == i.Count
                    && Near.Close(i.BayesianAverage, t.BayesianAverage) && Near.Close(i.PositiveLowerBound, t.PositiveLowerBound));
        });

    [Fact]
    public void Ranking_from_tallies_skips_empty_tallies_and_adds_up_tallies_of_one_item()
    {
        var t0 = Instant.FromUtc(2026, 1, 5, 0, 0);
        var a = ReviewTally.Of([Review.Create("1", "Google", "p", 5, ReviewScale.FiveStars, t0)]);
        var b = ReviewTally.Of([Review.Create("2", "Booking", "p", 1, ReviewScale.TenPoints, t0)]);
        var ranking = global::CxMetrics.Reviews.Reviews.Ranking([KeyValuePair.Create("p", a), KeyValuePair.Create("empty", new ReviewTally()), KeyValuePair.Create("p", b)]);

        var item = Assert.Single(ranking.Items);
        Assert.Equal(("p", 2L, 3.0), (item.Item, item.Count, item.Stars));
        Assert.Throws<ArgumentNullException>("items", () => global::CxMetrics.Reviews.Reviews.Ranking((IEnumerable<KeyValuePair<string, ReviewTally>>)null!));
    }

    private sealed class Near : IEqualityComparer<(string, long, bool, global::CxMetrics.Statistics.ProportionEstimate, global::CxMetrics.Statistics.ProportionEstimate, double?)>
    {
        public static bool Close(double? a, double? b) => a is null ? b is null : b is not null && (a.Value.Equals(b.Value) || Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value)));

        public bool Equals((string, long, bool, global::CxMetrics.Statistics.ProportionEstimate, global::CxMetrics.Statistics.ProportionEstimate, double?) x, (string, long, bool, global::CxMetrics.Statistics.ProportionEstimate, global::CxMetrics.Statistics.ProportionEstimate, double?) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && x.Item3 == y.Item3 && x.Item4 == y.Item4 && x.Item5 == y.Item5 && Close(x.Item6, y.Item6);

        public int GetHashCode((string, long, bool, global::CxMetrics.Statistics.ProportionEstimate, global::CxMetrics.Statistics.ProportionEstimate, double?) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}

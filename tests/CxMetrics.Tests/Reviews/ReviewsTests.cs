using CxMetrics.Reviews;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Reviews;

public class ReviewsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static readonly ReviewScale Five = ReviewScale.FiveStars;
    private static readonly ReviewScale Ten = ReviewScale.TenPoints;

    // The worked example of docs/metrics/reviews.md: five Google reviews on 1–5 stars and three Booking.com reviews on 1–10.
    internal static Review[] WorkedExample() =>
    [
        Review.Create("g1", "Google", "Berlin", 5, Five, T0, T0 + Duration.FromHours(1)),
        Review.Create("g2", "Google", "Berlin", 5, Five, T0),
        Review.Create("g3", "Google", "Berlin", 4, Five, T0),
        Review.Create("g4", "Google", "Hamburg", 2, Five, T0, T0 + Duration.FromHours(4)),
        Review.Create("g5", "Google", "Hamburg", 1, Five, T0, T0 + Duration.FromHours(10)),
        Review.Create("b1", "Booking", "Berlin", 10, Ten, T0),
        Review.Create("b2", "Booking", "Hamburg", 8, Ten, T0),
        Review.Create("b3", "Booking", "Hamburg", 3, Ten, T0),
    ];

    [Fact]
    public void Worked_example_per_source_and_overall()
    {
        var r = global::CxMetrics.Reviews.Reviews.Of(WorkedExample());
        Assert.Equal(8, r.Count);
        Assert.Equal(["Booking", "Google"], r.Sources.Select(s => s.Source));

        var google = r.Sources[1];
        Assert.Equal([1L, 1, 0, 1, 2], google.Histogram);
        Assert.Equal(3.4, google.Mean.Value!.Value, 12);
        Assert.Equal(3.4, google.Stars.Value!.Value, 12); // five stars map onto themselves
        Assert.Equal(2, google.Negative.Successes);
        Assert.Equal(3, google.Positive.Successes);

        var booking = r.Sources[0];
        Assert.Equal(7.0, booking.Mean.Value!.Value, 12);
        Assert.Equal((5 + (1 + (4.0 * 7 / 9)) + (1 + (4.0 * 2 / 9))) / 3, booking.Stars.Value!.Value, 12);
        Assert.Equal(1, booking.Negative.Successes); // 3 ≤ 3
        Assert.Equal(2, booking.Positive.Successes); // 8 and 10 ≥ 8

        // Stars over both: (17 + 11)/8 = 3.5, sd 1.62433 and t(7) interval from numpy/scipy.
        Assert.Equal(3.5, r.Stars.Value!.Value, 12);
        Assert.Equal(1.6243300070433055, r.Stars.StandardDeviation!.Value, 9);
        Assert.Equal(2.142026130815374, r.Stars.Interval!.Value.Lower, 6);
        Assert.Equal(4.857973869184626, r.Stars.Interval!.Value.Upper, 6);

        // Negative 3 of 8, Wilson [0.13684, 0.69426].
        Assert.Equal(3, r.Negative.Successes);
        Assert.Equal(0.375, r.Negative.Value!.Value, 12);
        Assert.Equal(0.13684428582359742, r.Negative.Interval!.Value.Lower, 9);
        Assert.Equal(0.6942576053973727, r.Negative.Interval!.Value.Upper, 9);
        Assert.Equal(5, r.Positive.Successes);

        // Replies: 3 of 8 reviews, 2 of the 3 negative ones, after 4 and 10 hours; one negative review still unanswered.
        Assert.Equal(3, r.Replied.Successes);
        Assert.Equal(2, r.NegativeReplied.Successes);
        Assert.Equal(3, r.NegativeReplied.Count);
        Assert.Equal(1, r.NegativeUnreplied);
        Assert.Equal(7.0, r.NegativeReplyHours.Median!.Value, 12);
        Assert.Equal(4.0, r.NegativeReplyHours.Min!.Value, 12);
        Assert.Equal(10.0, r.NegativeReplyHours.Max!.Value, 12);
        Assert.Equal(9.4, r.NegativeReplyHours.P90!.Value, 12);
    }

    [Fact]
    public void No_reviews_give_no_estimates()
    {
        var r = global::CxMetrics.Reviews.Reviews.Of([]);
        Assert.Equal(0, r.Count);
        Assert.Empty(r.Sources);
        Assert.Null(r.Stars.Value);
        Assert.Null(r.Negative.Value);
        Assert.Null(r.NegativeReplied.Value);
        Assert.Null(r.NegativeReplyHours.Median);
        Assert.Equal("reviews: no estimate (n = 0)", r.ToString());
    }

    [Fact]
    public void By_source_gives_one_cell_per_source()
    {
        var cells = global::CxMetrics.Reviews.Reviews.By(WorkedExample(), r => r.Source);
        Assert.Equal(["Booking", "Google"], cells.Select(c => c.Key));
        Assert.Equal([3L, 5], cells.Select(c => c.Count));
        Assert.All(cells, c => Assert.True(c.IsSmallCell));
        Assert.Equal(2, cells[1].Result.Negative.Successes);
    }

    [Fact]
    public void By_period_compares_each_month_with_the_one_before()
    {
        var march = WorkedExample();
        var may = new[]
        {
            Review.Create("m1", "Google", "Berlin", 5, Five, Instant.FromUtc(2026, 5, 10, 9, 0)),
            Review.Create("m2", "Google", "Berlin", 4, Five, Instant.FromUtc(2026, 5, 11, 9, 0)),
        };
        var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month);
        var cells = global::CxMetrics.Reviews.Reviews.ByPeriod(march.Concat(may), grid);
        Assert.Equal(3, cells.Count);
        Assert.Null(cells[0].ChangeFromPrevious);
        Assert.Equal(0, cells[1].Count); // April: no reviews, no estimate
        Assert.Null(cells[1].Result.Negative.Value);
        var change = cells[2].ChangeFromPrevious!;
        Assert.Null(change.Negative.Difference); // nothing to compare with in April
        var direct = global::CxMetrics.Reviews.Reviews.Compare(cells[2].Result, cells[0].Result);
        Assert.Equal(-0.375, direct.Negative.Difference!.Value, 12);
        Assert.Equal(4.5 - 3.5, direct.Stars.Difference!.Value, 12);
    }

    [Fact]
    public void By_period_with_an_explicit_range_lists_exactly_it()
    {
        var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month);
        var feb = grid.Containing(Instant.FromUtc(2026, 2, 1, 0, 0));
        var apr = grid.Containing(Instant.FromUtc(2026, 4, 1, 0, 0));
        var cells = global::CxMetrics.Reviews.Reviews.ByPeriod(WorkedExample(), grid, feb, apr);
        Assert.Equal([0L, 8, 0], cells.Select(c => c.Count));
    }

    [Fact]
    public void Ranking_prefers_many_good_reviews_to_two_perfect_ones()
    {
        var reviews = new List<Review>();
        int id = 0;
        void Add(string item, int rating, int count)
        {
            for (int i = 0; i < count; i++)
            {
                reviews.Add(Review.Create($"r{id++}", "on-site", item, rating, Five, T0));
            }
        }

        Add("A", 5, 2);
        Add("B", 5, 80);
        Add("B", 4, 20);
        Add("Z", 1, 18);
        var ranking = global::CxMetrics.Reviews.Reviews.Ranking(reviews, new ReviewOptions { PriorWeight = 10 });
        double m = 508.0 / 120;
        Assert.Equal(m, ranking.PriorMean!.Value, 12);
        Assert.Equal(["B", "A", "Z"], ranking.Items.Select(i => i.Item));
        Assert.Equal([1, 2, 3], ranking.Items.Select(i => i.Rank));
        Assert.Equal(((10 * m) + 480) / 110, ranking.Items[0].BayesianAverage, 12);
        Assert.Equal(((10 * m) + 10) / 12, ranking.Items[1].BayesianAverage, 12);
        Assert.Equal(5.0, ranking.Items[1].Stars, 12); // the plain mean would rank A first

        // Miller's score: Wilson lower bounds of 100/100, 2/2 and 0/18 (scipy).
        var byWilson = global::CxMetrics.Reviews.Reviews.Ranking(reviews, new ReviewOptions { RankBy = ReviewRankScore.PositiveLowerBound });
        Assert.Equal(["B", "A", "Z"], byWilson.Items.Select(i => i.Item));
        Assert.Equal(0.9630065017930143, byWilson.Items[0].PositiveLowerBound, 9);
        Assert.Equal(0.34238022750665303, byWilson.Items[1].PositiveLowerBound, 9);
        Assert.Equal(0.0, byWilson.Items[2].PositiveLowerBound, 12);
    }

    [Fact]
    public void Ranking_with_prior_weight_zero_is_the_plain_mean()
    {
        var ranking = global::CxMetrics.Reviews.Reviews.Ranking(WorkedExample(), new ReviewOptions { PriorWeight = 0 });
        Assert.All(ranking.Items, i => Assert.Equal(i.Stars, i.BayesianAverage, 12));
        Assert.Equal(["Berlin", "Hamburg"], ranking.Items.Select(i => i.Item));
    }

    [Fact]
    public void Columnar_ranking_equals_the_record_ranking()
    {
        string[] names = ["p0", "p1", "p2", "unreviewed"];
        int[] items = [0, 0, 1, 2, 2, 2, 1, 0];
        byte[] ratings = [5, 4, 3, 1, 2, 5, 5, 5];
        var records = items.Select((item, k) => Review.Create($"r{k}", "Google", names[item], ratings[k], Five, T0)).ToArray();
        var fromRecords = global::CxMetrics.Reviews.Reviews.Ranking(records);
        var fromColumns = global::CxMetrics.Reviews.Reviews.Ranking(items, ratings, Five, names);
        Assert.Equal(fromRecords.Items.Select(i => i.Item), fromColumns.Items.Select(i => i.Item));
        Assert.Equal(3, fromColumns.Items.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(fromRecords.Items[i].BayesianAverage, fromColumns.Items[i].BayesianAverage, 12);
            Assert.Equal(fromRecords.Items[i].PositiveLowerBound, fromColumns.Items[i].PositiveLowerBound, 12);
        }
    }

    [Fact]
    public void Columnar_ranking_refuses_bad_codes_and_ratings_naming_the_span()
    {
        Assert.Throws<ArgumentOutOfRangeException>("items", () => global::CxMetrics.Reviews.Reviews.Ranking([0, 3], [5, 5], Five, ["a", "b"]));
        Assert.Throws<ArgumentOutOfRangeException>("ratings", () => global::CxMetrics.Reviews.Reviews.Ranking([0, 1], [5, 6], Five, ["a", "b"]));
        Assert.Throws<ArgumentException>("ratings", () => global::CxMetrics.Reviews.Reviews.Ranking([0, 1], [5], Five, ["a", "b"]));
    }

    [Fact]
    public void Review_factory_checks_rating_and_reply()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("rating", () => Review.Create("r-9", "Yelp", "shop", 6, Five, T0));
        Assert.Contains("review 'r-9'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("repliedAt", () => Review.Create("r-9", "Yelp", "shop", 3, Five, T0, T0 - Duration.FromSeconds(1)));
        Assert.Throws<ArgumentException>("source", () => Review.Create("r-9", " ", "shop", 3, Five, T0));
        Assert.Throws<ArgumentNullException>("scale", () => Review.Create("r-9", "Yelp", "shop", 3, null!, T0));
        var ok = Review.Create("r-9", "Yelp", "shop", 2, Five, T0, T0);
        Assert.True(ok.IsNegative);
        Assert.Equal(Duration.Zero, ok.TimeToReply);
    }

    [Fact]
    public void Scale_validation_names_the_bound()
    {
        Assert.Throws<ArgumentOutOfRangeException>("max", () => ReviewScale.Create(5, 5, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("negativeMax", () => ReviewScale.Create(1, 5, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("positiveMin", () => ReviewScale.Create(1, 5, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>("min", () => ReviewScale.Create(-1, 5, 2, 4));
        Assert.Same(ReviewScale.FiveStars, ReviewScale.Create(1, 5, 2, 4));
        Assert.Equal(ReviewScale.Create(0, 10, 4, 8), ReviewScale.Create(0, 10, 4, 8));
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(10, 5.0)]
    [InlineData(4, 1 + (4.0 * 3 / 9))]
    public void Ten_points_map_linearly_onto_five_stars(int rating, double stars) =>
        Assert.Equal(stars, ReviewScale.TenPoints.Normalise(rating), 12);

    [Fact]
    public void Prior_weight_must_be_finite_and_not_negative()
    {
        Assert.Throws<ArgumentOutOfRangeException>("PriorWeight", () => new ReviewOptions { PriorWeight = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("PriorWeight", () => new ReviewOptions { PriorWeight = double.PositiveInfinity });
    }

    [Fact]
    public void Results_print_and_describe_themselves()
    {
        var r = global::CxMetrics.Reviews.Reviews.Of(WorkedExample());
        Assert.StartsWith("3.50 (95% CI [2.14, 4.86]; n = 8) stars; negative 37.50%", r.ToString(), StringComparison.Ordinal);
        string text = r.ToReport().ToText();
        Assert.Contains("Reviews by source", text, StringComparison.Ordinal);
        Assert.Contains("Booking", text, StringComparison.Ordinal);
        var ranking = global::CxMetrics.Reviews.Reviews.Ranking(WorkedExample());
        Assert.Contains("Bayesian average", ranking.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }
}

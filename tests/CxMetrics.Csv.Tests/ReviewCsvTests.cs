using CxMetrics.Reviews;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class ReviewCsvTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Presets", name);

    private static object Shape(Review r) => (r.Id, r.Source, r.Item, r.Rating, r.Scale, r.CreatedAt, r.RepliedAt);

    [Fact]
    public void Conventional_file_reads_sources_on_their_own_scales_with_replies()
    {
        const string Text = "review_id,source,item,rating,scale,created_at,replied_at\n"
            + "r1,Google,berlin,5,1-5,2024-03-01T09:00:00Z,\n"
            + "r2,Booking,berlin,3,1-10,2024-03-02T09:00:00Z,2024-03-02T21:00:00Z\n"
            + "r3,on-site,sku-1,2,,2024-03-03T09:00:00+01:00,2024-03-04T08:00:00Z\n";
        var records = ReviewCsv.Read(new StringReader(Text));
        var rows = records.ToList();

        Assert.Equal((3L, 3L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Same(ReviewScale.TenPoints, rows[1].Scale);
        Assert.Same(ReviewScale.FiveStars, rows[2].Scale); // an empty scale cell is the default
        Assert.True(rows[1].IsNegative);
        Assert.Equal(Duration.FromHours(12), rows[1].TimeToReply);
        Assert.Equal(Instant.FromUtc(2024, 3, 3, 8, 0), rows[2].CreatedAt);
        Assert.Null(rows[0].RepliedAt);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_their_line_column_and_reason()
    {
        const string Text = "review_id,source,item,rating,scale,created_at,replied_at\n"
            + "ok,Google,a,4,1-5,2024-03-01T09:00:00Z,\n"
            + "off,Google,a,6,1-5,2024-03-01T09:00:00Z,\n"
            + "word,Google,a,great,1-5,2024-03-01T09:00:00Z,\n"
            + "scale,Yelp,a,3,five,2024-03-01T09:00:00Z,\n"
            + "early,Yelp,a,3,1-5,2024-03-02T09:00:00Z,2024-03-01T09:00:00Z\n"
            + "switch,Google,a,7,1-10,2024-03-01T09:00:00Z,\n"
            + "nosource,,a,3,1-5,2024-03-01T09:00:00Z,\n";
        var records = ReviewCsv.Read(new StringReader(Text));
        Assert.Single(records.ToList());

        var r = records.Report;
        Assert.Equal((7L, 1L, 6L, 0L), (r.RowsRead, r.RowsAccepted, r.RowsRejected, r.RowsSkipped));
        Assert.Equal([3L, 4, 5, 6, 7, 8], r.Rejections.Select(x => x.Line));
        Assert.Equal(["rating", "rating", "scale", "replied_at", "scale", "source"], r.Rejections.Select(x => x.Column));
        Assert.Contains("outside the scale 1–5", r.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("from line 2: one source keeps one scale", r.Rejections[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_name_stands_in_for_a_missing_source_column_and_a_row_without_id_is_named_by_its_line()
    {
        const string Text = "item,rating,created_at\nshop,4,2024-03-01\n";
        var columns = new ReviewColumns { SourceName = "Trustpilot" };
        var review = Assert.Single(ReviewCsv.Read(new StringReader(Text), columns, new CsvReadOptions { Zone = DateTimeZone.Utc }).ToList());

        Assert.Equal(("Trustpilot", "line 2"), (review.Source, review.Id));
        Assert.Throws<CsvDataException>(() => ReviewCsv.Read(new StringReader(Text)).ToList()); // source is required without a name
    }

    [Theory]
    [InlineData("1-5", 1, 5, 2, 4)]
    [InlineData("5", 1, 5, 2, 4)]
    [InlineData("1–10", 1, 10, 3, 8)]
    [InlineData("10", 1, 10, 3, 8)]
    [InlineData("0-10", 0, 10, 2, 8)]
    [InlineData("1-3", 1, 3, 1, 3)]
    [InlineData("1-7", 1, 7, 2, 6)]
    public void Scale_cells_get_the_five_star_bands_mapped_linearly(string text, int min, int max, int negativeMax, int positiveMin)
    {
        var scale = ReviewCsv.ParseScale(text)!;
        Assert.Equal((min, max, negativeMax, positiveMin), (scale.Min, scale.Max, scale.NegativeMax, scale.PositiveMin));
    }

    [Theory]
    [InlineData("five")]
    [InlineData("5-1")]
    [InlineData("1-101")]
    [InlineData("-3")]
    [InlineData("1-2-3")]
    [InlineData("")]
    public void Text_that_is_not_a_scale_gives_null(string text) => Assert.Null(ReviewCsv.ParseScale(text));

    [Fact]
    public void Google_preset_reads_the_api_review_objects_as_their_conventional_twin()
    {
        var preset = CsvPreset.Google;
        var records = ReviewCsv.Read(Fixture("google_reviews.jsonl"), preset.Reviews, preset.ReadOptions());
        var twin = ReviewCsv.Read(Fixture("reviews_google_conventional.csv"));

        Assert.Equal(twin.ToList().Select(Shape), records.ToList().Select(Shape));
        Assert.Equal((7L, 4L, 3L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal([5L, 6, 7], records.Report.Rejections.Select(x => x.Line)); // JSON Lines have no header line
        Assert.Equal(["name", "reviewReply.updateTime", "starRating"], records.Report.Rejections.Select(x => x.Column!).Order(StringComparer.Ordinal));
        Assert.Equal(twin.Report.Rejections.Select(x => x.Line - 1), records.Report.Rejections.Select(x => x.Line));
    }

    [Fact]
    public void Google_preset_takes_the_location_of_the_resource_name_and_the_star_rating_words()
    {
        var review = ReviewCsv.Read(Fixture("google_reviews.jsonl"), CsvPreset.Google.Reviews, CsvPreset.Google.ReadOptions()).ToList()[1];
        Assert.Equal(("AbCd02", "Google", "locations/4401", 1), (review.Id, review.Source, review.Item, review.Rating));
        Assert.Equal(Instant.FromUtc(2024, 3, 3, 8, 10), review.RepliedAt);
    }
}

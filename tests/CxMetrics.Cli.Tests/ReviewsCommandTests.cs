using System.Text.Json;

namespace CxMetrics.Cli.Tests;

public class ReviewsCommandTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "reviews");

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = Tool.Run([.. args, "--format", "json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string[] Items(JsonElement root) =>
        [.. root.GetProperty("results").GetProperty("reviewRanking").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!)];

    [Fact]
    public void Worked_example_counts_negative_reviews_their_replies_and_hours_on_every_scale()
    {
        var root = Json("reviews", Folder);
        var r = root.GetProperty("results").GetProperty("reviews");

        // Negative: Google 1 and 2, Booking 2 of 1–10 (≤ 3); replied after 4 h and 48 h; the Google 2 is unreplied.
        Assert.Equal(10, r.GetProperty("count").GetInt64());
        Assert.Equal(3, r.GetProperty("negative").GetProperty("successes").GetInt64());
        Assert.Equal(2, r.GetProperty("negativeReplied").GetProperty("successes").GetInt64());
        Assert.Equal(1, r.GetProperty("negativeUnreplied").GetInt64());
        Assert.Equal(26.0, r.GetProperty("negativeReplyHours").GetProperty("median").GetDouble(), 9);
        Assert.Equal(6, r.GetProperty("positive").GetProperty("successes").GetInt64());

        // Stars: 10 → 5, 2 → 1.44, 8 → 4.11 on Booking's 1–10; the mean of all ten reviews is 35.56 / 10.
        Assert.Equal(32.0 / 9, r.GetProperty("stars").GetProperty("value").GetDouble(), 9);
        var sources = root.GetProperty("results").GetProperty("reviewsBySource").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToArray();
        Assert.Equal(["Booking", "Google", "on-site"], sources);

        var periods = root.GetProperty("results").GetProperty("reviewsByPeriod").EnumerateArray().ToArray();
        Assert.Equal([4L, 6], periods.Select(p => p.GetProperty("count").GetInt64()));
        Assert.Equal(JsonValueKind.Null, periods[0].GetProperty("changeFromPrevious").ValueKind);
        Assert.True(periods[1].GetProperty("changeFromPrevious").GetProperty("negative").GetProperty("pValue").GetDouble() is > 0 and <= 1);

        // m = 3.56, C = 10: berlin (5 reviews, 4.2) 3.77, munich (1 review, 3) 3.51, hamburg (4 reviews, 2.89) 3.37.
        Assert.Equal(["berlin", "munich", "hamburg"], Items(root));
    }

    [Fact]
    public void Ranking_by_the_wilson_lower_bound_puts_the_single_neutral_review_last()
    {
        Assert.Equal(["berlin", "hamburg", "munich"], Items(Json("reviews", Folder, "--rank-by", "wilson")));
        var ranking = Json("reviews", Folder, "--prior-weight", "0").GetProperty("results").GetProperty("reviewRanking");
        Assert.Equal(0, ranking.GetProperty("priorWeight").GetDouble());
        Assert.Equal(4.2, ranking.GetProperty("items")[0].GetProperty("bayesianAverage").GetDouble(), 9);
    }

    [Fact]
    public void As_of_leaves_out_later_reviews_and_later_replies()
    {
        var (code, output, error) = Tool.Run("reviews", Folder, "--as-of", "2024-04-01T09:30:00Z");
        Assert.True(code == 0, error);
        Assert.Contains("5 reviews posted after the as-of instant are left out; 1 replies given after the as-of instant do not count yet", output, StringComparison.Ordinal);
        var r = Json("reviews", Folder, "--as-of", "2024-04-01T09:30:00Z").GetProperty("results").GetProperty("reviews");
        Assert.Equal((5L, 1L), (r.GetProperty("count").GetInt64(), r.GetProperty("replied").GetProperty("successes").GetInt64()));
    }

    [Fact]
    public void Segment_item_breaks_down_by_item_and_the_text_output_names_its_tables()
    {
        var cells = Json("reviews", Folder, "--segment", "item").GetProperty("results").GetProperty("reviewsByItem").EnumerateArray();
        Assert.Equal(["berlin", "hamburg", "munich"], cells.Select(c => c.GetProperty("key").GetString()));
        var (code, output, _) = Tool.Run("reviews", Folder, "--top", "1");
        Assert.Equal(0, code);
        foreach (string title in new[] { "Rating distribution by source", "Reviews by source", "Reviews by month", "Review ranking: top 1 of 3 items by Bayesian average", "Review ranking: bottom 1 items" })
        {
            Assert.Contains(title, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Google_preset_reads_api_review_objects_and_a_column_map_renames_headers()
    {
        var google = Json("reviews", Path.Combine(Folder, "google_reviews.jsonl"), "--from", "google");
        var input = google.GetProperty("inputs")[0];
        Assert.Equal((7L, 4L, 3L), (input.GetProperty("rowsRead").GetInt64(), input.GetProperty("rowsAccepted").GetInt64(), input.GetProperty("rowsRejected").GetInt64()));
        Assert.Equal(["locations/4401", "locations/4402"], Items(google).Order(StringComparer.Ordinal));

        string renamed = Path.Combine(Path.GetTempPath(), $"cxm-reviews-{Guid.NewGuid():N}.csv");
        File.WriteAllText(renamed, "Site,Product,Stars,Posted\nYelp,sku-1,4,2024-05-01T10:00:00Z\nYelp,sku-2,1,2024-05-02T10:00:00Z\n");
        try
        {
            var mapped = Json("reviews", renamed, "--columns", "source=Site,item=Product,rating=Stars,created_at=Posted");
            Assert.Equal(2, mapped.GetProperty("results").GetProperty("reviews").GetProperty("count").GetInt64());
        }
        finally
        {
            File.Delete(renamed);
        }
    }

    [Theory]
    [InlineData(1, "reviews.csv: column 'Stars' (mapped to rating) is missing", "--columns", "rating=Stars")]
    [InlineData(2, "segment key 'channel' is not one of source, item for reviews.", "--segment", "channel")]
    [InlineData(2, "--prior-weight: -1 is negative", "--prior-weight", "-1")]
    [InlineData(2, "--rank-by: 'median' is not bayesian or wilson.", "--rank-by", "median")]
    [InlineData(2, "--from: shopify is an orders export; reviews reads reviews files.", "--from", "shopify")]
    public void Bad_input_is_one_line_without_a_stack_trace_and_the_usual_exit_code(int expected, string message, params string[] args)
    {
        var (code, output, error) = Tool.Run(["reviews", Folder, .. args]);
        Assert.Equal(expected, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("cxmetrics: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_required_columns_is_a_data_error_naming_them()
    {
        string file = Path.Combine(Path.GetTempPath(), $"cxm-reviews-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "source,item,stars\nGoogle,a,5\n");
        try
        {
            var (code, _, error) = Tool.Run("reviews", file);
            Assert.Equal(1, code);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Contains("rating", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public class ReviewsReportSectionTests
{
    [Fact]
    public void Bundled_report_has_the_reviews_section_judged_at_the_folders_as_of_and_its_chart()
    {
        var (code, output, error) = Tool.Run("report");
        Assert.True(code == 0, error);
        Assert.Contains("samples/shop/reviews.csv: 3,200 rows read, 3,200 accepted, 0 rejected", output.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Contains("replies given after the as-of instant do not count yet", output, StringComparison.Ordinal);
        foreach (string title in new[] { "Rating distribution by source", "Reviews by source", "Reviews by month", "Review ranking: top 10 of" })
        {
            Assert.Contains(title, output, StringComparison.Ordinal);
        }

        var html = Tool.Run("report", "--format", "html");
        Assert.True(html.Code == 0, html.Error);
        Assert.Contains("cxm-review-label", html.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Review bands by source: need", html.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_reviews_says_why_there_is_no_review_chart_and_a_bad_reviews_file_does_not_hide_the_others()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"cxm-report-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "shop", "nps.csv"), Path.Combine(folder, "nps.csv"));
            var html = Tool.Run("report", folder, "--format", "html", "--zone", "Europe/Berlin");
            Assert.True(html.Code == 0, html.Error);
            Assert.Contains("Review bands by source: need reviews.csv with reviews that could be judged.", html.Output, StringComparison.Ordinal);

            // One source on two scales cannot be read into one tally: the rows are rejected, the rest of the report stands.
            File.WriteAllText(Path.Combine(folder, "reviews.csv"), "source,item,rating,scale,created_at\nGoogle,a,5,1-5,2025-03-01T10:00:00Z\nGoogle,a,9,1-10,2025-03-02T10:00:00Z\n");
            var (code, output, error) = Tool.Run("report", folder, "--zone", "Europe/Berlin");
            Assert.True(code == 0, error);
            Assert.Contains("NPS", output, StringComparison.Ordinal);
            Assert.Contains("rejected line 3, column 'scale': source 'Google' is on the scale 1–10 here but on 1–5 from line 2", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

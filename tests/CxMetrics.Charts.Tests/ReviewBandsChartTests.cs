using CxMetrics.Reviews;
using NodaTime;

namespace CxMetrics.Charts.Tests;

public class ReviewBandsChartTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 5, 9, 0);

    /// <summary>Google 1, 3, 5, 5 (one negative of four); Booking 2 and 9 of 1–10 (one negative of two).</summary>
    private static ReviewResult Result() => global::CxMetrics.Reviews.Reviews.Of(
    [
        Review.Create("g1", "Google", "a", 1, ReviewScale.FiveStars, T0),
        Review.Create("g2", "Google", "a", 3, ReviewScale.FiveStars, T0),
        Review.Create("g3", "Google", "a", 5, ReviewScale.FiveStars, T0),
        Review.Create("g4", "Google", "b", 5, ReviewScale.FiveStars, T0),
        Review.Create("b1", "Booking", "a", 2, ReviewScale.TenPoints, T0),
        Review.Create("b2", "Booking", "b", 9, ReviewScale.TenPoints, T0),
    ]);

    [Fact]
    public void One_bar_per_source_and_one_for_all_labelled_with_the_negative_share_on_the_sources_own_scale()
    {
        var doc = SvgAssert.WellFormed(Result().ToSvg());
        var labels = SvgAssert.WithClass(doc, "cxm-review-label").Select(e => e.Value).ToList();
        Assert.Equal(["50.0% negative · n = 2", "25.0% negative · n = 4", "33.3% negative · n = 6"], labels);
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("Booking (1–10)", texts);
        Assert.Contains("Google (1–5)", texts);
        Assert.Contains("all sources", texts);
        Assert.Equal(3, SvgAssert.Filled(doc, "#D55E00") - 1); // three negative segments and the legend swatch
    }

    [Fact]
    public void Counts_in_the_labels_follow_the_small_cell_policy_and_output_is_deterministic()
    {
        var flagged = SvgAssert.WithClass(SvgAssert.WellFormed(Result().ToSvg(new ChartOptions { Suppression = new Reporting.SuppressionOptions { MinimumCount = 5 } })), "cxm-review-label").Select(e => e.Value).ToList();
        Assert.Equal(["50.0% negative · n = 2*", "25.0% negative · n = 4*", "33.3% negative · n = 6"], flagged);
        Assert.Equal(Result().ToSvg(), Result().ToSvg());
        Assert.NotEmpty(Result().ToPng());
    }

    [Fact]
    public void No_reviews_give_a_placeholder()
    {
        var empty = global::CxMetrics.Reviews.Reviews.Of([]);
        Assert.Contains("There are no reviews.", SvgAssert.Texts(SvgAssert.WellFormed(empty.ToSvg())));
        Assert.Throws<ArgumentNullException>("result", () => ((ReviewResult)null!).ToSvg());
    }
}

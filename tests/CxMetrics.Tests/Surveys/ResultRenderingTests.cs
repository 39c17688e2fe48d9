using CxMetrics.Surveys;

namespace CxMetrics.Tests.Surveys;

public class ResultRenderingTests
{
    [Fact]
    public void Nps_markdown_has_score_interval_and_groups()
    {
        var result = Nps.From(NpsTally.FromCounts(50, 30, 20));
        string md = result.ToReport().ToMarkdown();
        Assert.StartsWith("| Net Promoter Score | |\n| --- | ---: |\n", md, StringComparison.Ordinal);
        Assert.Contains("| NPS | 30.0 |", md, StringComparison.Ordinal);
        Assert.Contains("| promoters (9–10) | 50 (50.0%) |", md, StringComparison.Ordinal);
        Assert.Contains("| detractors (0–6) | 20 (20.0%) |", md, StringComparison.Ordinal);
        Assert.Contains($"| 95% CI (adjusted Wald) | [{result.Interval!.Value.Lower:0.0}, {result.Interval!.Value.Upper:0.0}] |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_results_render_dashes_not_nan()
    {
        string md = Nps.From(new NpsTally()).ToReport().ToMarkdown();
        Assert.Contains("| NPS | — |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", md, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", Rating.Of(ReadOnlySpan<int>.Empty, CsatScale.OneToFive).ToReport().ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_html_is_one_escaped_table_with_the_histogram()
    {
        string html = Rating.Of([5, 4, 1, 3], CsatScale.OneToFive).ToReport().ToHtml();
        Assert.StartsWith("<table class=\"cxmetrics-result\"><caption>CSAT 1–5 (satisfied = 4–5)</caption>", html, StringComparison.Ordinal);
        Assert.EndsWith("</table>", html, StringComparison.Ordinal);
        Assert.Contains(">% satisfied (4–5)</th><td style=\"text-align:right\">50.0</td>", html, StringComparison.Ordinal);
        Assert.Contains(">score 5</th><td style=\"text-align:right\">1</td>", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<table", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public void Nps_comparison_renders_both_scores_the_difference_and_the_z_test()
    {
        // NPS 30 (50/30/20) vs 10 (40/30/30): SE 7.81 and 8.31 points, SE of the difference √(61 + 69) = 11.40, z = 1.754, p = 0.0794.
        var comparison = Nps.Compare(Nps.From(NpsTally.FromCounts(50, 30, 20)), Nps.From(NpsTally.FromCounts(40, 30, 30)));
        string md = comparison.ToReport().ToMarkdown();
        Tests.Internal.RenderingAssert.WellFormed(md, comparison.ToReport().ToHtml());
        Assert.Contains("| first | 30.0 (n = 100) |\n| second | 10.0 (n = 100) |\n| difference (points) | +20.0 |", md, StringComparison.Ordinal);
        Assert.Contains($"| 95% CI (adjusted Wald) | [{comparison.Interval!.Value.Lower:0.0}, {comparison.Interval!.Value.Upper:0.0}] |", md, StringComparison.Ordinal);
        Assert.Contains("| standard error (points) | 11.40 |", md, StringComparison.Ordinal);
        Assert.Contains("| z | 1.754 |", md, StringComparison.Ordinal);
        Assert.Contains("| p (two-sided) | 0.0794 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Nps_comparison_with_an_empty_side_renders_dashes()
    {
        var comparison = Nps.Compare(Nps.From(NpsTally.FromCounts(5, 3, 2)), Nps.From(new NpsTally()));
        string md = comparison.ToReport().ToMarkdown();
        Tests.Internal.RenderingAssert.WellFormed(md, comparison.ToReport().ToHtml());
        Assert.Contains("| second | — (n = 0) |", md, StringComparison.Ordinal);
        Assert.Contains("| z | — |", md, StringComparison.Ordinal);
    }
}

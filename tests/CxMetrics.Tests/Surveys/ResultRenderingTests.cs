using CxMetrics.Surveys;

namespace CxMetrics.Tests.Surveys;

public class ResultRenderingTests
{
    [Fact]
    public void Nps_markdown_has_score_interval_and_groups()
    {
        var result = Nps.From(NpsTally.FromCounts(50, 30, 20));
        string md = result.ToMarkdown();
        Assert.StartsWith("| Net Promoter Score | |\n| --- | ---: |\n", md, StringComparison.Ordinal);
        Assert.Contains("| NPS | 30.0 |", md, StringComparison.Ordinal);
        Assert.Contains("| promoters (9–10) | 50 (50.0%) |", md, StringComparison.Ordinal);
        Assert.Contains("| detractors (0–6) | 20 (20.0%) |", md, StringComparison.Ordinal);
        Assert.Contains($"| 95% CI (adjusted Wald) | [{result.Interval!.Value.Lower:0.0}, {result.Interval!.Value.Upper:0.0}] |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_results_render_dashes_not_nan()
    {
        string md = Nps.From(new NpsTally()).ToMarkdown();
        Assert.Contains("| NPS | — |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", md, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", Csat.Of(ReadOnlySpan<int>.Empty).ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_html_is_one_escaped_table_with_the_histogram()
    {
        string html = Csat.Of([5, 4, 1, 3]).ToHtml();
        Assert.StartsWith("<table class=\"cxmetrics-result\"><caption>CSAT 1–5 (satisfied = 4–5)</caption>", html, StringComparison.Ordinal);
        Assert.EndsWith("</table>", html, StringComparison.Ordinal);
        Assert.Contains(">% satisfied (4–5)</th><td style=\"text-align:right\">50.0</td>", html, StringComparison.Ordinal);
        Assert.Contains(">score 5</th><td style=\"text-align:right\">1</td>", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<table", StringSplitOptions.None).Length - 1);
    }
}

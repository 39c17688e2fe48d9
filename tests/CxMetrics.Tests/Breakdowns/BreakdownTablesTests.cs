using CxMetrics.Breakdowns;
using CxMetrics.Surveys;
using CxMetrics.Tests.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Breakdowns;

public class BreakdownTablesTests
{
    [Fact]
    public void Breakdown_cells_render_key_n_small_cell_and_result()
    {
        IReadOnlyList<BreakdownCell<string, NpsResult>> cells =
        [
            new("DE", Nps.From(NpsTally.FromCounts(50, 30, 20)), 100, false),
            new("<fr|be>", Nps.From(NpsTally.FromCounts(2, 1, 1)), 4, true),
        ];
        string md = cells.ToReport("NPS by country").ToMarkdown();
        string html = cells.ToReport("NPS by country").ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.StartsWith("**NPS by country**\n\n| key | n | small cell | result |\n| --- | ---: | --- | --- |\n", md, StringComparison.Ordinal);
        Assert.Contains("| DE | 100 | no | NPS 30.0 (", md, StringComparison.Ordinal);
        Assert.Contains("| <fr\\|be> | 4 | yes |", md, StringComparison.Ordinal);
        Assert.Contains("&lt;fr|be&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_cells_render_the_period_and_the_change_or_a_dash()
    {
        var jan = CalendarPeriod.Containing(new LocalDate(2024, 1, 10), PeriodUnit.Month);
        IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> cells =
        [
            new(jan, Nps.From(NpsTally.FromCounts(5, 3, 2)), 10, true, null),
        ];
        string md = cells.ToReport("NPS by month").ToMarkdown();
        RenderingAssert.WellFormed(md, cells.ToReport().ToHtml());
        Assert.Contains("| period | n | small cell | result | change from previous |", md, StringComparison.Ordinal);
        Assert.Contains("| 2024-01 | 10 | yes | NPS 30.0", md, StringComparison.Ordinal);
        Assert.EndsWith("| — |\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_keys_and_results_are_invariant()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CxMetrics.Tests.Internal.ResultTableTests.CommaCulture();
            IReadOnlyList<BreakdownCell<double, double>> cells = [new(1.5, 0.25, 3, false)];
            Assert.Contains("| 1.5 | 3 | no | 0.25 |", cells.ToReport().ToMarkdown(), StringComparison.Ordinal);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Key_by_period_grid_renders_every_cell_totals_and_the_periods_without_data()
    {
        // Answers in January and March only: February is listed for both keys with n = 0 and named in the note.
        SurveyResponse At(string segment, int month, int score) => new($"{segment}-{month}-{score}", Instant.FromUtc(2024, month, 10, 12, 0), score) { Segment = segment };
        SurveyResponse[] responses = [At("<a&b>", 1, 10), At("<a&b>", 3, 0), At("DE", 1, 9), At("DE", 1, 7), At("DE", 3, 10)];
        var grid = Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month));
        string md = grid.ToReport("NPS by segment and month").ToMarkdown();
        string html = grid.ToReport("NPS by segment and month").ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.StartsWith("**NPS by segment and month**\n\n| key | period | n | small cell | result | change from previous |\n| --- | --- | ---: | --- | --- | --- |\n", md, StringComparison.Ordinal);
        Assert.Contains("| <a&b> | 2024-01 | 1 | yes | NPS 100.0 (", md, StringComparison.Ordinal);
        Assert.Contains("| DE | 2024-02 | 0 | yes | NPS: no estimate (n = 0: 0 promoters, 0 passives, 0 detractors) |", md, StringComparison.Ordinal);
        Assert.Contains("Totals over all periods: <a&b>: n = 2; DE: n = 3.", md, StringComparison.Ordinal);
        Assert.Contains("Periods without data in any key (listed with n = 0): 2024-02.", md, StringComparison.Ordinal);
        Assert.Contains("&lt;a&amp;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a&b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_replaces_characters_xml_forbids_so_the_fragment_stays_well_formed()
    {
        IReadOnlyList<BreakdownCell<string, NpsResult>> cells =
        [
            new("a\u0001b", Nps.From(NpsTally.FromCounts(5, 3, 2)), 10, true),
            new("c\uD800d\u0000", Nps.From(NpsTally.FromCounts(2, 1, 1)), 4, true),
        ];
        string html = cells.ToReport("NPS by \u0007segment").ToHtml();
        var parsed = System.Xml.Linq.XDocument.Parse(html);
        Assert.Contains("a\uFFFDb", parsed.Root!.Value, StringComparison.Ordinal);
        Assert.Contains("c\uFFFDd\uFFFD", parsed.Root.Value, StringComparison.Ordinal);
    }
}

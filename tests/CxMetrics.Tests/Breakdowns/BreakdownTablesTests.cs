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
        string md = cells.ToMarkdown("NPS by country");
        string html = cells.ToHtml("NPS by country");
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
        string md = cells.ToMarkdown("NPS by month");
        RenderingAssert.WellFormed(md, cells.ToHtml());
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
            Assert.Contains("| 1.5 | 3 | no | 0.25 |", cells.ToMarkdown(), StringComparison.Ordinal);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Surveys;

namespace CxMetrics.Charts.Tests;

public class NpsTrendChartTests
{
    [Fact]
    public void Each_answered_month_is_a_point_the_empty_month_is_a_labelled_gap_and_the_small_one_is_ringed()
    {
        var cells = ChartData.NpsMonths();
        Assert.Equal(6, cells.Count);
        Assert.Null(cells[3].Result.Score);
        var doc = SvgAssert.WellFormed(cells.ToSvg());
        string blue = Palette.SeriesColor(0);
        int points = doc.Descendants(SvgAssert.Ns + "ellipse").Count(e => string.Equals((string?)e.Attribute("fill"), blue, StringComparison.OrdinalIgnoreCase));
        Assert.True(points >= 5, $"{points} filled markers for 5 answered months");
        var texts = SvgAssert.Texts(doc);
        Assert.Single(texts, "no answers");
        Assert.Contains("small n (few answers)", texts);
        Assert.Contains("95% confidence band", texts);
        Assert.Contains("2025-04", texts);
        Assert.Contains("NPS in 5 of 6 periods", SvgAssert.Description(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(ChartData.NpsMonths().ToSvg(), ChartData.NpsMonths().ToSvg());
    }

    [Fact]
    public void No_periods_give_a_placeholder()
    {
        var doc = SvgAssert.WellFormed(Array.Empty<PeriodCell<NpsResult, NpsComparison>>().ToSvg());
        Assert.Contains("No periods: nothing to draw.", SvgAssert.Texts(doc));
    }

    [Fact]
    public void Custom_title_is_used_and_escaped()
    {
        var doc = SvgAssert.WellFormed(ChartData.NpsMonths().ToSvg(new ChartOptions { Title = "NPS <shop> & co" }));
        Assert.Equal("NPS <shop> & co", doc.Root!.Element(SvgAssert.Ns + "title")!.Value);
    }
}

using CxMetrics.Commerce;

namespace CxMetrics.Charts.Tests;

public class FunnelChartTests
{
    [Fact]
    public void One_bar_per_step_labelled_with_count_and_share_of_entered()
    {
        var doc = SvgAssert.WellFormed(ChartData.Funnel().ToSvg());
        Assert.Equal(4, SvgAssert.Filled(doc, Palette.SeriesColor(0)));
        var texts = SvgAssert.Texts(doc);
        foreach (string step in new[] { "view", "add to cart", "checkout", "purchase" })
        {
            Assert.Contains(step, texts);
        }

        Assert.Contains("1,000 (100.0%) · 42.0% go on", texts);
        Assert.Contains("95 (9.5%)", texts);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(ChartData.Funnel().ToSvg(), ChartData.Funnel().ToSvg());
    }

    [Fact]
    public void Funnel_nobody_entered_gives_a_placeholder()
    {
        var empty = Funnel.FromCounts([0, 0], names: ["cart", "order"]);
        Assert.Contains("Nobody entered the funnel yet.", SvgAssert.Texts(SvgAssert.WellFormed(empty.ToSvg())));
    }

    [Fact]
    public void A_title_and_step_names_with_characters_xml_forbids_still_give_well_formed_svg()
    {
        var funnel = Funnel.FromCounts([10, 5], names: ["cart\u0001\u001b[2J", "order\uD800"]);
        var doc = SvgAssert.WellFormed(funnel.ToSvg(new ChartOptions { Title = "Shop \u0001\u0000 funnel" }));
        Assert.Equal("Shop \uFFFD\uFFFD funnel", doc.Root!.Element(SvgAssert.Ns + "title")!.Value);
        Assert.DoesNotContain(doc.Descendants().SelectMany(e => e.Attributes().Select(a => a.Value).Append(e.Value)), v => v.Contains('\u0001', StringComparison.Ordinal));
    }
}

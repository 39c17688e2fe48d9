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
    public void Counts_in_the_labels_follow_the_small_cell_policy()
    {
        var funnel = Funnel.FromCounts([1000, 420, 180, 7], names: ["view", "add to cart", "checkout", "purchase"]);
        var flagged = SvgAssert.Texts(SvgAssert.WellFormed(funnel.ToSvg(new ChartOptions { Suppression = new Reporting.SuppressionOptions { MinimumCount = 10 } })));
        Assert.Contains(flagged, t => t.StartsWith("7* (", StringComparison.Ordinal));
        Assert.DoesNotContain(flagged, t => t.StartsWith("7 (", StringComparison.Ordinal));

        var rounded = SvgAssert.Texts(SvgAssert.WellFormed(funnel.ToSvg(new ChartOptions { Suppression = new Reporting.SuppressionOptions { Mode = Reporting.SuppressionMode.Round } })));
        Assert.Contains(rounded, t => t.StartsWith("5 (", StringComparison.Ordinal));
        Assert.Contains(SvgAssert.Texts(SvgAssert.WellFormed(funnel.ToSvg())), t => t.StartsWith("7 (", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1000, 420, 180, 95)]
    [InlineData(37, 20, 3, 1)]
    [InlineData(123_456, 98_000, 4_321, 17)]
    [InlineData(5, 5, 5, 5)]
    public void Count_axis_ends_within_one_readable_tick_of_the_largest_step(long a, long b, long c, long d)
    {
        var funnel = Funnel.FromCounts([a, b, c, d], names: ["view", "add to cart", "checkout", "purchase"]);
        var doc = SvgAssert.WellFormed(funnel.ToSvg());
        var ticks = SvgAssert.NumericTicks(doc);
        double step = ticks[1] - ticks[0];
        Assert.True(ChartCanvasTests.IsReadableStep(step), $"step {step}");
        Assert.Equal(0, ticks[0]);
        Assert.True(ticks[^1] >= a && ticks[^1] - step < a, $"axis ends at {ticks[^1]} for a largest step of {a} (tick {step})");
    }

    [Fact]
    public void Step_names_on_the_axis_are_the_core_step_names_in_order_with_one_label_each()
    {
        var funnel = ChartData.Funnel();
        var doc = SvgAssert.WellFormed(funnel.ToSvg());
        var names = funnel.Steps.Select(s => s.Name).ToList();
        var onAxis = doc.Descendants(SvgAssert.Ns + "text").Where(e => e.Attribute("class") is null).Select(e => e.Value.Trim()).Where(names.Contains).ToList();
        Assert.Equal(names, onAxis);
        var labels = SvgAssert.WithClass(doc, "cxm-step-label").Select(e => e.Value).ToList();
        Assert.Equal(funnel.Steps.Count, labels.Count);
        Assert.All(labels.Zip(funnel.Steps), p => Assert.StartsWith(p.Second.Reached.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (", p.First, StringComparison.Ordinal));
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

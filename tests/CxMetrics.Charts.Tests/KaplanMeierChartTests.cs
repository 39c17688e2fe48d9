using CxMetrics.Breakdowns;
using CxMetrics.Retention;

namespace CxMetrics.Charts.Tests;

public class KaplanMeierChartTests
{
    [Fact]
    public void Three_groups_draw_three_curves_each_with_its_band_in_its_own_colour()
    {
        var doc = SvgAssert.WellFormed(ChartData.Curves().ToSvg("months"));
        for (int i = 0; i < 3; i++)
        {
            string color = Palette.SeriesColor(i);
            Assert.True(SvgAssert.Stroked(doc, color) >= 2, $"curve {i} ({color}) and its legend line");
            Assert.True(SvgAssert.Filled(doc, color) >= 1, $"band {i} ({color})");
        }

        Assert.Equal(0, SvgAssert.Stroked(doc, Palette.SeriesColor(3)));
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("Time since start (months)", texts);
        Assert.Contains("100%", texts);
        Assert.Contains(texts, t => t.StartsWith("monthly (n = 21, median", StringComparison.Ordinal));
        Assert.Contains("95% confidence band", texts.Single(t => t.StartsWith("Survival", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_curve_gives_the_same_bytes_and_a_different_curve_different_ids()
    {
        string first = ChartData.Curve().ToSvg("months");
        string second = ChartData.Curve().ToSvg("months");
        Assert.Equal(first, second);
        string other = ChartData.Curve(3).ToSvg("months");
        Assert.NotEqual(first, other);
        string Id(string svg) => (string)SvgAssert.WellFormed(svg).Descendants(SvgAssert.Ns + "clipPath").First().Attribute("id")!;
        Assert.NotEqual(Id(first), Id(other));
    }

    [Fact]
    public void No_observations_give_a_placeholder_not_an_error()
    {
        var empty = KaplanMeier.Fit([], []);
        var doc = SvgAssert.WellFormed(empty.ToSvg());
        Assert.Contains("No observations yet: nothing to draw.", SvgAssert.Texts(doc));
        var none = Array.Empty<BreakdownCell<string, KaplanMeierResult>>();
        Assert.Contains("No observations yet: nothing to draw.", SvgAssert.Texts(SvgAssert.WellFormed(none.ToSvg())));
    }

    [Fact]
    public void Png_is_a_png()
    {
        byte[] png = ChartData.Curve().ToPng("months", new ChartOptions { Width = 400, Height = 250 });
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public void Bad_size_is_rejected_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ChartData.Curve().ToSvg(options: new ChartOptions { Width = 10 }));
        Assert.Contains("10 px", ex.Message, StringComparison.Ordinal);
    }
}

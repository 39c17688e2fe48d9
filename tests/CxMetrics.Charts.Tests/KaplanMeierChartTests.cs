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
        var ex = Assert.Throws<ArgumentOutOfRangeException>("Width", () => ChartData.Curve().ToSvg(options: new ChartOptions { Width = 10 }));
        Assert.Contains("10 px", ex.Message, StringComparison.Ordinal);
    }
}

public class KaplanMeierChartReadabilityTests
{
    [Fact]
    public void Each_curve_has_one_censoring_mark_per_distinct_censored_time()
    {
        var doc = SvgAssert.WellFormed(ChartData.Curves().ToSvg("months"));
        var marks = SvgAssert.WithClass(doc, "cxm-censored");
        for (int g = 0; g < 3; g++)
        {
            double[] times = ChartData.Times(4 * g);
            int censored = times.Where((_, i) => !ChartData.Events[i]).Distinct().Count();
            Assert.Equal(11, censored);
            Assert.Equal(censored, marks.Count(m => (string?)m.Attribute("stroke") == Palette.SeriesColor(g)));
        }

        Assert.Contains("censored (still active at that time)", SvgAssert.Texts(doc));
        Assert.True(SvgAssert.Filled(doc, "#777777") + SvgAssert.Stroked(doc, "#777777") >= 1, "the dotted 50% line (Skia writes dots as filled outlines)");
    }

    [Fact]
    public void Number_at_risk_under_the_axis_counts_the_observations_still_followed_at_each_tick()
    {
        var doc = SvgAssert.WellFormed(ChartData.Curves().ToSvg("months", new ChartOptions { Width = 900, Height = 520 }));
        var ticks = SvgAssert.NumericTicks(doc);
        Assert.True(ticks.Count >= 4, $"{ticks.Count} time ticks");
        double step = ticks[1] - ticks[0];
        Assert.True(ChartCanvasTests.IsReadableStep(step), $"tick step {step}");
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(step, p.Second - p.First, 9));
        Assert.Equal(0, ticks[0]);
        Assert.True(ticks[^1] <= 35 && ticks[^1] + step > 35, "ticks run to the last time, 35");

        var names = SvgAssert.WithClass(doc, "cxm-at-risk-name").Select(e => e.Value).ToList();
        Assert.Equal(["monthly", "yearly", "two-year"], names);
        var numbers = SvgAssert.WithClass(doc, "cxm-at-risk-n").Select(e => int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3 * ticks.Count, numbers.Count);
        for (int g = 0; g < 3; g++)
        {
            double[] times = ChartData.Times(4 * g);
            var result = ChartData.Curves()[g].Result;
            for (int k = 0; k < ticks.Count; k++)
            {
                int expected = times.Count(t => t >= ticks[k]);
                Assert.Equal(expected, numbers[(g * ticks.Count) + k]);
                Assert.Equal(expected, KaplanMeierChart.NumberAtRisk(result, ticks[k]));
            }
        }
    }

    [Fact]
    public void With_delayed_entry_the_numbers_at_risk_are_those_entered_and_not_yet_exited()
    {
        // (entry, exit, event): three enter late, at 4, 6 and 12; the ticks fall between their entries and the next exits.
        (double Entry, double Exit, bool Event)[] rows = [(0, 3, true), (0, 8, false), (4, 9, true), (6, 14, true), (0, 15, false), (12, 20, true), (0, 22, true), (0, 25, false)];
        var tally = new KaplanMeierTally();
        foreach (var (entry, exit, happened) in rows)
        {
            tally.Add(new SurvivalObservation(entry, exit, happened));
        }

        var result = KaplanMeier.From(tally);
        Assert.Equal([new KaplanMeierEntry(4, 1), new KaplanMeierEntry(6, 1), new KaplanMeierEntry(12, 1)], result.Entries);
        var doc = SvgAssert.WellFormed(result.ToSvg("days", new ChartOptions { Width = 900, Height = 520 }));
        var ticks = SvgAssert.NumericTicks(doc);
        var numbers = SvgAssert.WithClass(doc, "cxm-at-risk-n").Select(e => int.Parse(e.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ticks.Count, numbers.Count);
        for (int k = 0; k < ticks.Count; k++)
        {
            double t = ticks[k];
            int expected = rows.Count(r => (r.Entry == 0 || r.Entry < t) && r.Exit >= t);
            Assert.Equal(expected, numbers[k]);
            Assert.Equal(expected, result.NumberAtRisk(t));
        }

        // Between the entry at 4 and the exit at 8: the first step at or after 5 (t = 8) holds the one entering at 6 too.
        Assert.Equal(5, result.NumberAtRisk(5));
        Assert.Equal(6, result.StepAt(8)!.Value.AtRisk);
        Assert.Equal(3, SvgAssert.WithClass(doc, "cxm-censored").Count);
    }

    [Fact]
    public void A_chart_too_short_for_the_table_still_marks_censoring_but_has_no_table()
    {
        var doc = SvgAssert.WellFormed(ChartData.Curves().ToSvg("months", new ChartOptions { Height = 220 }));
        Assert.Empty(SvgAssert.WithClass(doc, "cxm-at-risk"));
        Assert.Equal(33, SvgAssert.WithClass(doc, "cxm-censored").Count);
    }
}

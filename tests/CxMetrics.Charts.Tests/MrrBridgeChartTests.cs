using System.Globalization;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Charts.Tests;

public class MrrBridgeChartTests
{
    [Fact]
    public void Bars_run_from_the_opening_to_the_closing_mrr_each_starting_where_the_last_ended()
    {
        var quarter = ChartExamples.Quarter();
        var steps = MrrBridgeChart.Steps(quarter);
        Assert.Equal(["opening MRR", "new", "expansion", "reactivation", "contraction", "churned", "closing MRR"], steps.Select(s => s.Name));
        Assert.Equal(12_400m, steps[0].To);
        Assert.Equal(quarter[^1].EndingMrr, steps[^1].To);
        for (int i = 1; i < 6; i++)
        {
            Assert.Equal(steps[i - 1].To, steps[i].From);
        }

        Assert.Equal(steps[^1].To, steps[5].To);
        Assert.Equal(quarter.Sum(p => p.NewMrr), steps[1].To - steps[1].From);
        Assert.Equal(-quarter.Sum(p => p.ChurnedMrr), steps[5].To - steps[5].From);

        var doc = SvgAssert.WellFormed(quarter.ToSvg());
        var labels = SvgAssert.WithClass(doc, "cxm-bridge-label").Select(e => e.Value).ToList();
        Assert.Equal(["12,400", "+5,000", "+1,560", "+290", "−760", "−2,970", "15,520"], labels);
        Assert.Equal(3, SvgAssert.Filled(doc, Palette.SeriesColor(2))); // gains
        Assert.Equal(2, SvgAssert.Filled(doc, Palette.SeriesColor(3))); // losses
        foreach (string name in new[] { "opening MRR", "new", "expansion", "reactivation", "contraction", "churned", "closing MRR", "MRR (EUR)" })
        {
            Assert.Contains(name, SvgAssert.Texts(doc));
        }
    }

    [FsCheck.Xunit.Property]
    public Property The_movements_add_up_from_opening_to_closing() =>
        Prop.ForAll(
            Gen.Choose(0, 1_000_000).ArrayOf(6).ToArbitrary(),
            v =>
            {
                decimal start = v[0] / 100m, added = v[1] / 100m, expansion = v[2] / 100m, reactivation = v[3] / 100m;
                decimal contraction = Math.Min(v[4] / 100m, start), churned = Math.Min(v[5] / 100m, start - contraction);
                var month = ChartExamples.Month(4, start, added, expansion, reactivation, contraction, churned);
                var steps = MrrBridgeChart.Steps([month]);
                decimal total = steps[0].To + steps.Skip(1).Take(5).Sum(s => s.To - s.From);
                return total == steps[^1].To && steps[^1].To == month.EndingMrr && SvgAssert.WithClass(SvgAssert.WellFormed(month.ToSvg()), "cxm-bridge-label").Count == 7;
            });

    [Fact]
    public void Periods_with_a_gap_are_rejected_and_none_give_a_placeholder()
    {
        var jan = ChartExamples.Month(1, 100m, 10m, 0m, 0m, 0m, 5m);
        var mar = ChartExamples.Month(3, jan.EndingMrr, 10m, 0m, 0m, 0m, 5m);
        var ex = Assert.Throws<ArgumentException>("periods", () => new[] { jan, mar }.ToSvg());
        Assert.Contains("consecutive", ex.Message, StringComparison.Ordinal);
        var doc = SvgAssert.WellFormed(Array.Empty<RevenueChurnResult>().ToSvg());
        Assert.Contains("No periods: nothing to draw.", SvgAssert.Texts(doc));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(ChartExamples.Quarter().ToSvg(), ChartExamples.Quarter().ToSvg());
    }
}

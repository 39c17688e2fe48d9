using CxMetrics.Lifetime;

namespace CxMetrics.Charts.Tests;

public class AliveHistogramChartTests
{
    private static readonly RfmData Customers = ChartData.Customers();
    private static readonly BetaGeoNbdModel Model = BetaGeoNbd.Fit(Customers);

    [Fact]
    public void Twenty_bars_whose_shares_sum_to_one()
    {
        var shares = AliveHistogramChart.Histogram(Model, Customers);
        Assert.Equal(AliveHistogramChart.Bins, shares.Length);
        Assert.Equal(1.0, shares.Sum(), 9);
        var doc = SvgAssert.WellFormed(Model.ToAliveHistogramSvg(Customers));
        Assert.Equal(AliveHistogramChart.Bins, SvgAssert.Filled(doc, Palette.SeriesColor(0)));
        Assert.Contains("P(alive) across 2,357 customers (BG/NBD)", SvgAssert.Texts(doc));
    }

    [Fact]
    public void Compressed_customers_give_the_same_histogram()
    {
        Assert.Equal(AliveHistogramChart.Histogram(Model, Customers), AliveHistogramChart.Histogram(Model, Customers.Compress()), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Model.ToAliveHistogramSvg(Customers), Model.ToAliveHistogramSvg(Customers));
    }

    [Fact]
    public void No_customers_give_a_placeholder()
    {
        var none = RfmData.Create([], [], []);
        Assert.Contains("No customers: nothing to draw.", SvgAssert.Texts(SvgAssert.WellFormed(Model.ToAliveHistogramSvg(none))));
    }
}

public class AliveHistogramOneTimeBuyersTests
{
    private static readonly RfmData Customers = ChartData.Customers();
    private static readonly BetaGeoNbdModel Model = BetaGeoNbd.Fit(Customers);

    [Fact]
    public void One_time_buyers_are_a_separate_panel_and_the_histogram_is_of_repeat_buyers_only()
    {
        int oneTime = 0;
        for (int i = 0; i < Customers.Count; i++)
        {
            oneTime += Customers.Frequency[i] == 0 ? 1 : 0;
        }

        Assert.True(oneTime > 1000, $"{oneTime} one-time buyers in CDNOW");
        var split = AliveHistogramChart.SplitByRepeat(Model, Customers);
        Assert.Equal(oneTime, split.OneTimeWeight);
        Assert.Equal(Customers.Count - oneTime, split.RepeatWeight);
        Assert.Equal(1.0, split.RepeatShares.Sum(), 9);
        Assert.Equal(1.0, split.OneTimeMin!.Value, 9); // BG/NBD: no repeat purchase, no drop-out seen

        var doc = SvgAssert.WellFormed(Model.ToAliveHistogramSvg(Customers));
        var panel = Assert.Single(SvgAssert.WithClass(doc, "cxm-one-time"));
        Assert.Equal($"{oneTime.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} customers", SvgAssert.WithClass(doc, "cxm-one-time-count").Single().Value);
        Assert.Equal(AliveHistogramChart.Bins, SvgAssert.Filled(doc, Palette.SeriesColor(0)));
        Assert.Contains("Repeat buyers (%)", SvgAssert.Texts(doc));
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(3)) >= 1, "the median line is drawn");

        // The y axis is scaled to the repeat buyers: its top tick is near their largest bin, not near the one-time spike.
        double topTick = SvgAssert.Texts(doc).Where(t => t.EndsWith('%') && char.IsDigit(t[0]) && !t.Contains(' ', StringComparison.Ordinal))
            .Select(t => double.Parse(t.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).Max();
        Assert.True(topTick <= split.RepeatShares.Max() * 110, $"top tick {topTick}% for a largest repeat bin of {split.RepeatShares.Max() * 100:0.0}%");
    }

    [Fact]
    public void Pareto_one_time_buyers_report_their_spread_of_p_alive()
    {
        var pareto = ParetoNbd.Fit(Customers);
        var split = AliveHistogramChart.SplitByRepeat(pareto, Customers);
        Assert.True(split.OneTimeMax - split.OneTimeMin > 0.01);
        var doc = SvgAssert.WellFormed(pareto.ToAliveHistogramSvg(Customers));
        Assert.Contains(SvgAssert.Texts(doc), t => t.StartsWith("P(alive): median ", StringComparison.Ordinal));
    }
}

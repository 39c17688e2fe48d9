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

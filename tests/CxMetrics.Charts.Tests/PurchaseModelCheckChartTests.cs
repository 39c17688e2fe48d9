using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Charts.Tests;

/// <summary>The charts of the purchase-model checks: histogram, tracking, frequency × recency and one customer's P(alive) history.</summary>
public class PurchaseModelCheckChartTests
{
    private static readonly CustomerBaseSummary Cdnow = ChartData.CdnowWithHoldout();
    private static readonly BetaGeoNbdModel Model = BetaGeoNbd.Fit(Cdnow.ToRfmData());

    [Fact]
    public void Histogram_draws_observed_and_expected_bars_per_bin()
    {
        var histogram = RepeatPurchaseHistogram.Of(Cdnow, Model);
        var doc = SvgAssert.WellFormed(histogram.ToSvg());
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("7+", texts);
        Assert.Contains("observed", texts);
        Assert.Equal(8, SvgAssert.Filled(doc, Palette.SeriesColor(1)) - 1); // eight bars and the legend swatch
        Assert.Equal(8, SvgAssert.Filled(doc, Palette.SeriesColor(0)) - 1);
        Assert.Contains("over 2,357 customers", SvgAssert.Description(doc), StringComparison.Ordinal);
        Assert.NotEmpty(histogram.ToPng());
    }

    [Fact]
    public void Tracking_draws_both_lines_and_marks_the_calibration_end()
    {
        var tracking = PurchaseTracking.Of(ChartData.CdnowOrders(), DateTimeZone.Utc, Model, Cdnow.Options);
        foreach (bool cumulative in new[] { false, true })
        {
            var doc = SvgAssert.WellFormed(tracking.ToSvg(cumulative));
            var texts = SvgAssert.Texts(doc);
            Assert.Contains("actual", texts);
            Assert.Contains("calibration end (1997-09-30)", texts);
            Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(0)) >= 1);
            Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(1)) >= 1);
            Assert.Contains($"actual {tracking.ActualPurchases:N0}", SvgAssert.Description(doc), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Frequency_recency_heat_map_has_one_cell_per_grid_point()
    {
        var matrix = FrequencyRecencyMatrix.Of(Model, 4, 9.5);
        var doc = SvgAssert.WellFormed(matrix.ToSvg());
        Assert.Contains("5 frequencies × 10 recencies", SvgAssert.Description(doc), StringComparison.Ordinal);
        Assert.Contains("P(alive)", doc.Root!.Element(SvgAssert.Ns + "title")?.Value ?? string.Join(" ", SvgAssert.Texts(doc)), StringComparison.Ordinal);
        var expected = SvgAssert.WellFormed(matrix.ToSvg(probabilityAlive: false));
        Assert.Contains("expected purchases", SvgAssert.Description(expected), StringComparison.Ordinal);
        // The x = 0 row is flat: all its cells have the same colour.
        Assert.Equal(Palette.Sequential(matrix.ProbabilityAlive[0][0]), Palette.Sequential(matrix.ProbabilityAlive[0][^1]));
        Assert.True(SvgAssert.Filled(doc, Palette.Sequential(1)) >= 1);
    }

    [Fact]
    public void Alive_history_marks_each_purchase_day()
    {
        Instant[] purchases = [Instant.FromUtc(1997, 1, 1, 9, 0), Instant.FromUtc(1997, 2, 1, 9, 0), Instant.FromUtc(1997, 6, 1, 9, 0)];
        var history = AliveHistory.Of(purchases, Model, DateTimeZone.Utc, Cdnow.Options);
        var doc = SvgAssert.WellFormed(history.ToSvg());
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("purchase", texts);
        Assert.Contains("calibration end (1997-09-30)", texts);
        Assert.Contains("3 purchase days", SvgAssert.Description(doc), StringComparison.Ordinal);
        Assert.NotEmpty(history.ToPng());
    }
}

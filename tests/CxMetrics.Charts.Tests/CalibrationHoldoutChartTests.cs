using System.Globalization;
using CxMetrics.Lifetime;

namespace CxMetrics.Charts.Tests;

public class CalibrationHoldoutChartTests
{
    private static readonly CustomerBaseSummary Cdnow = ChartData.CdnowWithHoldout();
    private static readonly BetaGeoNbdModel Model = BetaGeoNbd.Fit(Cdnow.ToRfmData());
    private static readonly CalibrationHoldoutResult Check = CalibrationHoldout.Of(Cdnow, Model);

    [Fact]
    public void Chart_draws_both_series_over_the_frequency_groups()
    {
        var doc = SvgAssert.WellFormed(Check.ToSvg());
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("7+", texts);
        Assert.Contains("actual", texts);
        Assert.Contains("model expects", texts);
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(0)) >= 1);
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(1)) >= 1);
        Assert.Contains($"over {Cdnow.Customers.Count:N0} customers", SvgAssert.Description(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_shows_the_bins_of_the_result_it_draws()
    {
        // The group sizes in the description are the table's, bin by bin, also for another last bin.
        var check = CalibrationHoldout.Of(Cdnow, Model, lastBin: 4);
        string description = SvgAssert.Description(SvgAssert.WellFormed(check.ToSvg()));
        string sizes = string.Join(", ", check.Bins.Select(b => b.Customers.ToString("N0", CultureInfo.InvariantCulture)));
        Assert.Contains($"x = 0…4+: {sizes}.", description, StringComparison.Ordinal);
        Assert.Contains("4+", SvgAssert.Texts(SvgAssert.WellFormed(check.ToSvg())));
        Assert.Equal(Cdnow.Customers.Count, check.Customers);
    }

    [Fact]
    public void A_result_without_customers_gives_a_placeholder()
    {
        var empty = Check with { Bins = [.. Check.Bins.Select(b => b with { Customers = 0, ActualPurchases = 0, ExpectedPurchases = 0 })] };
        var doc = SvgAssert.WellFormed(empty.ToSvg());
        Assert.Equal("No customers.", SvgAssert.Description(doc));
    }
}

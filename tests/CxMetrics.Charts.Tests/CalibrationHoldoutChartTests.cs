using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Charts.Tests;

public class CalibrationHoldoutChartTests
{
    private static readonly CustomerBaseSummary Cdnow = ChartData.CdnowWithHoldout();
    private static readonly BetaGeoNbdModel Model = BetaGeoNbd.Fit(Cdnow.ToRfmData());

    [Fact]
    public void Groups_hold_every_customer_with_the_mean_actual_and_expected_holdout_purchases()
    {
        var groups = CalibrationHoldoutChart.Groups(Model, Cdnow);
        Assert.Equal(CalibrationHoldoutChart.LastGroup + 1, groups.Length);
        Assert.Equal(Cdnow.Customers.Count, groups.Sum(g => g.Customers));
        double t = 273 / 7.0; // 1997-09-30 to 1998-06-30
        foreach (var g in groups)
        {
            var members = Cdnow.Customers.Where(c => g.Frequency == CalibrationHoldoutChart.LastGroup ? c.Frequency >= g.Frequency : c.Frequency == g.Frequency).ToList();
            Assert.Equal(members.Count, g.Customers);
            Assert.Equal(members.Average(c => (double)c.HoldoutFrequency!.Value), g.Actual!.Value, 9);
            Assert.Equal(members.Average(c => Model.ConditionalExpectedPurchases(t, c.Frequency, c.Recency, c.Age)), g.Expected!.Value, 9);
        }

        // The model tracks the holdout: the expected total is within 15% of the actual one (Fader, Hardie & Lee's fig. 4).
        double actual = groups.Sum(g => g.Actual!.Value * g.Customers), expected = groups.Sum(g => g.Expected!.Value * g.Customers);
        Assert.InRange(expected / actual, 0.85, 1.15);
    }

    [Fact]
    public void Chart_draws_both_series_over_the_frequency_groups()
    {
        var doc = SvgAssert.WellFormed(Model.ToCalibrationHoldoutSvg(Cdnow));
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("7+", texts);
        Assert.Contains("actual", texts);
        Assert.Contains("model expects", texts);
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(0)) >= 1);
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(1)) >= 1);
        Assert.Contains($"over {Cdnow.Customers.Count:N0} customers", SvgAssert.Description(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_without_a_holdout_is_rejected()
    {
        var noHoldout = Cdnow with { Options = Cdnow.Options with { HoldoutEnd = null } };
        var ex = Assert.Throws<ArgumentException>("summary", () => Model.ToCalibrationHoldoutSvg(noHoldout));
        Assert.Contains("no holdout", ex.Message, StringComparison.Ordinal);
    }
}

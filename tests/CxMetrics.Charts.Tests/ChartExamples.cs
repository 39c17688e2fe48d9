using CxMetrics.Lifetime;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Charts.Tests;

/// <summary>
/// The rendered examples of docs/charts.md: every one must be well-formed SVG; with CXMETRICS_CHART_EXAMPLES set to a
/// folder they are also written there (docs/images is refreshed that way).
/// </summary>
public class ChartExamples
{
    public static RevenueChurnResult Month(int month, decimal start, decimal added, decimal expansion, decimal reactivation, decimal contraction, decimal churned) => new()
    {
        Period = new Interval(Instant.FromUtc(2025, month, 1, 0, 0), Instant.FromUtc(2025, month + 1, 1, 0, 0)),
        Currency = "EUR",
        StartingMrr = start,
        NewMrr = added,
        ExpansionMrr = expansion,
        ReactivationMrr = reactivation,
        ContractionMrr = contraction,
        ChurnedMrr = churned,
        EndingMrr = start + added + expansion + reactivation - contraction - churned,
        GrossMrrChurnRate = null,
        NetMrrChurnRate = null,
        StartingPayingCustomers = 0,
        EndingPayingCustomers = 0,
        GrossRevenueRetention = null,
        NetRevenueRetention = null,
    };

    public static IReadOnlyList<RevenueChurnResult> Quarter()
    {
        var jan = Month(1, 12_400m, 1_850m, 620m, 140m, 310m, 980m);
        var feb = Month(2, jan.EndingMrr, 1_420m, 410m, 90m, 260m, 1_120m);
        var mar = Month(3, feb.EndingMrr, 1_730m, 530m, 60m, 190m, 870m);
        return [jan, feb, mar];
    }

    [Fact]
    public void Png_twins_have_the_requested_size()
    {
        var cdnow = ChartData.CdnowWithHoldout();
        var rfm = cdnow.ToRfmData();
        var bg = BetaGeoNbd.Fit(rfm);
        var options = new ChartOptions { Width = 640, Height = 360 };
        foreach (byte[] png in new[]
        {
            ChartData.Curves().ToPng("months", options), ChartData.Cohorts().ToPng(options), ChartData.Funnel().ToPng(options),
            bg.ToAliveHistogramPng(rfm, options), Quarter().ToPng(options), CalibrationHoldout.Of(cdnow, bg).ToPng(options),
        })
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
            int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
            Assert.Equal((640, 360), (width, height));
        }
    }

    [Fact]
    public void Examples_are_well_formed_and_written_on_request()
    {
        var cdnow = ChartData.CdnowWithHoldout();
        var rfm = cdnow.ToRfmData();
        var bg = BetaGeoNbd.Fit(rfm);
        var examples = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kaplan-meier"] = ChartData.Curves().ToSvg("months"),
            ["cohort-heatmap"] = ChartData.Cohorts().ToSvg(),
            ["funnel"] = ChartData.Funnel().ToSvg(),
            ["alive"] = bg.ToAliveHistogramSvg(rfm),
            ["mrr-bridge"] = Quarter().ToSvg(),
            ["calibration-holdout"] = CalibrationHoldout.Of(cdnow, bg).ToSvg(),
        };
        string? folder = Environment.GetEnvironmentVariable("CXMETRICS_CHART_EXAMPLES");
        foreach (var (name, svg) in examples)
        {
            SvgAssert.WellFormed(svg);
            if (!string.IsNullOrEmpty(folder))
            {
                File.WriteAllText(Path.Combine(folder, $"chart-{name}.svg"), svg);
            }
        }
    }
}

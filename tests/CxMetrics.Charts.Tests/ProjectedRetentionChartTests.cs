using CxMetrics.Retention;

namespace CxMetrics.Charts.Tests;

public class ProjectedRetentionChartTests
{
    // Fader & Hardie (2007), "regular" customers: 1000 at the start, survivors after years 1–7.
    private static readonly ShiftedBetaGeometricModel Model = ShiftedBetaGeometric.Fit(1000, [631, 468, 382, 326, 289, 262, 241]);
    private static readonly double[] Observed = [0.631, 0.468, 0.382, 0.326, 0.289, 0.262, 0.241];

    [Fact]
    public void Projection_and_observed_points_are_both_drawn()
    {
        var doc = SvgAssert.WellFormed(Model.ToSvg(12, Observed, "years"));
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(0)) >= 1);
        Assert.True(SvgAssert.Filled(doc, Palette.SeriesColor(1)) >= Observed.Length);
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("observed", texts);
        Assert.Contains("Periods since start (years)", texts);
    }

    [Fact]
    public void Output_is_deterministic_and_bad_observations_are_rejected()
    {
        Assert.Equal(Model.ToSvg(12, Observed), Model.ToSvg(12, Observed));
        var ex = Assert.Throws<ArgumentOutOfRangeException>("observedSurvival", () => Model.ToSvg(12, [0.5, 1.5]));
        Assert.Contains("1.5 after period 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("periods", () => Model.ToSvg(0));
    }
}

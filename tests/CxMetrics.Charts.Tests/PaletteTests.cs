namespace CxMetrics.Charts.Tests;

public class PaletteTests
{
    [Fact]
    public void Sequential_scale_runs_from_viridis_purple_to_yellow()
    {
        Assert.Equal("#440154", Palette.Sequential(0));
        Assert.Equal("#FDE725", Palette.Sequential(1));
        Assert.Equal("#440154", Palette.Sequential(-3));
        Assert.Equal("#FDE725", Palette.Sequential(double.PositiveInfinity));
    }

    [Fact]
    public void Series_colours_cycle_and_dark_backgrounds_get_light_text()
    {
        Assert.Equal(Palette.Series[0], Palette.SeriesColor(Palette.Series.Count));
        Assert.True(Palette.NeedsLightText("#440154"));
        Assert.False(Palette.NeedsLightText("#FDE725"));
    }
}

using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Charts.Tests;

public class CohortHeatmapChartTests
{
    [Fact]
    public void Every_cell_is_drawn_and_unobservable_cells_are_grey_not_zero()
    {
        var matrix = ChartData.Cohorts();
        int rows = matrix.Cohorts.Count, columns = matrix.Columns - 1;
        int unobservable = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 1; k <= columns; k++)
            {
                unobservable += matrix.Active[r][k] is null ? 1 : 0;
            }
        }

        Assert.True(unobservable > 0);
        var doc = SvgAssert.WellFormed(matrix.ToSvg());
        Assert.Equal(unobservable + 1, SvgAssert.Filled(doc, Palette.Unobservable)); // + its legend swatch
        int observed = rows * columns - unobservable;
        var labels = SvgAssert.Texts(doc).Where(t => t.EndsWith('%')).ToList();
        Assert.Equal(observed + 3, labels.Count); // cell labels + the three colour-key entries
        Assert.Contains("not yet observable", SvgAssert.Texts(doc));
        Assert.Contains($"{rows} cohorts × {columns} offsets: {observed} observed cells, {unobservable} not yet observable", SvgAssert.Description(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(ChartData.Cohorts().ToSvg(), ChartData.Cohorts().ToSvg());
    }

    [Fact]
    public void No_orders_give_a_placeholder()
    {
        var empty = CohortMatrix.Of([], new CohortOptions { Period = Time.PeriodUnit.Month, Zone = DateTimeZone.Utc }, Instant.FromUtc(2025, 1, 1, 0, 0));
        Assert.Contains("No cohorts: nothing to draw.", SvgAssert.Texts(SvgAssert.WellFormed(empty.ToSvg())));
    }
}

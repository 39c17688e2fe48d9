using CxMetrics.Time;
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
        int barLabels = SvgAssert.WithClass(doc, "cxm-colour-bar-label").Count;
        var labels = SvgAssert.Texts(doc).Where(t => t.EndsWith('%')).ToList();
        Assert.Equal(observed + barLabels, labels.Count); // cell labels + the colour bar's
        Assert.Contains("not yet observable", SvgAssert.Texts(doc));
        Assert.Contains($"{rows} cohorts × {columns} offsets: {observed} observed cells, {unobservable} not yet observable", SvgAssert.Description(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_bar_is_a_continuous_viridis_gradient_labelled_at_readable_steps_in_the_cells_one_format()
    {
        var matrix = ChartData.Cohorts();
        var doc = SvgAssert.WellFormed(matrix.ToSvg());
        var bar = Assert.Single(SvgAssert.WithClass(doc, "cxm-colour-bar"));
        var gradient = Assert.Single(bar.Descendants(SvgAssert.Ns + "linearGradient"));
        var stops = gradient.Elements(SvgAssert.Ns + "stop").ToList();
        Assert.True(stops.Count >= 5, $"{stops.Count} gradient stops");
        Assert.Equal(Palette.Sequential(0), (string?)stops[0].Attribute("stop-color"));
        Assert.Equal(Palette.Sequential(1), (string?)stops[^1].Attribute("stop-color"));
        string id = (string)gradient.Attribute("id")!;
        Assert.Contains(bar.Descendants(SvgAssert.Ns + "rect"), r => (string?)r.Attribute("fill") == $"url(#{id})");

        var barLabels = SvgAssert.WithClass(doc, "cxm-colour-bar-label").Select(e => e.Value).ToList();
        Assert.True(barLabels.Count >= 3, string.Join(" ", barLabels));
        var values = barLabels.Select(l => double.Parse(l.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, values[0]);
        Assert.True(ChartCanvasTests.IsReadableStep(values[1] - values[0]), string.Join(" ", barLabels));

        double max = 0;
        for (int r = 0; r < matrix.Cohorts.Count; r++)
        {
            for (int k = 1; k < matrix.Columns; k++)
            {
                max = Math.Max(max, matrix.Retention(r, k) ?? 0);
            }
        }

        Assert.True(values[^1] <= max * 100 + 1e-9, $"top label {values[^1]} is within the largest share {max * 100}");

        // One percentage format: every percentage on the chart has the same number of decimals.
        var decimals = SvgAssert.Texts(doc).Where(t => t.EndsWith('%') && char.IsDigit(t[0]))
            .Select(t => t.Contains('.', StringComparison.Ordinal) ? t.Length - t.IndexOf('.', StringComparison.Ordinal) - 2 : 0)
            .Distinct().ToList();
        Assert.Single(decimals);
    }

    [Fact]
    public void Shares_on_both_sides_of_ten_percent_share_one_format()
    {
        // One cohort of 20: 3 order again in month +1 (15%), 1 in month +2 (5%).
        var zone = NodaTime.DateTimeZone.Utc;
        var orders = new List<Commerce.Order>();
        for (int c = 0; c < 20; c++)
        {
            orders.Add(new Commerce.Order($"c{c}", Instant.FromUtc(2025, 1, 5, 12, 0), 10m, "EUR") { Id = $"a{c}" });
            if (c < 3)
            {
                orders.Add(new Commerce.Order($"c{c}", Instant.FromUtc(2025, 2, 5, 12, 0), 10m, "EUR") { Id = $"b{c}" });
            }

            if (c < 1)
            {
                orders.Add(new Commerce.Order($"c{c}", Instant.FromUtc(2025, 3, 5, 12, 0), 10m, "EUR") { Id = $"d{c}" });
            }
        }

        var matrix = Cohorts.Of(orders, Instant.FromUtc(2025, 4, 15, 0, 0), new PeriodGrid(zone, Time.PeriodUnit.Month), CohortOptions.Default);
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(matrix.ToSvg()));
        Assert.Contains("15.0%", texts);
        Assert.Contains("5.0%", texts);
        Assert.All(texts.Where(t => t.EndsWith('%') && char.IsDigit(t[0])), t => Assert.Matches(@"^\d+\.\d%$", t));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(ChartData.Cohorts().ToSvg(), ChartData.Cohorts().ToSvg());
    }

    [Fact]
    public void No_orders_give_a_placeholder()
    {
        var empty = Cohorts.Of([], Instant.FromUtc(2025, 1, 1, 0, 0), new PeriodGrid(DateTimeZone.Utc, Time.PeriodUnit.Month), CohortOptions.Default);
        Assert.Contains("No cohorts: nothing to draw.", SvgAssert.Texts(SvgAssert.WellFormed(empty.ToSvg())));
    }
}

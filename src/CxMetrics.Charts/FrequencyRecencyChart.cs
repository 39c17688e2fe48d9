using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// A frequency × recency heat map (<see cref="FrequencyRecencyMatrixResult"/>): rows x (most repeat purchases on top),
/// columns t_x, each cell coloured on the viridis scale by P(alive) (0 to 1) or by expected purchases (0 to the largest
/// cell) — lifetimes' <c>plot_probability_alive_matrix</c> and <c>plot_frequency_recency_matrix</c>.
/// </summary>
public static class FrequencyRecencyChart
{
    /// <summary>The heat map as SVG.</summary>
    /// <param name="matrix">The matrices.</param>
    /// <param name="probabilityAlive">Colour by P(alive) (default) or by expected purchases.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this FrequencyRecencyMatrixResult matrix, bool probabilityAlive = true, ChartOptions? options = null) => Render(matrix, probabilityAlive, options, svg: true).Svg!;

    /// <summary>The heat map as PNG.</summary>
    /// <param name="matrix">The matrices.</param>
    /// <param name="probabilityAlive">Colour by P(alive) (default) or by expected purchases.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this FrequencyRecencyMatrixResult matrix, bool probabilityAlive = true, ChartOptions? options = null) => Render(matrix, probabilityAlive, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(FrequencyRecencyMatrixResult matrix, bool probabilityAlive, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= ChartOptions.Default;
        options.Validate();
        var values = probabilityAlive ? matrix.ProbabilityAlive : matrix.ExpectedPurchases;
        string horizon = matrix.Horizon.ToString("0.##", CultureInfo.InvariantCulture);
        string title = options.Title ?? (probabilityAlive
            ? $"P(alive) by frequency and recency at T = {matrix.Age.ToString("0.##", CultureInfo.InvariantCulture)} ({matrix.Model})"
            : $"Expected purchases in the next t = {horizon} by frequency and recency ({matrix.Model})");
        var plot = ChartCanvas.Create(title, "Recency t_x (time of the last purchase)", "Frequency x (repeat purchases)");
        int rows = values.Count, columns = matrix.Recencies.Count;
        double max = probabilityAlive ? 1 : Math.Max(values.Max(r => r.Max()), 1e-12);
        for (int x = 0; x < rows; x++)
        {
            for (int j = 0; j < columns; j++)
            {
                var rect = plot.Add.Rectangle(j - 0.5, j + 0.5, x - 0.5, x + 0.5);
                rect.FillColor = ChartCanvas.Color(Palette.Sequential(values[x][j] / max));
                rect.LineWidth = 0;
            }
        }

        int everyColumn = Math.Max(1, (int)Math.Ceiling(columns / 12.0));
        int everyRow = Math.Max(1, (int)Math.Ceiling(rows / 12.0));
        var columnTicks = Enumerable.Range(0, columns).Where(j => j % everyColumn == 0).ToArray();
        var rowTicks = Enumerable.Range(0, rows).Where(x => x % everyRow == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. columnTicks.Select(j => (double)j)], [.. columnTicks.Select(j => matrix.Recencies[j].ToString("0.##", CultureInfo.InvariantCulture))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. rowTicks.Select(x => (double)x)], [.. rowTicks.Select(x => x.ToString(CultureInfo.InvariantCulture))]);
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "0", FillColor = ChartCanvas.Color(Palette.Sequential(0)) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartCanvas.Tick(max / 2), FillColor = ChartCanvas.Color(Palette.Sequential(0.5)) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = ChartCanvas.Tick(max), FillColor = ChartCanvas.Color(Palette.Sequential(1)) });
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = 12;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{rows} frequencies × {columns} recencies at age T = {matrix.Age:0.##}; colour 0 to {max:0.###} ({(probabilityAlive ? "P(alive)" : "expected purchases in the next t = " + horizon)}).");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// One customer's P(alive) history (<see cref="AliveHistoryResult"/>): P(alive) on every day since the first purchase,
/// falling between purchases and jumping at each, with the purchase days and the calibration end marked — lifetimes'
/// <c>plot_history_alive</c>.
/// </summary>
public static class AliveHistoryChart
{
    /// <summary>The history as SVG.</summary>
    /// <param name="history">The history.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this AliveHistoryResult history, ChartOptions? options = null) => Render(history, options, svg: true).Svg!;

    /// <summary>The history as PNG.</summary>
    /// <param name="history">The history.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this AliveHistoryResult history, ChartOptions? options = null) => Render(history, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(AliveHistoryResult history, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= ChartOptions.Default;
        options.Validate();
        var points = history.Points;
        string title = options.Title ?? $"P(alive) history since the first purchase ({history.Model})";
        var plot = ChartCanvas.Create(title, "Days since the first purchase", "P(alive)");
        double[] days = [.. Enumerable.Range(0, points.Count).Select(d => (double)d)];
        var line = plot.Add.Scatter(days, points.Select(p => p.ProbabilityAlive).ToArray());
        line.Color = ChartCanvas.Color(Palette.SeriesColor(0));
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = "P(alive)";
        double[] purchaseDays = [.. Enumerable.Range(0, points.Count).Where(d => points[d].Purchased).Select(d => (double)d)];
        var marks = plot.Add.ScatterPoints(purchaseDays, [.. purchaseDays.Select(d => points[(int)d].ProbabilityAlive)]);
        marks.Color = ChartCanvas.Color(Palette.SeriesColor(1));
        marks.MarkerShape = MarkerShape.FilledDiamond;
        marks.MarkerSize = 9;
        marks.LegendText = "purchase";
        int calibrationEnd = NodaTime.Period.DaysBetween(points[0].Date, history.CalibrationEnd);
        if (calibrationEnd >= 0 && calibrationEnd < points.Count - 1)
        {
            var end = plot.Add.VerticalLine(calibrationEnd);
            end.LineColor = ChartCanvas.Color(Palette.Ink);
            end.LineWidth = 1;
            end.LinePattern = LinePattern.Dotted;
            end.LegendText = $"calibration end ({history.CalibrationEnd:yyyy-MM-dd})";
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0", "0.25", "0.5", "0.75", "1"]);
        plot.Axes.SetLimits(0, Math.Max(1, points.Count - 1), 0, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Legend.FontSize = 12;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"P(alive) on {points.Count:N0} days from {points[0].Date:yyyy-MM-dd} to {points[^1].Date:yyyy-MM-dd}; {purchaseDays.Length} purchase days; last value {history.Current:0.000}.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

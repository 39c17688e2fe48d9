using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The tracking plot of a purchase model (<see cref="PurchaseTrackingResult"/>): repeat purchases per period, actual and
/// expected, over calibration and holdout with the calibration end marked — Fader, Hardie &amp; Lee (2005) figs. 2 and 3
/// (weekly and cumulative), lifetimes' <c>plot_incremental_transactions</c> and <c>plot_cumulative_transactions</c>.
/// </summary>
public static class PurchaseTrackingChart
{
    /// <summary>The tracking plot as SVG.</summary>
    /// <param name="tracking">The tracking result.</param>
    /// <param name="cumulative">Cumulative purchases (fig. 3) instead of per period (fig. 2).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this PurchaseTrackingResult tracking, bool cumulative = false, ChartOptions? options = null) => Render(tracking, cumulative, options, svg: true).Svg!;

    /// <summary>The tracking plot as PNG.</summary>
    /// <param name="tracking">The tracking result.</param>
    /// <param name="cumulative">Cumulative purchases (fig. 3) instead of per period (fig. 2).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this PurchaseTrackingResult tracking, bool cumulative = false, ChartOptions? options = null) => Render(tracking, cumulative, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(PurchaseTrackingResult tracking, bool cumulative, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        options ??= ChartOptions.Default;
        options.Validate();
        string unit = tracking.TimeUnit.Name;
        string title = options.Title ?? (cumulative
            ? $"Cumulative repeat purchases, actual vs {tracking.Model}"
            : $"Repeat purchases per {unit}, actual vs {tracking.Model}");
        if (tracking.Periods.Count == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No periods: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No periods."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var plot = ChartCanvas.Create(title, $"{char.ToUpperInvariant(unit[0])}{unit[1..]}s since the first purchase", cumulative ? "Repeat purchases to date" : $"Repeat purchases per {unit}");
        double[] xs = [.. tracking.Periods.Select(p => (double)p.Index)];
        double[] actual = [.. tracking.Periods.Select(p => (double)(cumulative ? p.CumulativeActual : p.Actual))];
        double[] expected = [.. tracking.Periods.Select(p => cumulative ? p.CumulativeExpected : p.Expected)];
        var model = plot.Add.Scatter(xs, expected);
        model.Color = ChartCanvas.Color(Palette.SeriesColor(0));
        model.LineWidth = 2.5f;
        model.MarkerSize = 0;
        model.LegendText = $"{tracking.Model} expects";
        var seen = plot.Add.Scatter(xs, actual);
        seen.Color = ChartCanvas.Color(Palette.SeriesColor(1));
        seen.LineWidth = 2.5f;
        seen.MarkerSize = 0;
        seen.LegendText = "actual";
        int lastCalibration = tracking.Periods.LastOrDefault(p => !p.IsHoldout)?.Index ?? -1;
        if (lastCalibration >= 0 && lastCalibration < tracking.Periods[^1].Index)
        {
            var line = plot.Add.VerticalLine(lastCalibration + 0.5);
            line.LineColor = ChartCanvas.Color(Palette.Ink);
            line.LineWidth = 1;
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = $"calibration end ({tracking.CalibrationEnd:yyyy-MM-dd})";
        }

        double top = Math.Max(actual.Max(), expected.Max());
        double[] ticks = ChartCanvas.NiceTicks(top > 0 ? top * 1.1 : 1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.SetLimits(0, xs[^1], 0, (top > 0 ? top : 1) * 1.15);
        plot.ShowLegend(cumulative ? Alignment.UpperLeft : Alignment.UpperRight);
        plot.Legend.FontSize = 12;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{tracking.Periods.Count} {unit}s, {ChartCanvas.Count(tracking.Customers, options)} customers; repeat purchases actual {tracking.ActualPurchases:N0}, expected {tracking.ExpectedPurchases:N1}; calibration ends {tracking.CalibrationEnd:yyyy-MM-dd}.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

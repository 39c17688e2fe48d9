using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The period-transactions histogram (<see cref="RepeatPurchaseHistogramResult"/>): customers with 0, 1, …, k+ repeat
/// purchases in calibration, observed beside expected bars — Fader, Hardie &amp; Lee (2005) fig. 1, lifetimes'
/// <c>plot_period_transactions</c>.
/// </summary>
public static class RepeatPurchaseHistogramChart
{
    /// <summary>The histogram as SVG.</summary>
    /// <param name="histogram">The histogram.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this RepeatPurchaseHistogramResult histogram, ChartOptions? options = null) => Render(histogram, options, svg: true).Svg!;

    /// <summary>The histogram as PNG.</summary>
    /// <param name="histogram">The histogram.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this RepeatPurchaseHistogramResult histogram, ChartOptions? options = null) => Render(histogram, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(RepeatPurchaseHistogramResult histogram, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        options ??= ChartOptions.Default;
        options.Validate();
        string title = options.Title ?? $"Customers by repeat purchases in calibration: observed vs {histogram.Model}";
        if (histogram.Customers == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No customers: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No customers."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var plot = ChartCanvas.Create(title, "Repeat purchases in calibration (x)", "Customers");
        var bars = new List<Bar>();
        double top = 0;
        foreach (var bin in histogram.Bins)
        {
            bars.Add(new Bar { Position = bin.Frequency - 0.2, Value = bin.Observed, Size = 0.38, FillColor = ChartCanvas.Color(Palette.SeriesColor(1)), LineWidth = 0 });
            bars.Add(new Bar { Position = bin.Frequency + 0.2, Value = bin.Expected, Size = 0.38, FillColor = ChartCanvas.Color(Palette.SeriesColor(0)), LineWidth = 0 });
            top = Math.Max(top, Math.Max(bin.Observed, bin.Expected));
        }

        plot.Add.Bars(bars);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "observed", FillColor = ChartCanvas.Color(Palette.SeriesColor(1)) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"expected ({histogram.Model})", FillColor = ChartCanvas.Color(Palette.SeriesColor(0)) });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 12;
        double[] ticks = ChartCanvas.NiceTicks(top * 1.1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. histogram.Bins.Select(b => (double)b.Frequency)], [.. histogram.Bins.Select(b => b.Label)]);
        plot.Axes.SetLimits(-0.6, histogram.Bins.Count - 0.4, 0, top * 1.15);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"Observed and expected customers per repeat-purchase count over {ChartCanvas.Count(histogram.Customers, options)} customers; χ² = {histogram.ChiSquare:0.0}; bins {string.Join(", ", histogram.Bins.Select(b => $"{b.Label}: {ChartCanvas.Count(b.Observed, options)} vs {b.Expected:0.0}"))}.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

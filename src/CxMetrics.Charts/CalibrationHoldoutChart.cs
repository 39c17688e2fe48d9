using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The calibration/holdout check of a purchase model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way",
/// fig. 4) drawn from its result, <see cref="CalibrationHoldout.Of"/>: customers grouped by their calibration frequency
/// x = 0, 1, …, 6 and 7+ (or the result's last bin), and for each group the mean number of purchases actually made in the
/// holdout beside the mean the model expects, E[Y(t) | x, t_x, T] with t the holdout length.
/// </summary>
/// <remarks>The chart draws the result's bins and nothing else, so it always shows the numbers of the result's table.
/// A result without customers gives a placeholder.</remarks>
public static class CalibrationHoldoutChart
{
    /// <summary>Actual and expected holdout purchases by calibration frequency as SVG.</summary>
    /// <param name="check">The check (<see cref="CalibrationHoldout.Of"/>).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this CalibrationHoldoutResult check, ChartOptions? options = null) => Render(check, options, svg: true).Svg!;

    /// <summary>Actual and expected holdout purchases by calibration frequency as PNG.</summary>
    /// <param name="check">The check (<see cref="CalibrationHoldout.Of"/>).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this CalibrationHoldoutResult check, ChartOptions? options = null) => Render(check, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(CalibrationHoldoutResult check, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(check);
        var bins = check.Bins;
        options ??= ChartOptions.Default;
        options.Validate();
        double t = check.HoldoutLength;
        string unit = check.TimeUnit.Name;
        string length = string.Create(CultureInfo.InvariantCulture, $"{t:0.#} {unit}s");
        string title = options.Title ?? $"Holdout check: mean purchases in the {length} after calibration, actual vs model";
        int customers = check.Customers;
        if (customers == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No customers in calibration: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No customers."), null) : (null, ChartCanvas.Png(empty, options));
        }

        int lastBin = bins[^1].Frequency;
        var plot = ChartCanvas.Create(title, "Repeat purchases in calibration (x)", $"Mean purchases in holdout ({length})");
        var shown = bins.Where(b => b.Customers > 0).ToArray();
        double[] xs = [.. shown.Select(b => (double)b.Frequency)];
        var model = plot.Add.Scatter(xs, shown.Select(b => b.MeanExpected!.Value).ToArray());
        model.Color = ChartCanvas.Color(Palette.SeriesColor(0));
        model.LineWidth = 2.5f;
        model.MarkerSize = 7;
        model.LegendText = "model expects";
        var actual = plot.Add.Scatter(xs, shown.Select(b => b.MeanActual!.Value).ToArray());
        actual.Color = ChartCanvas.Color(Palette.SeriesColor(1));
        actual.LineWidth = 2.5f;
        actual.MarkerShape = MarkerShape.FilledDiamond;
        actual.MarkerSize = 9;
        actual.LegendText = "actual";
        double top = Math.Max(shown.Max(b => b.MeanActual!.Value), shown.Max(b => b.MeanExpected!.Value));
        double[] ticks = ChartCanvas.NiceTicks(top > 0 ? top * 1.1 : 1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. bins.Select(b => (double)b.Frequency)], [.. bins.Select(b => b.Label)]);
        plot.Axes.SetLimits(-0.3, lastBin + 0.3, 0, (top > 0 ? top : 1) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 12;
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"Mean holdout purchases by calibration frequency, actual vs expected, over {ChartCanvas.Count(customers, options)} customers; customers per group x = 0…{lastBin}+: {string.Join(", ", bins.Select(b => ChartCanvas.Count(b.Customers, options)))}.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

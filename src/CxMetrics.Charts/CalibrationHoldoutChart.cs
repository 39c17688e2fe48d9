using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The calibration/holdout check of a purchase model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way",
/// fig. 4): customers grouped by their calibration frequency x = 0, 1, …, 6 and 7+, and for each group the mean number of
/// purchases actually made in the holdout beside the mean the model expects, E[Y(t) | x, t_x, T] with t the holdout length.
/// </summary>
/// <remarks>The series are computed here from <see cref="IPurchaseModel.ConditionalExpectedPurchases"/> and the summary's
/// holdout counts (the core has no result for it). A summary without a holdout, or a fit that did not converge, is rejected
/// with an <see cref="ArgumentException"/>; a summary without customers gives a placeholder.</remarks>
public static class CalibrationHoldoutChart
{
    /// <summary>The last frequency group: customers with this many repeat purchases or more.</summary>
    public const int LastGroup = 7;

    /// <summary>Actual and expected holdout purchases by calibration frequency as SVG.</summary>
    /// <param name="model">A converged BG/NBD, MBG/NBD or Pareto/NBD fit on <paramref name="summary"/>'s calibration data.</param>
    /// <param name="summary">The customer base summary with a holdout.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToCalibrationHoldoutSvg(this IPurchaseModel model, CustomerBaseSummary summary, ChartOptions? options = null) =>
        Render(model, summary, options, svg: true).Svg!;

    /// <summary>Actual and expected holdout purchases by calibration frequency as PNG.</summary>
    /// <param name="model">A converged fit.</param>
    /// <param name="summary">The customer base summary with a holdout.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToCalibrationHoldoutPng(this IPurchaseModel model, CustomerBaseSummary summary, ChartOptions? options = null) =>
        Render(model, summary, options, svg: false).Png!;

    /// <summary>One frequency group: its customers and their mean actual and expected holdout purchases (null when empty).</summary>
    internal readonly record struct Group(int Frequency, int Customers, double? Actual, double? Expected);

    /// <summary>The holdout length in the summary's time unit.</summary>
    internal static double HoldoutLength(CustomerBaseSummary summary)
    {
        var end = summary.Options.HoldoutEnd ?? throw new ArgumentException($"the customer summary (calibration to {summary.Options.CalibrationEnd:yyyy-MM-dd}) has no holdout: there is nothing to check the model against.", nameof(summary));
        return summary.Options.TimeUnit.FromDays(NodaTime.Period.Between(summary.Options.CalibrationEnd, end, NodaTime.PeriodUnits.Days).Days);
    }

    /// <summary>The groups x = 0 … <see cref="LastGroup"/>+.</summary>
    internal static Group[] Groups(IPurchaseModel model, CustomerBaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        double t = HoldoutLength(summary);
        if (!model.Diagnostics.IsConverged)
        {
            throw new ArgumentException($"the purchase model's fit has status {model.Diagnostics.Status}, not converged: its expectations are not drawn.", nameof(model));
        }

        var count = new int[LastGroup + 1];
        var actual = new double[LastGroup + 1];
        var expected = new double[LastGroup + 1];
        foreach (var c in summary.Customers)
        {
            int g = Math.Min(c.Frequency, LastGroup);
            count[g]++;
            actual[g] += c.HoldoutFrequency ?? 0;
            expected[g] += model.ConditionalExpectedPurchases(t, c.Frequency, c.Recency, c.Age);
        }

        var groups = new Group[LastGroup + 1];
        for (int g = 0; g <= LastGroup; g++)
        {
            groups[g] = count[g] == 0 ? new(g, 0, null, null) : new(g, count[g], actual[g] / count[g], expected[g] / count[g]);
        }

        return groups;
    }

    private static (string? Svg, byte[]? Png) Render(IPurchaseModel model, CustomerBaseSummary summary, ChartOptions? options, bool svg)
    {
        var groups = Groups(model, summary);
        options ??= ChartOptions.Default;
        options.Validate();
        double t = HoldoutLength(summary);
        string unit = summary.Options.TimeUnit.Name;
        string length = string.Create(CultureInfo.InvariantCulture, $"{t:0.#} {unit}s");
        string title = options.Title ?? $"Holdout check: mean purchases in the {length} after calibration, actual vs model";
        if (summary.Customers.Count == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No customers in calibration: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No customers."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var plot = ChartCanvas.Create(title, "Repeat purchases in calibration (x)", $"Mean purchases in holdout ({length})");
        var shown = groups.Where(g => g.Customers > 0).ToArray();
        double[] xs = [.. shown.Select(g => (double)g.Frequency)];
        var model2 = plot.Add.Scatter(xs, shown.Select(g => g.Expected!.Value).ToArray());
        model2.Color = ChartCanvas.Color(Palette.SeriesColor(0));
        model2.LineWidth = 2.5f;
        model2.MarkerSize = 7;
        model2.LegendText = "model expects";
        var actual = plot.Add.Scatter(xs, shown.Select(g => g.Actual!.Value).ToArray());
        actual.Color = ChartCanvas.Color(Palette.SeriesColor(1));
        actual.LineWidth = 2.5f;
        actual.MarkerShape = MarkerShape.FilledDiamond;
        actual.MarkerSize = 9;
        actual.LegendText = "actual";
        double top = Math.Max(shown.Max(g => g.Actual!.Value), shown.Max(g => g.Expected!.Value));
        double[] ticks = ChartCanvas.NiceTicks(top > 0 ? top * 1.1 : 1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. groups.Select(g => (double)g.Frequency)],
            [.. groups.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Frequency}{(g.Frequency == LastGroup ? "+" : string.Empty)}"))]);
        plot.Axes.SetLimits(-0.3, LastGroup + 0.3, 0, (top > 0 ? top : 1) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 12;
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"Mean holdout purchases by calibration frequency, actual vs expected, over {ChartCanvas.Count(summary.Customers.Count, options)} customers; customers per group x = 0…{LastGroup}+: {string.Join(", ", groups.Select(g => ChartCanvas.Count(g.Customers, options)))}.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

using System.Globalization;
using CxMetrics.Retention;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The survival curve projected by a shifted-beta-geometric fit (Fader &amp; Hardie 2007, "How to project customer
/// retention", J. Interactive Marketing 21(1): S(t) = B(α, β + t)/B(α, β)), from period 0 to a horizon, optionally with the
/// observed survival the model was fitted to, so the fit and the extrapolation can be told apart.
/// </summary>
public static class ProjectedRetentionChart
{
    /// <summary>The projection as SVG.</summary>
    /// <param name="model">The fitted sBG model (a failed fit throws <see cref="InvalidOperationException"/>).</param>
    /// <param name="periods">The horizon in periods, 1–1000.</param>
    /// <param name="observedSurvival">Observed share still active after period 1, 2, … (each in [0, 1]); null for none.</param>
    /// <param name="periodUnit">What a period is, for the axis label (e.g. "years").</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this ShiftedBetaGeometricModel model, int periods, IReadOnlyList<double>? observedSurvival = null, string periodUnit = "periods", ChartOptions? options = null) =>
        Render(model, periods, observedSurvival, periodUnit, options, svg: true).Svg!;

    /// <summary>The projection as PNG.</summary>
    /// <param name="model">The fitted sBG model.</param>
    /// <param name="periods">The horizon in periods, 1–1000.</param>
    /// <param name="observedSurvival">Observed share still active after period 1, 2, …; null for none.</param>
    /// <param name="periodUnit">What a period is.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this ShiftedBetaGeometricModel model, int periods, IReadOnlyList<double>? observedSurvival = null, string periodUnit = "periods", ChartOptions? options = null) =>
        Render(model, periods, observedSurvival, periodUnit, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(ShiftedBetaGeometricModel model, int periods, IReadOnlyList<double>? observedSurvival, string periodUnit, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(periodUnit);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periods, 1000);
        options ??= ChartOptions.Default;
        options.Validate();
        var projected = model.ProjectedSurvival(periods);
        string title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"Projected survival, shifted-beta-geometric (α = {model.Alpha.Value:0.###}, β = {model.Beta.Value:0.###})");
        var plot = ChartCanvas.Create(title, $"Periods since start ({periodUnit})", "Still active (%)");
        var xs = new double[projected.Count];
        var ys = new double[projected.Count];
        for (int t = 0; t < projected.Count; t++)
        {
            xs[t] = t;
            ys[t] = projected[t] * 100;
        }

        var line = plot.Add.Scatter(xs, ys);
        line.Color = ChartCanvas.Color(Palette.SeriesColor(0));
        line.LineWidth = 2.5f;
        line.MarkerSize = periods <= 40 ? 5 : 0;
        line.LegendText = "sBG projection";
        int shown = 0;
        var observed = observedSurvival;
        if (observed is { Count: > 0 })
        {
            var ox = new double[observed.Count + 1];
            var oy = new double[observed.Count + 1];
            ox[0] = 0;
            oy[0] = 100;
            for (int t = 0; t < observed.Count; t++)
            {
                double s = observed[t];
                if (!(s is >= 0 and <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(observedSurvival), s, $"observed survival {s} after period {t + 1} is not a share in [0, 1].");
                }

                ox[t + 1] = t + 1;
                oy[t + 1] = s * 100;
            }

            var points = plot.Add.Scatter(ox, oy);
            points.Color = ChartCanvas.Color(Palette.SeriesColor(1));
            points.LineWidth = 0;
            points.MarkerSize = 9;
            points.MarkerShape = MarkerShape.FilledDiamond;
            points.LegendText = "observed";
            shown = observed.Count;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"]);
        plot.Axes.SetLimits(0, Math.Max(periods, shown), 0, 101);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 12;
        string description = string.Create(CultureInfo.InvariantCulture, $"sBG survival projected over {periods} {periodUnit}; {shown} observed points.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

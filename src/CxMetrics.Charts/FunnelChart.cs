using System.Globalization;
using CxMetrics.Commerce;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// A funnel as horizontal bars, first step on top: the units that reached each step, labelled with the count and the
/// share of the units that entered; units still pending at a step (inside the inactivity time-out) are drawn as a
/// grey segment at the end of that step's bar, never counted as lost.
/// </summary>
/// <remarks>A funnel without steps, or that nobody entered, gives a placeholder chart that says so.</remarks>
public static class FunnelChart
{
    /// <summary>The funnel as SVG.</summary>
    /// <param name="funnel">The funnel result.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this FunnelResult funnel, ChartOptions? options = null) => Render(funnel, options, svg: true).Svg!;

    /// <summary>The funnel as PNG.</summary>
    /// <param name="funnel">The funnel result.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this FunnelResult funnel, ChartOptions? options = null) => Render(funnel, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(FunnelResult funnel, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        options ??= ChartOptions.Default;
        options.Validate();
        string unit = funnel.Unit.ToString().ToLowerInvariant() + "s";
        string title = options.Title ?? $"Funnel ({funnel.Mode.ToString().ToLowerInvariant()}): {unit} reaching each step";
        Plot plot;
        string description;
        int n = funnel.Steps.Count;
        if (n == 0 || funnel.Entered == 0)
        {
            plot = ChartCanvas.Placeholder(title, n == 0 ? "The funnel has no steps." : "Nobody entered the funnel yet.");
            description = "No funnel bars.";
        }
        else
        {
            plot = ChartCanvas.Create(title, $"{char.ToUpperInvariant(unit[0])}{unit[1..]} reaching the step", string.Empty);
            double entered = funnel.Entered;
            var bars = new List<Bar>(n);
            var pending = new List<Bar>();
            var labels = new List<(string Text, long Reached, double Y)>(n);
            for (int i = 0; i < n; i++)
            {
                var step = funnel.Steps[i];
                double y = n - 1 - i;
                double decided = step.Reached - step.Pending;
                bars.Add(new Bar
                {
                    Position = y,
                    Value = decided,
                    FillColor = ChartCanvas.Color(Palette.SeriesColor(0)),
                    LineWidth = 0,
                    Size = 0.7,
                });
                if (step.Pending > 0)
                {
                    pending.Add(new Bar
                    {
                        Position = y,
                        ValueBase = decided,
                        Value = step.Reached,
                        FillColor = ChartCanvas.Color("#AAAAAA"),
                        LineWidth = 0,
                        Size = 0.7,
                    });
                }

                string label = string.Create(CultureInfo.InvariantCulture, $"{ChartCanvas.Count(step.Reached, options)} ({ChartCanvas.Percent(step.Reached / entered, "0.0")})");
                if (step.Completion.Value is { } completion)
                {
                    label += string.Create(CultureInfo.InvariantCulture, $" · {ChartCanvas.Percent(completion, "0.0")} go on");
                }

                labels.Add((label, step.Reached, y));
            }

            var main = plot.Add.Bars(bars);
            main.Horizontal = true;
            if (pending.Count > 0)
            {
                main.LegendText = "reached, decided";
            }

            if (pending.Count > 0)
            {
                var grey = plot.Add.Bars(pending);
                grey.Horizontal = true;
                grey.LegendText = "pending (inside time-out)";
                plot.ShowLegend(Alignment.LowerRight);
                plot.Legend.FontSize = 12;
            }

            var positions = new double[n];
            var names = new string[n];
            for (int i = 0; i < n; i++)
            {
                positions[i] = n - 1 - i;
                names[i] = funnel.Steps[i].Name;
            }

            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
            // The count axis ends at the first tick (1, 2 or 5 × 10^k steps) at or above the largest step count.
            double largest = funnel.Steps.Max(s => s.Reached);
            double tickStep = ChartCanvas.NiceStep(largest, Math.Max(3, (options.Width - 250) / 90));
            double axisMax = Math.Ceiling((largest / tickStep) - 1e-9) * tickStep;
            double[] ticks = [.. Enumerable.Range(0, (int)Math.Round(axisMax / tickStep) + 1).Select(i => Math.Round(i * tickStep, 10))];
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Right.MinimumSize = 30; // room for the last tick's label
            plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
            plot.Axes.SetLimits(0, axisMax, -0.6, n - 0.4);
            description = string.Create(CultureInfo.InvariantCulture, $"{n} funnel steps; {ChartCanvas.Count(entered, options)} {unit} entered, {ChartCanvas.Count(funnel.Completed, options)} reached the last step.");
            if (!svg)
            {
                return (null, ChartCanvas.Png(plot, options));
            }

            // Labels after rendering, where the bars' pixel ends are known: inside a bar long enough to hold it (white), else after it.
            string Overlay(Plot p)
            {
                var sb = new System.Text.StringBuilder();
                double right = p.GetPixel(new Coordinates(axisMax, 0)).X;
                foreach (var (text, reached, y) in labels)
                {
                    var start = p.GetPixel(new Coordinates(0, y));
                    double end = p.GetPixel(new Coordinates(reached, y)).X;
                    double width = text.Length * 7.0;
                    bool inside = end - start.X >= width + 12 || right - end < width + 8;
                    sb.Append(inside
                        ? ChartCanvas.Text(end - 6, start.Y + 4, text, "end", Palette.NeedsLightText(Palette.SeriesColor(0)) ? "#FFFFFF" : Palette.Ink, cssClass: "cxm-step-label")
                        : ChartCanvas.Text(end + 6, start.Y + 4, text, cssClass: "cxm-step-label"));
                }

                return sb.ToString();
            }

            return (ChartCanvas.Svg(plot, options, title, description, 0, 0, Overlay), null);
        }

        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

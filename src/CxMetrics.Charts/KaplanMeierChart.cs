using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Retention;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// Kaplan–Meier survival curves as step functions with their pointwise confidence band (the interval type of the fit),
/// one colour per group, the y axis in percent still active, a dotted 50% line where the median is read.
/// </summary>
/// <remarks>Each curve starts at 100% at time 0 and runs to its last observed time; the band ends where the curve reaches
/// 0 (the Greenwood interval is undefined there). A curve without observations is drawn as nothing, and when no curve has
/// observations the chart is a placeholder that says so (empty input is not an error).</remarks>
public static class KaplanMeierChart
{
    /// <summary>One curve with its band as SVG.</summary>
    /// <param name="result">The fitted curve.</param>
    /// <param name="timeUnit">What the times count, for the x-axis label (e.g. "months").</param>
    /// <param name="options">Size and title; <see cref="ChartOptions.Default"/> when null.</param>
    /// <returns>A standalone SVG document (UTF-8 text, no XML declaration).</returns>
    public static string ToSvg(this KaplanMeierResult result, string timeUnit = "time units", ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render([("all", result)], timeUnit, options, svg: true).Svg!;
    }

    /// <summary>Curves by group (e.g. from <see cref="KaplanMeier.By{TItem, TKey}"/>) with their bands, as SVG.</summary>
    /// <typeparam name="TKey">The group key; its text is the legend entry.</typeparam>
    /// <param name="curves">The curves.</param>
    /// <param name="timeUnit">What the times count, for the x-axis label (e.g. "months").</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg<TKey>(this IReadOnlyList<BreakdownCell<TKey, KaplanMeierResult>> curves, string timeUnit = "time units", ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        return Render(Groups(curves), timeUnit, options, svg: true).Svg!;
    }

    /// <summary>One curve with its band as PNG.</summary>
    /// <param name="result">The fitted curve.</param>
    /// <param name="timeUnit">What the times count.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this KaplanMeierResult result, string timeUnit = "time units", ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render([("all", result)], timeUnit, options, svg: false).Png!;
    }

    /// <summary>Curves by group with their bands as PNG.</summary>
    /// <typeparam name="TKey">The group key.</typeparam>
    /// <param name="curves">The curves.</param>
    /// <param name="timeUnit">What the times count.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng<TKey>(this IReadOnlyList<BreakdownCell<TKey, KaplanMeierResult>> curves, string timeUnit = "time units", ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        return Render(Groups(curves), timeUnit, options, svg: false).Png!;
    }

    private static List<(string Name, KaplanMeierResult Result)> Groups<TKey>(IReadOnlyList<BreakdownCell<TKey, KaplanMeierResult>> curves)
    {
        var groups = new List<(string, KaplanMeierResult)>(curves.Count);
        foreach (var cell in curves)
        {
            ArgumentNullException.ThrowIfNull(cell, nameof(curves));
            groups.Add((cell.Key?.ToString() ?? "(none)", cell.Result));
        }

        return groups;
    }

    private static (string? Svg, byte[]? Png) Render(List<(string Name, KaplanMeierResult Result)> curves, string timeUnit, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(timeUnit);
        options ??= ChartOptions.Default;
        options.Validate();
        double level = curves.Count == 0 ? 0.95 : curves[0].Result.ConfidenceLevel;
        string title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"Survival (Kaplan–Meier) with {level * 100:0.##}% confidence band");
        int drawn = 0;
        foreach (var (_, r) in curves)
        {
            drawn += r.Steps.Count > 0 ? 1 : 0;
        }

        Plot plot;
        string description;
        if (drawn == 0)
        {
            plot = ChartCanvas.Placeholder(title, "No observations yet: nothing to draw.");
            description = "No curve: there are no observations.";
            return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
        }

        plot = ChartCanvas.Create(title, $"Time since start ({timeUnit})", "Still active (%)");
        double maxTime = 0;
        int index = 0;
        int censoredTimes = 0;
        var shown = new List<(string Name, KaplanMeierResult Result, string Color)>();
        foreach (var (name, r) in curves)
        {
            if (r.Steps.Count == 0)
            {
                index++;
                continue;
            }

            string color = Palette.SeriesColor(index++);
            maxTime = Math.Max(maxTime, r.Steps[^1].Time);
            AddBand(plot, r, color);
            AddCurve(plot, r, color, curves.Count == 1 && name == "all" ? Legend("all", r, options) : Legend(name, r, options));
            shown.Add((name, r, color));
            censoredTimes += CensoredTimes(r).Count;
        }

        var half = plot.Add.HorizontalLine(50);
        half.LineColor = ChartCanvas.Color("#777777");
        half.LinePattern = LinePattern.Dotted;
        half.LineWidth = 1;
        if (censoredTimes > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "censored (still active at that time)",
                LineWidth = 0,
                MarkerShape = MarkerShape.Cross,
                MarkerSize = 8,
                MarkerLineColor = ChartCanvas.Color(Palette.Ink),
                MarkerColor = ChartCanvas.Color(Palette.Ink),
            });
        }

        // Time ticks at 1, 2 or 5 × 10^k, about one per 80 px of the data area.
        double upper = maxTime > 0 ? maxTime : 1;
        double[] ticks = ChartCanvas.NiceTicks(upper, Math.Max(3, (options.Width - 120) / 80));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.SetLimits(0, upper * 1.02, 0, 101);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"]);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Legend.FontSize = 12;
        description = string.Create(CultureInfo.InvariantCulture, $"{drawn} Kaplan–Meier curve(s) with {level * 100:0.##}% pointwise bands; x: {timeUnit}, y: percent still active; {censoredTimes} censoring mark(s).");

        int bottom = AtRiskRowHeight * (shown.Count + 1) + 10;
        bool table = options.Height - bottom >= 200;
        int nameWidth = 0;
        if (table)
        {
            description += " Number at risk under the axis.";
            nameWidth = Math.Min(170, 28 + (8 * shown.Max(c => Label(c.Name).Length)));
            plot.Axes.Left.MinimumSize = nameWidth;
        }
        else
        {
            bottom = 0;
        }

        if (!svg)
        {
            return (null, ChartCanvas.Png(plot, options)); // the PNG has no number-at-risk table and no censoring marks
        }

        string Overlay(Plot p)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var (_, r, color) in shown)
            {
                foreach (var step in CensoredTimes(r))
                {
                    var at = p.GetPixel(new Coordinates(step.Time, step.Survival * 100));
                    sb.Append(CultureInfo.InvariantCulture, $"<path class=\"cxm-censored\" d=\"M{at.X - 4:0.##} {at.Y:0.##}h8M{at.X:0.##} {at.Y - 4:0.##}v8\" stroke=\"{color}\" stroke-width=\"1.5\" fill=\"none\"/>");
                }
            }

            if (table)
            {
                double top = options.Height - bottom + AtRiskRowHeight;
                sb.Append("<g class=\"cxm-at-risk\">");
                sb.Append(ChartCanvas.Text(8, top, "Number at risk", bold: true, cssClass: "cxm-at-risk-title"));
                for (int g = 0; g < shown.Count; g++)
                {
                    var (name, r, color) = shown[g];
                    double y = top + (AtRiskRowHeight * (g + 1));
                    sb.Append(ChartCanvas.Text(8, y, Label(name), color: color, cssClass: "cxm-at-risk-name"));
                    foreach (double t in ticks)
                    {
                        double x = p.GetPixel(new Coordinates(t, 0)).X;
                        sb.Append(ChartCanvas.Text(x, y, ChartCanvas.Count(NumberAtRisk(r, t), options), "middle", color, cssClass: "cxm-at-risk-n"));
                    }
                }

                sb.Append("</g>");
            }

            return sb.ToString();
        }

        return (ChartCanvas.Svg(plot, options, title, description, 0, bottom, Overlay), null);
    }

    private const int AtRiskRowHeight = 18;

    private static string Label(string name) => name.Length <= 18 ? name : name[..17] + "…";

    /// <summary>
    /// The weight at risk at <paramref name="time"/> (<see cref="KaplanMeierResult.NumberAtRisk"/>): observed from before it
    /// and not yet exited — with delayed entry, those entered and not yet gone.
    /// </summary>
    internal static double NumberAtRisk(KaplanMeierResult result, double time) => result.NumberAtRisk(time);

    /// <summary>The steps at which some observation was censored: one mark each.</summary>
    internal static List<KaplanMeierStep> CensoredTimes(KaplanMeierResult result) => [.. result.Steps.Where(s => s.Censored > 0)];

    private static string Legend(string name, KaplanMeierResult r, ChartOptions options)
    {
        string median = r.Median is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "not reached";
        return string.Create(CultureInfo.InvariantCulture, $"{name} (n = {ChartCanvas.Count(r.Count, options)}, median {median})");
    }

    private static void AddCurve(Plot plot, KaplanMeierResult r, string color, string legend)
    {
        int n = r.Steps.Count;
        var xs = new double[n + 1];
        var ys = new double[n + 1];
        xs[0] = 0;
        ys[0] = 100;
        for (int i = 0; i < n; i++)
        {
            xs[i + 1] = r.Steps[i].Time;
            ys[i + 1] = r.Steps[i].Survival * 100;
        }

        var line = plot.Add.Scatter(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.Color = ChartCanvas.Color(color);
        line.LineWidth = 2.5f;
        line.MarkerSize = 0;
        line.LegendText = legend;
    }

    /// <summary>The band as one polygon: the upper step function forward, the lower one back.</summary>
    private static void AddBand(Plot plot, KaplanMeierResult r, string color)
    {
        var upper = new List<Coordinates> { new(0, 100) };
        var lower = new List<Coordinates> { new(0, 100) };
        double lastUpper = 100, lastLower = 100;
        double end = r.Steps[^1].Time;
        for (int i = 0; i < r.Steps.Count; i++)
        {
            var step = r.Steps[i];
            if (step.Interval is not { } ci)
            {
                end = step.Time;
                break;
            }

            upper.Add(new Coordinates(step.Time, lastUpper));
            lower.Add(new Coordinates(step.Time, lastLower));
            lastUpper = ci.Upper * 100;
            lastLower = ci.Lower * 100;
            upper.Add(new Coordinates(step.Time, lastUpper));
            lower.Add(new Coordinates(step.Time, lastLower));
        }

        upper.Add(new Coordinates(end, lastUpper));
        lower.Add(new Coordinates(end, lastLower));
        lower.Reverse();
        upper.AddRange(lower);
        var band = plot.Add.Polygon([.. upper]);
        band.FillColor = ChartCanvas.Color(color).WithAlpha(0.18);
        band.LineWidth = 0;
        band.LineColor = Colors.Transparent;
    }
}

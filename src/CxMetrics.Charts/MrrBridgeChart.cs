using CxMetrics.Breakdowns;
using System.Globalization;
using CxMetrics.Retention;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The MRR bridge (waterfall) of subscription revenue: the opening MRR, then new, expansion and reactivation MRR up,
/// contraction and churned MRR down, to the closing MRR — the customer-level movements of ChartMogul / Baremetrics that
/// <see cref="RevenueChurn"/> computes. Every bar starts where the previous one ended, so the movements visibly add up.
/// </summary>
/// <remarks>Consecutive periods (e.g. the results of <c>RevenueChurn.ByPeriod</c>) are bridged from the first period's
/// starting MRR to the last one's ending MRR with the movements summed; periods that do not follow each other without a
/// gap, or are in different currencies, are rejected with an <see cref="ArgumentException"/>. No periods give a placeholder.</remarks>
public static class MrrBridgeChart
{
    /// <summary>The bridge of one period as SVG.</summary>
    /// <param name="result">The period's MRR movements.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this RevenueChurnResult result, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render([result], options, svg: true).Svg!;
    }

    /// <summary>The bridge of one period as PNG.</summary>
    /// <param name="result">The period's MRR movements.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this RevenueChurnResult result, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render([result], options, svg: false).Png!;
    }

    /// <summary>The bridge over consecutive periods as SVG.</summary>
    /// <param name="periods">The periods' MRR movements, in order, each starting where the previous ended.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this IReadOnlyList<RevenueChurnResult> periods, ChartOptions? options = null) => Render(periods, options, svg: true).Svg!;

    /// <summary>The bridge over consecutive periods as PNG.</summary>
    /// <param name="periods">The periods' MRR movements, in order.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this IReadOnlyList<RevenueChurnResult> periods, ChartOptions? options = null) => Render(periods, options, svg: false).Png!;

    /// <summary>The bridge over the cells of <c>RevenueChurn.ByPeriod</c> as SVG.</summary>
    /// <param name="cells">The cells, in time order.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>> cells, ChartOptions? options = null) =>
        Render(Results(cells), options, svg: true).Svg!;

    /// <summary>The bridge over the cells of <c>RevenueChurn.ByPeriod</c> as PNG.</summary>
    /// <param name="cells">The cells, in time order.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>> cells, ChartOptions? options = null) =>
        Render(Results(cells), options, svg: false).Png!;

    private static RevenueChurnResult[] Results(IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return [.. cells.Select(c => c.Result)];
    }

    /// <summary>One bar of the bridge: from one running total to the next (totals start at 0).</summary>
    internal readonly record struct Step(string Name, decimal From, decimal To, bool Total);

    /// <summary>The seven bars: opening, + new, + expansion, + reactivation, − contraction, − churned, closing.</summary>
    internal static List<Step> Steps(IReadOnlyList<RevenueChurnResult> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        decimal add(Func<RevenueChurnResult, decimal> pick) => periods.Sum(pick);
        for (int i = 0; i < periods.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(periods[i], nameof(periods));
            if (i > 0 && periods[i].Period.Start != periods[i - 1].Period.End)
            {
                throw new ArgumentException($"MRR period {i} starts at {periods[i].Period.Start}, not where period {i - 1} ended ({periods[i - 1].Period.End}): a bridge needs consecutive periods.", nameof(periods));
            }

            if (i > 0 && periods[i].Currency is { } c && periods[0].Currency is { } c0 && c != c0)
            {
                throw new ArgumentException($"MRR period {i} is in {c}, period 0 in {c0}: a bridge needs one currency.", nameof(periods));
            }
        }

        decimal open = periods[0].StartingMrr;
        var steps = new List<Step> { new("opening MRR", 0, open, true) };
        decimal running = open;
        foreach (var (name, amount) in new[]
        {
            ("new", add(p => p.NewMrr)),
            ("expansion", add(p => p.ExpansionMrr)),
            ("reactivation", add(p => p.ReactivationMrr)),
            ("contraction", -add(p => p.ContractionMrr)),
            ("churned", -add(p => p.ChurnedMrr)),
        })
        {
            steps.Add(new(name, running, running + amount, false));
            running += amount;
        }

        steps.Add(new("closing MRR", 0, periods[^1].EndingMrr, true));
        return steps;
    }

    private static (string? Svg, byte[]? Png) Render(IReadOnlyList<RevenueChurnResult> periods, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(periods);
        options ??= ChartOptions.Default;
        options.Validate();
        if (periods.Count == 0)
        {
            string none = options.Title ?? "MRR bridge";
            var empty = ChartCanvas.Placeholder(none, "No periods: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, none, "No MRR periods."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var steps = Steps(periods);
        string currency = periods[0].Currency ?? string.Empty;
        decimal top = steps.Max(s => Math.Max(s.From, s.To));
        string format = top >= 10_000 ? "#,##0" : "#,##0.00";
        string Money(decimal v) => v.ToString(format, CultureInfo.InvariantCulture);
        string title = options.Title ?? $"MRR bridge over {periods.Count} period{(periods.Count == 1 ? string.Empty : "s")}: {Money(steps[0].To)} → {Money(steps[^1].To)} {currency}".TrimEnd();
        var plot = ChartCanvas.Create(title, string.Empty, $"MRR ({(currency.Length > 0 ? currency : "no currency")})");
        var bars = new List<Bar>();
        var labels = new List<(double X, decimal Y, string Text)>();
        for (int i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            string color = s.Total ? Palette.SeriesColor(0) : s.To >= s.From ? Palette.SeriesColor(2) : Palette.SeriesColor(3);
            bars.Add(new Bar
            {
                Position = i,
                ValueBase = (double)Math.Min(s.From, s.To),
                Value = (double)Math.Max(s.From, s.To),
                FillColor = ChartCanvas.Color(color),
                LineWidth = 0,
                Size = 0.7,
            });
            decimal change = s.To - s.From;
            labels.Add((i, Math.Max(s.From, s.To), s.Total ? Money(s.To) : (change < 0 ? "−" : "+") + Money(Math.Abs(change))));
            if (i + 1 < steps.Count)
            {
                var link = plot.Add.Line(i + 0.35, (double)s.To, i + 0.65, (double)s.To);
                link.LineColor = ChartCanvas.Color("#777777");
                link.LineWidth = 1;
            }
        }

        plot.Add.Bars(bars);
        double upper = (double)top > 0 ? (double)top : 1;
        double[] ticks = ChartCanvas.NiceTicks(upper * 1.1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(ChartCanvas.Tick)]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. steps.Select((_, i) => (double)i)], [.. steps.Select(s => s.Name)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.SetLimits(-0.6, steps.Count - 0.4, 0, upper * 1.12);
        string description = string.Create(
            CultureInfo.InvariantCulture,
            $"MRR bridge from {periods[0].Period.Start} to {periods[^1].Period.End}: opening {Money(steps[0].To)}, new +{Money(steps[1].To - steps[1].From)}, expansion +{Money(steps[2].To - steps[2].From)}, reactivation +{Money(steps[3].To - steps[3].From)}, contraction −{Money(steps[4].From - steps[4].To)}, churned −{Money(steps[5].From - steps[5].To)}, closing {Money(steps[6].To)} {currency}.");
        if (!svg)
        {
            return (null, ChartCanvas.Png(plot, options));
        }

        string Overlay(Plot p)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var (x, y, text) in labels)
            {
                var at = p.GetPixel(new Coordinates(x, (double)y));
                sb.Append(ChartCanvas.Text(at.X, at.Y - 5, text, "middle", cssClass: "cxm-bridge-label"));
            }

            return sb.ToString();
        }

        return (ChartCanvas.Svg(plot, options, title, description, 0, 0, Overlay), null);
    }
}

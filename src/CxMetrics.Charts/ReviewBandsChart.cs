using System.Globalization;
using CxMetrics.Reviews;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// Reviews per source as 100% stacked horizontal bars, one per source and one for all sources: the share of negative
/// reviews (red-orange), neutral ones (grey) and positive ones (green), each judged on the source's own scale
/// (<see cref="ReviewScale.NegativeMax"/>, <see cref="ReviewScale.PositiveMin"/>), so sources rating on 1–5 and 1–10
/// stand side by side; each bar is labelled with its negative share and its number of reviews.
/// </summary>
/// <remarks>A result without reviews gives a placeholder chart that says so.</remarks>
public static class ReviewBandsChart
{
    private const string NegativeColor = "#D55E00";
    private const string NeutralColor = "#BBBBBB";
    private const string PositiveColor = "#009E73";

    /// <summary>The negative, neutral and positive shares per source as SVG.</summary>
    /// <param name="result">The review result (<see cref="Reviews.Reviews.From"/>).</param>
    /// <param name="options">Size, title and small-count suppression.</param>
    /// <returns>A standalone SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static string ToSvg(this ReviewResult result, ChartOptions? options = null) => Render(result, options, svg: true).Svg!;

    /// <summary>The negative, neutral and positive shares per source as PNG.</summary>
    /// <param name="result">The review result.</param>
    /// <param name="options">Size, title and small-count suppression.</param>
    /// <returns>PNG bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static byte[] ToPng(this ReviewResult result, ChartOptions? options = null) => Render(result, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(ReviewResult result, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= ChartOptions.Default;
        options.Validate();
        string title = options.Title ?? "Reviews by source: negative, neutral and positive shares";
        if (result.Count == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "There are no reviews.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No review bars."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var rows = new List<(string Name, long Count, double Negative, double Positive)>();
        foreach (var source in result.Sources.Where(s => s.Count > 0))
        {
            rows.Add((string.Create(CultureInfo.InvariantCulture, $"{source.Source} ({source.Scale.Min}–{source.Scale.Max})"), source.Count, source.Negative.Successes, source.Positive.Successes));
        }

        rows.Add(("all sources", result.Count, result.Negative.Successes, result.Positive.Successes));
        var plot = ChartCanvas.Create(title, "Share of the source's reviews", string.Empty);
        int n = rows.Count;
        var negative = new List<Bar>(n);
        var neutral = new List<Bar>(n);
        var positive = new List<Bar>(n);
        for (int i = 0; i < n; i++)
        {
            var (_, count, neg, pos) = rows[i];
            double y = n - 1 - i;
            double a = neg / count, b = 1 - (pos / count);
            negative.Add(new Bar { Position = y, Value = a, FillColor = ChartCanvas.Color(NegativeColor), LineWidth = 0, Size = 0.7 });
            neutral.Add(new Bar { Position = y, ValueBase = a, Value = b, FillColor = ChartCanvas.Color(NeutralColor), LineWidth = 0, Size = 0.7 });
            positive.Add(new Bar { Position = y, ValueBase = b, Value = 1, FillColor = ChartCanvas.Color(PositiveColor), LineWidth = 0, Size = 0.7 });
        }

        foreach (var (bars, legend) in new[] { (negative, "negative"), (neutral, "neutral"), (positive, "positive") })
        {
            var series = plot.Add.Bars(bars);
            series.Horizontal = true;
            series.LegendText = legend;
        }

        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. rows.Select(r => r.Name)]);
        double[] ticks = [0, 0.25, 0.5, 0.75, 1];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(t => ChartCanvas.Percent(t))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Right.MinimumSize = 30;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.Axes.SetLimits(0, 1, -0.6, n - 0.4);
        string description = string.Create(CultureInfo.InvariantCulture, $"{n - 1} sources, {ChartCanvas.Count(result.Count, options)} reviews; {ChartCanvas.Percent(result.Negative.Value ?? 0, "0.0")} negative over all sources.");
        if (!svg)
        {
            return (null, ChartCanvas.Png(plot, options));
        }

        // Labels after rendering, where the bars' pixels are known: the negative share and n at the right end of each bar.
        string Overlay(Plot p)
        {
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < n; i++)
            {
                var (_, count, neg, _) = rows[i];
                var end = p.GetPixel(new Coordinates(1, n - 1 - i));
                string text = string.Create(CultureInfo.InvariantCulture, $"{ChartCanvas.Percent(neg / count, "0.0")} negative · n = {ChartCanvas.Count(count, options)}");
                sb.Append(ChartCanvas.Text(end.X - 6, end.Y + 4, text, "end", "#FFFFFF", cssClass: "cxm-review-label"));
            }

            return sb.ToString();
        }

        return (ChartCanvas.Svg(plot, options, title, description, 0, 0, Overlay), null);
    }
}

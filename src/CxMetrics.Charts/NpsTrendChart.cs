using System.Globalization;
using CxMetrics.Breakdowns;
using CxMetrics.Surveys;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// NPS over calendar periods (the cells of <see cref="Nps.ByPeriod(IEnumerable{SurveyResponse}, CxMetrics.Time.PeriodGrid, SurveyOptions?)"/>) as a line with its confidence band, on the
/// −100…+100 scale with a reference line at 0. Periods with fewer answers than the minimum cell size are drawn with an
/// open marker (small n); periods without answers break the line and the band (no estimate, never 0).
/// </summary>
/// <remarks>An empty list, or periods none of which has answers, gives a placeholder chart that says so.</remarks>
public static class NpsTrendChart
{
    /// <summary>The trend as SVG.</summary>
    /// <param name="cells">The periods, in time order (as <see cref="Nps.ByPeriod(IEnumerable{SurveyResponse}, CxMetrics.Time.PeriodGrid, SurveyOptions?)"/> returns them).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> cells, ChartOptions? options = null) =>
        Render(cells, options, svg: true).Svg!;

    /// <summary>The trend as PNG.</summary>
    /// <param name="cells">The periods, in time order.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> cells, ChartOptions? options = null) =>
        Render(cells, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(IReadOnlyList<PeriodCell<NpsResult, NpsComparison>> cells, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(cells);
        options ??= ChartOptions.Default;
        options.Validate();
        double level = 0.95;
        int estimated = 0;
        foreach (var cell in cells)
        {
            ArgumentNullException.ThrowIfNull(cell, nameof(cells));
            if (cell.Result.Score is not null)
            {
                estimated++;
                level = cell.Result.Interval?.Level ?? level;
            }
        }

        string unit = cells.Count == 0 ? "period" : cells[0].Period.Unit.ToString().ToLowerInvariant();
        string title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"NPS by {unit} with {level * 100:0.##}% confidence band");
        Plot plot;
        string description;
        if (estimated == 0)
        {
            plot = ChartCanvas.Placeholder(title, cells.Count == 0 ? "No periods: nothing to draw." : "No answers in any period yet.");
            description = "No estimate in any period.";
        }
        else
        {
            plot = ChartCanvas.Create(title, $"Period ({unit})", "NPS (−100 to +100)");
            var zero = plot.Add.HorizontalLine(0);
            zero.LineColor = ChartCanvas.Color("#999999");
            zero.LineWidth = 1;
            var color = ChartCanvas.Color(Palette.SeriesColor(0));
            double low = 0, high = 0;
            int runs = 0;
            for (int start = 0; start < cells.Count;)
            {
                if (cells[start].Result.Score is null)
                {
                    start++;
                    continue;
                }

                int end = start;
                while (end + 1 < cells.Count && cells[end + 1].Result.Score is not null)
                {
                    end++;
                }

                var upper = new List<Coordinates>();
                var lower = new List<Coordinates>();
                var xs = new double[end - start + 1];
                var ys = new double[end - start + 1];
                for (int i = start; i <= end; i++)
                {
                    var r = cells[i].Result;
                    xs[i - start] = i;
                    ys[i - start] = r.Score!.Value;
                    low = Math.Min(low, r.Score.Value);
                    high = Math.Max(high, r.Score.Value);
                    if (r.Interval is { } ci)
                    {
                        upper.Add(new Coordinates(i, ci.Upper));
                        lower.Add(new Coordinates(i, ci.Lower));
                        low = Math.Min(low, ci.Lower);
                        high = Math.Max(high, ci.Upper);
                    }
                }

                if (upper.Count >= 2)
                {
                    lower.Reverse();
                    upper.AddRange(lower);
                    var band = plot.Add.Polygon([.. upper]);
                    band.FillColor = color.WithAlpha(0.2);
                    band.LineWidth = 0;
                    band.LineColor = Colors.Transparent;
                    band.LegendText = runs == 0 ? string.Create(CultureInfo.InvariantCulture, $"{level * 100:0.##}% confidence band") : string.Empty;
                }
                else if (upper.Count == 1)
                {
                    var bar = plot.Add.Line(upper[0], lower[0]);
                    bar.LineColor = color.WithAlpha(0.45);
                    bar.LineWidth = 6;
                }

                var line = plot.Add.Scatter(xs, ys);
                line.Color = color;
                line.LineWidth = 2.5f;
                line.MarkerSize = 7;
                line.MarkerShape = MarkerShape.FilledCircle;
                line.LegendText = runs == 0 ? "NPS" : string.Empty;
                runs++;
                start = end + 1;
            }

            for (int i = 0; i < cells.Count; i++)
            {
                if (cells[i].Result.Score is null)
                {
                    var gap = plot.Add.Text("no answers", i, 0);
                    gap.LabelFontSize = 11;
                    gap.LabelFontColor = ChartCanvas.Color("#666666");
                    gap.LabelAlignment = Alignment.LowerCenter;
                }
            }

            bool anySmall = false;
            for (int i = 0; i < cells.Count; i++)
            {
                if (cells[i].IsSmallCell && cells[i].Result.Score is { } score)
                {
                    var marker = plot.Add.Marker(i, score);
                    marker.MarkerShape = MarkerShape.OpenCircle;
                    marker.MarkerSize = 13;
                    marker.MarkerLineWidth = 2;
                    marker.Color = ChartCanvas.Color(Palette.SeriesColor(3));
                    marker.LegendText = anySmall ? string.Empty : "small n (few answers)";
                    anySmall = true;
                }
            }

            int every = Math.Max(1, (int)Math.Ceiling(cells.Count / Math.Max(1.0, options.Width / 70.0)));
            var positions = new List<double>();
            var labels = new List<string>();
            for (int i = 0; i < cells.Count; i += every)
            {
                positions.Add(i);
                labels.Add(cells[i].Period.ToString());
            }

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("+0;−0;0", CultureInfo.InvariantCulture) };
            double pad = Math.Max(5, (high - low) * 0.08);
            plot.Axes.SetLimits(-0.5, cells.Count - 0.5, Math.Max(-100, low - pad), Math.Min(100, high + pad));
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.Legend.FontSize = 12;
            description = string.Create(CultureInfo.InvariantCulture, $"NPS in {estimated} of {cells.Count} periods ({unit}) with {level * 100:0.##}% confidence band.");
        }

        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }
}

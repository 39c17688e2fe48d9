using System.Globalization;
using CxMetrics.Retention;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// A cohort retention heat map: one row per cohort (earliest on top), one column per offset +1, +2, … (offset 0 is 100%
/// by definition and left out so it does not flatten the colour scale), each cell coloured by its N-period retention on
/// the viridis scale (0 to the largest retention shown) and labelled with its percentage when the cells are wide enough.
/// </summary>
/// <remarks>Cells that cannot be fully observed at the matrix's as-of instant (<see cref="CohortMatrix.Active"/> is
/// null) are light grey and unlabelled — "not yet observable", never 0. Cells of an empty cohort (size 0) are white.
/// A matrix without cohorts, or without any offset after 0, gives a placeholder chart that says so.</remarks>
public static class CohortHeatmapChart
{
    /// <summary>The heat map as SVG.</summary>
    /// <param name="matrix">The cohort matrix.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this CohortMatrix matrix, ChartOptions? options = null) => Render(matrix, options, svg: true).Svg!;

    /// <summary>The heat map as PNG.</summary>
    /// <param name="matrix">The cohort matrix.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this CohortMatrix matrix, ChartOptions? options = null) => Render(matrix, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(CohortMatrix matrix, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options ??= ChartOptions.Default;
        options.Validate();
        string unit = matrix.Period.ToString().ToLowerInvariant();
        string anchor = matrix.Anchor == CohortAnchor.Signup ? "signup" : "first order";
        string adjective = matrix.Period == Time.PeriodUnit.Day ? "daily" : unit + "ly";
        string title = options.Title ?? $"Cohort retention: % of each {adjective} cohort ordering in {unit} +k";
        int rows = matrix.Cohorts.Count, columns = matrix.Columns - 1;
        Plot plot;
        string description;
        if (rows == 0 || columns <= 0)
        {
            plot = ChartCanvas.Placeholder(title, rows == 0 ? "No cohorts: nothing to draw." : "No period after the cohorts' first has ended yet.");
            description = "No cohort cells.";
        }
        else
        {
            plot = ChartCanvas.Create(title, $"{char.ToUpperInvariant(unit[0])}{unit[1..]}s since the cohort's {anchor} (+k)", $"Cohort ({anchor}, customers)");
            double max = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int k = 1; k <= columns; k++)
                {
                    max = Math.Max(max, matrix.Retention(r, k) ?? 0);
                }
            }

            max = max > 0 ? max : 1;
            string format = PercentFormat(max);

            // Roughly the data area: the figure less the cohort labels, the colour bar and the margins.
            double cellWidth = (options.Width - BarWidth - 150.0) / columns;
            double cellHeight = (options.Height - 140.0) / rows;
            bool labels = cellWidth >= 40 && cellHeight >= 16;
            float fontSize = (float)Math.Clamp(Math.Min(cellWidth / 4.2, cellHeight * 0.6), 9, 13);
            int observable = 0, unobservable = 0;
            for (int r = 0; r < rows; r++)
            {
                for (int k = 1; k <= columns; k++)
                {
                    double top = -r + 0.5, bottom = -r - 0.5;
                    var rect = plot.Add.Rectangle(k - 0.5, k + 0.5, bottom, top);
                    rect.LineColor = Colors.White;
                    rect.LineWidth = 1;
                    string fill;
                    string? label = null;
                    if (matrix.Active[r][k] is null)
                    {
                        fill = Palette.Unobservable;
                        unobservable++;
                    }
                    else if (matrix.Retention(r, k) is { } share)
                    {
                        fill = Palette.Sequential(share / max);
                        label = ChartCanvas.Percent(share, format);
                        observable++;
                    }
                    else
                    {
                        fill = "#FFFFFF";
                    }

                    rect.FillColor = ChartCanvas.Color(fill);
                    if (labels && label is not null)
                    {
                        var text = plot.Add.Text(label, k, -r);
                        text.LabelFontSize = fontSize;
                        text.LabelFontColor = ChartCanvas.Color(Palette.NeedsLightText(fill) ? "#FFFFFF" : Palette.Ink);
                        text.LabelAlignment = Alignment.MiddleCenter;
                    }
                }
            }

            var xPositions = new List<double>();
            var xLabels = new List<string>();
            int every = Math.Max(1, (int)Math.Ceiling(columns / Math.Max(1.0, (options.Width - 150.0) / 34.0)));
            for (int k = 1; k <= columns; k += every)
            {
                xPositions.Add(k);
                xLabels.Add("+" + k.ToString(CultureInfo.InvariantCulture));
            }

            var yPositions = new List<double>();
            var yLabels = new List<string>();
            int everyRow = Math.Max(1, (int)Math.Ceiling(rows / Math.Max(1.0, (options.Height - 110.0) / 16.0)));
            for (int r = 0; r < rows; r += everyRow)
            {
                yPositions.Add(-r);
                yLabels.Add(string.Create(CultureInfo.InvariantCulture, $"{matrix.Cohorts[r]} ({ChartCanvas.Count(matrix.Sizes[r], options)})"));
            }

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. xPositions], [.. xLabels]);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. yPositions], [.. yLabels]);
            plot.HideGrid();
            plot.Axes.SetLimits(0.5, columns + 0.5, -rows + 0.5, 0.5);

            if (unobservable > 0)
            {
                plot.Legend.ManualItems.Add(Swatch("not yet observable", Palette.Unobservable));
                plot.ShowLegend(Edge.Bottom);
                plot.Legend.Orientation = Orientation.Horizontal;
                plot.Legend.FontSize = 12;
            }

            description = string.Create(
                CultureInfo.InvariantCulture,
                $"{rows} cohorts × {columns} offsets: {observable} observed cells, {unobservable} not yet observable (as of {matrix.AsOf}); colour bar 0 to {ChartCanvas.Percent(max, format)}.");
            if (!svg)
            {
                // The PNG keys the scale with three swatches instead of the SVG's colour bar.
                plot.Legend.ManualItems.Insert(0, Swatch("0%", Palette.Sequential(0)));
                plot.Legend.ManualItems.Insert(1, Swatch(ChartCanvas.Percent(max / 2, format), Palette.Sequential(0.5)));
                plot.Legend.ManualItems.Insert(2, Swatch(ChartCanvas.Percent(max, format), Palette.Sequential(1)));
                plot.ShowLegend(Edge.Bottom);
                plot.Legend.Orientation = Orientation.Horizontal;
                plot.Legend.FontSize = 12;
                return (null, ChartCanvas.Png(plot, options));
            }

            string Overlay(Plot p) => ColourBar(p, options.Width - BarWidth, 0.5, -rows + 0.5, max, format);
            return (ChartCanvas.Svg(plot, options, title, description, BarWidth, 0, Overlay), null);
        }

        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }

    /// <summary>The pixels right of the plot taken by the colour bar and its labels.</summary>
    private const int BarWidth = 84;

    /// <summary>One percentage format for every cell label and the colour bar: one decimal when the largest share is under 20%, else none.</summary>
    internal static string PercentFormat(double max) => max < 0.2 ? "0.0" : "0";

    /// <summary>A vertical viridis gradient from 0 (bottom) to <paramref name="max"/> (top) beside the data area, with ticks at 1, 2 or 5 × 10^k percent.</summary>
    private static string ColourBar(Plot p, double left, double topY, double bottomY, double max, string format)
    {
        double top = p.GetPixel(new Coordinates(1, topY)).Y, bottom = p.GetPixel(new Coordinates(1, bottomY)).Y;
        double x = left + 16, width = 14, height = bottom - top;
        var sb = new System.Text.StringBuilder();
        sb.Append("<g class=\"cxm-colour-bar\"><defs><linearGradient id=\"@@-bar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        for (int i = 0; i <= 8; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<stop offset=\"{i / 8.0:0.###}\" stop-color=\"{Palette.Sequential(i / 8.0)}\"/>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"</linearGradient></defs><rect x=\"{x:0.##}\" y=\"{top:0.##}\" width=\"{width}\" height=\"{height:0.##}\" fill=\"url(#@@-bar)\" stroke=\"#BBBBBB\" stroke-width=\"1\"/>");
        foreach (double tick in ChartCanvas.NiceTicks(max * 100, Math.Clamp((int)(height / 40), 3, 6)))
        {
            double y = bottom - (height * tick / (max * 100));
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x + width:0.##} {y:0.##}h4\" stroke=\"{Palette.Ink}\" stroke-width=\"1\"/>");
            sb.Append(ChartCanvas.Text(x + width + 7, y + 4, ChartCanvas.Percent(tick / 100, format), cssClass: "cxm-colour-bar-label"));
        }

        sb.Append("</g>");
        return sb.ToString();
    }

    private static LegendItem Swatch(string label, string color) => new()
    {
        LabelText = label,
        FillColor = ChartCanvas.Color(color),
        LineColor = ChartCanvas.Color("#BBBBBB"),
        LineWidth = 1,
    };
}

using System.Globalization;
using CxMetrics.Support;
using NodaTime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The help-desk backlog over time (<see cref="BacklogResult"/>): one stacked bar per period for the tickets open at its
/// end, split by age band (youngest at the bottom, older bands darker on the viridis scale), with the tickets created in
/// the period as a line — the "backlog and age" view of Zendesk Explore's and Freshdesk's backlog reports.
/// </summary>
public static class BacklogChart
{
    /// <summary>The backlog as SVG.</summary>
    /// <param name="backlog">The backlog.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToSvg(this BacklogResult backlog, ChartOptions? options = null) => Render(backlog, options, svg: true).Svg!;

    /// <summary>The backlog as PNG.</summary>
    /// <param name="backlog">The backlog.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToPng(this BacklogResult backlog, ChartOptions? options = null) => Render(backlog, options, svg: false).Png!;

    private static (string? Svg, byte[]? Png) Render(BacklogResult backlog, ChartOptions? options, bool svg)
    {
        ArgumentNullException.ThrowIfNull(backlog);
        options ??= ChartOptions.Default;
        options.Validate();
        string title = options.Title ?? "Open tickets at each period's end, by age";
        var cells = backlog.Cells;
        if (cells.Count == 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No periods: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No periods."), null) : (null, ChartCanvas.Png(empty, options));
        }

        var plot = ChartCanvas.Create(title, "Period", "Tickets");
        string[] bands = [.. Bands(backlog.AgeEdges)];
        var bars = new List<Bar>();
        double top = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            double bottom = 0;
            for (int b = 0; b < cells[i].OpenByAge.Count; b++)
            {
                double value = cells[i].OpenByAge[b];
                bars.Add(new Bar
                {
                    Position = i,
                    ValueBase = bottom,
                    Value = bottom + value,
                    Size = 0.7,
                    FillColor = ChartCanvas.Color(BandColor(b, bands.Length)),
                    LineWidth = 0,
                });
                bottom += value;
            }

            top = Math.Max(top, Math.Max(bottom, cells[i].Created));
        }

        plot.Add.Bars(bars);
        var created = plot.Add.Scatter(Enumerable.Range(0, cells.Count).Select(i => (double)i).ToArray(), cells.Select(c => (double)c.Created).ToArray());
        created.Color = ChartCanvas.Color(Palette.SeriesColor(1));
        created.LineWidth = 2;
        created.MarkerSize = 5;
        created.LegendText = "created in the period";
        for (int b = 0; b < bands.Length; b++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "open, age " + bands[b], FillColor = ChartCanvas.Color(BandColor(b, bands.Length)) });
        }

        int every = Math.Max(1, (int)Math.Ceiling(cells.Count / Math.Max(1.0, (options.Width - 120.0) / 70.0)));
        var ticks = Enumerable.Range(0, cells.Count).Where(i => i % every == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks.Select(i => (double)i)], [.. ticks.Select(i => cells[i].Period.ToString())]);
        double[] yTicks = ChartCanvas.NiceTicks(top > 0 ? top * 1.1 : 1, 5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks, [.. yTicks.Select(ChartCanvas.Tick)]);
        plot.Axes.SetLimits(-0.6, cells.Count - 0.4, 0, (top > 0 ? top : 1) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 11;
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{cells.Count} periods from {cells[0].Period} to {cells[^1].Period}; open at the last period's end {ChartCanvas.Count(cells[^1].Open, options)} ({string.Join(", ", bands.Select((band, b) => $"{band}: {ChartCanvas.Count(cells[^1].OpenByAge[b], options)}"))}); {ChartCanvas.Count(backlog.Tickets, options)} tickets counted.");
        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }

    private static string BandColor(int band, int bands) => Palette.Sequential(bands <= 1 ? 0.6 : 0.85 - (0.75 * band / (bands - 1)));

    private static IEnumerable<string> Bands(IReadOnlyList<Duration> edges)
    {
        string previous = "0";
        foreach (var edge in edges)
        {
            string e = Text(edge);
            yield return $"{previous}–{e}";
            previous = e;
        }

        yield return $"> {previous}";
    }

    private static string Text(Duration d) =>
        d.TotalDays >= 1 && d.TotalDays == Math.Floor(d.TotalDays) ? d.TotalDays.ToString("0", CultureInfo.InvariantCulture) + "d"
        : d.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + "h";
}

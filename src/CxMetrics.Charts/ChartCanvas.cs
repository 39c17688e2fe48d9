using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The shared look of every chart (font, colours, margins) and the SVG post-processing that makes output deterministic
/// and embeddable: ScottPlot numbers clip paths from a process-wide counter, so the ids are renumbered in document order
/// and prefixed with a hash of the drawing (identical charts get identical bytes; different charts in one HTML page get
/// different ids); the XML declaration is dropped; a <c>viewBox</c>, <c>role="img"</c>, <c>&lt;title&gt;</c> and
/// <c>&lt;desc&gt;</c> are added for scaling and screen readers.
/// </summary>
internal static partial class ChartCanvas
{
    public const string FontName = "DejaVu Sans";

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Color(Color(Palette.Ink));
        plot.Grid.MajorLineColor = Color("#000000").WithAlpha(0.08);
        plot.Title(title, size: 16);
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Color("#CCCCCC");
        return plot;
    }

    /// <summary>A chart with nothing to draw: the title and a sentence saying why, instead of empty axes.</summary>
    public static Plot Placeholder(string title, string message)
    {
        var plot = Create(title, string.Empty, string.Empty);
        plot.Layout.Frameless();
        plot.Axes.Frameless();
        plot.HideGrid();
        var text = plot.Add.Text(message, 0, 0);
        text.LabelFontSize = 15;
        text.LabelFontColor = Color("#555555");
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    public static Color Color(string hex) => ScottPlot.Color.FromHex(hex);

    public static string Percent(double share, string format = "0") =>
        (share * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    /// <summary>A count as the chart shows it: thousands separators, under the small-cell policy of <paramref name="options"/> (flagged, blank or rounded).</summary>
    public static string Count(double value, ChartOptions options) => options.Suppression.Show(value);

    public static string Svg(Plot plot, ChartOptions options, string title, string description)
    {
        string raw = plot.GetSvgXml(options.Width, options.Height);
        return Normalise(raw, options.Width, options.Height, title, description);
    }

    /// <summary>
    /// The plot drawn in the top-left <c>Width − right</c> × <c>Height − bottom</c> pixels, with SVG of our own (a number-at-risk
    /// table, a colour bar, a side panel) in the rest: <paramref name="overlay"/> is called after the plot is rendered, so
    /// <see cref="Plot.GetPixel(Coordinates)"/> gives the positions of data points in the shared pixel space.
    /// </summary>
    public static string Svg(Plot plot, ChartOptions options, string title, string description, int right, int bottom, Func<Plot, string> overlay)
    {
        string raw = plot.GetSvgXml(options.Width - right, options.Height - bottom);
        string extra = string.Create(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{options.Width}\" height=\"{options.Height}\" fill=\"#FFFFFF\"/>");
        return Normalise(raw, options.Width, options.Height, title, description, extra, overlay(plot));
    }

    public static byte[] Png(Plot plot, ChartOptions options) => plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);

    /// <summary>An SVG text element in the charts' font (text escaped).</summary>
    public static string Text(double x, double y, string text, string anchor = "start", string color = Palette.Ink, double size = 12, string? cssClass = null, bool bold = false) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-family=\"{FontName}\" font-size=\"{size:0.#}\" fill=\"{color}\" text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : string.Empty)}{(cssClass is null ? string.Empty : $" class=\"{cssClass}\"")}>{Escape(text)}</text>");

    /// <summary>
    /// Tick positions 0, s, 2s, … up to <paramref name="max"/> (inclusive within rounding) whose step s is 1, 2 or 5 × 10^k,
    /// the smallest such step giving at most <paramref name="maxTicks"/> intervals (at least 3, so there are always two ticks).
    /// </summary>
    public static double[] NiceTicks(double max, int maxTicks)
    {
        double step = NiceStep(max, Math.Max(3, maxTicks));
        int count = (int)Math.Floor((max / step) + 1e-9);
        var ticks = new double[count + 1];
        for (int i = 0; i <= count; i++)
        {
            ticks[i] = Math.Round(i * step, 10);
        }

        return ticks;
    }

    /// <summary>The smallest step of the form 1, 2 or 5 × 10^k that divides <paramref name="span"/> into at most <paramref name="maxTicks"/> intervals.</summary>
    public static double NiceStep(double span, int maxTicks)
    {
        if (!(span > 0) || double.IsInfinity(span))
        {
            return 1;
        }

        double raw = span / Math.Max(1, maxTicks);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            if (m * magnitude >= raw * (1 - 1e-12))
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>A tick value as text: no trailing zeros, thousands separated.</summary>
    public static string Tick(double value) => value.ToString("#,##0.###", CultureInfo.InvariantCulture);

    internal static string Normalise(string svg, int width, int height, string title, string description, string? background = null, string? overlay = null)
    {
        string body = XmlDeclaration().Replace(svg, string.Empty).TrimStart();

        // Clip-path ids in order of first appearance.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        body = ClipId().Replace(body, m =>
        {
            string id = m.Groups["id"].Value;
            if (!map.TryGetValue(id, out var renamed))
            {
                renamed = string.Create(CultureInfo.InvariantCulture, $"@@-c{map.Count + 1}");
                map[id] = renamed;
            }

            return m.Value.Replace(id, renamed, StringComparison.Ordinal);
        });

        // Glyph position lists end in ", " (Skia's SVG canvas); strict SVG parsers reject the trailing separator.
        body = TrailingSeparator().Replace(body, "${list}\"");

        int open = body.IndexOf("<svg", StringComparison.Ordinal);
        int close = body.IndexOf('>', open);
        string head = string.Create(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"@@-title\"><title id=\"@@-title\">{Escape(title)}</title><desc>{Escape(description)}</desc>");
        int end = body.LastIndexOf("</svg>", StringComparison.Ordinal);
        body = head + background + body[(close + 1)..end] + overlay + body[end..];
        body = CxMetrics.Reporting.XmlCharacters.Safe(body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\t", string.Empty, StringComparison.Ordinal));

        string prefix = "cxm" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..10];
        return body.Replace("@@", prefix, StringComparison.Ordinal).TrimEnd() + "\n";
    }

    internal static string Escape(string text) => CxMetrics.Reporting.XmlCharacters.Safe(text)
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"(id=""|url\(#)(?<id>cl_[0-9A-Za-z]+)")]
    private static partial Regex ClipId();

    [GeneratedRegex(@"(?<list>\s[xy]=""[^""]*?),\s*""")]
    private static partial Regex TrailingSeparator();
}

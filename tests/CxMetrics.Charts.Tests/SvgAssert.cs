using System.Xml.Linq;

namespace CxMetrics.Charts.Tests;

/// <summary>Reads chart SVG as XML and counts what was drawn.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Parses the SVG (throws on malformed XML) and checks the root and the accessible title.</summary>
    public static XDocument WellFormed(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(Ns + "svg", doc.Root!.Name);
        Assert.Equal("img", (string?)doc.Root.Attribute("role"));
        Assert.NotNull(doc.Root.Attribute("viewBox"));
        Assert.False(string.IsNullOrWhiteSpace(doc.Root.Element(Ns + "title")?.Value));
        Assert.DoesNotContain("<?xml", svg, StringComparison.Ordinal);
        return doc;
    }

    /// <summary>Elements filled with <paramref name="color"/> (#RRGGBB, case-insensitive).</summary>
    public static int Filled(XDocument doc, string color) =>
        doc.Descendants().Count(e => e.Name != Ns + "text" && string.Equals(Long((string?)e.Attribute("fill")), color, StringComparison.OrdinalIgnoreCase));

    /// <summary>Elements stroked with <paramref name="color"/>.</summary>
    public static int Stroked(XDocument doc, string color) =>
        doc.Descendants().Count(e => string.Equals(Long((string?)e.Attribute("stroke")), color, StringComparison.OrdinalIgnoreCase));

    /// <summary>Skia writes #777777 as #777: the long form.</summary>
    private static string? Long(string? color) => color is ['#', var r, var g, var b] ? $"#{r}{r}{g}{g}{b}{b}" : color;

    /// <summary>The text of every text element, trimmed.</summary>
    public static List<string> Texts(XDocument doc) => doc.Descendants(Ns + "text").Select(e => e.Value.Trim()).ToList();

    /// <summary>The text elements carrying <paramref name="cssClass"/> (the charts' own overlay: tables, bars, panels), in document order.</summary>
    public static List<XElement> WithClass(XDocument doc, string cssClass) =>
        doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true).ToList();

    /// <summary>Texts drawn by ScottPlot (no class) that are plain numbers, such as axis ticks, in document order.</summary>
    public static List<double> NumericTicks(XDocument doc) => doc.Descendants(Ns + "text")
        .Where(e => e.Attribute("class") is null)
        .Select(e => e.Value.Trim().Replace(",", string.Empty, StringComparison.Ordinal))
        .Where(t => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
        .Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture))
        .ToList();

    public static string Description(XDocument doc) => doc.Root!.Element(Ns + "desc")!.Value;
}

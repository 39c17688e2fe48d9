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
        doc.Descendants().Count(e => e.Name != Ns + "text" && string.Equals((string?)e.Attribute("fill"), color, StringComparison.OrdinalIgnoreCase));

    /// <summary>Elements stroked with <paramref name="color"/>.</summary>
    public static int Stroked(XDocument doc, string color) =>
        doc.Descendants().Count(e => string.Equals((string?)e.Attribute("stroke"), color, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text of every text element, trimmed.</summary>
    public static List<string> Texts(XDocument doc) => doc.Descendants(Ns + "text").Select(e => e.Value.Trim()).ToList();

    public static string Description(XDocument doc) => doc.Root!.Element(Ns + "desc")!.Value;
}

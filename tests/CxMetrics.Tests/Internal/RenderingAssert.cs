using System.Text.RegularExpressions;

namespace CxMetrics.Tests.Internal;

/// <summary>Checks every rendering shares: no NaN or "Infinity", HTML tags balanced, Markdown tables well formed.</summary>
internal static partial class RenderingAssert
{
    public static void WellFormed(string markdown, string html)
    {
        foreach (string text in new[] { markdown, html })
        {
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
            Assert.DoesNotContain("∞", text, StringComparison.Ordinal);
        }

        Assert.True(html.StartsWith("<table", StringComparison.Ordinal) || html.StartsWith("<div", StringComparison.Ordinal), html);
        foreach (string tag in new[] { "table", "tr", "td", "th", "caption", "div", "tbody", "thead", "tfoot" })
        {
            int open = Regex.Count(html, $"<{tag}[ >]");
            int close = Regex.Count(html, $"</{tag}>");
            Assert.True(open == close, $"<{tag}>: {open} opened, {close} closed");
        }

        // Every Markdown table row has as many cells as its header row.
        int expected = -1;
        foreach (string line in markdown.Split('\n'))
        {
            if (!line.StartsWith('|'))
            {
                expected = -1;
                continue;
            }

            int cells = CellSeparator().Count(line) - 1;
            if (expected < 0)
            {
                expected = cells;
            }

            Assert.True(cells == expected, $"row '{line}' has {cells} cells, expected {expected}");
        }
    }

    // A pipe not escaped by a backslash.
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}

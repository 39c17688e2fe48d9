using System.Net;

namespace CxMetrics.Reporting;

/// <summary>
/// The one rule for text in XML and HTML output (tables, SVG charts, report pages): the characters XML 1.0 forbids (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired surrogates) become U+FFFD, the
/// replacement character, so a page with such bytes in a segment name or a rejected value stays well-formed.
/// </summary>
public static class XmlCharacters
{
    /// <summary>Text XML 1.0 can hold: every forbidden character replaced by U+FFFD.</summary>
    /// <param name="text">Any text; <see langword="null"/> is empty.</param>
    /// <returns>The text, or the same text with replacements.</returns>
    public static string Safe(string? text)
    {
        text ??= string.Empty;
        int i = 0;
        while (i < text.Length && IsXmlChar(text, i))
        {
            i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        }

        if (i >= text.Length)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && IsXmlChar(text, i))
            {
                i++;
            }
            else if (!IsXmlChar(text, i))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    /// <summary>Text for an element or an attribute value: <see cref="Safe"/>, then <c>&amp; &lt; &gt; " '</c> escaped.</summary>
    /// <param name="text">Any text; <see langword="null"/> is empty.</param>
    /// <returns>Escaped, well-formed text.</returns>
    public static string Escape(string? text) => WebUtility.HtmlEncode(Safe(text));

    private static bool IsXmlChar(string text, int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        return c is '\t' or '\n' or '\r' or (>= '\u0020' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');
    }
}

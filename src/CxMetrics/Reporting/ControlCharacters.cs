using System.Globalization;
using System.Text;

namespace CxMetrics.Reporting;

/// <summary>
/// The one rule for text from the data in plain-text and Markdown output (what a terminal, a pager or a Markdown file shows):
/// control characters are shown escaped, so file bytes never drive a terminal, and long text is cut to a stated length
/// with its full size. The text and Markdown writers of <see cref="Report"/> apply it to every title, header, cell and note
/// (cells cut at <see cref="MaxCell"/>, titles and notes at <see cref="MaxLine"/>); hosts apply it to their own lines.
/// </summary>
/// <remarks>
/// Escapes: tab, line feed and carriage return as <c>\t</c>, <c>\n</c>, <c>\r</c>; every other C0 control, DEL and the C1
/// controls (U+0080–U+009F) as <c>\xNN</c> (ESC is <c>\x1B</c>, NUL <c>\x00</c>, BEL <c>\x07</c>); the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and unpaired surrogates as <c>\uNNNN</c>.
/// </remarks>
public static class ControlCharacters
{
    /// <summary>The longest title, note or line printed, in characters (before the size note).</summary>
    public const int MaxLine = 1_000;

    /// <summary>The longest table cell or column header printed, in characters (before the size note).</summary>
    public const int MaxCell = 200;

    /// <summary>
    /// The text with control characters escaped; text longer than <paramref name="maxLength"/> is cut there and ends with
    /// <c>… (N characters)</c>, N being the length of the whole text.
    /// </summary>
    /// <param name="text">Any text; <see langword="null"/> is empty.</param>
    /// <param name="maxLength">Characters kept before the cut; <see cref="MaxLine"/> when omitted.</param>
    /// <returns>The text, or the escaped and cut text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 1.</exception>
    public static string Escape(string? text, int maxLength = MaxLine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        int i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
        {
            i++;
        }

        if (i == text.Length && text.Length <= maxLength)
        {
            return text;
        }

        var safe = new StringBuilder(Math.Min(text.Length, maxLength) + 32);
        int start = Math.Min(i, maxLength);
        if (start > 0 && char.IsHighSurrogate(text[start - 1]))
        {
            start--;
        }

        safe.Append(text, 0, start);
        for (int j = start; j < text.Length && safe.Length < maxLength; j++)
        {
            char c = text[j];
            if (!NeedsEscape(text, j))
            {
                safe.Append(c);
                if (char.IsHighSurrogate(c) && j + 1 < text.Length)
                {
                    safe.Append(text[++j]);
                }

                continue;
            }

            safe.Append(c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }

        if (text.Length > maxLength)
        {
            safe.Append(string.Create(CultureInfo.InvariantCulture, $"… ({text.Length:N0} characters)"));
        }

        return safe.ToString();
    }

    private static bool NeedsEscape(string text, int i)
    {
        char c = text[i];
        if (c < '\u0020' || c is >= '\u007F' and <= '\u009F' or '\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }
}

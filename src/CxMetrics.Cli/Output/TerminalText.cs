using System.Globalization;
using System.Text;

namespace CxMetrics.Cli.Output;

/// <summary>
/// The last step before text from the data (cells, rejection reasons, header echoes in error lines, paths) reaches a
/// terminal or a Markdown file: control characters are shown escaped, so file bytes never drive the terminal, and long
/// text is cut to a documented length with its full size (docs/cli.md, "Text from the data").
/// </summary>
/// <remarks>
/// Escapes: tab, line feed and carriage return as <c>\t</c>, <c>\n</c>, <c>\r</c>; every other C0 control, DEL and the
/// C1 controls (U+0080–U+009F) as <c>\xNN</c> (ESC is <c>\x1B</c>, NUL <c>\x00</c>, BEL <c>\x07</c>); the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and unpaired surrogates as <c>\uNNNN</c>.
/// </remarks>
internal static class TerminalText
{
    /// <summary>The longest error line or rejection line printed, in characters (before the size note).</summary>
    public const int MaxLine = 1_000;

    /// <summary>The longest table cell printed, in characters (before the size note).</summary>
    public const int MaxCell = 200;

    /// <summary>Escapes control characters; text longer than <paramref name="max"/> is cut there and ends with <c>… (N characters)</c>.</summary>
    public static string Safe(string? text, int max = MaxLine)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        int i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
        {
            i++;
        }

        if (i == text.Length && text.Length <= max)
        {
            return text;
        }

        var safe = new StringBuilder(Math.Min(text.Length, max) + 32);
        int start = Math.Min(i, max);
        if (start > 0 && char.IsHighSurrogate(text[start - 1]))
        {
            start--;
        }

        safe.Append(text, 0, start);
        for (int j = start; j < text.Length && safe.Length < max; j++)
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

        if (text.Length > max)
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

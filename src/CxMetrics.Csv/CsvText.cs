using System.Globalization;
using System.Text;

namespace CxMetrics.Csv;

/// <summary>
/// How values from a file are shown in messages (rejection reasons, exceptions): quoted, with control characters escaped
/// (<c>\t</c>, <c>\n</c>, <c>\r</c>, otherwise <c>\xNN</c> or <c>\uNNNN</c>, and a backslash as <c>\\</c>) so that a
/// reason is always one printable line, and cut to <see cref="MaxEchoLength"/> characters with the value's full size, so
/// that a huge bad value costs a few bytes in the report, not its own size.
/// </summary>
internal static class CsvText
{
    /// <summary>The most characters of a value a message repeats (64); a longer value is cut and its length given.</summary>
    public const int MaxEchoLength = 64;

    /// <summary>The most characters of a whole rejection reason (1,024); a longer one (from a custom mapper or a model) is cut and its length given.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>The value quoted for a message: <c>'abc'</c>, or <c>'first 64 characters…' (10485760 chars)</c>, control characters escaped.</summary>
    public static string Quote(string? value)
    {
        value ??= string.Empty;
        if (value.Length <= MaxEchoLength)
        {
            return "'" + Escape(value) + "'";
        }

        int cut = MaxEchoLength;
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }

        return string.Create(CultureInfo.InvariantCulture, $"'{Escape(value.AsSpan(0, cut))}…' ({value.Length} chars)");
    }

    /// <summary>A reason made safe to print on one line: control characters escaped, cut to <see cref="MaxReasonLength"/> characters with its length.</summary>
    public static string Reason(string reason)
    {
        if (reason.Length <= MaxReasonLength)
        {
            return NeedsEscape(reason) ? Escape(reason) : reason;
        }

        int cut = MaxReasonLength;
        if (char.IsHighSurrogate(reason[cut - 1]))
        {
            cut--;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Escape(reason.AsSpan(0, cut))}… (reason of {reason.Length} chars cut)");
    }

    /// <summary>The text with every control character (C0, DEL, C1, line and paragraph separators) written as an escape, and a backslash doubled only where escapes are made.</summary>
    public static string Escape(ReadOnlySpan<char> text)
    {
        if (!NeedsEscape(text))
        {
            return text.ToString();
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case < '\u0020' or '\u007f':
                    sb.Append(CultureInfo.InvariantCulture, $@"\x{(int)c:X2}");
                    break;
                case (>= '\u0080' and < '\u00a0') or '\u2028' or '\u2029':
                    sb.Append(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}");
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c < '\u0020' || c is '\u007f' or (>= '\u0080' and < '\u00a0') or '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }
}

using System.Globalization;
using System.Text;
using CxMetrics.Cli.Commands;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Input;

/// <summary>Checks of value-format settings shared by the command-line flags and the mapping file; each returns a plain-word mistake or null.</summary>
internal static class ValueFormats
{
    /// <summary>
    /// An encoding by name: UTF-8 (the strict default, returned as null), or a single-byte encoding such as latin1,
    /// iso-8859-15 or windows-1252 (the Windows code pages come from .NET's CodePagesEncodingProvider, part of the runtime).
    /// Multi-byte encodings other than UTF-8 are refused: the reader supports UTF-8 and single-byte encodings only.
    /// </summary>
    public static string? Encoding(string name, out Encoding? encoding)
    {
        encoding = null;
        string n = name.Trim().ToLowerInvariant();
        if (n is "utf-8" or "utf8")
        {
            return null;
        }

        Encoding? found = n is "latin1" or "latin-1" ? System.Text.Encoding.Latin1 : CodePagesEncodingProvider.Instance.GetEncoding(n);
        if (found is null)
        {
            try
            {
                found = System.Text.Encoding.GetEncoding(n);
            }
            catch (ArgumentException)
            {
                return $"'{name}' is not an encoding name (e.g. utf-8, latin1, windows-1252).";
            }
        }

        if (!found.IsSingleByte)
        {
            return $"'{name}' is not supported: files are read as UTF-8 or a single-byte encoding (latin1, windows-1252, iso-8859-15, …).";
        }

        encoding = found;
        return null;
    }

    /// <summary>
    /// The layout named by <c>format</c> in a mapping file or <c>--input-format</c>: <c>csv</c>, <c>jsonl</c> or
    /// <c>parquet</c>, in any case. <paramref name="parquet"/> is true for parquet (then <paramref name="format"/> is null),
    /// false for csv and jsonl.
    /// </summary>
    public static string? InputFormat(string text, out Csv.CsvInputFormat? format, out bool parquet)
    {
        string name = text.ToLowerInvariant();
        parquet = name == "parquet";
        format = name switch
        {
            "csv" => Csv.CsvInputFormat.Csv,
            "jsonl" => Csv.CsvInputFormat.JsonLines,
            _ => null,
        };
        return format is null && !parquet ? $"'{text}' is not csv, jsonl or parquet." : null;
    }

    /// <summary>A NodaTime date, date-time or offset date-time pattern (invariant culture), e.g. <c>dd/MM/uuuu HH:mm</c>, as <see cref="Csv.CsvReadOptions.TimestampPattern"/> takes it.</summary>
    public static string? TimestampFormat(string pattern)
    {
        try
        {
            _ = new Csv.CsvReadOptions { TimestampPattern = pattern };
            return null;
        }
        catch (ArgumentException)
        {
            return $"'{pattern}' is not a NodaTime date, date-time or offset date-time pattern; e.g. dd/MM/uuuu HH:mm, uuuuMMdd or uuuu-MM-dd HH:mm:ss o<+HHmm>.";
        }
    }

    /// <summary>Whether a valid pattern reads an offset (then no zone is needed): it is neither a date nor a local date-time pattern.</summary>
    public static bool HasOffset(string pattern)
    {
        foreach (var parse in new Action[] { () => LocalDatePattern.CreateWithInvariantCulture(pattern), () => LocalDateTimePattern.CreateWithInvariantCulture(pattern) })
        {
            try
            {
                parse();
                return false;
            }
            catch (InvalidPatternException)
            {
            }
        }

        return true;
    }

    /// <summary>An IANA zone.</summary>
    public static string? Zone(string id, out DateTimeZone? zone)
    {
        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        return zone is null ? $"'{id}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)." : null;
    }

    /// <summary>An ISO 4217 code: three letters A–Z.</summary>
    public static string? Currency(string code) =>
        code.Length == 3 && code.All(c => c is >= 'A' and <= 'Z') ? null : $"'{code}' is not an ISO 4217 currency code (three capital letters, e.g. EUR).";

    /// <summary>A delimiter: one character or <c>tab</c>, not the quote nor a line break.</summary>
    public static string? Delimiter(string text, out char delimiter)
    {
        delimiter = text is "tab" or "\\t" ? '\t' : text.Length == 1 ? text[0] : '\0';
        return delimiter switch
        {
            '\0' => $"'{text}' is not one character (or 'tab').",
            '"' or '\r' or '\n' => $"'{text}' cannot separate fields (it is the quote or a line break).",
            _ => null,
        };
    }

    /// <summary>A positive amount in invariant notation.</summary>
    public static string? MaxAmount(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0
            ? null
            : $"'{text}' is not a positive amount such as 1000000 (with '.' as the decimal point).";

    /// <summary>Throws a usage error naming the option when <paramref name="mistake"/> is set.</summary>
    public static void Check(string option, string? mistake)
    {
        if (mistake is not null)
        {
            throw new UsageException($"{option}: {mistake}");
        }
    }
}

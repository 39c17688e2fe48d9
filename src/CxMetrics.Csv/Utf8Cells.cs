using System.Buffers;
using System.Text;
using System.Text.Unicode;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Span kernels of the span-based order reader: a cell's UTF-8 bytes trimmed, a plain decimal, an ISO 8601 timestamp with an
/// offset. Each answers <c>false</c> whenever it is not sure to give what the string-based path gives; the caller then
/// asks that path, which decides (and words any rejection).
/// </summary>
internal static class Utf8Cells
{
    /// <summary>
    /// The cell without ASCII white space (tab, LF, VT, FF, CR, space) at either end; <c>false</c> when an end byte is another
    /// control character or not ASCII (it might be white space that <see cref="string.Trim()"/> removes, such as U+00A0).
    /// </summary>
    public static bool TryTrim(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> trimmed)
    {
        int start = 0;
        int end = cell.Length;
        while (start < end && IsAsciiSpace(cell[start]))
        {
            start++;
        }

        while (end > start && IsAsciiSpace(cell[end - 1]))
        {
            end--;
        }

        trimmed = cell[start..end];
        return trimmed.IsEmpty || (Plain(trimmed[0], trimmed, first: true) && Plain(trimmed[^1], trimmed, first: false));
    }

    /// <summary>
    /// A non-negative decimal written <c>digits[sep digits]</c> with at most 18 digits, as <see cref="decimal.Parse(string)"/>
    /// reads it (the scale is the number of fraction digits, so <c>12.50</c> keeps its two places).
    /// </summary>
    public static bool TryPlainDecimal(ReadOnlySpan<byte> s, byte separator, out decimal value)
    {
        value = 0;
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        int i = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            mantissa = (mantissa * 10) + (s[i] - '0');
            i++;
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length)
        {
            if (s[i] != separator)
            {
                return false;
            }

            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (s[i] - '0');
                i++;
                digits++;
                scale++;
            }

            if (scale == 0 || i < s.Length)
            {
                return false;
            }
        }

        if (digits > 18)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)scale);
        return true;
    }

    /// <summary>
    /// <c>uuuu-MM-dd(T| )HH:mm:ss[.f{1,7}](Z|±HH:mm)</c> for years 1 to 9998, the layout of most exports, as
    /// <see cref="TimestampReader.TryParseIsoWithOffset"/> reads it; anything else is left to the string path.
    /// </summary>
    public static bool TryIsoWithOffset(ReadOnlySpan<byte> s, out Instant instant)
    {
        instant = default;
        return TryIsoDate(s, out long days) && TryIsoTime(s, days, out instant);
    }

    /// <summary>
    /// The date part of <see cref="TryIsoWithOffset"/>: a cell of at least 20 bytes starting <c>uuuu-MM-dd</c>, a valid date
    /// of years 1 to 9998, as days from 1970-01-01. With <see cref="TryIsoTime"/> it accepts exactly what
    /// <see cref="TryIsoWithOffset"/> does, so a reader may keep the days of the last date it read and parse only the time
    /// of a cell that starts with the same ten bytes.
    /// </summary>
    public static bool TryIsoDate(ReadOnlySpan<byte> s, out long days)
    {
        days = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day))
        {
            return false;
        }

        if (year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return false;
        }

        days = DaysFromCivil(year, month, day);
        return true;
    }

    /// <summary>The rest of <see cref="TryIsoWithOffset"/> after <see cref="TryIsoDate"/> accepted the cell's date as <paramref name="days"/>.</summary>
    public static bool TryIsoTime(ReadOnlySpan<byte> s, long days, out Instant instant)
    {
        instant = default;
        if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            int count = i - start;
            if (count is 0 or > 7)
            {
                return false;
            }

            for (int k = count; k < 7; k++)
            {
                fraction *= 10;
            }
        }

        int offsetSeconds;
        var rest = s[i..];
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            offsetSeconds = 0;
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && Digits(rest, 1, 2, out int oh) && Digits(rest, 4, 2, out int om) && om < 60 && (oh * 60) + om <= 18 * 60)
        {
            offsetSeconds = (rest[0] == '-' ? -1 : 1) * ((oh * 3600) + (om * 60));
        }
        else
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long seconds = (days * 86_400L) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        instant = Instant.FromUnixTimeTicks((seconds * NodaConstants.TicksPerSecond) + fraction);
        return true;
    }

    /// <summary>
    /// Whether the bytes are valid UTF-8 (as <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>), with a short ASCII cell — an id,
    /// a channel — settled by one pass over its bytes instead of a call into the general validator.
    /// </summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> s)
    {
        if (s.Length <= 32)
        {
            int all = 0;
            foreach (byte b in s)
            {
                all |= b;
            }

            if (all < 0x80)
            {
                return true;
            }
        }

        return Utf8.IsValid(s);
    }

    /// <summary>The first 8 bytes, little-endian, zero-padded: with the length, the whole of a cell of up to 8 bytes (the key of <see cref="IdTable"/>'s and <see cref="SmallStrings"/>' slots).</summary>
    public static ulong Prefix(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= 8)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(utf8);
        }

        ulong prefix = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            prefix |= (ulong)utf8[i] << (8 * i);
        }

        return prefix;
    }

    /// <summary>Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms", days_from_civil).</summary>
    public static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    private static int DaysInMonth(int year, int month) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int k = start; k < start + count; k++)
        {
            uint d = (uint)(s[k] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static bool IsAsciiSpace(byte b) => b == ' ' || (b >= 0x09 && b <= 0x0D);

    /// <summary>True when an end byte is printable ASCII, or starts (ends) a non-ASCII character that is not white space.</summary>
    private static bool Plain(byte b, ReadOnlySpan<byte> text, bool first)
    {
        if (b is > 0x20 and < 0x7F)
        {
            return true;
        }

        if (b < 0x80)
        {
            return false;
        }

        var status = first ? Rune.DecodeFromUtf8(text, out var rune, out _) : Rune.DecodeLastFromUtf8(text, out rune, out _);
        return status == OperationStatus.Done && !Rune.IsWhiteSpace(rune);
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Span kernels of the span-based order reader: a cell's UTF-8 bytes trimmed, a plain decimal, an ISO 8601 timestamp with an
/// offset. Each answers <c>false</c> whenever it is not sure to give what the string-based path gives; the caller then
/// asks that path, which decides (and words any rejection).
/// </summary>
/// <remarks>
/// The common short cells are read a word (8 bytes) at a time: a cell of up to 8 bytes is one load (two overlapping
/// 4-byte loads below that), up to 16 bytes two overlapping loads, up to 32 four, and digits are checked and combined in
/// the word ("SWAR": a byte <c>b ^ '0'</c> is a digit's value exactly when it is at most 9, which
/// <c>(y | (y + 0x76…)) &amp; 0x80…</c> tells for every byte at once). Longer and rarer cells take the byte loops.
/// </remarks>
internal static class Utf8Cells
{
    private const ulong HighBits = 0x8080_8080_8080_8080UL;
    private const ulong AsciiZeros = 0x3030_3030_3030_3030UL;

    /// <summary>
    /// The cell without ASCII white space (tab, LF, VT, FF, CR, space) at either end; <c>false</c> when an end byte is another
    /// control character or not ASCII (it might be white space that <see cref="string.Trim()"/> removes, such as U+00A0).
    /// </summary>
    public static bool TryTrim(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> trimmed)
    {
        if (cell.Length > 0 && IsPrintableAscii(cell[0]) && IsPrintableAscii(cell[^1]))
        {
            trimmed = cell; // nothing to take off, and both ends are plain
            return true;
        }

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
    /// <see cref="TryTrim"/>, then <see cref="IsValidUtf8"/> on the trimmed cell, in one: a cell of up to 32 bytes whose
    /// ends are printable ASCII and whose bytes are all ASCII (an id such as <c>c0012345</c>) is settled by two end checks
    /// and up to four word loads.
    /// </summary>
    public static bool TryTrimUtf8(ReadOnlySpan<byte> cell, out ReadOnlySpan<byte> trimmed)
    {
        if (cell.Length is > 0 and <= 32 && IsPrintableAscii(cell[0]) && IsPrintableAscii(cell[^1]) && IsShortAscii(cell))
        {
            trimmed = cell;
            return true;
        }

        return TryTrim(cell, out trimmed) && IsValidUtf8(trimmed);
    }

    /// <summary>
    /// A non-negative decimal written <c>digits[sep digits]</c> with at most 18 digits, as <see cref="decimal.Parse(string)"/>
    /// reads it (the scale is the number of fraction digits, so <c>12.50</c> keeps its two places).
    /// </summary>
    public static bool TryPlainDecimal(ReadOnlySpan<byte> s, byte separator, out decimal value)
    {
        if (s.Length is > 0 and <= 8 && separator < 0x80)
        {
            return TryShortDecimal(s, separator, out value);
        }

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
    /// <see cref="TryPlainDecimal"/> for a cell of 1 to 8 bytes (an amount such as <c>35.12</c>): one load; the non-digit
    /// bytes found together, at most one allowed, the separator, not first or last; the separator squeezed out of the word;
    /// the digits combined in three multiplications.
    /// </summary>
    private static bool TryShortDecimal(ReadOnlySpan<byte> s, byte separator, out decimal value)
    {
        value = 0;
        int n = s.Length;
        ulong digits = Prefix(s) ^ AsciiZeros;
        ulong other = NotDigits(digits) & (n == 8 ? ulong.MaxValue : (1UL << (8 * n)) - 1);
        int count = n;
        int scale = 0;
        if (other != 0)
        {
            // The lowest flagged byte is the first that is not a digit (a carry only runs up from a byte flagged itself).
            int at = BitOperations.TrailingZeroCount(other) >> 3;
            if ((other & (other - 1)) != 0 || at == 0 || at == n - 1 || s[at] != separator)
            {
                return false;
            }

            ulong below = (1UL << (8 * at)) - 1;
            digits = (digits & below) | ((digits >> 8) & ~below);
            count = n - 1;
            scale = n - 1 - at;
        }

        value = new decimal((int)EightDigits(digits << (8 * (8 - count))), 0, 0, false, (byte)scale);
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

    /// <summary>
    /// The clock time <c>(T| )HH:mm:ss</c> at bytes 10 to 18 of a cell of at least 20 bytes (hour 0–23, minute and second
    /// 0–59), checked and read in one word: each digit XOR '0' is its value (≤ 9) and each colon XOR ':' is 0; then byte 0
    /// of x·10 + x/256 is the hour, byte 3 the minute, byte 6 the second.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryIsoClock(ReadOnlySpan<byte> s, out uint hour, out uint minute, out uint second)
    {
        (hour, minute, second) = (0, 0, 0);
        if (s.Length < 20 || (s[10] != 'T' && s[10] != ' '))
        {
            return false;
        }

        ulong x = ReadWord(s, 11) ^ 0x3030_3A30_303A_3030UL;
        if ((NotDigits(x) | (x & 0x0000_FF00_00FF_0000UL)) != 0)
        {
            return false;
        }

        ulong pairs = (x * 10) + (x >> 8);
        hour = (uint)pairs & 0xFF;
        minute = (uint)(pairs >> 24) & 0xFF;
        second = (uint)(pairs >> 48) & 0xFF;
        return hour <= 23 && minute <= 59 && second <= 59;
    }

    /// <summary>
    /// The rest of <see cref="TryIsoWithOffset"/> after <see cref="TryIsoDate"/> accepted the cell's date as <paramref name="days"/>.
    /// <c>HH:mm:ss</c> is checked and read in one word; the common endings <c>Z</c> (20 bytes) and <c>.fffZ</c> (24 bytes) are
    /// read at fixed places, any other by the general loop.
    /// </summary>
    public static bool TryIsoTime(ReadOnlySpan<byte> s, long days, out Instant instant)
    {
        instant = default;
        if (!TryIsoClock(s, out uint hour, out uint minute, out uint second))
        {
            return false;
        }

        long seconds = (days * 86_400L) + ((hour * 3600) + (minute * 60) + second);

        long fraction = 0;
        int offsetSeconds = 0;
        if (s.Length == 20)
        {
            if (s[19] != 'Z')
            {
                return false;
            }
        }
        else if (!(s.Length == 24 && TryMillisZ(s, out fraction)) && !TryFractionAndOffset(s, out fraction, out offsetSeconds))
        {
            return false;
        }

        instant = Instant.FromUnixTimeTicks(((seconds - offsetSeconds) * NodaConstants.TicksPerSecond) + fraction);
        return true;
    }

    /// <summary>A 24-byte cell ending <c>.fffZ</c>: the milliseconds as ticks.</summary>
    private static bool TryMillisZ(ReadOnlySpan<byte> s, out long fraction)
    {
        fraction = 0;
        uint y = BinaryPrimitives.ReadUInt32LittleEndian(s[20..]) ^ 0x5A30_3030u; // "fffZ": digits to values, 'Z' to 0
        if (s[19] != '.' || (((y | (y + 0x7676_7676u)) & 0x8080_8080u) | (y & 0xFF00_0000u)) != 0)
        {
            return false;
        }

        fraction = (((y & 0xFF) * 100) + (((y >> 8) & 0xFF) * 10) + ((y >> 16) & 0xFF)) * 10_000L;
        return true;
    }

    /// <summary>From byte 19 on: <c>[.f{1,7}](Z|±HH:mm)</c>, the fraction as ticks and the offset in seconds.</summary>
    private static bool TryFractionAndOffset(ReadOnlySpan<byte> s, out long fraction, out int offsetSeconds)
    {
        fraction = 0;
        offsetSeconds = 0;
        int i = 19;
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

        var rest = s[i..];
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            return true;
        }

        if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && Digits(rest, 1, 2, out int oh) && Digits(rest, 4, 2, out int om) && om < 60 && (oh * 60) + om <= 18 * 60)
        {
            offsetSeconds = (rest[0] == '-' ? -1 : 1) * ((oh * 3600) + (om * 60));
            return true;
        }

        return false;
    }

    /// <summary>
    /// Whether the bytes are valid UTF-8 (as <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>), with a short ASCII cell — an id,
    /// a channel — settled by up to four word loads instead of a call into the general validator.
    /// </summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> s) => (s.Length <= 32 && IsShortAscii(s)) || Utf8.IsValid(s);

    /// <summary>The first 8 bytes, little-endian, zero-padded: with the length, the whole of a cell of up to 8 bytes (the key of <see cref="IdTable"/>'s and <see cref="SmallStrings"/>' slots).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Prefix(ReadOnlySpan<byte> utf8) => utf8.Length >= 8 ? ReadWord(utf8, 0) : ShortPrefix(utf8);

    /// <summary><see cref="Prefix"/> of a cell of fewer than 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShortPrefix(ReadOnlySpan<byte> utf8)
    {
        int n = utf8.Length;
        ref byte b = ref MemoryMarshal.GetReference(utf8);
        if (n >= 4)
        {
            // Two 4-byte loads that overlap when n < 8; the overlapping bytes are the same in both.
            ulong low = BinaryPrimitives.ReadUInt32LittleEndian(utf8);
            ulong high = BinaryPrimitives.ReadUInt32LittleEndian(utf8[(n - 4)..]);
            return low | (high << (8 * (n - 4)));
        }

        return n == 0 ? 0 : b | ((ulong)Unsafe.Add(ref b, n >> 1) << (8 * (n >> 1))) | ((ulong)Unsafe.Add(ref b, n - 1) << (8 * (n - 1)));
    }

    /// <summary>The 8 bytes from <paramref name="at"/>, little-endian (the cell holds them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadWord(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s[at..]);

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPrintableAscii(byte b) => (uint)(b - 0x21) < 0x5E;

    /// <summary>The high bit of each byte of <paramref name="y"/> that is more than 9 (exact: a byte of 0x80 or more is flagged by its own high bit, and only such a byte carries into the next).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NotDigits(ulong y) => (y | (y + 0x7676_7676_7676_7676UL)) & HighBits;

    /// <summary>Whether a cell of at most 32 bytes is all ASCII: the OR of up to four overlapping word loads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsShortAscii(ReadOnlySpan<byte> s)
    {
        int n = s.Length;
        if (n < 8)
        {
            return (ShortPrefix(s) & HighBits) == 0;
        }

        ref byte b = ref MemoryMarshal.GetReference(s);
        ulong all = Unsafe.ReadUnaligned<ulong>(ref b) | Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 8));
        if (n > 16)
        {
            all |= Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, 8)) | Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 16));
        }

        return (all & HighBits) == 0;
    }

    /// <summary>
    /// The number written by eight digit values, the first in the lowest byte (leading zero digits allowed): pairs of digits
    /// in each even byte (<c>x·10 + x/256</c>), then pairs of pairs and the two halves in one multiplication each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong digits)
    {
        ulong pairs = (digits * 10) + (digits >> 8);
        const ulong Lanes = 0x0000_00FF_0000_00FFUL;
        return (((pairs & Lanes) * (100 + (1_000_000UL << 32))) + (((pairs >> 16) & Lanes) * (1 + (10_000UL << 32)))) >> 32;
    }

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

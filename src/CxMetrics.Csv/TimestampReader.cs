using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv;

/// <summary>Turns timestamp text into an instant by the rules of <see cref="CsvReadOptions"/> (offset, local time in a zone never guessed, a date's start of day, Unix time).</summary>
internal sealed class TimestampReader
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] DefaultLocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    private readonly DateTimeZone? zone;
    private readonly TimestampPattern? pattern;
    private readonly UnixTimeUnit? unix;

    public TimestampReader(CsvReadOptions options)
    {
        zone = options.Zone;
        pattern = options.ParsedTimestampPattern;
        unix = options.UnixTime;
    }

    /// <summary>
    /// The instant of a timestamp cell. Throws <see cref="CsvFieldException"/> naming the column, the value (cut and escaped by
    /// <see cref="CsvText.Quote"/>) and what is wrong: a field out of range (month 13, 30 February, hour 24, second 60, an
    /// offset beyond ±18:00), no offset where one is needed, a local time skipped or repeated by a clock change, or an instant
    /// beyond NodaTime's range (about years −9998 to 9999 in UTC; e.g. 9999-12-31T23:59:59-18:00 is in year 10000 UTC).
    /// </summary>
    public Instant Read(string text, string column)
    {
        text = text.Trim();
        if (unix is { } unit)
        {
            return ReadUnix(text, unit, column);
        }

        try
        {
            return ReadInRange(text, column);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            throw new CsvFieldException(column, $"timestamp {CsvText.Quote(text)} lies outside the range of instants (from -9998-01-01 to 9999-12-31 in UTC).");
        }
    }

    /// <summary>A local date-time in a zone; a time skipped or repeated by a clock change is rejected, never guessed.</summary>
    internal static Instant InZone(LocalDateTime local, DateTimeZone zone, string column)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            1 => mapping.Single().ToInstant(),
            0 => throw new CsvFieldException(column, $"local time {local:uuuu-MM-ddTHH:mm:ss} does not exist in {zone.Id} (skipped by a clock change); not guessed."),
            _ => throw new CsvFieldException(column, $"local time {local:uuuu-MM-ddTHH:mm:ss} is ambiguous in {zone.Id} (it occurs twice around a clock change); give it with an offset."),
        };
    }

    private static Instant ReadUnix(string text, UnixTimeUnit unit, string column)
    {
        string name = unit switch
        {
            UnixTimeUnit.Seconds => "seconds",
            UnixTimeUnit.Milliseconds => "milliseconds",
            _ => "microseconds",
        };
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a Unix time (expected a whole number of {name} since 1970-01-01T00:00:00Z).");
        }

        try
        {
            return unit switch
            {
                UnixTimeUnit.Seconds => Instant.FromUnixTimeSeconds(value),
                UnixTimeUnit.Milliseconds => Instant.FromUnixTimeMilliseconds(value),
                _ => Instant.FromUnixTimeTicks(checked(value * 10)),
            };
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            throw new CsvFieldException(column, $"Unix time {CsvText.Quote(text)} ({name}) lies outside the range of instants (from -9998-01-01 to 9999-12-31 in UTC).");
        }
    }

    private Instant ReadInRange(string text, string column)
    {
        if (TryParseIsoWithOffset(text, out var fast))
        {
            return fast;
        }

        if (pattern is not null)
        {
            if (pattern.TryRead(text, zone, column) is { } instant)
            {
                return instant;
            }

            string fault = Diagnose(text) is { } f ? $": {f}" : string.Empty;
            throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a timestamp in the pattern '{pattern.Text}'{fault}.");
        }

        bool mayHaveOffset = text.EndsWith('Z') || (text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0);
        if (mayHaveOffset)
        {
            foreach (var offsetPattern in OffsetPatterns)
            {
                var parsed = offsetPattern.Parse(text);
                if (parsed.Success)
                {
                    return parsed.Value.ToInstant();
                }
            }
        }

        if (Diagnose(text) is { } diagnosis)
        {
            throw new CsvFieldException(column, $"timestamp {CsvText.Quote(text)} is not a valid time: {diagnosis}.");
        }

        if (zone is null)
        {
            bool localTime = !mayHaveOffset && Array.Exists(DefaultLocalPatterns, p => p.Parse(text).Success);
            string why = localTime
                ? $"timestamp {CsvText.Quote(text)} has no UTC offset"
                : $"timestamp {CsvText.Quote(text)} is not an ISO 8601 timestamp with a UTC offset";
            throw new CsvFieldException(column, $"{why} (expected e.g. 2025-03-30T14:05:00+02:00 or …Z); set a zone to read local times.");
        }

        if (text.Length == 10 && IsoDate.Parse(text) is { Success: true } date)
        {
            try
            {
                return zone.AtStartOfDay(date.Value).ToInstant();
            }
            catch (SkippedTimeException)
            {
                throw new CsvFieldException(column, $"day {date.Value:uuuu-MM-dd} does not exist in {zone.Id} (a clock change skipped it whole); not guessed.");
            }
        }

        foreach (var localPattern in DefaultLocalPatterns)
        {
            var parsed = localPattern.Parse(text);
            if (parsed.Success)
            {
                return InZone(parsed.Value, zone, column);
            }
        }

        throw new CsvFieldException(column, $"{CsvText.Quote(text)} is not a timestamp in ISO 8601 (uuuu-MM-ddTHH:mm[:ss] with or without offset, or uuuu-MM-dd).");
    }

    /// <summary>
    /// For text laid out as an ISO 8601 timestamp, <c>uuuu-MM-dd[(T| )HH:mm[:ss[.f…]]][Z|±HH:mm|±HH]</c>, whose fields are
    /// out of range: which field, and why (<c>day 30 does not exist in 2024-02</c>, <c>second 60 is a leap second…</c>).
    /// <c>null</c> when the text has another layout or every field is in range.
    /// </summary>
    internal static string? Diagnose(ReadOnlySpan<char> s)
    {
        if (s.Length < 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day))
        {
            return null;
        }

        int hour = 0, minute = 0, second = 0;
        int i = 10;
        if (i < s.Length && (s[i] == 'T' || s[i] == ' '))
        {
            if (s.Length < 16 || s[13] != ':' || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute))
            {
                return null;
            }

            i = 16;
            if (i < s.Length && s[i] == ':')
            {
                if (s.Length < 19 || !Digits(s, 17, 2, out second))
                {
                    return null;
                }

                i = 19;
                if (i < s.Length && (s[i] == '.' || s[i] == ','))
                {
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }
            }
        }

        var rest = s[i..];
        int offsetHours = 0, offsetMinutes = 0;
        if (rest.Length > 0 && rest is not "Z")
        {
            bool hhmm = rest.Length == 6 && rest[3] == ':' && Digits(rest, 4, 2, out offsetMinutes);
            if ((rest[0] != '+' && rest[0] != '-') || (rest.Length != 3 && !hhmm) || !Digits(rest, 1, 2, out offsetHours))
            {
                return null;
            }
        }

        if (month is < 1 or > 12)
        {
            return string.Create(CultureInfo.InvariantCulture, $"month {month:00} does not exist (01–12)");
        }

        if (day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return string.Create(CultureInfo.InvariantCulture, $"day {day:00} does not exist in {year:0000}-{month:00}, which has {CalendarSystem.Iso.GetDaysInMonth(year, month)} days");
        }

        if (hour > 23)
        {
            return string.Create(CultureInfo.InvariantCulture, $"hour {hour:00} is outside 00–23 (24:00:00 is read as the end of the day)");
        }

        if (minute > 59)
        {
            return string.Create(CultureInfo.InvariantCulture, $"minute {minute:00} is outside 00–59");
        }

        if (second == 60)
        {
            return "second 60 is a leap second, which UTC-based instants do not have (write :59 or the next minute)";
        }

        if (second > 59)
        {
            return string.Create(CultureInfo.InvariantCulture, $"second {second:00} is outside 00–59");
        }

        if (offsetMinutes > 59 || (offsetHours * 60) + offsetMinutes > 18 * 60)
        {
            return $"UTC offset {rest.ToString()} is outside -18:00 to +18:00";
        }

        return null;
    }

    /// <summary>
    /// Fast path for the common export layout <c>uuuu-MM-ddTHH:mm:ss[.f…](Z|±HH:mm)</c> (also with a space for <c>T</c>),
    /// without the general NodaTime pattern machinery. Anything else (or an out-of-range field) returns false and goes
    /// through the NodaTime patterns, which give the error message; a property test checks both paths agree.
    /// </summary>
    internal static bool TryParseIsoWithOffset(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)
            || !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long nanos = 0;
        if (i < s.Length && s[i] == '.')
        {
            int start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start < 9)
                {
                    nanos = (nanos * 10) + (s[i] - '0');
                }

                i++;
            }

            int digits = i - start;
            if (digits is 0 or > 9)
            {
                return false;
            }

            for (int k = digits; k < 9; k++)
            {
                nanos *= 10;
            }
        }

        int offsetSeconds;
        var rest = s[i..];
        if (rest is "Z")
        {
            offsetSeconds = 0;
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && Digits(rest, 1, 2, out int oh) && Digits(rest, 4, 2, out int om) && oh <= 18 && om < 60)
        {
            offsetSeconds = (rest[0] == '-' ? -1 : 1) * ((oh * 3600) + (om * 60));
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || Math.Abs(offsetSeconds) > 18 * 3600)
        {
            return false;
        }

        var local = new LocalDateTime(year, month, day, hour, minute, second).PlusNanoseconds(nanos);
        instant = local.WithOffset(Offset.FromSeconds(offsetSeconds)).ToInstant();
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int k = start; k < start + count; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return false;
            }

            value = (value * 10) + (s[k] - '0');
        }

        return true;
    }
}

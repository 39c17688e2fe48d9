using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv;

/// <summary>Turns timestamp text into an instant by the rules of <see cref="CsvReadOptions"/> (offset, or local time in a zone, never guessed).</summary>
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
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd"),
    ];

    private readonly DateTimeZone? zone;
    private readonly LocalDateTimePattern[] localPatterns;

    public TimestampReader(CsvReadOptions options)
    {
        zone = options.Zone;
        localPatterns = options.LocalTimestampPattern is { } p ? [LocalDateTimePattern.CreateWithInvariantCulture(p)] : DefaultLocalPatterns;
    }

    public Instant Read(string text, string column)
    {
        text = text.Trim();
        if (TryParseIsoWithOffset(text, out var fast))
        {
            return fast;
        }

        bool mayHaveOffset = text.EndsWith('Z') || (text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0);
        if (mayHaveOffset)
        {
            foreach (var pattern in OffsetPatterns)
            {
                var parsed = pattern.Parse(text);
                if (parsed.Success)
                {
                    return parsed.Value.ToInstant();
                }
            }
        }

        if (zone is null)
        {
            throw new CsvFieldException(column, $"timestamp '{text}' has no UTC offset (expected e.g. 2025-03-30T14:05:00+02:00 or …Z); set a zone to read local times.");
        }

        foreach (var pattern in localPatterns)
        {
            var parsed = pattern.Parse(text);
            if (!parsed.Success)
            {
                continue;
            }

            var local = parsed.Value;
            var mapping = zone.MapLocal(local);
            return mapping.Count switch
            {
                1 => mapping.Single().ToInstant(),
                0 => throw new CsvFieldException(column, $"local time {local:uuuu-MM-ddTHH:mm:ss} does not exist in {zone.Id} (skipped by a clock change); not guessed."),
                _ => throw new CsvFieldException(column, $"local time {local:uuuu-MM-ddTHH:mm:ss} is ambiguous in {zone.Id} (it occurs twice around a clock change); give it with an offset."),
            };
        }

        string expected = localPatterns.Length == 1 ? $"'{localPatterns[0].PatternText}'" : "ISO 8601 (uuuu-MM-ddTHH:mm[:ss] with or without offset, or uuuu-MM-dd)";
        throw new CsvFieldException(column, $"'{text}' is not a timestamp in {expected}.");
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

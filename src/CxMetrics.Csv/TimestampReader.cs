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
}

using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv;

/// <summary>
/// A compiled <see cref="CsvReadOptions.TimestampPattern"/>: exactly one of a date-only, a local date-time or an offset
/// date-time NodaTime pattern (tried in that order when the text is compiled).
/// </summary>
internal sealed class TimestampPattern
{
    private TimestampPattern(string text, LocalDatePattern? date, LocalDateTimePattern? local, OffsetDateTimePattern? offset)
    {
        Text = text;
        Date = date;
        Local = local;
        Offset = offset;
    }

    public string Text { get; }

    public LocalDatePattern? Date { get; }

    public LocalDateTimePattern? Local { get; }

    public OffsetDateTimePattern? Offset { get; }

    public bool HasOffset => Offset is not null;

    /// <summary>Compiles pattern text.</summary>
    /// <exception cref="ArgumentException">Empty text, or not a valid NodaTime date, date-time or offset date-time pattern.</exception>
    public static TimestampPattern Parse(string text, string paramName = "text")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("CsvReadOptions.TimestampPattern is empty; give NodaTime pattern text such as 'dd/MM/uuuu HH:mm', or null for ISO 8601.", paramName);
        }

        InvalidPatternException? last = null;
        try
        {
            return new TimestampPattern(text, LocalDatePattern.CreateWithInvariantCulture(text), null, null);
        }
        catch (InvalidPatternException)
        {
        }

        try
        {
            return new TimestampPattern(text, null, LocalDateTimePattern.CreateWithInvariantCulture(text), null);
        }
        catch (InvalidPatternException ex)
        {
            last = ex;
        }

        try
        {
            return new TimestampPattern(text, null, null, OffsetDateTimePattern.CreateWithInvariantCulture(text));
        }
        catch (InvalidPatternException ex)
        {
            // An offset pattern's error is the useful one only when the text has an offset field.
            last = text.Contains('o', StringComparison.Ordinal) ? ex : last;
        }

        throw new ArgumentException($"CsvReadOptions.TimestampPattern '{text}' is not a NodaTime date, date-time or offset date-time pattern: {last!.Message}", paramName, last);
    }

    /// <summary>Parses a cell; null when it does not match the pattern.</summary>
    public Instant? TryRead(string text, DateTimeZone? zone, string column)
    {
        if (Offset is not null)
        {
            var parsed = Offset.Parse(text);
            return parsed.Success ? parsed.Value.ToInstant() : null;
        }

        if (Date is not null)
        {
            var parsed = Date.Parse(text);
            if (!parsed.Success)
            {
                return null;
            }

            try
            {
                return zone!.AtStartOfDay(parsed.Value).ToInstant();
            }
            catch (SkippedTimeException)
            {
                throw new CsvFieldException(column, $"day {parsed.Value:uuuu-MM-dd} does not exist in {zone!.Id} (a clock change skipped it whole); not guessed.");
            }
        }

        var local = Local!.Parse(text);
        return local.Success ? TimestampReader.InZone(local.Value, zone!, column) : null;
    }
}

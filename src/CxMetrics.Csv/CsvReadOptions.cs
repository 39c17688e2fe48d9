using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// How a CSV file is read: delimiter, how timestamps without an offset are placed in time, a fixed currency, and whether
/// the first bad row stops the run. Every default is stated on its property.
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>The default options: comma-delimited, timestamps must carry an offset, lenient (bad rows are rejected and reported).</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Field delimiter. Default <c>,</c>. Never guessed: a file with another delimiter fails with a message naming the header it saw.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The zone in which timestamps written without a UTC offset are read as local wall-clock times. Default <c>null</c>:
    /// such timestamps are rejected. A local time that a clock change skips or repeats in this zone is rejected as skipped or
    /// ambiguous — never resolved by guessing. Timestamps that carry an offset (<c>2025-03-30T02:30:00+02:00</c>, <c>…Z</c>)
    /// are read as written whatever the zone.
    /// </summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>
    /// NodaTime pattern for local timestamps (without offset), e.g. <c>dd-MM-uuuu HH:mm</c> or <c>uuuuMMdd</c> (a date-only
    /// pattern means the start of that day). Default <c>null</c>: ISO 8601 <c>uuuu-MM-ddTHH:mm:ss[.fff]</c>, the same
    /// with a space instead of <c>T</c>, with minutes only, or a date <c>uuuu-MM-dd</c>. Only used when <see cref="Zone"/> is set.
    /// </summary>
    public string? LocalTimestampPattern { get; init; }

    /// <summary>
    /// ISO 4217 currency of every amount when the file has no currency column, or for rows whose currency cell is empty.
    /// Default <c>null</c>: amounts need a currency column.
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>
    /// Strict mode: the first bad row stops the run with a <see cref="CsvDataException"/> naming its line, column and reason.
    /// Default <c>false</c>: bad rows are rejected, counted and listed in <see cref="CsvReport.Rejections"/>, and reading goes on.
    /// </summary>
    public bool Strict { get; init; }
}

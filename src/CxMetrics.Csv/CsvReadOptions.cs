using System.Text;
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
    /// The encoding of a file's bytes. Default <c>null</c>: UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is recognised),
    /// and a cell whose bytes are not valid UTF-8 rejects its row with the column and the first bad byte — it is never read
    /// with replacement characters, which would merge different ids. Set it for exports in another encoding, e.g.
    /// <see cref="Encoding.Latin1"/> or a code page from <c>CodePagesEncodingProvider</c>; UTF-8 and single-byte encodings
    /// are supported. Not used when reading from a <see cref="TextReader"/> (already text) or by <c>CdnowCsv</c>.
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// Strict mode: the first bad row stops the run with a <see cref="CsvDataException"/> naming its line, column and reason.
    /// Default <c>false</c>: bad rows are rejected, counted and listed in <see cref="CsvReport.Rejections"/>, and reading goes on.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The largest absolute value of one money amount (order amount, outcome revenue, MRR, cart value) that is read; a larger
    /// one rejects its row. Default 10^15 (a thousand trillion in any currency): exact <see cref="decimal"/> sums of accepted
    /// amounts then stay far inside decimal's range (about 7.9 × 10^28, i.e. 79 trillion rows at the bound), so no
    /// calculator overflows on data that came through a reader. Must be greater than 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is 0 or negative.</exception>
    public decimal MaxAmount
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1_000_000_000_000_000m;

    // ---- Input shape: JSON Lines (one JSON object per line) ----

    /// <summary>
    /// How the source is laid out. Default <c>null</c>: chosen by the file name — a path ending in <c>.jsonl</c> or
    /// <c>.ndjson</c> (any case) is read as <see cref="CsvInputFormat.JsonLines"/>, anything else, and a
    /// <see cref="TextReader"/>, as delimited CSV. Set it to read JSON Lines under another name (or from a text reader).
    /// </summary>
    public CsvInputFormat? Format { get; init; }

    /// <summary>
    /// JSON Lines only: the array field (a dotted path such as <c>events</c> or <c>ecommerce.items</c>) whose elements become
    /// rows, each carrying its object's other fields (the OTTO sessions' <c>{"session":0,"events":[{"aid":…,"ts":…,"type":…}]}</c>
    /// gives rows with <c>session, aid, ts, type</c>). An element's fields are columns under their own names (a parent field
    /// of the same name wins) and under the array's path (<c>events.aid</c>). An object whose array is empty, null or absent
    /// gives one row of its own fields (as pandas <c>explode</c> does). Every element row carries its object's line number.
    /// Default <c>null</c>: one row per line, arrays kept as their JSON text.
    /// </summary>
    public string? Unnest { get; init; }
}

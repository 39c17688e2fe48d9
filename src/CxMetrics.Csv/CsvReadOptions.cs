using System.Text;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// How a CSV file is read: delimiter (or white space), how timestamps are written (ISO 8601, a NodaTime pattern, Unix time)
/// and where local ones are placed in time, decimal separator, yes/no spellings, a fixed currency, and whether the first bad
/// row stops the run. Every default is stated on its property; settings that contradict each other are refused with an
/// <see cref="ArgumentException"/> naming both when a reader is created.
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
    /// ambiguous — never resolved by guessing; a date alone is the start of that day in this zone (see
    /// <see cref="TimestampPattern"/>). Timestamps that carry an offset (<c>2025-03-30T02:30:00+02:00</c>, <c>…Z</c>)
    /// are read as written whatever the zone.
    /// </summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>
    /// NodaTime pattern text (invariant culture) for timestamp cells, e.g. <c>dd/MM/uuuu HH:mm</c>, <c>MM/dd/uuuu</c>,
    /// <c>uuuuMMdd</c>, or with a UTC offset <c>uuuu-MM-dd HH:mm:ss o&lt;+HHmm&gt;</c> (Shopify's <c>2024-01-15 10:23:45 -0500</c>).
    /// Default <c>null</c>: ISO 8601 <c>uuuu-MM-ddTHH:mm:ss[.fff]</c>, the same with a space instead of <c>T</c>, with minutes
    /// only, or a date <c>uuuu-MM-dd</c>, each with or without an offset. Three kinds of pattern, told apart by their fields:
    /// <list type="bullet">
    /// <item>with an offset (<c>o&lt;…&gt;</c>): read as written; no <see cref="Zone"/> needed;</item>
    /// <item>a date and time without offset: a wall-clock time in <see cref="Zone"/>, which must then be set; a time skipped or
    /// repeated by a clock change is rejected, never guessed;</item>
    /// <item>a date only (no hour field): the start of that day in <see cref="Zone"/> (NodaTime's <c>AtStartOfDay</c>): midnight,
    /// or where a clock change skips midnight (America/Sao_Paulo on 2018-11-04) the first instant of the day, 01:00 — the day
    /// exists even if its midnight does not. A day skipped whole (Pacific/Apia on 2011-12-30) is rejected.</item>
    /// </list>
    /// ISO 8601 timestamps with an offset (<c>…T14:05:00+02:00</c>, <c>…Z</c>) are still read whatever the pattern.
    /// Not used with <see cref="UnixTime"/> (setting both is refused when a read starts).
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or not a valid NodaTime date, date-time or offset-date-time pattern (the message names the pattern).</exception>
    public string? TimestampPattern
    {
        get;
        init
        {
            ParsedTimestampPattern = value is null ? null : Csv.TimestampPattern.Parse(value, nameof(TimestampPattern));
            field = value;
        }
    }

    /// <summary>
    /// Timestamp cells are whole numbers counted from the Unix epoch 1970-01-01T00:00:00Z in this unit (negative before it),
    /// e.g. <see cref="UnixTimeUnit.Milliseconds"/> for OTTO's <c>ts</c> or <see cref="UnixTimeUnit.Microseconds"/> for GA4's
    /// <c>event_timestamp</c>. Default <c>null</c>: timestamps are text (see <see cref="TimestampPattern"/>). A cell that is
    /// not an integer (<c>1.5</c>, <c>1e9</c>, a date) or lies beyond NodaTime's instants (years −9998 to 9999) rejects its row
    /// naming the column. <see cref="Zone"/> is not needed (and not used) for such cells.
    /// </summary>
    public UnixTimeUnit? UnixTime { get; init; }

    /// <summary>
    /// The character between the whole and the fractional part of decimal numbers (amounts, weights, scores read as
    /// decimals): <c>.</c> (default, <c>12.50</c>) or <c>,</c> (European exports, <c>12,50</c>). No group (thousands)
    /// separator is ever read: <c>1.234,50</c> and <c>1,234.50</c> are rejected, never misread as 1.23450 or 1.234. A comma
    /// separator with the comma delimiter is refused when a read starts (quote such cells, or use <c>;</c> as delimiter).
    /// </summary>
    /// <exception cref="ArgumentException">The value set is neither <c>.</c> nor <c>,</c>.</exception>
    public char DecimalSeparator
    {
        get;
        init
        {
            if (value is not ('.' or ','))
            {
                throw new ArgumentException($"DecimalSeparator '{value}' is not supported; use '.' or ','.", nameof(DecimalSeparator));
            }

            field = value;
        }
    } = '.';

    /// <summary>
    /// The spellings of a true yes/no cell, compared with the trimmed cell ignoring case. Default <c>true</c>, <c>yes</c>,
    /// <c>y</c>, <c>1</c> (IBM Telco's <c>Yes</c>, UCI's <c>TRUE</c>, CFPB's <c>Yes</c>). A cell in neither this list nor
    /// <see cref="FalseValues"/> rejects its row, naming both lists. The two lists may not share a spelling, and no spelling
    /// may be empty or padded with white space (refused when a read starts).
    /// </summary>
    public IReadOnlyList<string> TrueValues { get; init; } = ["true", "yes", "y", "1"];

    /// <summary>
    /// Cells that mean "no value" in this export, compared with the trimmed cell exactly (case-sensitive): such a cell reads as
    /// empty everywhere — an optional column is absent on that row, a required one rejects the row as empty (naming the
    /// marker). The ServiceNow incident log writes <c>?</c> for a missing time. Default empty: only an empty cell is missing.
    /// A marker may not be empty or padded with white space (refused when a read starts).
    /// </summary>
    public IReadOnlyList<string> MissingValues { get; init; } = [];

    /// <summary>The spellings of a false yes/no cell, as <see cref="TrueValues"/>. Default <c>false</c>, <c>no</c>, <c>n</c>, <c>0</c>.</summary>
    public IReadOnlyList<string> FalseValues { get; init; } = ["false", "no", "n", "0"];

    /// <summary>
    /// Fields are separated by runs of spaces and tabs, and white space at the start and end of a line is ignored (the CDNOW
    /// master file: <c> 00001 19970101  1   11.77</c>); there is no quoting, so a value cannot hold a space, and quotes are
    /// ordinary text. The header is split the same way. For UTF-8 and single-byte encodings (see <see cref="Encoding"/>).
    /// Default <c>false</c>: <see cref="Delimiter"/>-separated with RFC 4180
    /// quoting. Setting it with a <see cref="Delimiter"/> other than the default <c>,</c> is refused when a read starts.
    /// </summary>
    public bool WhitespaceSeparated { get; init; }

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
    /// are supported (also for a <see cref="Stream"/> source). Not used when reading from a <see cref="TextReader"/> (already text) or by <c>CdnowCsv</c>.
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// Strict mode: the first bad row stops the run with a <see cref="CsvDataException"/> naming its line, column and reason.
    /// Default <c>false</c>: bad rows are rejected, counted and listed in <see cref="CsvReport.Rejections"/>, and reading goes on.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether <c>OrderCsv.ReadRows</c> may tokenise and parse a delimited source on a second thread, a few thousand rows
    /// ahead of the caller, while the caller's thread folds the rows it was handed (used only when the machine has more
    /// than one processor); the customer ids are then looked up on whichever of the two threads has time, in row order.
    /// Default <c>true</c>. The rows, customer indices, currency, report and exceptions are the same either way. What the
    /// caller sees of the id table (<c>OrderRows.CustomerIds</c>), the report and the currency changes only on the caller's
    /// thread, a chunk of rows at a time — the id table shows every id of the rows handed out and at most a chunk's more —
    /// and a failure (an unreadable source, strict mode's bad row) is raised there after the rows before it. The thread
    /// ends with the read, or when the enumerator is disposed. <c>false</c> keeps the whole read on the caller's thread.
    /// Other readers always read on the caller's thread.
    /// </summary>
    public bool ParseInBackground { get; init; } = true;

    /// <summary>Whether plain lines of UTF-8 delimited byte sources are split by our scanner (<see cref="Utf8LineScanner"/>); off only to compare with CsvHelper alone (tests).</summary>
    internal bool ScanPlainLines { get; init; } = true;

    /// <summary>The scanner's block size (tests make it tiny, so that lines straddle blocks).</summary>
    internal int ScanBlockSize { get; init; } = Utf8LineScanner.DefaultBlockSize;

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
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxAmount));
            field = value;
        }
    } = 1_000_000_000_000_000m;

    /// <summary>The compiled <see cref="TimestampPattern"/>, or <c>null</c>.</summary>
    internal TimestampPattern? ParsedTimestampPattern { get; private init; }

    /// <summary>
    /// Refuses settings that contradict each other; called when a reader is created, before any row is read.
    /// </summary>
    /// <exception cref="ArgumentException">Two settings contradict each other; the message names both.</exception>
    internal void Validate()
    {
        if (UnixTime is not null && TimestampPattern is not null)
        {
            throw new ArgumentException($"CsvReadOptions.UnixTime ({UnixTime}) and CsvReadOptions.TimestampPattern ('{TimestampPattern}') both say how timestamps are written; set one.", "options");
        }

        if (ParsedTimestampPattern is { HasOffset: false } && Zone is null)
        {
            throw new ArgumentException($"CsvReadOptions.TimestampPattern '{TimestampPattern}' has no UTC offset, so CsvReadOptions.Zone must say where its wall-clock times are.", "options");
        }

        if (WhitespaceSeparated && Format == CsvInputFormat.JsonLines)
        {
            throw new ArgumentException("CsvReadOptions.WhitespaceSeparated and CsvReadOptions.Format JsonLines both say how a line is laid out; set one.", "options");
        }

        if (WhitespaceSeparated && Delimiter != ',')
        {
            throw new ArgumentException($"CsvReadOptions.WhitespaceSeparated and CsvReadOptions.Delimiter '{Delimiter}' both say how fields are separated; set one.", "options");
        }

        if (!WhitespaceSeparated && DecimalSeparator == Delimiter)
        {
            throw new ArgumentException($"CsvReadOptions.DecimalSeparator and CsvReadOptions.Delimiter are both '{Delimiter}'; use another delimiter (e.g. ';') for decimal-comma files.", "options");
        }

        ArgumentNullException.ThrowIfNull(TrueValues, "options.TrueValues");
        ArgumentNullException.ThrowIfNull(FalseValues, "options.FalseValues");
        ArgumentNullException.ThrowIfNull(MissingValues, "options.MissingValues");
        foreach (string? marker in MissingValues)
        {
            if (string.IsNullOrWhiteSpace(marker) || marker.Trim().Length != marker.Length)
            {
                throw new ArgumentException($"CsvReadOptions.MissingValues: the marker '{marker}' is empty or padded with white space (cells are compared trimmed).", "options");
            }
        }

        foreach (string? spelling in TrueValues.Concat(FalseValues))
        {
            if (string.IsNullOrWhiteSpace(spelling) || spelling.Trim().Length != spelling.Length)
            {
                throw new ArgumentException($"CsvReadOptions.TrueValues / FalseValues: the spelling '{spelling}' is empty or padded with white space (cells are compared trimmed).", "options");
            }

            if (TrueValues.Contains(spelling, StringComparer.OrdinalIgnoreCase) && FalseValues.Contains(spelling, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{spelling}' is in both CsvReadOptions.TrueValues and CsvReadOptions.FalseValues (compared ignoring case); a cell must mean one thing.", "options");
            }
        }
    }

    // ---- Input shape: JSON Lines (one JSON object per line) ----

    /// <summary>
    /// How the source is laid out. Default <c>null</c>: chosen by the file name — a path ending in <c>.jsonl</c> or
    /// <c>.ndjson</c> (any case) is read as <see cref="CsvInputFormat.JsonLines"/>, anything else, and a
    /// <see cref="TextReader"/> or <see cref="Stream"/>, as delimited CSV. Set it to read JSON Lines under another name (or from a reader or stream).
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

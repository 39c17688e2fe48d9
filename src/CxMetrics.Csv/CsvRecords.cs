using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace CxMetrics.Csv;

/// <summary>
/// Records streamed from a CSV source: enumerating reads the source row by row (memory does not grow with the file), and
/// <see cref="Report"/> gives the account of the read — rows read, accepted, rejected with line, column and reason — once the
/// enumeration has finished. A source opened from a path can be enumerated again (each run re-reads the file and resets the
/// report); one read from a <see cref="TextReader"/> only once.
/// </summary>
/// <remarks>
/// The records can also be enumerated with <c>await foreach</c> (<see cref="IAsyncEnumerable{T}"/>): readers that make one
/// record per row (orders, surveys, sessions, cart and subscription events, …) then read the source with asynchronous I/O,
/// row by row, so memory stays flat however long the file is. Readers that group rows (ticket event logs) or read
/// non-CSV text (CDNOW, JSON Lines) enumerate synchronously under the asynchronous interface.
/// </remarks>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CsvRecords<T> : IEnumerable<T>, IAsyncEnumerable<T>
{
    private readonly CsvSource source;
    private readonly CsvReadOptions options;
    private readonly IReadOnlyCollection<string> required;
    private readonly Func<CsvRowStream, IEnumerable<T>> pipeline;
    private readonly Func<Func<CsvRow, T>>? rowMaps;
    private bool started;

    internal CsvRecords(CsvSource source, CsvReadOptions options, IReadOnlyCollection<string> required, Func<CsvRowStream, IEnumerable<T>> pipeline)
    {
        options.Validate();
        this.source = source;
        this.options = options;
        this.required = required;
        this.pipeline = pipeline;
        Report = new CsvReport(source.Name);
    }

    /// <summary>One record per row: <paramref name="rowMaps"/> gives a fresh mapping function for each run (so a mapping may keep per-run state, such as the file's currency).</summary>
    internal CsvRecords(CsvSource source, CsvReadOptions options, IReadOnlyCollection<string> required, Func<Func<CsvRow, T>> rowMaps)
        : this(source, options, required, rows => PerRow(rows, rowMaps()))
    {
        this.rowMaps = rowMaps;
    }

    /// <summary>A reader for sources that are not delimited CSV (such as the whitespace-separated CDNOW log); replaces the CSV row stream.</summary>
    internal Func<TextReader, CsvReport, CsvReadOptions, IEnumerable<T>>? LineReader { get; init; }

    /// <summary>The account of the last (or current) enumeration.</summary>
    public CsvReport Report { get; }

    /// <summary>Reads every record into a list (convenience for small files; the report is complete afterwards).</summary>
    public IReadOnlyList<T> ToList() => new List<T>(this);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        if (started && source.Path is null)
        {
            throw new InvalidOperationException($"{Report.Source} was read from a TextReader or Stream and can be enumerated only once.");
        }

        started = true;
        return Run().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Enumerates asynchronously: one-record-per-row readers read the source with asynchronous I/O; the report is complete
    /// when the enumeration ends, as with synchronous enumeration.
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The enumerator.</returns>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (started && source.Path is null)
        {
            throw new InvalidOperationException($"{Report.Source} was read from a TextReader or Stream and can be enumerated only once.");
        }

        started = true;
        return rowMaps is null ? RunSynchronously(cancellationToken) : RunAsync(rowMaps(), cancellationToken);
    }

    private static IEnumerable<T> PerRow(CsvRowStream rows, Func<CsvRow, T> map)
    {
        while (rows.MoveNext())
        {
            if (rows.TryMap(map, out T value))
            {
                yield return value;
            }
        }
    }

    private async IAsyncEnumerator<T> RunSynchronously(CancellationToken cancellationToken)
    {
        foreach (var record in Run())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerator<T> RunAsync(Func<CsvRow, T> map, CancellationToken cancellationToken)
    {
        Report.Reset();
        var stream = await CsvRowStream.OpenAsync(Report, source, options, required, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (await stream.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (stream.TryMap(map, out T value))
                {
                    yield return value;
                }
            }
        }

        Report.Complete();
    }

    private TextReader OpenText()
    {
        try
        {
            return source.OpenText();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CsvDataException($"{Report.Source}: cannot be opened: {ex.Message}", ex);
        }
    }

    private IEnumerable<T> Run()
    {
        Report.Reset();
        if (LineReader is not null)
        {
            using var text = OpenText();
            foreach (var record in LineReader(text, Report, options))
            {
                yield return record;
            }

            Report.Complete();
            yield break;
        }

        using var stream = new CsvRowStream(Report, source, options, required);
        foreach (var record in pipeline(stream))
        {
            yield return record;
        }

        Report.Complete();
    }
}

/// <summary>
/// The rows of one CSV source, with header checks, line numbers and structural rejections (wrong field count). For the
/// order reader, a delimited UTF-8 byte source read synchronously is split by our <see cref="Utf8LineScanner"/> as long as
/// its lines are plain, and by CsvHelper 34 from the first line that is not (to the end); any other source, and every
/// other reader, by CsvHelper alone. Both give the same rows, fields, line numbers and errors.
/// </summary>
internal sealed class CsvRowStream : IDisposable, IAsyncDisposable
{
    private readonly JsonLineRows? json;
    private readonly CsvReaderOptions csvOptions;
    private CsvReader reader; // the whole source; while the scanner reads, the header line alone; after a hand-over, the rest
    private Utf8LineScanner? scanner; // while it reads
    private bool handedOver;
    private long linesBefore, recordsBefore, bytesBefore; // of the input before the part CsvHelper reads after a hand-over
    private string[] header = [];

    // scan: whether our Utf8LineScanner may split plain lines (when Scannable); asked only by the order reader
    // (OrderRowParser), whose byte kernels read the cells' spans. The other readers stay on CsvHelper alone: their
    // per-cell string work dominates, and the nps tool on 5 M survey rows was ≈ 8% slower with the scanner
    // (2.46–2.51 s against 2.27–2.47 s).
    public CsvRowStream(CsvReport report, CsvSource source, CsvReadOptions options, IReadOnlyCollection<string> required, bool scan = false)
        : this(report, source, options, scan)
    {
        if (json is not null)
        {
            Row = json.Open(required, Reject);
            return;
        }

        try
        {
            if (scanner is not null)
            {
                StartScanner();
            }

            reader.ReadHeader();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Dispose();
            throw new CsvDataException($"{report.Source}: the header cannot be read: {ex.Message}", 1, null, ex);
        }

        Row = CheckHeader(required);
    }

    private CsvRowStream(CsvReport report, CsvSource source, CsvReadOptions options, bool scan)
    {
        Report = report;
        Options = options;
        csvOptions = new CsvReaderOptions
        {
            Separator = options.WhitespaceSeparated ? '\t' : options.Delimiter,
            Mode = options.WhitespaceSeparated ? CsvMode.NoEscape : CsvMode.Rfc4180,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Throw,
            Encoding = options.Encoding,
        };
        if (JsonLineRows.Applies(source, options))
        {
            json = JsonLineRows.Create(report, source, options);
            reader = null!;
            Row = null!;
            return;
        }

        try
        {
            if (scan && Scannable(source, options))
            {
                var bytes = source.Stream ?? new FileStream(source.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                scanner = new Utf8LineScanner(bytes, (byte)options.Delimiter, options.ScanBlockSize);
                reader = null!; // StartScanner
                Row = null!;
                return;
            }

            reader = (source.Path, source.Stream, options.WhitespaceSeparated) switch
            {
                ({ } path, _, false) => CsvReader.FromFile(path, csvOptions, FileOptions.SequentialScan),
                ({ } path, _, true) => CsvReader.Create(new WhitespaceFieldStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)), csvOptions, false),
                (null, { } stream, false) => CsvReader.Create(stream, csvOptions, false),
                (null, { } stream, true) => CsvReader.Create(new WhitespaceFieldStream(stream), csvOptions, false),
                (null, null, false) => CsvReader.Create(source.Reader!, csvOptions, false),
                (null, null, true) => CsvReader.Create(new WhitespaceFieldReader(source.Reader!), csvOptions, false),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CsvDataException($"{report.Source}: cannot be opened: {ex.Message}", ex);
        }

        Row = null!;
    }

    public CsvReport Report { get; }

    public CsvReadOptions Options { get; }

    public CsvRow Row { get; private set; }

    /// <summary>The number of columns of the header (the fields of every row <see cref="MoveNext"/> stops at).</summary>
    public int ColumnCount => header.Length;

    /// <summary>
    /// Whether our scanner may read the source: UTF-8 bytes (a path or a stream, no other encoding set), delimited by one
    /// ASCII character. Text readers, other encodings and whitespace-separated files are read by CsvHelper alone.
    /// </summary>
    private static bool Scannable(CsvSource source, CsvReadOptions options) =>
        options.ScanPlainLines && !options.WhitespaceSeparated && options.Encoding is null && (source.Path is not null || source.Stream is not null)
        && options.Delimiter is < (char)0x80 and not ('"' or '\r' or '\n');

    /// <summary>
    /// Reads the first line with the scanner: a plain header line goes to a CsvHelper reader of its own (so the header's
    /// names, byte-order mark and all, are read as CsvHelper reads them) and the scanner reads on; any other first line
    /// hands the whole source to CsvHelper.
    /// </summary>
    private void StartScanner()
    {
        var s = scanner!;
        if (s.ReadHeader() is { } line)
        {
            reader = CsvReader.Create(line, csvOptions);
            return;
        }

        reader = CsvReader.Create(s.Remaining(out _), csvOptions, false);
        scanner = null;
    }

    /// <summary>
    /// Hands the rest of the source, from the first byte of the line the scanner is not sure of, to CsvHelper (no header;
    /// its line numbers, record numbers and byte offsets are shifted by what the scanner read before).
    /// </summary>
    private void HandOver()
    {
        var s = scanner!;
        scanner = null;
        reader.Dispose(); // the header line's
        var rest = s.Remaining(out bool marked);
        (handedOver, linesBefore, recordsBefore, bytesBefore) = (true, s.Line - 1, s.Records, s.Offset - (marked ? 3 : 0));
        reader = CsvReader.Create(rest, csvOptions with { HasHeader = false }, false);
    }

    /// <summary>The bytes of cell <paramref name="index"/> of the current row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetSpan(int index) => scanner is { } s ? s.Field(index) : reader.GetSpan(index);

    /// <summary>Cell <paramref name="index"/> of the current row as text (bytes that are not UTF-8 read as U+FFFD).</summary>
    public string GetString(int index) => scanner is { } s ? System.Text.Encoding.UTF8.GetString(s.Field(index)) : reader.GetString(index);

    /// <summary>True when the scanner read the current row and knows its bytes to be all ASCII (so every cell is valid UTF-8).</summary>
    public bool AsciiRow => scanner is { } s && s.Ascii;

    /// <summary>Opens a source and reads its header asynchronously.</summary>
    public static async Task<CsvRowStream> OpenAsync(CsvReport report, CsvSource source, CsvReadOptions options, IReadOnlyCollection<string> required, CancellationToken cancellationToken)
    {
        if (JsonLineRows.Applies(source, options))
        {
            return new CsvRowStream(report, source, options, required); // JSON Lines read synchronously
        }

        var stream = new CsvRowStream(report, source, options, scan: false);
        try
        {
            await stream.reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new CsvDataException($"{report.Source}: the header cannot be read: {ex.Message}", 1, null, ex);
        }

        stream.Row = stream.CheckHeader(required);
        return stream;
    }

    private CsvRow CheckHeader(IReadOnlyCollection<string> required)
    {
        var report = Report;
        var options = Options;
        header = new string[reader.Headers.Count];
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            string name = reader.Headers[i].Trim().TrimStart('\uFEFF');
            header[i] = name;
            if (name.Length > 0 && !ordinals.TryAdd(name, i))
            {
                Dispose();
                throw new CsvDataException($"{report.Source}: column {CsvText.Quote(name)} appears twice in the header (columns {ordinals[name] + 1} and {i + 1}); rename one.", 1, name);
            }
        }

        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            string what = header.Length == 1 && reader.Headers[0].Trim('\uFEFF').Length > 0
                ? "the first line (the header) is blank: it holds only white space"
                : "the file is empty";
            Dispose();
            throw new CsvDataException($"{report.Source}: {what}; expected a header row with the columns {string.Join(", ", required)}.", 1, null);
        }

        foreach (string column in required)
        {
            if (!ordinals.ContainsKey(column))
            {
                string hint = header.Length == 1 && header[0].IndexOfAny([',', ';', '\t', '|']) >= 0
                    ? $" The header is one column {CsvText.Quote(header[0])}: is the delimiter something other than '{Printable(options.Delimiter)}'?"
                    : $" The header has: {HeaderList()}.";
                Dispose();
                throw new CsvDataException($"{report.Source}: required column '{column}' is missing.{hint}", 1, column);
            }
        }

        return new CsvRow(this, ordinals, options);
    }

    /// <summary>Moves to the next well-formed row; rows with the wrong number of fields are rejected here.</summary>
    public bool MoveNext()
    {
        if (json is not null)
        {
            return json.MoveNext();
        }

        if (scanner is { } s)
        {
            while (true)
            {
                Utf8LineScanner.Scan scan;
                try
                {
                    scan = s.Next();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw UnreadableFrom(s.Line, ex.Message, ex);
                }

                if (scan == Utf8LineScanner.Scan.Row)
                {
                    if (WellFormed(s.Line, s.FieldCount))
                    {
                        return true;
                    }

                    continue;
                }

                if (scan == Utf8LineScanner.Scan.End)
                {
                    return false;
                }

                HandOver();
                break;
            }
        }

        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw Unreadable(ex);
            }

            if (Consider(more) is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>Moves to the next well-formed row, reading the source asynchronously.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (json is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return json.MoveNext();
        }

        while (true)
        {
            bool more;
            try
            {
                more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                throw Unreadable(ex);
            }

            if (Consider(more) is { } done)
            {
                return done;
            }
        }
    }

    private CsvDataException Unreadable(Exception ex)
    {
        long at = reader.LineNumber + linesBefore;
        string message = ex.Message;
        if (handedOver && ex is CsvFormatException format)
        {
            // CsvHelper numbers the part it read after the hand-over from its own start: number as in a read of the whole input.
            message = message
                .Replace(Numbered(format.RecordNumber, format.LineNumber), Numbered(format.RecordNumber + recordsBefore, format.LineNumber + linesBefore), StringComparison.OrdinalIgnoreCase)
                .Replace(string.Create(CultureInfo.InvariantCulture, $"(byte offset {format.ByteOffset})"), string.Create(CultureInfo.InvariantCulture, $"(byte offset {format.ByteOffset + bytesBefore})"), StringComparison.Ordinal);
        }

        return UnreadableFrom(at, message, ex);

        static string Numbered(long record, long line) => string.Create(CultureInfo.InvariantCulture, $"record {record} (line {line})");
    }

    /// <summary>
    /// After a read: true on a well-formed row, false at the end, null when the row was rejected (read on). Inlined into
    /// <see cref="MoveNext"/>: a well-formed row costs its line, its field count and the count of rows read; the wording of a
    /// rejection is out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool? Consider(bool more)
    {
        if (!more)
        {
            return false;
        }

        return WellFormed(reader.LineNumber + linesBefore, reader.FieldCount) ? true : null;
    }

    /// <summary>Counts a row read at <paramref name="line"/> (whichever side read it): true when it has the header's field count, else rejected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool WellFormed(long line, int fields)
    {
        Row.Line = line;
        Report.Read();
        if (fields == header.Length)
        {
            return true;
        }

        RejectFieldCount(line, fields);
        return false;
    }

    /// <summary>The error that ends a read the source failed from about <paramref name="line"/> (at least 2, the first row's).</summary>
    private CsvDataException UnreadableFrom(long line, string message, Exception ex)
    {
        long at = Math.Max(line, 2);
        return new CsvDataException(string.Create(CultureInfo.InvariantCulture, $"{Report.Source}: the file cannot be read on from about line {at}: {message}"), at, null, ex);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectFieldCount(long line, int fields)
    {
        string reason = fields < header.Length
            ? string.Create(CultureInfo.InvariantCulture, $"the row has {fields} fields but the header has {header.Length} (truncated row, or a different delimiter?).")
            : string.Create(CultureInfo.InvariantCulture, $"the row has {fields} fields but the header has {header.Length} (an unquoted delimiter inside a value?).");
        Reject(new CsvRejection(line, fields < header.Length ? header[Math.Max(fields, 0)] : null, reason));
    }

    /// <summary>Maps the current row; a field or model error becomes a rejection (or, in strict mode, a <see cref="CsvDataException"/>).</summary>
    public bool TryMap<T>(Func<CsvRow, T> map, out T value)
    {
        try
        {
            value = map(Row);
            if (Row.SkipRequested)
            {
                Row.SkipRequested = false;
                Report.Skip();
                value = default!;
                return false;
            }

            Report.Accept();
            return true;
        }
        catch (CsvFieldException ex)
        {
            Row.SkipRequested = false;
            Reject(new CsvRejection(Row.Line, ex.Column, ex.Message));
        }
        catch (ArgumentException ex)
        {
            Row.SkipRequested = false;
            Reject(new CsvRejection(Row.Line, null, Describe(ex)));
        }

        value = default!;
        return false;
    }

    public void Reject(CsvRejection rejection)
    {
        Report.Reject(rejection);
        if (Options.Strict)
        {
            throw new CsvDataException($"{Report.Source} {rejection} (strict mode stops at the first bad row).", rejection.Line, rejection.Column);
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        scanner?.Dispose();
        scanner = null;
        json?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        scanner?.Dispose(); // never set on the asynchronous path; for symmetry with Dispose
        scanner = null;
        json?.Dispose();
        return reader?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>
    /// The message of a model's argument exception as a rejection reason: without the " (Parameter 'x')" suffix and without the
    /// "Actual value was …" line that <see cref="ArgumentOutOfRangeException"/> appends (our messages name the value already).
    /// </summary>
    internal static string Describe(ArgumentException ex)
    {
        string message = ex.Message;
        bool actualValueLine = ex is ArgumentOutOfRangeException { ActualValue: not null };
        string suffix = $" (Parameter '{ex.ParamName}')";
        int at = ex.ParamName is null ? -1 : message.LastIndexOf(suffix, StringComparison.Ordinal);
        if (at >= 0)
        {
            return actualValueLine ? message[..at] : message.Remove(at, suffix.Length);
        }

        int newline = actualValueLine ? message.LastIndexOf('\n') : -1;
        return newline >= 0 ? message[..newline].TrimEnd('\r') : message;
    }

    /// <summary>The header's column names for a message, each quoted (and cut) as a value, at most the first 50.</summary>
    private string HeaderList() =>
        header.Length <= 50
            ? string.Join(", ", header.Select(CsvText.Quote))
            : string.Join(", ", header.Take(50).Select(CsvText.Quote)) + string.Create(CultureInfo.InvariantCulture, $", … ({header.Length} columns)");

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();
}

/// <summary>Where rows come from: a file path (re-readable), a text reader or a byte stream (once).</summary>
internal sealed record CsvSource(string Name, string? Path, TextReader? Reader, Stream? Stream = null)
{
    public static CsvSource File(string path) => new(path, path, null);

    public static CsvSource Text(TextReader reader, string name) => new(name, null, reader);

    /// <summary>Bytes read once, with the same encoding rules as a file (strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/>).</summary>
    public static CsvSource Bytes(Stream stream, string name) => new(name, null, null, stream);

    public TextReader OpenText() => Path is not null ? CsvTable.OpenFile(Path) : Stream is not null ? CsvTable.OpenStream(Stream) : Reader!;
}

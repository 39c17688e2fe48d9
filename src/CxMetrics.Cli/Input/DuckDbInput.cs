using CxMetrics.Cli.Commands;
using CxMetrics.Csv;
using CxMetrics.DuckDb;
using DuckDB.NET.Data;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Files read through embedded DuckDB (CxMetrics.DuckDb): Parquet files always, CSV files with <c>--engine duckdb</c>. DuckDB
/// scans the file and hands its rows over as CSV text (<see cref="DuckDbCsvText"/>), which the kind's CxMetrics.Csv reader
/// then reads as it reads a CSV file: the same column maps, zone, currency, maximum amount, rejections and account (rows read =
/// accepted + rejected), each row numbered as a CSV line (the header is line 1, so row n of a Parquet file is line n + 1).
/// What DuckDB cannot read at all (not a Parquet file, a CSV file it cannot split into rows) is a data error naming the file.
/// </summary>
internal static class DuckDbInput
{
    /// <summary>Whether a file is Parquet: <c>format</c> / <c>--input-format parquet</c>, or a name ending in <c>.parquet</c> when no layout is given.</summary>
    public static bool IsParquet(string path, FileFormat format) =>
        format.Parquet ?? (format.InputFormat is null && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether DuckDB reads the file; a combination it cannot read is a usage error (exit 2) with a one-line message: a Parquet
    /// file with <c>--engine builtin</c>, JSON Lines or standard input with DuckDB, experiment files, and reading options that
    /// only the built-in reader has (another encoding than UTF-8, whitespace-separated fields, <c>unnest</c>).
    /// </summary>
    public static bool Reads(string path, FileKind kind, CliSettings s, CsvReadOptions options)
    {
        var format = s.Input.For(kind);
        bool parquet = IsParquet(path, format);
        var engine = s.Input.Engine;
        if (!parquet && engine != InputEngine.DuckDb)
        {
            return false;
        }

        string name = StandardInput.Is(path) ? StandardInput.Name : path;
        if (parquet && engine == InputEngine.Builtin)
        {
            throw new UsageException($"{name}: a Parquet file is read by DuckDB, and --engine builtin reads CSV and JSON Lines only (give --engine auto or duckdb).");
        }

        if (StandardInput.Is(path))
        {
            throw new UsageException($"{name}: DuckDB reads files, not standard input (save the input to a file, or drop --engine duckdb / the parquet format).");
        }

        if (kind is FileKind.Assignments or FileKind.Outcomes or FileKind.Signups or FileKind.AcquisitionSpend or FileKind.Customers)
        {
            throw new UsageException($"{name}: {kind.Section()} files are read by the built-in reader only (CSV or JSON Lines); DuckDB reads {string.Join(", ", FileKinds.All.Where(k => k is not (FileKind.Assignments or FileKind.Outcomes or FileKind.Signups or FileKind.AcquisitionSpend or FileKind.Customers)).Select(k => k.Section()))}.");
        }

        if (!parquet && MappedRead.IsJsonLines(path, options))
        {
            throw new UsageException($"{name}: --engine duckdb reads CSV and Parquet files, and this one is read as JSON Lines (drop --engine duckdb).");
        }

        string? builtinOnly = options switch
        {
            { Unnest: not null } => "unnest (JSON Lines only)",
            { WhitespaceSeparated: true } => "whitespace-separated fields",
            { Encoding: { CodePage: not 65001 } encoding } when !parquet => $"the encoding {encoding.WebName} (DuckDB reads UTF-8)",
            _ => null,
        };
        return builtinOnly is null ? true : throw new UsageException($"{name}: {builtinOnly} is read by the built-in reader only; drop it or read the file with --engine builtin.");
    }

    /// <summary>The header names of a file DuckDB reads, or null for a file that does not exist (the reader says so).</summary>
    public static HashSet<string>? Header(string path, FileKind kind, CliSettings s, CsvReadOptions options)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var connection = DuckDbConnections.Open();
        return Columns(connection, path, kind, s, options);
    }

    /// <summary>
    /// The columns DuckDB reads. For a CSV file they must be the names on its first line: DuckDB's sniffer takes another row
    /// for the header when rows have other widths than the header (the built-in reader rejects such rows one by one), so a
    /// mismatch is a data error rather than a misread.
    /// </summary>
    private static HashSet<string> Columns(DuckDBConnection connection, string path, FileKind kind, CliSettings s, CsvReadOptions options)
    {
        var columns = new HashSet<string>(DuckDbCsvText.Columns(connection, Source(path, kind, s, options)).Select(h => h.Trim().TrimStart('\uFEFF')), StringComparer.Ordinal);
        if (!IsParquet(path, s.Input.For(kind)) && MappedRead.Header(path, options) is { } firstLine && !firstLine.SetEquals(columns))
        {
            throw new CsvDataException($"{path}: DuckDB does not take the first line for the header (it reads the columns {string.Join(", ", columns.Select(c => $"'{c}'"))}): some rows have another number of fields than the header or quotes it splits otherwise; read the file with --engine builtin, which rejects such rows one by one with their line.");
        }

        return columns;
    }

    /// <summary>The rows of the file as CSV text in the reader's delimiter; disposing the stream closes its DuckDB database.</summary>
    public static Stream Open(string path, FileKind kind, CliSettings s, CsvReadOptions options)
    {
        var connection = DuckDbConnections.Open();
        try
        {
            _ = Columns(connection, path, kind, s, options);
            return new Owned(DuckDbCsvText.Open(connection, Source(path, kind, s, options), options.Delimiter), connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The reading options of the text DuckDB hands over: UTF-8 CSV, every value format as given.</summary>
    public static CsvReadOptions TextOptions(CsvReadOptions options) => options with { Encoding = null, Format = CsvInputFormat.Csv };

    private static DuckDbSource Source(string path, FileKind kind, CliSettings s, CsvReadOptions options) =>
        IsParquet(path, s.Input.For(kind)) ? DuckDbSource.Parquet(path) : DuckDbSource.Csv(path, options.Delimiter);

    /// <summary>A stream that closes the DuckDB connection it reads from.</summary>
    private sealed class Owned(Stream inner, DuckDBConnection connection) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                connection.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Text;

namespace CxMetrics.Csv;

/// <summary>
/// The general entry point: stream any CSV with a header into records through a mapping function. The typed readers
/// (<see cref="SurveyCsv"/>, <see cref="OrderCsv"/>, …) are built on it; use it directly for layouts they do not cover.
/// </summary>
public static class CsvTable
{
    /// <summary>Reads a file (UTF-8; a byte-order mark is recognised and skipped).</summary>
    /// <param name="path">The file.</param>
    /// <param name="requiredColumns">Columns that must be in the header; a missing one stops the read with a clear error before any row.</param>
    /// <param name="map">Makes a record of a row; throw <see cref="CsvFieldException"/> or an <see cref="ArgumentException"/> to reject the row.</param>
    /// <param name="options">Delimiter, zone, currency, strictness; <see cref="CsvReadOptions.Default"/> when <c>null</c>.</param>
    /// <returns>The records, streamed; their <see cref="CsvRecords{T}.Report"/> accounts for every row.</returns>
    public static CsvRecords<T> Read<T>(string path, IReadOnlyCollection<string> requiredColumns, Func<CsvRow, T> map, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), requiredColumns, map, options);
    }

    /// <summary>Reads from a text reader (enumerable once; the reader is disposed at the end).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="requiredColumns">Columns that must be in the header.</param>
    /// <param name="map">Makes a record of a row.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<T> Read<T>(TextReader reader, IReadOnlyCollection<string> requiredColumns, Func<CsvRow, T> map, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), requiredColumns, map, options);
    }

    /// <summary>
    /// Reads bytes from a stream (enumerable once; the stream is disposed at the end), with the same rules as a file: UTF-8
    /// strictly (a byte-order mark is recognised) unless <see cref="CsvReadOptions.Encoding"/> says otherwise. The stream need
    /// not be seekable, e.g. <see cref="Console.OpenStandardInput()"/>.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="requiredColumns">Columns that must be in the header.</param>
    /// <param name="map">Makes a record of a row.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The records, streamed.</returns>
    public static CsvRecords<T> Read<T>(Stream stream, IReadOnlyCollection<string> requiredColumns, Func<CsvRow, T> map, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), requiredColumns, map, options);
    }

    internal static CsvRecords<T> Create<T>(CsvSource source, IReadOnlyCollection<string> requiredColumns, Func<CsvRow, T> map, CsvReadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        ArgumentNullException.ThrowIfNull(map);
        return new CsvRecords<T>(source, options ?? CsvReadOptions.Default, requiredColumns, () => map);
    }

    /// <summary>One record per row, with a fresh mapping function (and its state) for every run over the source.</summary>
    internal static CsvRecords<T> CreatePerRun<T>(CsvSource source, IReadOnlyCollection<string> requiredColumns, Func<Func<CsvRow, T>> maps, CsvReadOptions? options) =>
        new(source, options ?? CsvReadOptions.Default, requiredColumns, maps);

    /// <summary>
    /// Opens a file as UTF-8 text for line readers (CDNOW). A byte sequence that is not UTF-8 is read as
    /// <see cref="InvalidUtf8Mark"/> (U+FFFF, a noncharacter no export holds), so the reader can reject that line alone.
    /// </summary>
    internal static TextReader OpenFile(string path) =>
        new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), MarkingUtf8, detectEncodingFromByteOrderMarks: true);

    /// <summary>Opens a byte stream as UTF-8 text for line readers, as <see cref="OpenFile"/>.</summary>
    internal static TextReader OpenStream(Stream stream) => new StreamReader(stream, MarkingUtf8, detectEncodingFromByteOrderMarks: true);

    /// <summary>What a line reader sees in place of bytes that are not UTF-8.</summary>
    internal const char InvalidUtf8Mark = '\uFFFF';

    private static readonly Encoding MarkingUtf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(InvalidUtf8Mark.ToString()));
}

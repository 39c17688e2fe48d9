using System.Globalization;
using CxMetrics.Conversion;

namespace CxMetrics.Csv;

/// <summary>Reads sessions (<see cref="Session"/>): one row per visit; see <see cref="SessionColumns"/>.</summary>
public static class SessionCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The sessions, streamed, with the account of the read.</returns>
    public static CsvRecords<Session> Read(string path, SessionColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The sessions, streamed.</returns>
    public static CsvRecords<Session> Read(TextReader reader, SessionColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, source), columns, options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The sessions, streamed.</returns>
    public static CsvRecords<Session> Read(Stream stream, SessionColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private static CsvRecords<Session> Create(CsvSource source, SessionColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new SessionColumns();
        string[] required = [.. new[] { c.VisitorId, c.StartedAt, c.Converted }.OfType<string>()];
        return CsvTable.CreatePerRun<Session>(source, required, () =>
        {
            long rows = 0;
            return (CsvRow row) =>
            {
                rows++;
                string visitor = c.VisitorId is null ? string.Create(CultureInfo.InvariantCulture, $"row {rows}") : row.GetString(c.VisitorId);
                return new Session(visitor, c.StartedAt is null ? null : row.GetInstant(c.StartedAt), row.GetBoolean(c.Converted))
                {
                    Id = row.GetOptionalString(c.Id),
                    Channel = row.GetOptionalString(c.Channel),
                    TrafficSource = row.GetOptionalString(c.TrafficSource),
                    Device = row.GetOptionalString(c.Device),
                    VisitorType = row.GetOptionalString(c.VisitorType),
                    Segment = row.GetOptionalString(c.Segment),
                };
            };
        }, options);
    }
}

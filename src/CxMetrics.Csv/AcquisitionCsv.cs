using CxMetrics.Acquisition;

namespace CxMetrics.Csv;

/// <summary>
/// Reads sign-up (acquisition) files into <see cref="AcquiredCustomer"/>s for <see cref="CustomerAcquisition"/>: one row
/// per acquired customer; see <see cref="AcquisitionColumns"/>. A row without a customer or an acquisition instant is
/// rejected with its line; the orders of the customers come through <see cref="OrderCsv"/>.
/// </summary>
public static class AcquisitionCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The acquired customers, streamed, with the account of the read.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    public static CsvRecords<AcquiredCustomer> Read(string path, AcquisitionColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The acquired customers, streamed.</returns>
    /// <exception cref="ArgumentNullException">The reader is null.</exception>
    public static CsvRecords<AcquiredCustomer> Read(TextReader reader, AcquisitionColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
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
    /// <returns>The acquired customers, streamed.</returns>
    /// <exception cref="ArgumentNullException">The stream is null.</exception>
    public static CsvRecords<AcquiredCustomer> Read(Stream stream, AcquisitionColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private static CsvRecords<AcquiredCustomer> Create(CsvSource source, AcquisitionColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new AcquisitionColumns();
        return CsvTable.Create(
            source,
            [c.CustomerId, c.AcquiredAt],
            row => new AcquiredCustomer(row.GetString(c.CustomerId), row.GetInstant(c.AcquiredAt), row.GetOptionalString(c.Source), row.GetOptionalString(c.Campaign)),
            options);
    }
}

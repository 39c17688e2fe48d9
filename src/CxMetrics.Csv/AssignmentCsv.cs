using CxMetrics.Experiments;

namespace CxMetrics.Csv;

/// <summary>
/// Reads experiment assignments (<see cref="Assignment"/>): one row per customer and arm with header
/// <c>customer_id, arm, assigned_at</c> and optional <c>segment</c> (names configurable); with a covariate column named,
/// that column (required in the header, an empty cell meaning no pre-period data) is each customer's pre-period value for
/// CUPED (<see cref="Assignment.Covariate"/>).
/// </summary>
public static class AssignmentCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="arm">Header of the arm column.</param>
    /// <param name="assignedAt">Header of the assignment time.</param>
    /// <param name="segment">Header of the optional segment column (<c>null</c> to ignore).</param>
    /// <param name="covariate">Header of the pre-period covariate column for CUPED (<c>null</c>, the default, to read none).</param>
    /// <returns>The assignments, streamed, with the account of the read.</returns>
    public static CsvRecords<Assignment> Read(string path, CsvReadOptions? options = null, string customerId = "customer_id", string arm = "arm", string assignedAt = "assigned_at", string? segment = "segment", string? covariate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return CsvTable.Create(CsvSource.File(path), Required(customerId, arm, assignedAt, covariate), Map(customerId, arm, assignedAt, segment, covariate), options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="arm">Header of the arm column.</param>
    /// <param name="assignedAt">Header of the assignment time.</param>
    /// <param name="segment">Header of the optional segment column.</param>
    /// <param name="covariate">Header of the pre-period covariate column for CUPED (<c>null</c>, the default, to read none).</param>
    /// <returns>The assignments, streamed.</returns>
    public static CsvRecords<Assignment> Read(TextReader reader, CsvReadOptions? options = null, string customerId = "customer_id", string arm = "arm", string assignedAt = "assigned_at", string? segment = "segment", string? covariate = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CsvTable.Create(CsvSource.Text(reader, "csv"), Required(customerId, arm, assignedAt, covariate), Map(customerId, arm, assignedAt, segment, covariate), options);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="arm">Header of the arm column.</param>
    /// <param name="assignedAt">Header of the assignment time.</param>
    /// <param name="segment">Header of the optional segment column.</param>
    /// <param name="covariate">Header of the pre-period covariate column for CUPED (<c>null</c>, the default, to read none).</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The assignments, streamed.</returns>
    public static CsvRecords<Assignment> Read(Stream stream, CsvReadOptions? options = null, string customerId = "customer_id", string arm = "arm", string assignedAt = "assigned_at", string? segment = "segment", string? covariate = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return CsvTable.Create(CsvSource.Bytes(stream, source), Required(customerId, arm, assignedAt, covariate), Map(customerId, arm, assignedAt, segment, covariate), options);
    }

    private static string[] Required(string customerId, string arm, string assignedAt, string? covariate) =>
        covariate is null ? [customerId, arm, assignedAt] : [customerId, arm, assignedAt, covariate];

    private static Func<CsvRow, Assignment> Map(string customerId, string arm, string assignedAt, string? segment, string? covariate) => row =>
        new Assignment(row.GetString(customerId), row.GetString(arm), row.GetInstant(assignedAt))
        {
            Segment = row.GetOptionalString(segment),
            Covariate = covariate is null ? null : row.GetOptionalDouble(covariate),
        };
}

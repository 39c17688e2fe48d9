using CxMetrics.Commerce;
using CxMetrics.Experiments;

namespace CxMetrics.Csv;

/// <summary>
/// Reads experiment outcome events (<see cref="OutcomeEvent"/>): header <c>customer_id, occurred_at, revenue</c> and
/// <c>currency</c> (or a fixed <see cref="CsvReadOptions.Currency"/>); names configurable.
/// </summary>
public static class OutcomeCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="occurredAt">Header of the event time.</param>
    /// <param name="revenue">Header of the revenue (non-negative).</param>
    /// <param name="currency">Header of the currency column.</param>
    /// <returns>The events, streamed, with the account of the read.</returns>
    public static CsvRecords<OutcomeEvent> Read(string path, CsvReadOptions? options = null, string customerId = "customer_id", string occurredAt = "occurred_at", string revenue = "revenue", string currency = "currency")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), options, customerId, occurredAt, revenue, currency);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="occurredAt">Header of the event time.</param>
    /// <param name="revenue">Header of the revenue.</param>
    /// <param name="currency">Header of the currency column.</param>
    /// <returns>The events, streamed.</returns>
    public static CsvRecords<OutcomeEvent> Read(TextReader reader, CsvReadOptions? options = null, string customerId = "customer_id", string occurredAt = "occurred_at", string revenue = "revenue", string currency = "currency")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Create(CsvSource.Text(reader, "csv"), options, customerId, occurredAt, revenue, currency);
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="customerId">Header of the customer column.</param>
    /// <param name="occurredAt">Header of the event time.</param>
    /// <param name="revenue">Header of the revenue.</param>
    /// <param name="currency">Header of the currency column.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The events, streamed.</returns>
    public static CsvRecords<OutcomeEvent> Read(Stream stream, CsvReadOptions? options = null, string customerId = "customer_id", string occurredAt = "occurred_at", string revenue = "revenue", string currency = "currency", string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), options, customerId, occurredAt, revenue, currency);
    }

    private static CsvRecords<OutcomeEvent> Create(CsvSource source, CsvReadOptions? options, string customerId, string occurredAt, string revenue, string currency)
    {
        string? fixedCurrency = options?.Currency is { } f ? CurrencyCode.Validate(f, nameof(options)) : null;
        string[] required = fixedCurrency is null ? [customerId, occurredAt, revenue, currency] : [customerId, occurredAt, revenue];
        return CsvTable.Create(source, required, row =>
        {
            decimal amount = row.GetAmount(revenue);
            if (amount < 0)
            {
                throw new CsvFieldException(revenue, FormattableString.Invariant($"revenue {amount} is negative."));
            }

            string code = row.GetOptionalString(currency) ?? fixedCurrency ?? throw new CsvFieldException(currency, "is empty and no fixed currency is set.");
            return CurrencyCode.IsValid(code)
                ? new OutcomeEvent(row.GetString(customerId), row.GetInstant(occurredAt), amount, code)
                : throw new CsvFieldException(currency, $"currency {CsvText.Quote(code)} is not an ISO 4217 code.");
        }, options);
    }
}

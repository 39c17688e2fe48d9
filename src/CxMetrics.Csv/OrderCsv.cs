using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// Reads orders (<see cref="Order"/>): one row per order; see <see cref="OrderColumns"/>. The currency comes from the
/// currency column or, when the file has none (or a cell is empty), from <see cref="CsvReadOptions.Currency"/>. All
/// amounts of a file share one currency, fixed by the first row: a row in another currency is rejected, naming both
/// currencies and the line that fixed the first (amounts are never summed across currencies).
/// </summary>
public static class OrderCsv
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The orders, streamed, with the account of the read.</returns>
    public static CsvRecords<Order> Read(string path, OrderColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Create(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The orders, streamed.</returns>
    public static CsvRecords<Order> Read(TextReader reader, OrderColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
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
    /// <returns>The orders, streamed.</returns>
    public static CsvRecords<Order> Read(Stream stream, OrderColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(CsvSource.Bytes(stream, source), columns, options);
    }

    private static CsvRecords<Order> Create(CsvSource source, OrderColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new OrderColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : CurrencyCode.Validate(o.Currency, nameof(options));
        string[] required = fixedCurrency is null && c.Currency is not null ? [c.CustomerId, c.PlacedAt, c.Amount, c.Currency] : [c.CustomerId, c.PlacedAt, c.Amount];
        if (fixedCurrency is null && c.Currency is null)
        {
            throw new ArgumentException("orders need a currency: map a currency column or set CsvReadOptions.Currency.", nameof(columns));
        }

        return CsvTable.CreatePerRun<Order>(source, required, () =>
        {
            var currency = new SingleCurrency(fixedCurrency, c.Currency ?? "currency");
            return (CsvRow row) =>
            {
                decimal amount = row.GetAmount(c.Amount);
                if (amount < 0)
                {
                    throw new CsvFieldException(c.Amount, FormattableString.Invariant($"amount {amount} is negative; record refunds separately."));
                }

                string customer = row.GetString(c.CustomerId);
                var placedAt = row.GetInstant(c.PlacedAt);
                return new Order(customer, placedAt, amount, currency.Of(row))
                {
                    Id = row.GetOptionalString(c.Id),
                    Channel = row.GetOptionalString(c.Channel),
                    Segment = row.GetOptionalString(c.Segment),
                };
            };
        }, o);
    }
}

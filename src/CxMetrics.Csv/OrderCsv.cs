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

    /// <summary>
    /// Reads a file as <see cref="OrderRow"/> values — customer index, time, amount — with no string per row: ids are
    /// dictionary-encoded into <see cref="OrderRows.CustomerIds"/>. Accepts and rejects exactly the rows <see cref="Read(string, OrderColumns?, CsvReadOptions?)"/>
    /// does, with the same report; use it to fold many orders into per-customer state, or keep them with <see cref="OrderTable.Of(OrderRows)"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Header names; defaults when <c>null</c>.</param>
    /// <param name="options">Reading options.</param>
    /// <returns>The orders, streamed.</returns>
    /// <exception cref="ArgumentException">The path is empty, or the columns and options give no currency or contradict each other.</exception>
    public static OrderRows ReadRows(string path, OrderColumns? columns = null, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new OrderRows(CsvSource.File(path), columns, options);
    }

    /// <summary>Reads orders as <see cref="OrderRow"/> values from a text reader (enumerable once); see <see cref="ReadRows(string, OrderColumns?, CsvReadOptions?)"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages.</param>
    /// <returns>The orders, streamed.</returns>
    /// <exception cref="ArgumentException">The columns and options give no currency or contradict each other.</exception>
    public static OrderRows ReadRows(TextReader reader, OrderColumns? columns = null, CsvReadOptions? options = null, string source = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new OrderRows(CsvSource.Text(reader, source), columns, options);
    }

    /// <summary>Reads orders as <see cref="OrderRow"/> values from a byte stream (enumerable once; disposed at the end); see <see cref="ReadRows(string, OrderColumns?, CsvReadOptions?)"/>.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="columns">Header names.</param>
    /// <param name="options">Reading options.</param>
    /// <param name="source">How the source is named in messages; default <c>stdin</c>.</param>
    /// <returns>The orders, streamed.</returns>
    /// <exception cref="ArgumentException">The columns and options give no currency or contradict each other.</exception>
    public static OrderRows ReadRows(Stream stream, OrderColumns? columns = null, CsvReadOptions? options = null, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new OrderRows(CsvSource.Bytes(stream, source), columns, options);
    }

    /// <summary>The records of the existing (string-based) path: one <see cref="Order"/> per row.</summary>
    internal static CsvRecords<Order> Create(CsvSource source, OrderColumns? columns, CsvReadOptions? options)
    {
        var (c, o, fixedCurrency, required) = Prepare(columns, options);
        return CsvTable.CreatePerRun<Order>(source, required, () => Map(c, new SingleCurrency(fixedCurrency, CurrencyColumn(c))), o);
    }

    /// <summary>Checks columns and options as every order reader does: the defaults filled in, the fixed currency validated, the required columns listed.</summary>
    internal static (OrderColumns Columns, CsvReadOptions Options, string? FixedCurrency, string[] Required) Prepare(OrderColumns? columns, CsvReadOptions? options)
    {
        var c = columns ?? new OrderColumns();
        var o = options ?? CsvReadOptions.Default;
        string? fixedCurrency = o.Currency is null ? null : CurrencyCode.Validate(o.Currency, nameof(options));
        string[] required = fixedCurrency is null && c.Currency is not null ? [c.CustomerId, c.PlacedAt, c.Amount, c.Currency] : [c.CustomerId, c.PlacedAt, c.Amount];
        if (fixedCurrency is null && c.Currency is null)
        {
            throw new ArgumentException("orders need a currency: map a currency column or set CsvReadOptions.Currency.", nameof(columns));
        }

        return (c, o, fixedCurrency, required);
    }

    /// <summary>The column the file's one currency is read from (<c>currency</c> when none is mapped, as the fixed currency may be overridden per row).</summary>
    internal static string CurrencyColumn(OrderColumns c) => c.Currency ?? "currency";

    /// <summary>The mapping of one run; <paramref name="currency"/> holds the run's currency state.</summary>
    internal static Func<CsvRow, Order> Map(OrderColumns c, SingleCurrency currency) => row =>
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
}

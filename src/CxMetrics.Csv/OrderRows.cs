using System.Collections;
using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// Orders streamed as <see cref="OrderRow"/> values with no string per row (see <see cref="OrderCsv.ReadRows(string, OrderColumns?, CsvReadOptions?)"/>):
/// customer ids are dictionary-encoded into <see cref="CustomerIds"/>, timestamps and amounts are parsed from the cell's
/// bytes. The rows accepted and rejected (with the same lines, columns and messages), the options and the
/// <see cref="Report"/> are those of <see cref="OrderCsv.Read(string, OrderColumns?, CsvReadOptions?)"/> on the same source;
/// only the shape of an accepted order differs. Enumerate with <c>foreach</c> (a struct enumerator: nothing allocated per row),
/// or a batch of orders at a time with the enumerator's <see cref="Enumerator.MoveNextBatch"/> (to fold each batch into a tally).
/// </summary>
/// <remarks>
/// Cells in the common layouts (ISO 8601 timestamps with an offset or Unix times, plain decimals, printable ids) are read
/// from their bytes; any other cell (a custom <see cref="CsvReadOptions.TimestampPattern"/>, a local time in a
/// <see cref="CsvReadOptions.Zone"/>, an exotic number) is read as text by the string-based path for that row, and so is
/// every row that is rejected. JSON Lines sources are read entirely by the string-based path. A source opened from a path
/// can be enumerated again (the report is reset; <see cref="CustomerIds"/> keeps its indices and grows); one read from a
/// <see cref="TextReader"/> or <see cref="Stream"/> only once.
/// </remarks>
public sealed class OrderRows : IEnumerable<OrderRow>
{
    private readonly CsvSource source;
    private readonly CsvRecords<Order> strings;
    private bool started;

    internal OrderRows(CsvSource source, OrderColumns? columns, CsvReadOptions? options)
    {
        (Columns, Options, FixedCurrency, Required) = OrderCsv.Prepare(columns, options);
        this.source = source;
        strings = OrderCsv.Create(source, columns, options);
    }

    /// <summary>The customer ids seen so far, each once, at its <see cref="OrderRow.CustomerIndex"/>.</summary>
    public IdTable CustomerIds { get; } = new(deferred: true);

    /// <summary>The file's one currency (ISO 4217), fixed by the first row that has one; <c>null</c> until an order is accepted.</summary>
    public string? Currency { get; internal set; }

    /// <summary>The account of the last (or current) enumeration, as <see cref="CsvRecords{T}.Report"/>.</summary>
    public CsvReport Report => strings.Report;

    /// <summary>Rows of delimited sources that the span kernels left to the string path (rejected rows included), over all runs; for tests.</summary>
    internal long RowsReadAsText { get; set; }

    internal OrderColumns Columns { get; }

    internal CsvReadOptions Options { get; }

    internal string? FixedCurrency { get; }

    internal string[] Required { get; }

    /// <summary>Starts a read of the source.</summary>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">A <see cref="TextReader"/> or <see cref="Stream"/> source is enumerated a second time.</exception>
    /// <exception cref="CsvDataException">The header lacks a required column, the source cannot be read, or (strict mode) a row is bad.</exception>
    public Enumerator GetEnumerator()
    {
        if (started && source.Path is null)
        {
            throw new InvalidOperationException($"{Report.Source} was read from a TextReader or Stream and can be enumerated only once.");
        }

        started = true;
        return new Enumerator(JsonLineRows.Applies(source, Options) ? new OrderRowReader(this, strings) : new OrderRowReader(this, source));
    }

    IEnumerator<OrderRow> IEnumerable<OrderRow>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads the rows one by one; disposing it closes the source.</summary>
    public struct Enumerator : IEnumerator<OrderRow>
    {
        private readonly OrderRowReader reader;

        internal Enumerator(OrderRowReader reader) => this.reader = reader;

        internal readonly OrderRowReader Reader => reader;

        /// <summary>The current order.</summary>
        public readonly OrderRow Current => reader.Current;

        readonly object IEnumerator.Current => Current;

        /// <summary>The orders of the last <see cref="MoveNextBatch"/>; empty after the end.</summary>
        public readonly OrderBatch Batch => reader.Batch;

        /// <summary>Moves to the next accepted order; rejected rows are accounted in <see cref="Report"/> and passed over.</summary>
        /// <returns><c>false</c> at the end of the source (the report is then complete).</returns>
        public readonly bool MoveNext() => reader.MoveNext();

        /// <summary>
        /// Moves past the next accepted orders — those the reader has read ahead (up to 64), at least one — and hands them
        /// out together as <see cref="Batch"/> (<see cref="Current"/> is then the last of them). The same orders in the same
        /// order as <see cref="MoveNext"/> gives one by one; the two can be mixed.
        /// </summary>
        /// <returns><c>false</c> at the end of the source (the report is then complete).</returns>
        public readonly bool MoveNextBatch() => reader.MoveNextBatch();

        /// <summary>Closes the source.</summary>
        public readonly void Dispose() => reader.Dispose();

        readonly void IEnumerator.Reset() => throw new NotSupportedException();
    }
}

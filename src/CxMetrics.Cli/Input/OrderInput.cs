using CxMetrics.Commerce;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// The orders a command folds, read once: either as <see cref="OrderRow"/> values with a dense customer index into
/// <see cref="CustomerIds"/> (a file read without a channel or segment key: nothing is made per row), or as
/// <see cref="Order"/> records (a key read per order, the bundled sample, orders already in memory).
/// </summary>
internal sealed class OrderInput
{
    private readonly OrderRows? table;

    private OrderInput(RecordStream<Order>? records, RecordStream<OrderRow>? rows, OrderRows? table)
    {
        Records = records;
        Rows = rows;
        this.table = table;
    }

    /// <summary>The orders as records, or <see langword="null"/> when they come as <see cref="Rows"/>.</summary>
    public RecordStream<Order>? Records { get; }

    /// <summary>The orders as rows, or <see langword="null"/> when they come as <see cref="Records"/>.</summary>
    public RecordStream<OrderRow>? Rows { get; }

    /// <summary>The ids of <see cref="OrderRow.CustomerIndex"/> (rows only), each made once.</summary>
    public IReadOnlyList<string> CustomerIds => table?.CustomerIds ?? throw new InvalidOperationException("the orders are records, not rows.");

    /// <summary>The file's one currency (rows only); set once a row is accepted, so always set while rows are folded.</summary>
    public string Currency => table?.Currency ?? throw new InvalidOperationException("no order was accepted yet.");

    public static OrderInput Of(RecordStream<Order> records) => new(records, null, null);

    public static OrderInput Of(OrderRows table, RecordStream<OrderRow> rows) => new(null, rows, table);

    /// <summary>
    /// Reads the orders once and pushes each to every fold in turn (a fan-out: one pass feeds several families, each
    /// keeping only its own state).
    /// </summary>
    /// <exception cref="InvalidOperationException">The orders were already read.</exception>
    public void ForEach(params OrderFold[] folds)
    {
        if (Rows is { } rows)
        {
            // A batch of rows at a time (up to 64, as the reader reads them ahead), so a tally can fold it as one.
            var reader = table!.GetEnumerator();
            try
            {
                rows.ForEachBatch(() =>
                {
                    if (!reader.MoveNextBatch())
                    {
                        return 0;
                    }

                    var batch = reader.Batch;
                    foreach (var fold in folds)
                    {
                        fold.Push(batch);
                    }

                    return batch.Count;
                });
            }
            finally
            {
                reader.Dispose();
            }
        }

        Records?.ForEach(o =>
        {
            foreach (var fold in folds)
            {
                fold.Record(o);
            }
        });
    }

    /// <summary>Orders already in memory (the folder report, tests).</summary>
    public static OrderInput InMemory(IEnumerable<Order> orders) => Of(RecordStream<Order>.InMemory(orders));
}

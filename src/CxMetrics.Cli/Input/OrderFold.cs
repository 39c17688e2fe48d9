using CxMetrics.Commerce;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Input;

/// <summary>
/// What one command does with each order of a read: <see cref="Row"/> for an order read as an <see cref="OrderRow"/> (its
/// customer id in <see cref="OrderInput.CustomerIds"/>, its currency <see cref="OrderInput.Currency"/>), <see cref="Record"/>
/// for an <see cref="Order"/> record, and optionally <see cref="Batch"/> for a reader's batch of rows at once (a tally's
/// batch fold, which overlaps the memory latencies of the batch's customers; without it each row of the batch goes to
/// <see cref="Row"/>). <see cref="OrderInput.ForEach(OrderFold[])"/> pushes every order of one read to several folds, so the
/// families of <c>report DIR</c> share one pass over <c>orders.csv</c>.
/// </summary>
internal sealed class OrderFold(Action<OrderRow> row, Action<Order> record, Action<OrderBatch>? batch = null)
{
    public Action<OrderRow> Row { get; } = row;

    public Action<Order> Record { get; } = record;

    public Action<OrderBatch>? Batch { get; } = batch;

    /// <summary>The latest order instant of a batch of rows.</summary>
    public static NodaTime.Instant Latest(OrderBatch rows)
    {
        var latest = NodaTime.Instant.MinValue;
        foreach (var at in rows.PlacedAt)
        {
            latest = NodaTime.Instant.Max(latest, at);
        }

        return latest;
    }

    /// <summary>Pushes a batch of rows: to <see cref="Batch"/>, else row by row to <see cref="Row"/>.</summary>
    public void Push(OrderBatch rows)
    {
        if (Batch is { } whole)
        {
            whole(rows);
            return;
        }

        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]);
        }
    }
}

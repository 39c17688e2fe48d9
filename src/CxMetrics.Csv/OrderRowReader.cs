using System.Runtime.ExceptionServices;
using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// One run of <see cref="OrderRows"/>, the caller's half: takes <see cref="OrderChunk"/>s of parsed orders whose customer
/// ids are already looked up — from an <see cref="OrderRowParser"/> on the caller's thread, or from one running ahead on a
/// second thread (<see cref="OrderReadAhead"/>, when <see cref="CsvReadOptions.ParseInBackground"/> and the machine has
/// more than one processor) — and hands the rows out one by one or <see cref="BatchSize"/> at a time. The report,
/// <see cref="OrderRows.Currency"/> and what the <see cref="IdTable"/> shows are only ever changed here, on the caller's
/// thread, a chunk at a time, so the caller sees the same rows, indices, currency and account whichever way the parsing ran.
/// </summary>
internal sealed class OrderRowReader : IDisposable
{
    /// <summary>The most rows <see cref="MoveNextBatch"/> hands out at once.</summary>
    public const int BatchSize = 64;
    private readonly OrderRows owner;
    private readonly IdTable ids;
    private readonly IEnumerator<Order>? records; // JSON Lines: the string path alone, writing the report itself
    private readonly OrderRowParser? parser; // a delimited source read on this thread
    private readonly OrderReadAhead? ahead; // ... or on a second one
    private OrderChunk? chunk;
    private int next; // the next row of the chunk to hand out
    private int batchFrom;
    private int batchLength;
    private bool ended;
    private ExceptionDispatchInfo? failure;

    /// <summary>A run read by the string path alone (JSON Lines).</summary>
    public OrderRowReader(OrderRows owner, CsvRecords<Order> strings)
    {
        this.owner = owner;
        ids = owner.CustomerIds;
        records = strings.GetEnumerator();
        GC.SuppressFinalize(this);
    }

    /// <summary>A run over a delimited source (its header is checked here, on the caller's thread).</summary>
    public OrderRowReader(OrderRows owner, CsvSource source)
    {
        this.owner = owner;
        ids = owner.CustomerIds;
        owner.Report.Reset();
        var opened = new OrderRowParser(owner, source);
        if (owner.Options.ParseInBackground && Environment.ProcessorCount > 1)
        {
            ahead = new OrderReadAhead(opened, ids);
        }
        else
        {
            parser = opened;
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Stops the read-ahead thread of a run dropped without <see cref="Dispose"/> (an enumerator not used by <c>foreach</c>).</summary>
    ~OrderRowReader() => ahead?.Abandon();

    public OrderRow Current { get; private set; }

    /// <summary>The read-ahead thread, when the read has one (tests).</summary>
    internal OrderReadAhead? Ahead => ahead;

    /// <summary>The rows handed out by the last <see cref="MoveNextBatch"/> (empty after the end).</summary>
    public OrderBatch Batch => chunk is { } c
        ? new(c.Customers.AsSpan(batchFrom, batchLength), c.Placed.AsSpan(batchFrom, batchLength), c.Amounts.AsSpan(batchFrom, batchLength))
        : default;

    public bool MoveNext()
    {
        if ((chunk is null || next >= chunk.Count) && !Advance())
        {
            return false;
        }

        var c = chunk!;
        Current = new OrderRow(c.Customers[next], c.Placed[next], c.Amounts[next]);
        next++;
        return true;
    }

    /// <summary>Hands out up to <see cref="BatchSize"/> rows not handed out yet (taking the next chunk when there are none).</summary>
    public bool MoveNextBatch()
    {
        batchLength = 0;
        if ((chunk is null || next >= chunk.Count) && !Advance())
        {
            return false;
        }

        var c = chunk!;
        batchFrom = next;
        batchLength = Math.Min(BatchSize, c.Count - next);
        next += batchLength;
        Current = new OrderRow(c.Customers[next - 1], c.Placed[next - 1], c.Amounts[next - 1]);
        return true;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        records?.Dispose();
        parser?.Dispose();
        ahead?.Dispose(); // the thread has stopped: the ids it looked up ahead are shown too
        ids.Publish(ids.Known);
    }

    /// <summary>Takes the next chunk that has rows (once this one's are handed out); <c>false</c> at the end.</summary>
    private bool Advance()
    {
        while (true)
        {
            if (chunk is { } c && next < c.Count)
            {
                return true;
            }

            failure?.Throw();
            if (ended)
            {
                return false;
            }

            if (chunk is { End: true })
            {
                // Every row is handed out: the read's failure now, or its end.
                failure = chunk.Failure;
                failure?.Throw();
                ended = true;
                owner.Report.Complete();
                return false;
            }

            chunk = NextChunk(chunk);
            next = 0;
            ids.Publish(chunk.IdsKnown);
            if (chunk.Account is { } account)
            {
                owner.Report.CatchUp(account, chunk.Rejections);
            }

            owner.Currency ??= chunk.Currency;
            owner.RowsReadAsText += chunk.RowsReadAsText;
        }
    }

    private OrderChunk NextChunk(OrderChunk? done)
    {
        if (ahead is not null)
        {
            if (done is not null)
            {
                ahead.Return(done);
            }

            return ahead.Take();
        }

        var c = done ?? new OrderChunk();
        if (parser is not null)
        {
            parser.Fill(c);
        }
        else
        {
            FillFromRecords(c);
        }

        c.ResolveIds(ids);
        return c;
    }

    /// <summary>A chunk of a JSON Lines source, whose enumerator accounts in the shared report itself.</summary>
    private void FillFromRecords(OrderChunk c)
    {
        c.Clear();
        var r = records!;
        try
        {
            while (c.Count < OrderChunk.Capacity)
            {
                if (!r.MoveNext())
                {
                    c.End = true;
                    break;
                }

                var order = r.Current;
                c.Currency ??= order.Currency;
                c.AddText(order.CustomerId, order.PlacedAt, order.Amount);
            }
        }
        catch (CsvDataException ex)
        {
            c.Failure = ExceptionDispatchInfo.Capture(ex);
            c.End = true;
        }
    }
}

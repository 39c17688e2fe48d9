using System.Runtime.ExceptionServices;
using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// One run of <see cref="OrderRows"/>, the caller's half: takes <see cref="OrderChunk"/>s of parsed orders — from an
/// <see cref="OrderRowParser"/> on the caller's thread, or from one running ahead on a second thread
/// (<see cref="OrderReadAhead"/>, when <see cref="CsvReadOptions.ParseInBackground"/> and the machine has more than one
/// processor) — resolves their customer ids into the <see cref="IdTable"/> in row order, and hands the rows out one by one
/// or <see cref="BatchSize"/> at a time. The id table, the report and <see cref="OrderRows.Currency"/> are only ever
/// changed here, on the caller's thread, so the caller sees the same rows, indices, currency and account whichever way
/// the parsing ran; the report catches up a chunk at a time.
/// </summary>
internal sealed class OrderRowReader : IDisposable
{
    // Ids are resolved a batch at a time: the hash slots of the batch are prefetched together, then looked up (and added
    // when new, in row order), so the id table's cache misses overlap instead of stalling every row.
    public const int BatchSize = 64;
    private readonly OrderRows owner;
    private readonly IdTable ids;
    private readonly IEnumerator<Order>? records; // JSON Lines: the string path alone, writing the report itself
    private readonly OrderRowParser? parser; // a delimited source read on this thread
    private readonly OrderReadAhead? ahead; // ... or on a second one
    private OrderChunk? chunk;
    private int next; // the next row of the chunk to hand out
    private int resolved; // rows of the chunk whose index is known
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
            ahead = new OrderReadAhead(opened);
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

    /// <summary>The rows handed out by the last <see cref="MoveNextBatch"/> (empty after the end).</summary>
    public OrderBatch Batch => chunk is { } c
        ? new(c.Customers.AsSpan(batchFrom, batchLength), c.Placed.AsSpan(batchFrom, batchLength), c.Amounts.AsSpan(batchFrom, batchLength))
        : default;

    public bool MoveNext()
    {
        if (next >= resolved && !Advance())
        {
            return false;
        }

        var c = chunk!;
        Current = new OrderRow(c.Customers[next], c.Placed[next], c.Amounts[next]);
        next++;
        return true;
    }

    /// <summary>Hands out the resolved rows not handed out yet (resolving the next batch when there are none).</summary>
    public bool MoveNextBatch()
    {
        batchLength = 0;
        if (next >= resolved && !Advance())
        {
            return false;
        }

        var c = chunk!;
        batchFrom = next;
        batchLength = resolved - next;
        next = resolved;
        Current = new OrderRow(c.Customers[next - 1], c.Placed[next - 1], c.Amounts[next - 1]);
        return true;
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        records?.Dispose();
        parser?.Dispose();
        ahead?.Dispose();
    }

    /// <summary>Resolves the next batch of rows (taking the next chunk when this one is done); <c>false</c> at the end.</summary>
    private bool Advance()
    {
        while (true)
        {
            if (chunk is { } c && resolved < c.Count)
            {
                ResolveIds(c, resolved, Math.Min(resolved + BatchSize, c.Count));
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
            next = resolved = 0;
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

    /// <summary>
    /// Looks up (or adds, in row order) the customer ids of rows [from, to) of the chunk, whose hashes the parser computed.
    /// Their hash slots are prefetched first, together: on a large table each slot is a cache and TLB miss (a page walk, on
    /// a virtual machine a nested one), and a run of prefetches overlaps the walks.
    /// </summary>
    private void ResolveIds(OrderChunk c, int from, int to)
    {
        var texts = c.AnyText ? c.IdTexts : null;
        for (int i = from; i < to; i++)
        {
            ids.Prefetch(c.Hashes[i], c.IdEnds[i] - (i == 0 ? 0 : c.IdEnds[i - 1]));
        }

        for (int i = from; i < to; i++)
        {
            if (texts?[i] is { } text)
            {
                c.Customers[i] = ids.GetOrAdd(text);
                continue;
            }

            var customerId = c.IdOf(i);
            int index = ids.Find(customerId, c.Hashes[i]);
            c.Customers[i] = index >= 0 ? index : ids.Add(customerId, c.Hashes[i]);
        }

        resolved = to;
    }
}

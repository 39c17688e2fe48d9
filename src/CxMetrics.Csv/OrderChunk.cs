using System.Runtime.ExceptionServices;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive accepted orders of an <see cref="OrderRows"/> read, as columns, with what the read
/// learnt while producing them: the account up to the chunk's last row, its new rejections, the currency of the first accepted
/// order, and the failure (strict mode's bad row, an unreadable source) that ended the read after these rows. The
/// <see cref="OrderRowParser"/> fills a chunk and <see cref="ResolveIds"/> looks its customer ids up in the read's
/// <see cref="IdTable"/>, in row order (on the caller's thread or on the read-ahead thread, see <see cref="OrderReadAhead"/>); the
/// <see cref="OrderRowReader"/> then hands its rows out. One thread owns a chunk at a time; the hand-over between threads
/// is a blocking queue, which orders the writes before the reads.
/// </summary>
internal sealed class OrderChunk
{
    /// <summary>Rows per chunk: the read-ahead thread's unit of hand-over (≈ 0.5 ms of parsing, ≈ 200 KB of columns).</summary>
    public const int Capacity = 4096;

    public readonly int[] Customers = new int[Capacity];
    public readonly Instant[] Placed = new Instant[Capacity];
    public readonly decimal[] Amounts = new decimal[Capacity];
    public readonly int[] Hashes = new int[Capacity];

    /// <summary>Per row, its id's <see cref="IdTable.NumberKey"/>, taken while the batch ahead is prefetched in <see cref="ResolveIds"/>.</summary>
    public readonly int[] NumberKeys = new int[Capacity];

    /// <summary>Per row, the end of its id in <see cref="IdBytes"/> (its start is the previous row's end).</summary>
    public readonly int[] IdEnds = new int[Capacity];

    /// <summary>Per row read by the string path, its customer id (and no bytes in <see cref="IdBytes"/>); null for a row read from its bytes.</summary>
    public readonly string?[] IdTexts = new string?[Capacity];
    public byte[] IdBytes = new byte[Capacity * 16];

    /// <summary>Rows in the chunk.</summary>
    public int Count;

    /// <summary>Whether a row read by the string path is among them (else <see cref="IdTexts"/> is all null).</summary>
    public bool AnyText;

    /// <summary>No rows follow this chunk (the source ended, or <see cref="Failure"/>).</summary>
    public bool End;

    /// <summary>What stopped the read after the chunk's rows; rethrown once they are handed out.</summary>
    public ExceptionDispatchInfo? Failure;

    /// <summary>The producer's account after the chunk's last row (null when the producer wrote the shared report itself).</summary>
    public CsvReport.Counts? Account;

    /// <summary>Rejections made while the chunk was filled, in file order.</summary>
    public readonly List<CsvRejection> Rejections = [];

    /// <summary>The currency of the read's first accepted order, once there is one.</summary>
    public string? Currency;

    /// <summary>How many ids the table held once this chunk's were looked up: what the reading thread may show (<see cref="IdTable.Publish"/>).</summary>
    public int IdsKnown;

    /// <summary>The chunk's place in its read (0, 1, 2, …; set by the <see cref="OrderReadAhead"/>).</summary>
    public long Sequence;

    /// <summary>Rows of the chunk's stretch of the source that the string path read (accepted or not); for tests.</summary>
    public long RowsReadAsText;

    public void Clear()
    {
        if (AnyText)
        {
            Array.Clear(IdTexts, 0, Count);
        }

        Count = 0;
        AnyText = End = false;
        Failure = null;
        Account = null;
        Rejections.Clear();
        Currency = null;
        RowsReadAsText = 0;
    }

    /// <summary>Where the id bytes of the next row start.</summary>
    public int NextIdStart => Count == 0 ? 0 : IdEnds[Count - 1];

    /// <summary>The id bytes of row <paramref name="row"/> (empty for a row read by the string path).</summary>
    public ReadOnlySpan<byte> IdOf(int row)
    {
        int start = row == 0 ? 0 : IdEnds[row - 1];
        return IdBytes.AsSpan(start, IdEnds[row] - start);
    }

    /// <summary>
    /// Sets <see cref="Customers"/>: each row's id looked up in <paramref name="ids"/> (added when new, in row order), then
    /// <see cref="IdsKnown"/>. A batch of <see cref="ResolveBatch"/> rows at a time: the hash slots (or numbered entries, see
    /// <see cref="IdTable"/>) of the next batch are prefetched together before this batch is looked up, so that on a large
    /// table their cache and TLB misses (each a page walk, on a virtual machine a nested one) overlap with each other and
    /// with the lookups instead of stalling every row. The table's lock is held for the whole chunk. Should a lookup fail, the chunk ends before that
    /// row and carries the failure.
    /// </summary>
    public void ResolveIds(IdTable ids)
    {
        int i = 0;
        try
        {
            lock (ids.Sync)
            {
                var texts = AnyText ? IdTexts : null;
                Prefetch(ids, 0, Math.Min(ResolveBatch, Count));
                for (int from = 0; from < Count; from += ResolveBatch)
                {
                    int to = Math.Min(from + ResolveBatch, Count);
                    Prefetch(ids, to, Math.Min(to + ResolveBatch, Count)); // a batch ahead: its misses overlap this batch's lookups
                    for (i = from; i < to; i++)
                    {
                        if (texts?[i] is { } text)
                        {
                            Customers[i] = ids.GetOrAdd(text);
                            continue;
                        }

                        var customerId = IdOf(i);
                        int index = ids.Find(customerId, Hashes[i], NumberKeys[i]);
                        Customers[i] = index >= 0 ? index : ids.Add(customerId, Hashes[i], NumberKeys[i]);
                    }
                }

                IdsKnown = ids.Known;
            }
        }
        catch (Exception ex)
        {
            Count = i;
            Failure = ExceptionDispatchInfo.Capture(ex);
            End = true;
            IdsKnown = ids.Known;
        }
    }

    private void Prefetch(IdTable ids, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            var customerId = IdOf(k);
            int key = NumberKeys[k] = ids.NumberKey(customerId);
            if (key >= 0)
            {
                ids.PrefetchNumber(key);
            }
            else
            {
                ids.Prefetch(Hashes[k], customerId.Length);
            }
        }
    }

    /// <summary>Rows whose id slots are prefetched together in <see cref="ResolveIds"/>.</summary>
    public const int ResolveBatch = 64;

    /// <summary>Appends a row read by the string path.</summary>
    public void AddText(string customerId, Instant placedAt, decimal amount)
    {
        IdEnds[Count] = NextIdStart;
        IdTexts[Count] = customerId;
        Placed[Count] = placedAt;
        Amounts[Count] = amount;
        AnyText = true;
        Count++;
    }
}

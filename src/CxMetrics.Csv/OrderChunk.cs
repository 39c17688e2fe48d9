using System.Runtime.ExceptionServices;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive rows of an <see cref="OrderRows"/> read on their way through the
/// <see cref="OrderRowParser"/>, and the accepted orders they give, as columns, with what the read learnt while producing
/// them: the account up to the chunk's last row, its new rejections, the currency of the first accepted order, and the
/// failure (strict mode's bad row, an unreadable source) that ended the read after these rows.
/// <para>
/// A chunk of a scanned stretch of the source goes through three steps. <see cref="OrderRowParser.Fill"/> copies its lines'
/// bytes and field ends (<see cref="Scanned"/>); <see cref="OrderRowParser.Evaluate"/> reads each line's cells from those
/// bytes, touching nothing but the chunk, so any thread may do it while the next lines are read; the commit
/// (<see cref="OrderRowParser.Finish"/>), strictly in chunk order, accounts for every line, fixes the file's currency and
/// hands the lines the span kernels were not sure of to the string path. A chunk read through CsvHelper is filled and
/// committed in one step. <see cref="ResolveIds"/> then looks its customer ids up in the read's <see cref="IdTable"/>, in
/// row order, and the <see cref="OrderRowReader"/> hands its rows out. One thread owns a chunk at a time; the hand-over
/// between threads is a blocking queue, which orders the writes before the reads.
/// </para>
/// </summary>
internal sealed class OrderChunk
{
    /// <summary>Rows per chunk: the read-ahead thread's unit of hand-over (≈ 0.5 ms of parsing, ≈ 200 KB of columns).</summary>
    public const int Capacity = 4096;

    // The copied lines of a scanned chunk.

    /// <summary>The lines' bytes, end to end (and, in a chunk read through CsvHelper, its accepted rows' id bytes).</summary>
    public byte[] Text = new byte[Capacity * 64];

    /// <summary>Bytes used in <see cref="Text"/>.</summary>
    public int TextLength;

    /// <summary>Per line, its field ends (as <see cref="Utf8LineScanner.FieldEnds"/>), <see cref="Stride"/> values a line.</summary>
    public int[] Ends = [];

    /// <summary>Field ends kept per line: the header's field count + 1.</summary>
    public int Stride;

    /// <summary>Per line, where its bytes start in <see cref="Text"/>.</summary>
    public readonly int[] LineStarts = new int[Capacity];

    /// <summary>Per line, its line number.</summary>
    public readonly long[] Lines = new long[Capacity];

    /// <summary>Per line, its field count (a line of another count than the header's keeps no field ends).</summary>
    public readonly int[] FieldCounts = new int[Capacity];

    /// <summary>Per line, whether its bytes are all ASCII.</summary>
    public readonly bool[] AsciiLines = new bool[Capacity];

    /// <summary>Per line, whether the span kernels read it (its values at its own index in the row columns below).</summary>
    public readonly bool[] Fast = new bool[Capacity];

    /// <summary>Lines read fast.</summary>
    public int FastCount;

    /// <summary>Lines added.</summary>
    public int LineCount;

    /// <summary>The rows are copied lines still to be committed (and evaluated, unless <see cref="Evaluated"/>).</summary>
    public bool Scanned;

    /// <summary>The copied lines are evaluated (<see cref="Fast"/> and the row columns at each line's index are set).</summary>
    public volatile bool Evaluated;

    /// <summary>1 once a thread has claimed the chunk's evaluation (<see cref="OrderReadAhead"/>; set with a compare-exchange), else 0.</summary>
    public int Claimed;

    /// <summary>The currency code (three ASCII letters, the first in the low byte) of the first line read fast; a line read fast has it.</summary>
    public int Code;

    // The accepted rows.
    public readonly int[] Customers = new int[Capacity];
    public readonly Instant[] Placed = new Instant[Capacity];
    public readonly decimal[] Amounts = new decimal[Capacity];
    public readonly int[] Hashes = new int[Capacity];

    /// <summary>Per row, where its trimmed customer id starts in <see cref="Text"/>.</summary>
    public readonly int[] IdStarts = new int[Capacity];

    /// <summary>Per row, the length of its customer id in <see cref="Text"/> (0 for a row read by the string path).</summary>
    public readonly int[] IdLengths = new int[Capacity];

    /// <summary>Per row read by the string path, its customer id (and no bytes in <see cref="Text"/>); null for a row read from its bytes.</summary>
    public readonly string?[] IdTexts = new string?[Capacity];

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

    /// <summary>Rejections made while the chunk was committed, in file order.</summary>
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

        Count = LineCount = TextLength = 0;
        AnyText = End = Scanned = Evaluated = false;
        Claimed = 0;
        Failure = null;
        Account = null;
        Rejections.Clear();
        Currency = null;
        RowsReadAsText = 0;
    }

    /// <summary>
    /// Adds a scanned line: its field ends when it has <paramref name="stride"/> − 1 fields, and where its bytes will lie in
    /// <see cref="Text"/> once <see cref="AddRun"/> has copied them with the lines around them.
    /// </summary>
    public void AddLine(int textStart, ReadOnlySpan<int> ends, long line, bool ascii, int stride)
    {
        int n = LineCount;
        LineStarts[n] = textStart;
        Lines[n] = line;
        FieldCounts[n] = ends.Length - 1;
        AsciiLines[n] = ascii;
        if (ends.Length == stride)
        {
            if (Ends.Length < Capacity * stride)
            {
                (Ends, Stride) = (new int[Capacity * stride], stride);
            }

            ends.CopyTo(Ends.AsSpan(n * stride, stride));
        }

        LineCount = n + 1;
    }

    /// <summary>Copies the bytes of consecutive lines added since the last run to the end of <see cref="Text"/>.</summary>
    public void AddRun(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Text.AsSpan(Reserve(bytes.Length)));

    /// <summary>Cell <paramref name="index"/> of copied line <paramref name="line"/> (which has the header's field count).</summary>
    public ReadOnlySpan<byte> Cell(int line, int index)
    {
        int at = (line * Stride) + index;
        int from = Ends[at] + 1;
        return Text.AsSpan(LineStarts[line] + from, Ends[at + 1] - from);
    }

    /// <summary>Appends a row read from its bytes by a chunk read through CsvHelper (its id copied into <see cref="Text"/>).</summary>
    public void AddRow(ReadOnlySpan<byte> customerId, int hash, Instant placedAt, decimal amount)
    {
        int row = Count;
        int start = Reserve(customerId.Length);
        customerId.CopyTo(Text.AsSpan(start));
        IdStarts[row] = start;
        IdLengths[row] = customerId.Length;
        Hashes[row] = hash;
        Placed[row] = placedAt;
        Amounts[row] = amount;
        Count = row + 1;
    }

    /// <summary>Appends a row read by the string path.</summary>
    public void AddText(string customerId, Instant placedAt, decimal amount)
    {
        int row = Count;
        IdLengths[row] = 0;
        IdTexts[row] = customerId;
        Placed[row] = placedAt;
        Amounts[row] = amount;
        AnyText = true;
        Count = row + 1;
    }

    /// <summary>Keeps line <paramref name="line"/>'s values, read fast, as the next accepted row (moved down over rows dropped before it).</summary>
    public void Keep(int line)
    {
        int row = Count;
        if (row != line)
        {
            Placed[row] = Placed[line];
            Amounts[row] = Amounts[line];
            Hashes[row] = Hashes[line];
            IdStarts[row] = IdStarts[line];
            IdLengths[row] = IdLengths[line];
        }

        Count = row + 1;
    }

    /// <summary>The id bytes of row <paramref name="row"/> (empty for a row read by the string path).</summary>
    public ReadOnlySpan<byte> IdOf(int row) => Text.AsSpan(IdStarts[row], IdLengths[row]);

    /// <summary>
    /// Sets <see cref="Customers"/>: each row's id looked up in <paramref name="ids"/> (added when new, in row order), then
    /// <see cref="IdsKnown"/>. A batch of <see cref="ResolveBatch"/> rows at a time: the hash slots of the next batch (hashed
    /// by the parser) are prefetched together before this batch is looked up, so that on a large table the slots' cache and
    /// TLB misses (each a page walk, on a virtual machine a nested one) overlap with each other and with the lookups instead
    /// of stalling every row. The table's lock is held for the whole chunk. Should a lookup fail, the chunk ends before that
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
                        int index = ids.Find(customerId, Hashes[i]);
                        Customers[i] = index >= 0 ? index : ids.Add(customerId, Hashes[i]);
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
            ids.Prefetch(Hashes[k], IdLengths[k]);
        }
    }

    /// <summary>Rows whose id slots are prefetched together in <see cref="ResolveIds"/>.</summary>
    public const int ResolveBatch = 64;

    /// <summary>Room for <paramref name="length"/> more bytes in <see cref="Text"/>: where they go.</summary>
    private int Reserve(int length)
    {
        int start = TextLength;
        if (start + length > Text.Length)
        {
            Array.Resize(ref Text, Math.Max(Text.Length * 2, start + length));
        }

        TextLength = start + length;
        return start;
    }
}

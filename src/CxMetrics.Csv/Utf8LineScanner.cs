using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Csv;

/// <summary>
/// Splits the plain lines of a UTF-8 delimited source into fields, reading its bytes in large blocks. A block is indexed
/// first, 32 bytes at a time (vector compares turned into bit masks, their set bits written out without a branch per
/// bit): the offsets of every delimiter, line end and quote in one array, and where the line ends (and quotes, lone
/// <c>\r</c>) fall in it in another; a row is then a run of that array, and a field two neighbouring offsets. It reads only lines it is sure
/// of — no quote anywhere, ended by <c>\n</c>, <c>\r\n</c> or the end of the input — and stops at the first line it is
/// not sure of, whose bytes and the rest of the input <see cref="Remaining"/> then hands to CsvHelper, which reads on to
/// the end (<see cref="CsvRowStream"/>). No quoted field can be open at the start of a line before that one, so CsvHelper's
/// parse of the rest is its parse of the whole input from there.
/// </summary>
/// <remarks>
/// What CsvHelper 34 does with such input (Rfc4180 mode, <c>SkipEmptyLines</c>, <c>TrackLineNumbers</c>, found by trying
/// it), which the scanner gives the same way:
/// <list type="bullet">
/// <item>Line numbers count every <c>\n</c>, <c>\r\n</c> and lone <c>\r</c>; a row's line is the line it starts on; the
/// header is line 1 (unless empty lines come first).</item>
/// <item>A completely empty line (nothing between two line ends) is skipped but counted as a line; a line of spaces or tabs
/// is a row of one field holding them; a line that is only a delimiter is a row of two empty fields; a trailing delimiter
/// adds an empty field. Nothing is trimmed; <c>#</c>, <c>\</c> and NUL are ordinary bytes.</item>
/// <item>A UTF-8 byte-order mark at the very start is dropped (once: a second one is data, as is one on a later line); a
/// UTF-16 or UTF-32 mark switches the encoding (the scanner leaves such input to CsvHelper from the start).</item>
/// <item>The last line may lack its line end; a final lone <c>\r</c> ends the last row (left to CsvHelper, as every lone
/// <c>\r</c>).</item>
/// <item>Fields are handed out as their raw bytes (invalid UTF-8 included); as a string, invalid bytes become U+FFFD as
/// <see cref="System.Text.Encoding.UTF8"/> decodes them.</item>
/// <item>Records are numbered in its error messages from the header (record 1), empty lines not counted; byte offsets
/// count from the start of the input, byte-order mark included.</item>
/// </list>
/// </remarks>
internal sealed class Utf8LineScanner : IDisposable
{
    /// <summary>Bytes asked of the source at a time.</summary>
    public const int DefaultBlockSize = 1 << 17;

    private const int Width = 32; // bytes indexed at a time (one 32-bit mask)
    private const int Slack = 2 * Width;
    private const int Stretch = 4096; // bytes indexed at a time // room past the indexed bytes for whole-vector loads and unconditional writes
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly Stream source;
    private readonly byte delimiter;
    private readonly int blockSize;
    private byte[] buffer;
    private int end; // bytes in the buffer
    private bool exhausted; // the source has no more bytes
    private long consumed; // bytes of the source before buffer[0]

    // The index of buffer[.. indexed): the offsets of the structural bytes (delimiters, \n, \r, quotes) in order, after a
    // sentinel (the byte before the first indexed line), and the indices in it of the bytes that end or stop a line (\n, a
    // quote, a \r not followed by \n). A \r before \n is a structural byte too, so that it ends the line's last field.
    private int[] positions;
    private int[] stops;
    private int positionCount, stopCount, indexed;
    private uint nonAscii; // the high bits of the bytes indexed since the index restarted: zero when they are all ASCII
    private int stop; // the next stop not used yet
    private int first; // positions[first - 1] + 1 is the first byte of the line at next
    private int fields; // positions[fields - 1] + 1 is the current row's first byte; positions[fields + i] ends its field i

    private int lineStart; // the current line's first byte (past a byte-order mark)
    private int lineEnd; // the end of its last field (its line end, or the end of the input)
    private int next; // the first byte of the next line
    private long nextLine = 1; // the number of the line at next
    private int pinned = int.MaxValue; // a refill keeps the bytes from here on (0 while the header is read)

    /// <param name="source">The bytes (disposed with the scanner unless handed over).</param>
    /// <param name="delimiter">An ASCII byte other than a quote or a line end.</param>
    /// <param name="blockSize">Bytes read at a time (tests use tiny blocks so that lines straddle them).</param>
    public Utf8LineScanner(Stream source, byte delimiter, int blockSize = DefaultBlockSize)
    {
        if (delimiter is >= 0x80 or (byte)'"' or (byte)'\n' or (byte)'\r')
        {
            throw new ArgumentOutOfRangeException(nameof(delimiter));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        this.source = source;
        this.delimiter = delimiter;
        this.blockSize = blockSize;
        buffer = new byte[blockSize + Slack];
        positions = new int[buffer.Length + Slack];
        stops = new int[buffer.Length + Slack];
    }

    /// <summary>The line on which the current row starts (the header is line 1).</summary>
    public long Line { get; private set; }

    /// <summary>Header and data rows scanned so far, as CsvHelper numbers records.</summary>
    public long Records { get; private set; }

    /// <summary>
    /// True when the current row's bytes are all ASCII (so every field is valid UTF-8). Known for the whole stretch of input
    /// indexed with it, so a non-ASCII byte elsewhere in that stretch (up to a block) can make it <c>false</c> for an ASCII row.
    /// </summary>
    public bool Ascii => nonAscii == 0;

    /// <summary>The number of fields of the current row.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The current row's line, without its line end (nor a byte-order mark).</summary>
    public ReadOnlySpan<byte> LineBytes => FieldCount == 0 ? default : buffer.AsSpan(lineStart, lineEnd - lineStart);

    /// <summary>The bytes of field <paramref name="index"/> of the current row (empty past the last field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            return default;
        }

        // fields >= 1 and fields + FieldCount <= positionCount + 1 hold for every row (see Row), so both reads are in the array.
        ref int at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(positions), fields + index);
        int from = Unsafe.Add(ref at, -1) + 1;
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), from), at - from);
    }

    /// <summary>
    /// Reads the first line as the header: its bytes (a UTF-8 byte-order mark included, the line end not) when it is plain,
    /// or <c>null</c> when CsvHelper must read the input from its start (a quote, a lone <c>\r</c>, an empty first line, a
    /// UTF-16 or UTF-32 byte-order mark).
    /// </summary>
    public byte[]? ReadHeader()
    {
        pinned = 0; // keep a byte-order mark in the buffer
        while (end < 3 && !exhausted)
        {
            Fill(0);
        }

        if (end > 0 && buffer[0] is 0x00 or 0xFE or 0xFF)
        {
            return null; // possibly a UTF-16 / UTF-32 byte-order mark: CsvHelper decides the encoding
        }

        int bom = end >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom) ? 3 : 0;
        next = bom;
        Reindex(bom);
        var scan = Next(skipEmpty: false);
        pinned = int.MaxValue;
        if (scan != Scan.Row)
        {
            next = lineStart = 0; // hand the whole input over
            return null;
        }

        return buffer.AsSpan(0, lineEnd).ToArray();
    }

    /// <summary>
    /// Moves to the next row: <see cref="Scan.Row"/>, <see cref="Scan.End"/> at the end of the input, or
    /// <see cref="Scan.Unsure"/> at a line to hand to CsvHelper (<see cref="Line"/> is then that line's number).
    /// </summary>
    public Scan Next() => Next(skipEmpty: true);

    private Scan Next(bool skipEmpty)
    {
        while (true)
        {
            var scan = ScanLine(out bool empty);
            Line = nextLine;
            if (scan != Scan.Row)
            {
                FieldCount = 0;
                return scan;
            }

            nextLine++;
            if (!empty)
            {
                Records++;
                return Scan.Row;
            }

            if (!skipEmpty)
            {
                // An empty first line: CsvHelper skips it and takes the next line as the header.
                (FieldCount, next, nextLine) = (0, lineStart, nextLine - 1);
                return Scan.Unsure;
            }
        }
    }

    /// <summary>
    /// The bytes from the current (unsure) line's first byte to the end of the input, as a stream that CsvHelper reads on.
    /// Unless the line is the first, they are preceded by a UTF-8 byte-order mark, which CsvHelper drops: so a mark (or
    /// what looks like a UTF-16 one) that starts the line stays data, as in CsvHelper's read of the whole input.
    /// </summary>
    /// <param name="marked">Whether a byte-order mark was put in front (3 bytes that CsvHelper's byte offsets count).</param>
    public Stream Remaining(out bool marked)
    {
        marked = consumed + lineStart > 0;
        var head = buffer.AsMemory(lineStart, end - lineStart);
        return new PrefixedStream(marked ? Utf8Bom : [], head, source);
    }

    /// <summary>Bytes of the input before the current line.</summary>
    public long Offset => consumed + lineStart;

    public void Dispose() => source.Dispose();

    /// <summary>Finds the line at <see cref="next"/>: its fields, or that it is not plain, or the end of the input.</summary>
    private Scan ScanLine(out bool empty)
    {
        empty = false;
        lineStart = next;
        while (stop >= stopCount)
        {
            // No line end indexed past this line's start: index more bytes, else read more, else this is the last line.
            if (indexed < IndexLimit())
            {
                Index();
                continue;
            }

            if (!exhausted)
            {
                Fill(Math.Min(lineStart, pinned));
                Reindex(lineStart);
                continue;
            }

            if (lineStart >= end)
            {
                return Scan.End;
            }

            // The last line, without a line end: its last field ends at the end of the input.
            positions[positionCount] = end;
            return Row(positionCount, end);
        }

        int e = stops[stop];
        int at = positions[e];
        if (buffer[at] != '\n')
        {
            return Scan.Unsure; // a quote, or a \r not followed by \n
        }

        stop++;
        bool crlf = at > lineStart && buffer[at - 1] == '\r';
        var scan = Row(crlf ? e - 1 : e, at + 1);
        empty = lineEnd == lineStart && FieldCount == 1;
        return scan;
    }

    /// <summary>The line from <see cref="lineStart"/> whose last field ends at positions[<paramref name="last"/>].</summary>
    private Scan Row(int last, int after)
    {
        fields = first;
        FieldCount = last - first + 1;
        lineEnd = positions[last];
        next = after;
        first = last + (after > lineEnd + 1 ? 2 : 1); // past the \r of a \r\n: positions[first - 1] is then the \n
        return Scan.Row;
    }

    /// <summary>How far the buffer can be indexed: to its end when the source is exhausted, else short of the last byte (which a \r may need).</summary>
    private int IndexLimit() => exhausted ? end : end - 1;

    /// <summary>Restarts the index at <paramref name="from"/> (after a refill moved the bytes).</summary>
    private void Reindex(int from)
    {
        positions[0] = from - 1;
        (positionCount, stopCount, stop, first, indexed, nonAscii) = (1, 0, 0, 1, from, 0);
    }

    /// <summary>
    /// Indexes the buffer from <see cref="indexed"/> on, 32 bytes at a time, up to <see cref="IndexLimit"/> or a stretch of
    /// <see cref="Stretch"/> bytes, whichever comes first (so the rows are read while their bytes are still in the first-level cache).
    /// </summary>
    private void Index()
    {
        int limit = Math.Min(IndexLimit(), indexed + Stretch);
        ref byte bytes = ref MemoryMarshal.GetArrayDataReference(buffer);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(positions);
        ref int ends = ref MemoryMarshal.GetArrayDataReference(stops);
        int n = positionCount;
        int m = stopCount;
        int at = indexed;
        uint high = nonAscii;
        while (at < limit)
        {
            Masks(ref Unsafe.Add(ref bytes, at), out uint all, out uint lf, out uint cr, out uint quote, out uint upper);
            int valid = limit - at;
            uint lfAfter = lf >> 1;
            if (valid < Width)
            {
                uint inside = (1u << valid) - 1;
                (all, lf, cr, quote, upper) = (all & inside, lf & inside, cr & inside, quote & inside, upper & inside);
                lfAfter = lf >> 1;
                if (!exhausted && Unsafe.Add(ref bytes, limit) == '\n')
                {
                    lfAfter |= 1u << (valid - 1);
                }
            }
            else if (at + Width < end && Unsafe.Add(ref bytes, at + Width) == '\n')
            {
                lfAfter |= 1u << 31;
            }

            high |= upper;

            // Where the line ends, quotes and lone \r fall among the structural bytes: usually none or one in 32 bytes.
            uint stopBits = lf | quote | (cr & ~lfAfter);
            if (stopBits != 0)
            {
                do
                {
                    uint low = stopBits & (0u - stopBits);
                    Unsafe.Add(ref ends, m++) = n + BitOperations.PopCount(all & (low - 1));
                    stopBits ^= low;
                }
                while (stopBits != 0);
            }

            // The structural bytes' offsets: eight written whatever their number (the array has room), the rest in a loop.
            int count = BitOperations.PopCount(all);
            ref int write = ref Unsafe.Add(ref offsets, n);
            write = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 1) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 2) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 3) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 4) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 5) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 6) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            Unsafe.Add(ref write, 7) = at + BitOperations.TrailingZeroCount(all);
            all &= all - 1;
            if (all != 0)
            {
                for (int k = 8; all != 0; k++)
                {
                    Unsafe.Add(ref write, k) = at + BitOperations.TrailingZeroCount(all);
                    all &= all - 1;
                }
            }

            n += count;
            at += Math.Min(valid, Width);
        }

        (positionCount, stopCount, indexed, nonAscii) = (n, m, at, high);
    }

    /// <summary>
    /// The structural bytes (delimiters, \n, \r, quotes) among the 32 bytes at <paramref name="at"/>, the \n, \r and quotes
    /// among them, and the bytes that are not ASCII, as bit masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Masks(ref byte at, out uint all, out uint lf, out uint cr, out uint quote, out uint upper)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref at);
            var d = Vector256.Equals(v, Vector256.Create(delimiter));
            var l = Vector256.Equals(v, Vector256.Create((byte)'\n'));
            var c = Vector256.Equals(v, Vector256.Create((byte)'\r'));
            var q = Vector256.Equals(v, Vector256.Create((byte)'"'));
            all = (d | l | c | q).ExtractMostSignificantBits();
            lf = l.ExtractMostSignificantBits();
            cr = c.ExtractMostSignificantBits();
            quote = q.ExtractMostSignificantBits();
            upper = v.ExtractMostSignificantBits();
            return;
        }

        Masks128(ref at, out uint allLow, out uint lfLow, out uint crLow, out uint quoteLow, out uint upperLow);
        Masks128(ref Unsafe.Add(ref at, 16), out uint allHigh, out uint lfHigh, out uint crHigh, out uint quoteHigh, out uint upperHigh);
        (all, lf, cr, quote, upper) = (allLow | (allHigh << 16), lfLow | (lfHigh << 16), crLow | (crHigh << 16), quoteLow | (quoteHigh << 16), upperLow | (upperHigh << 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Masks128(ref byte at, out uint all, out uint lf, out uint cr, out uint quote, out uint upper)
    {
        var v = Vector128.LoadUnsafe(ref at);
        var d = Vector128.Equals(v, Vector128.Create(delimiter));
        var l = Vector128.Equals(v, Vector128.Create((byte)'\n'));
        var c = Vector128.Equals(v, Vector128.Create((byte)'\r'));
        var q = Vector128.Equals(v, Vector128.Create((byte)'"'));
        all = (d | l | c | q).ExtractMostSignificantBits();
        lf = l.ExtractMostSignificantBits();
        cr = c.ExtractMostSignificantBits();
        quote = q.ExtractMostSignificantBits();
        upper = v.ExtractMostSignificantBits();
    }

    /// <summary>
    /// Keeps the bytes from <paramref name="keep"/> on (moved to the buffer's start) and reads a block after them (the index
    /// must then be restarted).
    /// </summary>
    private void Fill(int keep)
    {
        int kept = end - keep;
        if (keep > 0)
        {
            Buffer.BlockCopy(buffer, keep, buffer, 0, kept);
            consumed += keep;
            next -= keep;
            lineStart -= keep;
            end = kept;
        }

        if (buffer.Length < kept + blockSize + Slack)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, kept + blockSize + Slack));
            positions = new int[buffer.Length + Slack];
            stops = new int[buffer.Length + Slack];
        }

        int read = source.Read(buffer, end, blockSize);
        if (read == 0)
        {
            exhausted = true;
        }

        end += read;
    }

    /// <summary>What <see cref="Next()"/> found.</summary>
    internal enum Scan
    {
        /// <summary>A plain row.</summary>
        Row,

        /// <summary>The end of the input.</summary>
        End,

        /// <summary>A line the scanner is not sure of: CsvHelper reads on from its first byte.</summary>
        Unsure,
    }

    /// <summary>A prefix, the scanner's buffered bytes, then the rest of the source.</summary>
    private sealed class PrefixedStream(byte[] prefix, ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private int prefixAt;
        private ReadOnlyMemory<byte> head = head;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (prefixAt < prefix.Length)
            {
                int n = Math.Min(destination.Length, prefix.Length - prefixAt);
                prefix.AsSpan(prefixAt, n).CopyTo(destination);
                prefixAt += n;
                return n;
            }

            if (!head.IsEmpty)
            {
                int n = Math.Min(destination.Length, head.Length);
                head.Span[..n].CopyTo(destination);
                head = head[n..];
                return n;
            }

            return rest.Read(destination);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
            prefixAt < prefix.Length || !head.IsEmpty ? ValueTask.FromResult(Read(destination.Span)) : rest.ReadAsync(destination, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

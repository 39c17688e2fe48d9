using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Csv;

/// <summary>
/// Splits the plain lines of a UTF-8 delimited source into fields, reading its bytes in large blocks and finding the
/// delimiters and line ends 32 bytes at a time (vector compares turned into bit masks). It reads only lines it is sure
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

    private const int Width = 32; // bytes compared at a time (one 32-bit mask)
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly Stream source;
    private readonly byte delimiter;
    private readonly int blockSize;
    private byte[] buffer;
    private int lineStart; // the current line's first byte in the buffer (its first field's, past a byte-order mark)
    private int next; // the first byte after the current line (and its line end)
    private int end; // bytes in the buffer
    private bool exhausted; // the source has no more bytes
    private long consumed; // bytes of the source before buffer[0]
    private int[] fieldEnds = new int[16]; // relative to lineStart
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
        buffer = new byte[blockSize + Width + 1];
    }

    /// <summary>The line on which the current row starts (the header is line 1).</summary>
    public long Line { get; private set; }

    /// <summary>Header and data rows scanned so far, as CsvHelper numbers records.</summary>
    public long Records { get; private set; }

    /// <summary>The number of fields of the current row.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The current row's line, without its line end (nor a byte-order mark).</summary>
    public ReadOnlySpan<byte> LineBytes => buffer.AsSpan(lineStart, FieldCount == 0 ? 0 : fieldEnds[FieldCount - 1]);

    /// <summary>The bytes of field <paramref name="index"/> of the current row (empty past the last field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            return default;
        }

        int from = index == 0 ? 0 : fieldEnds[index - 1] + 1;
        return new ReadOnlySpan<byte>(buffer, lineStart + from, fieldEnds[index] - from);
    }

    /// <summary>
    /// Reads the first line as the header: its bytes (a UTF-8 byte-order mark included, the line end not) when it is plain,
    /// or <c>null</c> when CsvHelper must read the input from its start (a quote, a lone <c>\r</c>, an empty first line, a
    /// UTF-16 or UTF-32 byte-order mark).
    /// </summary>
    public byte[]? ReadHeader()
    {
        pinned = 0; // keep a byte-order mark in the buffer
        Fill(0);
        if (end > 0 && buffer[0] is 0x00 or 0xFE or 0xFF)
        {
            return null; // possibly a UTF-16 / UTF-32 byte-order mark: CsvHelper decides the encoding
        }

        while (end < 3 && !exhausted)
        {
            Fill(0);
        }

        int bom = end >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom) ? 3 : 0;
        next = bom;
        var scan = Next(skipEmpty: false);
        pinned = int.MaxValue;
        if (scan != Scan.Row)
        {
            next = lineStart = 0; // hand the whole input over
            return null;
        }

        return buffer.AsSpan(0, lineStart + fieldEnds[FieldCount - 1]).ToArray();
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

    /// <summary>Scans the line at <see cref="next"/>: its fields' ends, or that it is not plain.</summary>
    private Scan ScanLine(out bool empty)
    {
        empty = false;
        lineStart = next;
        if (lineStart >= end)
        {
            if (exhausted)
            {
                return Scan.End;
            }

            Fill(Math.Min(lineStart, pinned));
            if (lineStart >= end)
            {
                return Scan.End;
            }
        }

        int count = 0;
        int pos = lineStart;
        while (true)
        {
            if (pos + Width + 1 > end && !exhausted)
            {
                pos -= Fill(Math.Min(lineStart, pinned));
                continue;
            }

            Masks(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), pos), out uint delimiters, out uint special);
            int valid = end - pos;
            if (valid < Width)
            {
                uint inside = (1u << valid) - 1;
                delimiters &= inside;
                special &= inside;
            }

            // The delimiters before the first special byte end fields.
            uint before = special == 0 ? delimiters : delimiters & ((special & (0u - special)) - 1);
            while (before != 0)
            {
                if (count + 1 >= fieldEnds.Length)
                {
                    Array.Resize(ref fieldEnds, fieldEnds.Length * 2);
                }

                fieldEnds[count++] = pos + BitOperations.TrailingZeroCount(before) - lineStart;
                before &= before - 1;
            }

            if (special == 0)
            {
                if (valid <= Width)
                {
                    // The last line, without a line end.
                    fieldEnds[count++] = end - lineStart;
                    FieldCount = count;
                    next = end;
                    return Scan.Row;
                }

                pos += Width;
                continue;
            }

            int at = pos + BitOperations.TrailingZeroCount(special);
            byte b = buffer[at];
            int after;
            if (b == '\n')
            {
                after = at + 1;
            }
            else if (b == '\r' && at + 1 < end && buffer[at + 1] == '\n')
            {
                after = at + 2;
            }
            else
            {
                next = lineStart;
                return Scan.Unsure; // a quote, a lone \r or a final \r
            }

            empty = count == 0 && at == lineStart;
            fieldEnds[count++] = at - lineStart;
            FieldCount = count;
            next = after;
            return Scan.Row;
        }
    }

    /// <summary>The delimiters, and the line ends and quotes, among the 32 bytes at <paramref name="at"/>, as bit masks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Masks(ref byte at, out uint delimiters, out uint special)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref at);
            delimiters = Vector256.Equals(v, Vector256.Create(delimiter)).ExtractMostSignificantBits();
            special = (Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'"'))).ExtractMostSignificantBits();
            return;
        }

        var low = Vector128.LoadUnsafe(ref at);
        var high = Vector128.LoadUnsafe(ref Unsafe.Add(ref at, 16));
        var d = Vector128.Create(delimiter);
        var lf = Vector128.Create((byte)'\n');
        var cr = Vector128.Create((byte)'\r');
        var quote = Vector128.Create((byte)'"');
        delimiters = Vector128.Equals(low, d).ExtractMostSignificantBits() | (Vector128.Equals(high, d).ExtractMostSignificantBits() << 16);
        special = (Vector128.Equals(low, lf) | Vector128.Equals(low, cr) | Vector128.Equals(low, quote)).ExtractMostSignificantBits()
            | ((Vector128.Equals(high, lf) | Vector128.Equals(high, cr) | Vector128.Equals(high, quote)).ExtractMostSignificantBits() << 16);
    }

    /// <summary>
    /// Keeps the bytes from <paramref name="keep"/> on (moved to the buffer's start) and reads a block after them; returns
    /// how far the kept bytes moved.
    /// </summary>
    private int Fill(int keep)
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

        if (buffer.Length < kept + blockSize + Width + 1)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, kept + blockSize + Width + 1));
        }

        int read = source.Read(buffer, end, blockSize);
        if (read == 0)
        {
            exhausted = true;
        }

        end += read;
        return keep;
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

using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CxMetrics.Csv;

/// <summary>
/// Splits the plain lines of a UTF-8 delimited source into fields, reading its bytes in large blocks. A line is compared
/// 64 bytes at a time (usually once: vector compares turned into bit masks of its delimiters, line ends, quotes and
/// non-ASCII bytes), and the delimiters before its first line end or quote are written out as field ends without a branch
/// per delimiter; a field is then two neighbouring ends. It reads only lines it is sure
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

    private const int Width = 64; // bytes compared at a time (one 64-bit mask)
    private const int Slack = Width + 1; // room past the buffered bytes for whole-vector loads
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly Stream source;
    private readonly byte delimiter;
    private readonly int blockSize;
    private byte[] buffer;
    private int end; // bytes in the buffer
    private bool exhausted; // the source has no more bytes
    private long consumed; // bytes of the source before buffer[0]
    private int[] ends = new int[2 * Width]; // ends[0] = -1, ends[i + 1]: the end of field i, relative to lineStart
    private ulong nonAscii; // the high bits of the current line's bytes
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
        buffer = ArrayPool<byte>.Shared.Rent((2 * blockSize) + Slack); // room for a block after a partly read line
        ends[0] = -1;
    }

    /// <summary>The line on which the current row starts (the header is line 1).</summary>
    public long Line { get; private set; }

    /// <summary>Header and data rows scanned so far, as CsvHelper numbers records.</summary>
    public long Records { get; private set; }

    /// <summary>True when the current row's bytes are all ASCII (so every field is valid UTF-8).</summary>
    public bool Ascii => nonAscii == 0;

    /// <summary>The number of fields of the current row.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The bytes of field <paramref name="index"/> of the current row (empty past the last field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index)
    {
        if ((uint)index >= (uint)FieldCount)
        {
            return default;
        }

        // index + 1 <= FieldCount < ends.Length, and the ends lie inside the buffer.
        ref int at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ends), index);
        int from = lineStart + at + 1;
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), from), lineStart + Unsafe.Add(ref at, 1) - from);
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

        next = end >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom) ? 3 : 0;
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
            var scan = ScanLine();
            Line = nextLine;
            if (scan != Scan.Row)
            {
                FieldCount = 0;
                return scan;
            }

            nextLine++;
            if (lineEnd != lineStart || FieldCount != 1)
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

    /// <summary>Closes the source and gives the buffer back (not called after a hand-over: CsvHelper then reads the buffered bytes).</summary>
    public void Dispose()
    {
        source.Dispose();
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = []; // once only
        }
    }

    /// <summary>Splits the line at <see cref="next"/> into fields, or finds that it is not plain, or the end of the input.</summary>
    private Scan ScanLine()
    {
        lineStart = next;
        if (lineStart >= end)
        {
            if (!exhausted)
            {
                Fill(Math.Min(lineStart, pinned));
            }

            if (lineStart >= end)
            {
                return Scan.End;
            }
        }

        int count = 1; // ends[0] is -1
        int at = lineStart;
        ulong high = 0;
        while (true)
        {
            if (at + Slack > end && !exhausted)
            {
                at -= Fill(Math.Min(lineStart, pinned)); // keeps the line (its ends are relative to its start)
                continue;
            }

            if (count + Width + 2 > ends.Length)
            {
                Array.Resize(ref ends, ends.Length * 2);
            }

            Masks(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), at), out ulong delimiters, out ulong stops, out ulong upper);
            int valid = end - at;
            if (valid < Width)
            {
                ulong inside = (1UL << valid) - 1;
                (delimiters, stops, upper) = (delimiters & inside, stops & inside, upper & inside);
            }

            // The delimiters (and non-ASCII bytes) before the first line end, quote or \r end fields of this line.
            ulong before = stops == 0 ? ulong.MaxValue : (stops & (0UL - stops)) - 1;
            high |= upper & before;
            ulong found = delimiters & before;
            int n = BitOperations.PopCount(found);
            int offset = at - lineStart;
            ref int write = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ends), count);
            write = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 1) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 2) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 3) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 4) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 5) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 6) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            Unsafe.Add(ref write, 7) = offset + BitOperations.TrailingZeroCount(found);
            found &= found - 1;
            for (int k = 8; found != 0; k++)
            {
                Unsafe.Add(ref write, k) = offset + BitOperations.TrailingZeroCount(found);
                found &= found - 1;
            }

            count += n;
            if (stops == 0)
            {
                if (valid <= Width)
                {
                    // The last line, without a line end (the source is exhausted).
                    return Row(count, end, end, high);
                }

                at += Width;
                continue;
            }

            int stop = at + BitOperations.TrailingZeroCount(stops);
            byte b = buffer[stop];
            if (b == '\n')
            {
                return Row(count, stop, stop + 1, high);
            }

            if (b == '\r' && stop + 1 < end && buffer[stop + 1] == '\n')
            {
                return Row(count, stop, stop + 2, high);
            }

            next = lineStart;
            return Scan.Unsure; // a quote, a lone \r or a final \r
        }
    }

    /// <summary>The line from <see cref="lineStart"/> with <paramref name="count"/> - 1 field ends written, whose last field ends at <paramref name="last"/>.</summary>
    private Scan Row(int count, int last, int after, ulong high)
    {
        ends[count] = last - lineStart;
        FieldCount = count;
        lineEnd = last;
        next = after;
        nonAscii = high;
        return Scan.Row;
    }

    /// <summary>
    /// The delimiters, the bytes that stop a plain line (\n, \r, quotes) and the bytes that are not ASCII among the 64 bytes
    /// at <paramref name="at"/>, as bit masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Masks(ref byte at, out ulong delimiters, out ulong stops, out ulong upper)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref at);
            delimiters = Vector512.Equals(v, Vector512.Create(delimiter)).ExtractMostSignificantBits();
            stops = (Vector512.Equals(v, Vector512.Create((byte)'\n')) | Vector512.Equals(v, Vector512.Create((byte)'\r')) | Vector512.Equals(v, Vector512.Create((byte)'"'))).ExtractMostSignificantBits();
            upper = v.ExtractMostSignificantBits();
            return;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Masks256(ref at, out uint d0, out uint s0, out uint u0);
            Masks256(ref Unsafe.Add(ref at, 32), out uint d1, out uint s1, out uint u1);
            (delimiters, stops, upper) = (d0 | ((ulong)d1 << 32), s0 | ((ulong)s1 << 32), u0 | ((ulong)u1 << 32));
            return;
        }

        delimiters = stops = upper = 0;
        for (int i = 0; i < Width; i += 16)
        {
            var v = Vector128.LoadUnsafe(ref Unsafe.Add(ref at, i));
            delimiters |= (ulong)Vector128.Equals(v, Vector128.Create(delimiter)).ExtractMostSignificantBits() << i;
            stops |= (ulong)(Vector128.Equals(v, Vector128.Create((byte)'\n')) | Vector128.Equals(v, Vector128.Create((byte)'\r')) | Vector128.Equals(v, Vector128.Create((byte)'"'))).ExtractMostSignificantBits() << i;
            upper |= (ulong)v.ExtractMostSignificantBits() << i;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Masks256(ref byte at, out uint delimiters, out uint stops, out uint upper)
    {
        var v = Vector256.LoadUnsafe(ref at);
        delimiters = Vector256.Equals(v, Vector256.Create(delimiter)).ExtractMostSignificantBits();
        stops = (Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'"'))).ExtractMostSignificantBits();
        upper = v.ExtractMostSignificantBits();
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

        if (buffer.Length < kept + blockSize + Slack)
        {
            // A line longer than a block: a larger buffer.
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, kept + blockSize + Slack));
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
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
    private sealed class PrefixedStream(byte[] prefix, ReadOnlyMemory<byte> head, Stream rest) : ForwardReadStream(rest)
    {
        private int prefixAt;
        private ReadOnlyMemory<byte> head = head;

        public override int Read(Span<byte> buffer)
        {
            if (prefixAt < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - prefixAt);
                prefix.AsSpan(prefixAt, n).CopyTo(buffer);
                prefixAt += n;
                return n;
            }

            if (!head.IsEmpty)
            {
                int n = Math.Min(buffer.Length, head.Length);
                head.Span[..n].CopyTo(buffer);
                head = head[n..];
                return n;
            }

            return Inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            prefixAt < prefix.Length || !head.IsEmpty ? ValueTask.FromResult(Read(buffer.Span)) : Inner.ReadAsync(buffer, cancellationToken);
    }
}

using System.Runtime.InteropServices;

namespace CxMetrics.Csv;

/// <summary>
/// The rule of <see cref="CsvReadOptions.WhitespaceSeparated"/> as a state machine over characters (bytes of UTF-8 or a
/// single-byte encoding, or UTF-16 chars — space, tab, CR and LF are the same values in all of them): white space at the
/// start and end of a line is dropped, and every run of spaces and tabs between two values becomes one tab, which the CSV
/// reader then splits on without quoting. Line breaks are kept, so line numbers stay those of the file.
/// </summary>
internal struct WhitespaceCollapser
{
    private bool inLine;
    private bool pendingTab;
    private int bomLeft;

    public WhitespaceCollapser(bool bytes) => bomLeft = bytes ? 3 : 1;

    /// <summary>Transforms <paramref name="input"/> into <paramref name="output"/> (at most one more element than the input per call).</summary>
    public int Transform<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int n = 0;
        foreach (T item in input)
        {
            int c = int.CreateTruncating(item);
            if (bomLeft > 0)
            {
                // A byte-order mark (EF BB BF, or U+FEFF) is passed on without starting the line's first value.
                bool bom = (bomLeft == 3 && c == 0xEF) || (bomLeft == 2 && c == 0xBB) || (bomLeft == 1 && c is 0xBF or 0xFEFF);
                if (bom)
                {
                    bomLeft--;
                    output[n++] = item;
                    continue;
                }

                bomLeft = 0;
            }

            if (c is ' ' or '\t')
            {
                pendingTab = inLine;
            }
            else if (c is '\r' or '\n')
            {
                inLine = false;
                pendingTab = false;
                output[n++] = item;
            }
            else
            {
                if (pendingTab)
                {
                    output[n++] = T.CreateTruncating('\t');
                    pendingTab = false;
                }

                inLine = true;
                output[n++] = item;
            }
        }

        return n;
    }
}

/// <summary>A byte stream read with <see cref="WhitespaceCollapser"/>.</summary>
internal sealed class WhitespaceFieldStream(Stream inner) : ForwardReadStream(inner)
{
    private WhitespaceCollapser collapser = new(bytes: true);
    private int pending = -1;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length < 2 || pending >= 0)
        {
            return ReadSmall(buffer);
        }

        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length - 1);
        try
        {
            while (true)
            {
                int read = Inner.Read(rented, 0, buffer.Length - 1);
                if (read == 0)
                {
                    return 0;
                }

                int n = collapser.Transform<byte>(rented.AsSpan(0, read), buffer);
                if (n > 0)
                {
                    return n;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length < 2 || pending >= 0)
        {
            return ReadSmall(buffer.Span);
        }

        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length - 1);
        try
        {
            while (true)
            {
                int read = await Inner.ReadAsync(rented.AsMemory(0, buffer.Length - 1), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return 0;
                }

                int n = collapser.Transform<byte>(rented.AsSpan(0, read), buffer.Span);
                if (n > 0)
                {
                    return n;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A read into a one-byte buffer, one input byte at a time; a second output byte waits for the next read.</summary>
    private int ReadSmall(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (pending >= 0)
        {
            buffer[0] = (byte)pending;
            pending = -1;
            return 1;
        }

        Span<byte> one = stackalloc byte[1];
        Span<byte> two = stackalloc byte[2];
        while (Inner.Read(one) == 1)
        {
            int n = collapser.Transform<byte>(one, two);
            if (n > 0)
            {
                buffer[0] = two[0];
                pending = n == 2 ? two[1] : -1;
                return 1;
            }
        }

        return 0;
    }
}

/// <summary>Text read with <see cref="WhitespaceCollapser"/>.</summary>
internal sealed class WhitespaceFieldReader(TextReader inner) : TextReader
{
    private WhitespaceCollapser collapser = new(bytes: false);
    private int pending = -1;

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int n = 0;
        if (pending >= 0)
        {
            buffer[n++] = (char)pending;
            pending = -1;
            return n;
        }

        if (buffer.Length < 2)
        {
            Span<char> two = stackalloc char[2];
            while (true)
            {
                int c = inner.Read();
                if (c < 0)
                {
                    return 0;
                }

                int m = collapser.Transform<ushort>([(ushort)c], MemoryMarshal.Cast<char, ushort>(two));
                if (m > 0)
                {
                    buffer[0] = two[0];
                    pending = m == 2 ? two[1] : -1;
                    return 1;
                }
            }
        }

        char[] rented = System.Buffers.ArrayPool<char>.Shared.Rent(buffer.Length - 1);
        try
        {
            while (true)
            {
                int read = inner.Read(rented, 0, buffer.Length - 1);
                if (read == 0)
                {
                    return 0;
                }

                int m = collapser.Transform<ushort>(MemoryMarshal.Cast<char, ushort>(rented.AsSpan(0, read)), MemoryMarshal.Cast<char, ushort>(buffer));
                if (m > 0)
                {
                    return m;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Peek() => -1;

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

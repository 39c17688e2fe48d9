using System.Text;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Standard input as a file (PATH <c>-</c>): read once, as a byte stream (never held whole) through the readers'
/// <see cref="Stream"/> overloads, so <c>--encoding</c>, strict UTF-8 and JSON Lines apply as for a file. Its first line
/// is read ahead (as bytes) for the column-map check and replayed to the reader. Named <c>stdin</c> in the account.
/// </summary>
internal static class StandardInput
{
    public const string Path = "-";
    public const string Name = "stdin";

    private static HeaderReplay? replay;

    public static bool Is(string path) => path == Path;

    /// <summary>The first line of standard input (empty when there is none), decoded with <paramref name="encoding"/> (strict UTF-8 by default).</summary>
    public static string HeaderLine(Encoding? encoding)
    {
        var bytes = Open().Header;
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return (encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true)).GetString(bytes, start, bytes.Length - start).TrimEnd('\r', '\n');
        }
        catch (DecoderFallbackException ex)
        {
            throw new Csv.CsvDataException($"{Name}: the header cannot be read: {ex.Message} (is the encoding something other than UTF-8? see --encoding)", ex);
        }
    }

    /// <summary>Standard input's bytes from its first line on; a second call for another file fails (standard input is read once).</summary>
    public static Stream Stream()
    {
        var r = Open();
        if (r.Handed)
        {
            throw new IOException("standard input ('-') can be read only once in a run.");
        }

        r.Handed = true;
        return r;
    }

    private static HeaderReplay Open() => replay ??= new HeaderReplay(Console.OpenStandardInput());

    /// <summary>A read-only stream that gives the first line's bytes it read ahead (with its line break), then the rest of the inner stream.</summary>
    private sealed class HeaderReplay : Stream
    {
        private readonly Stream inner;
        private int position;

        public HeaderReplay(Stream inner)
        {
            this.inner = inner;
            var first = new MemoryStream();
            int b;
            while ((b = inner.ReadByte()) >= 0)
            {
                first.WriteByte((byte)b);
                if (b == '\n')
                {
                    break;
                }
            }

            Header = first.ToArray();
        }

        public byte[] Header { get; }

        public bool Handed { get; set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position >= Header.Length)
            {
                return inner.Read(buffer);
            }

            int n = Math.Min(buffer.Length, Header.Length - position);
            Header.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            position >= Header.Length ? inner.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

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
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

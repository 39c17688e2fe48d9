using System.Text;

namespace CxMetrics.Cli.Input;

/// <summary>
/// Standard input as a file (PATH <c>-</c>): read once, as a stream (never held whole). Its header line is read ahead for
/// the column-map check and replayed to the reader. Named <c>stdin</c> in the account.
/// </summary>
internal static class StandardInput
{
    public const string Path = "-";
    public const string Name = "stdin";

    private static HeaderReplay? replay;

    public static bool Is(string path) => path == Path;

    /// <summary>The first line of standard input (empty when there is none), decoded with <paramref name="encoding"/> (strict UTF-8 by default).</summary>
    public static string HeaderLine(Encoding? encoding) => Open(encoding).Header;

    /// <summary>Standard input from its first line on; a second call for another file fails (standard input is read once).</summary>
    public static TextReader Reader(Encoding? encoding)
    {
        var r = Open(encoding);
        if (r.Handed)
        {
            throw new IOException("standard input ('-') can be read only once in a run.");
        }

        r.Handed = true;
        return r;
    }

    private static HeaderReplay Open(Encoding? encoding)
    {
        if (replay is null)
        {
            var stdin = new StreamReader(Console.OpenStandardInput(), encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: encoding is null);
            try
            {
                replay = new HeaderReplay(stdin);
            }
            catch (DecoderFallbackException ex)
            {
                throw new Csv.CsvDataException($"{Name}: the header cannot be read: {ex.Message} (is the encoding something other than UTF-8? see --encoding)", ex);
            }
        }

        return replay;
    }

    /// <summary>A reader that gives the header line it read ahead (with its line break), then the rest of the inner reader.</summary>
    private sealed class HeaderReplay : TextReader
    {
        private readonly TextReader inner;
        private string pending;

        public HeaderReplay(TextReader inner)
        {
            this.inner = inner;
            string? first = inner.ReadLine();
            Header = first ?? string.Empty;
            pending = first is null ? string.Empty : first + "\n";
        }

        public string Header { get; }

        public bool Handed { get; set; }

        public override int Peek() => pending.Length > 0 ? pending[0] : inner.Peek();

        public override int Read()
        {
            if (pending.Length == 0)
            {
                return inner.Read();
            }

            char c = pending[0];
            pending = pending[1..];
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (pending.Length == 0)
            {
                return inner.Read(buffer);
            }

            int n = Math.Min(buffer.Length, pending.Length);
            pending.AsSpan(0, n).CopyTo(buffer);
            pending = pending[n..];
            return n;
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }
}

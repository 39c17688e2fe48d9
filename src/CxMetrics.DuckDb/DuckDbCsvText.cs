using System.Text;
using CxMetrics.DuckDb.Internal;
using DuckDB.NET.Data;

namespace CxMetrics.DuckDb;

/// <summary>
/// The rows of a source (a Parquet file, a CSV file DuckDB splits in parallel, a table) as CSV text, streamed in file order,
/// so that a row-by-row reader such as <c>CxMetrics.Csv</c> validates, converts and rejects them exactly as it does the rows
/// of a CSV file: one record per row, the same accounting (rows read = accepted + rejected), and the row's number as its
/// line (the header is line 1, the first row line 2).
/// </summary>
/// <remarks>
/// Every column is written as text: <c>TIMESTAMP WITH TIME ZONE</c> as ISO 8601 in UTC with a <c>Z</c>
/// (<c>2025-03-01T09:00:00.000000Z</c>); <c>TIMESTAMP</c> without a zone as an ISO 8601 local date-time (a reader needs a zone
/// for it, as for the same text in a CSV file); <c>FLOAT</c> and <c>DOUBLE</c> as DuckDB prints them with a whole value's
/// <c>.0</c> dropped (an exporter's score 7.0 reads as 7, 7.5 stays 7.5); everything else as DuckDB casts it to
/// <c>VARCHAR</c>; NULL as an empty field. A field holding the delimiter, a quote or a line break is quoted (RFC 4180).
/// </remarks>
public static class DuckDbCsvText
{
    /// <summary>The column names of a source, in order.</summary>
    /// <param name="connection">An open DuckDB connection.</param>
    /// <param name="source">The source.</param>
    /// <returns>The names.</returns>
    /// <exception cref="PushdownException">DuckDB cannot read the source (no such file, not a Parquet file, a CSV file it cannot split into rows); the message names the source.</exception>
    public static IReadOnlyList<string> Columns(DuckDBConnection connection, DuckDbSource source) =>
        [.. Describe(connection, source).Select(c => c.Name)];

    /// <summary>
    /// Opens the rows of <paramref name="source"/> as UTF-8 CSV text with a header row. The query runs as the stream is read
    /// (DuckDB's streaming result), so memory does not grow with the source. Sets the connection's
    /// <c>preserve_insertion_order</c> to true, so rows come in file order (for a glob: files in name order).
    /// </summary>
    /// <param name="connection">An open DuckDB connection, used by the stream until it is disposed.</param>
    /// <param name="source">The source.</param>
    /// <param name="delimiter">The field delimiter to write (default comma).</param>
    /// <returns>The text stream; dispose it when done (the connection stays open).</returns>
    /// <exception cref="PushdownException">DuckDB cannot read the source; thrown here or while the stream is read, the message names the source.</exception>
    /// <exception cref="ArgumentException">The delimiter is a quote or a line break.</exception>
    public static Stream Open(DuckDBConnection connection, DuckDbSource source, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        if (delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"delimiter '{delimiter}' cannot separate CSV fields.", nameof(delimiter));
        }

        var columns = Describe(connection, source);
        using (var order = connection.CreateCommand())
        {
            order.CommandText = "SET preserve_insertion_order = true";
            order.ExecuteNonQuery();
        }

        string select = string.Join(", ", columns.Select(c => Text(c.Name, c.Type)));
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM {source.Relation}";
        command.UseStreamingMode = true;
        try
        {
            var reader = Run(connection, source, command.ExecuteReader);
            return new RowText(connection, source, command, reader, [.. columns.Select(c => c.Name)], delimiter);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private static List<(string Name, string Type)> Describe(DuckDBConnection connection, DuckDbSource source)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(source);
        return Run(connection, source, () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DESCRIBE SELECT * FROM {source.Relation}";
            using var reader = command.ExecuteReader();
            var columns = new List<(string, string)>();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }

            return columns;
        });
    }

    /// <summary>Runs a DuckDB call; its failure becomes a <see cref="PushdownException"/> naming the source (for CSV, the line when it can be found).</summary>
    private static T Run<T>(DuckDBConnection connection, DuckDbSource source, Func<T> call)
    {
        try
        {
            return CsvFault.Translate(connection, source, call);
        }
        catch (DuckDBException e)
        {
            throw new PushdownException($"{source}: DuckDB cannot read it: {e.Message.Split('\n', 2)[0].Trim()}", e);
        }
    }

    private static string Text(string name, string type)
    {
        string column = Sql.Identifier(name);
        return type switch
        {
            "TIMESTAMP WITH TIME ZONE" => $"strftime(timezone('UTC', {column}), '%Y-%m-%dT%H:%M:%S.%fZ')",
            "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => $"strftime(CAST({column} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%f')",
            "FLOAT" or "DOUBLE" => $"regexp_replace(CAST({column} AS VARCHAR), '\\.0+$', '')",
            _ => $"CAST({column} AS VARCHAR)",
        };
    }

    /// <summary>The CSV text of a streaming result, encoded a batch of rows at a time as the reader asks for bytes.</summary>
    private sealed class RowText : Stream
    {
        private const int Batch = 1 << 16;

        private readonly DuckDBConnection connection;
        private readonly DuckDbSource source;
        private readonly DuckDBCommand command;
        private readonly DuckDBDataReader reader;
        private readonly int width;
        private readonly char delimiter;
        private readonly StringBuilder text = new();
        private byte[] bytes = [];
        private int offset;
        private int length;
        private bool ended;

        public RowText(DuckDBConnection connection, DuckDbSource source, DuckDBCommand command, DuckDBDataReader reader, IReadOnlyList<string> header, char delimiter)
        {
            this.connection = connection;
            this.source = source;
            this.command = command;
            this.reader = reader;
            this.delimiter = delimiter;
            width = header.Count;
            for (int i = 0; i < header.Count; i++)
            {
                Field(i, header[i]);
            }

            text.Append('\n');
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (length == 0)
            {
                if (!Fill())
                {
                    return 0;
                }
            }

            int n = Math.Min(buffer.Length, length);
            bytes.AsSpan(offset, n).CopyTo(buffer);
            offset += n;
            length -= n;
            return n;
        }

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
                reader.Dispose();
                command.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool Fill()
        {
            while (!ended && text.Length < Batch)
            {
                if (!Run(connection, source, reader.Read))
                {
                    ended = true;
                    break;
                }

                for (int i = 0; i < width; i++)
                {
                    Field(i, reader.IsDBNull(i) ? string.Empty : reader.GetString(i));
                }

                text.Append('\n');
            }

            if (text.Length == 0)
            {
                return false;
            }

            int needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (bytes.Length < needed)
            {
                bytes = new byte[needed];
            }

            length = Encoding.UTF8.GetBytes(text.ToString(), bytes);
            offset = 0;
            text.Clear();
            return true;
        }

        private void Field(int index, string value)
        {
            if (index > 0)
            {
                text.Append(delimiter);
            }

            if (value.AsSpan().IndexOfAny(['"', '\r', '\n', delimiter]) < 0)
            {
                text.Append(value);
                return;
            }

            text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
    }
}

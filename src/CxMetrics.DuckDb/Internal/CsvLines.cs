using System.Globalization;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// Turns DuckDB's data-row numbers of one CSV file (1 = the first row after the header, in file order) into the physical
/// line where each row starts, by reading the file's bytes once up to the last row asked for. It splits records exactly
/// as <see cref="DuckDbSource.Csv"/> has DuckDB read them: <c>"</c> quotes (a doubled quote inside a quoted field is a
/// quote), line breaks <c>\n</c>, <c>\r\n</c> or <c>\r</c> end a record outside quotes and count as lines inside them; a
/// UTF-8 byte-order mark is skipped; a blank line is skipped when the file has more than one column and is a row (of one
/// NULL) when it has one, which is what DuckDB 1.5 does. The delimiter plays no part in where records start.
/// </summary>
internal static class CsvLines
{
    /// <summary>The start line of each data row in <paramref name="rows"/> (ascending, 1-based), in the same order.</summary>
    /// <exception cref="InvalidOperationException">The file has fewer rows than asked for (it changed after DuckDB read it).</exception>
    public static long[] Of(string path, int columns, ReadOnlySpan<long> rows)
    {
        var lines = new long[rows.Length];
        if (rows.IsEmpty)
        {
            return lines;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long line = 1, recordStart = 1, record = -1;
        bool inQuotes = false, hasContent = false, afterCr = false, first = true;
        int found = 0;
        int read;
        while (found < rows.Length && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            int i = 0;
            if (first)
            {
                first = false;
                if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    i = 3;
                }
            }

            for (; i < read; i++)
            {
                byte b = buffer[i];
                if (afterCr)
                {
                    afterCr = false;
                    if (b == (byte)'\n')
                    {
                        continue;
                    }
                }

                if (inQuotes)
                {
                    if (b == (byte)'"')
                    {
                        inQuotes = false;
                    }
                    else if (b is (byte)'\n' or (byte)'\r')
                    {
                        line++;
                        afterCr = b == (byte)'\r';
                    }

                    continue;
                }

                if (b is (byte)'\n' or (byte)'\r')
                {
                    if (hasContent)
                    {
                        hasContent = false;
                        Complete(++record, recordStart, rows, lines, ref found);
                    }
                    else if (columns == 1 && record >= 0)
                    {
                        Complete(++record, line, rows, lines, ref found);
                    }

                    line++;
                    afterCr = b == (byte)'\r';
                    if (found == rows.Length)
                    {
                        return lines;
                    }

                    continue;
                }

                if (!hasContent)
                {
                    hasContent = true;
                    recordStart = line;
                }

                if (b == (byte)'"')
                {
                    inQuotes = true;
                }
            }
        }

        if (hasContent)
        {
            Complete(++record, recordStart, rows, lines, ref found);
        }

        if (found < rows.Length)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{path} has {Math.Max(record, 0)} data rows, but DuckDB read row {rows[found]}; did the file change during the read?"));
        }

        return lines;
    }

    private static void Complete(long record, long startLine, ReadOnlySpan<long> rows, long[] lines, ref int found)
    {
        while (found < rows.Length && rows[found] == record)
        {
            lines[found++] = startLine;
        }
    }
}

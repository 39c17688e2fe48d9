using System.Globalization;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// Turns DuckDB's data-row numbers of one CSV file (1 = the first row after the header, in file order) into the physical
/// line where each row starts, by reading the file's records (<see cref="CsvRecordScan"/>) once up to the last row asked
/// for; a blank line is skipped when the file has more than one column and is a row (of one NULL) when it has one, which
/// is what DuckDB 1.5 does. The delimiter plays no part in where records start.
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

        long record = -1;
        int found = 0;
        foreach (var r in CsvRecordScan.Of(path, (byte)','))
        {
            // A blank line is skipped when the file has more than one column, and is a row (of one NULL) when it has one.
            if (!r.IsBlank || (columns == 1 && record >= 0))
            {
                Complete(++record, r.Line, rows, lines, ref found);
                if (found == rows.Length)
                {
                    return lines;
                }
            }
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

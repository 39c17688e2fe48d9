using System.Globalization;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// One record of a CSV file as <see cref="CsvRecordScan"/> splits it: the physical line it starts on, its number of fields
/// (delimiters outside quotes + 1), whether it is a blank line, and — for a last record that runs to the end of the file
/// inside quotes — the line where that quote opened (0 otherwise).
/// </summary>
internal readonly record struct CsvRecordExtent(long Line, int Fields, bool IsBlank, long UnclosedQuoteLine);

/// <summary>
/// Splits a CSV file's bytes into records exactly as <see cref="DuckDbSource.Csv"/> has DuckDB read them: <c>"</c> quotes
/// (a doubled quote inside a quoted field is a quote), line breaks <c>\n</c>, <c>\r\n</c> or <c>\r</c> end a record
/// outside quotes and count as lines inside them, and a UTF-8 byte-order mark is skipped. Blank lines are reported as
/// such, so each reader decides what DuckDB makes of them. The one scanner behind <see cref="CsvLines"/> (row numbers to
/// lines) and <see cref="CsvFault"/> (rows that cannot be split).
/// </summary>
internal static class CsvRecordScan
{
    /// <summary>Every record and blank line of the file, in order; stop enumerating to stop reading.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">The field delimiter (an ASCII byte) for <see cref="CsvRecordExtent.Fields"/>.</param>
    /// <returns>The records.</returns>
    public static IEnumerable<CsvRecordExtent> Of(string path, byte separator)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long line = 1, recordStart = 1, quoteLine = 0;
        bool inQuotes = false, hasContent = false, afterCr = false, first = true;
        int fields = 1;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
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
                    yield return hasContent ? new CsvRecordExtent(recordStart, fields, false, 0) : new CsvRecordExtent(line, 0, true, 0);
                    hasContent = false;
                    fields = 1;
                    line++;
                    afterCr = b == (byte)'\r';
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
                    quoteLine = line;
                }
                else if (b == separator)
                {
                    fields++;
                }
            }
        }

        if (hasContent)
        {
            yield return new CsvRecordExtent(recordStart, fields, false, inQuotes ? quoteLine : 0);
        }
    }
}

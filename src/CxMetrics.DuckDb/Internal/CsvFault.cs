using System.Globalization;
using DuckDB.NET.Data;

namespace CxMetrics.DuckDb.Internal;

/// <summary>
/// Where a CSV file cannot be split into rows of the header's width, found by reading its bytes as
/// <see cref="CsvLines"/> does (<see cref="CsvRecordScan"/>: same quotes, line ends, byte-order mark and blank lines): a row with another number of
/// fields than the header, a quoted field that is never closed, or no header row at all. DuckDB reports these with its
/// record number (which is not the line once a quoted field spans lines) or, inside the first rows it samples, as "not
/// possible to automatically detect the CSV parsing dialect" with no line; an empty file gives a binder error about
/// <c>column0</c>. <see cref="Translate"/> turns those into a <see cref="PushdownException"/> naming the physical line.
/// </summary>
internal sealed record CsvFault(long Line, string Problem)
{
    /// <summary>
    /// Runs <paramref name="query"/>; when DuckDB fails on a local CSV source, throws a <see cref="PushdownException"/> that
    /// names the first file and physical line that cannot be split into rows, or says plainly that the line is unknown.
    /// Other failures (a missing column in a well-formed file, …) and other sources keep DuckDB's exception; running out of
    /// memory is left to <see cref="MemoryLimit"/>.
    /// </summary>
    public static T Translate<T>(DuckDBConnection connection, DuckDbSource source, Func<T> query)
    {
        try
        {
            return query();
        }
        catch (DuckDBException e) when (source.CsvPathOrGlob is { } pattern && !pattern.Contains("://", StringComparison.Ordinal)
                                         && !e.Message.Contains("Out of Memory Error", StringComparison.Ordinal))
        {
            foreach (string file in RowAccount.Files(connection, pattern))
            {
                if (File.Exists(file) && Find(file, source.Delimiter) is { } fault)
                {
                    string where = string.Equals(file, pattern, StringComparison.Ordinal) ? source.ToString() : $"{source}, file {file}";
                    throw new PushdownException(string.Create(CultureInfo.InvariantCulture, $"{where}: line {fault.Line}: {fault.Problem}; nothing was counted."), e);
                }
            }

            if (e.Message.Contains("CSV", StringComparison.Ordinal))
            {
                string first = e.Message.Split('\n', 2)[0].Trim();
                throw new PushdownException($"{source}: DuckDB could not split the file into rows, and the line is unknown (every row has the header's number of fields and every quote is closed as this package reads them). DuckDB: {first}", e);
            }

            throw;
        }
    }

    /// <summary>The first structural fault of the file, or <see langword="null"/> when every row has the header's width.</summary>
    public static CsvFault? Find(string path, char delimiter)
    {
        if (delimiter > 0x7F)
        {
            return null; // a multi-byte delimiter: fields are not counted here
        }

        int header = -1;
        foreach (var r in CsvRecordScan.Of(path, (byte)delimiter))
        {
            if (r.UnclosedQuoteLine > 0)
            {
                return new CsvFault(r.UnclosedQuoteLine, r.Line == r.UnclosedQuoteLine
                    ? "a quoted field opened on this line is never closed (DuckDB cannot tell where the row ends)"
                    : string.Create(CultureInfo.InvariantCulture, $"a quoted field opened on this line (in the row starting at line {r.Line}) is never closed (DuckDB cannot tell where the row ends)"));
            }

            if (!r.IsBlank && End(ref header, r.Fields, r.Line) is { } fault)
            {
                return fault;
            }
        }

        return header < 0 ? new CsvFault(1, "the file is empty: there is no header row naming the columns") : null;
    }

    private static CsvFault? End(ref int header, int fields, long recordStart)
    {
        if (header < 0)
        {
            header = fields;
            return null;
        }

        return fields == header ? null : new CsvFault(recordStart, string.Create(CultureInfo.InvariantCulture, $"the row has {fields} fields where the header has {header} (DuckDB cannot split it into the header's columns)"));
    }
}

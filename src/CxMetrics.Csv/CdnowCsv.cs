using System.Globalization;
using CxMetrics.Commerce;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv;

/// <summary>
/// Reads the CDNOW purchase log in its published layout (Fader &amp; Hardie's <c>CDNOW_master.txt</c> / <c>CDNOW_sample.txt</c>):
/// no header, fields separated by runs of spaces — customer id, (sample id,) date <c>yyyyMMdd</c>, number of CDs, dollar
/// value (a first line without any digit, such as <c>customer_id  date number_of_cds  dollar_value</c>, is taken as a header and
/// not counted). Each line becomes an <see cref="Order"/> in USD placed at the start of its day in the given zone; the last
/// three fields are read from the end, so both the 4-field master file and the 5-field sample load. Same account as
/// the CSV readers: rows read = accepted + rejected, rejections with line and column.
/// </summary>
/// <remarks>
/// A convenience for the published file, which has no header. The same file with its header line (as some copies carry)
/// is also <see cref="OrderCsv"/> with <see cref="CsvReadOptions.WhitespaceSeparated"/>,
/// <see cref="CsvReadOptions.TimestampPattern"/> <c>uuuuMMdd</c>, <see cref="CsvReadOptions.Currency"/> <c>USD</c> and the
/// columns <c>customer_id</c>, <c>date</c>, <c>dollar_value</c>; both give the same orders.
/// </remarks>
public static class CdnowCsv
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="zone">Zone whose start of day stamps each purchase date; UTC when <c>null</c> (the data give no zone).</param>
    /// <param name="strict">Stop at the first bad line.</param>
    /// <returns>The orders, streamed, with the account of the read.</returns>
    public static CsvRecords<Order> Read(string path, DateTimeZone? zone = null, bool strict = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var options = new CsvReadOptions { Zone = zone ?? DateTimeZone.Utc, Strict = strict, Currency = "USD" };
        return new CsvRecords<Order>(CsvSource.File(path), options, [], (Func<CsvRowStream, IEnumerable<Order>>)null!) { LineReader = Lines };
    }

    /// <summary>Reads from a text reader (enumerable once).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="zone">Zone for the start of each purchase day; UTC when <c>null</c>.</param>
    /// <param name="strict">Stop at the first bad line.</param>
    /// <returns>The orders, streamed.</returns>
    public static CsvRecords<Order> Read(TextReader reader, DateTimeZone? zone = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new CsvReadOptions { Zone = zone ?? DateTimeZone.Utc, Strict = strict, Currency = "USD" };
        return new CsvRecords<Order>(CsvSource.Text(reader, "cdnow"), options, [], (Func<CsvRowStream, IEnumerable<Order>>)null!) { LineReader = Lines };
    }

    /// <summary>
    /// Reads bytes from a stream, such as standard input (enumerable once; the stream is disposed at the end), with the same
    /// encoding rules as a file: strict UTF-8 unless <see cref="CsvReadOptions.Encoding"/> says otherwise. It need not be seekable.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="zone">Zone for the start of each purchase day; UTC when <c>null</c>.</param>
    /// <param name="strict">Stop at the first bad line.</param>
    /// <param name="source">How the source is named in messages and in <see cref="CsvReport.Source"/>; default <c>stdin</c>.</param>
    /// <returns>The orders, streamed.</returns>
    public static CsvRecords<Order> Read(Stream stream, DateTimeZone? zone = null, bool strict = false, string source = "stdin")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var options = new CsvReadOptions { Zone = zone ?? DateTimeZone.Utc, Strict = strict, Currency = "USD" };
        return new CsvRecords<Order>(CsvSource.Bytes(stream, source), options, [], (Func<CsvRowStream, IEnumerable<Order>>)null!) { LineReader = Lines };
    }

    private static string? ReadLine(TextReader text, CsvReport report, long line)
    {
        try
        {
            return text.ReadLine();
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new CsvDataException(string.Create(CultureInfo.InvariantCulture, $"{report.Source} line {line}: not UTF-8 text: {ex.Message}"), line, null, ex);
        }
    }

    private static IEnumerable<Order> Lines(TextReader text, CsvReport report, CsvReadOptions options)
    {
        var zone = options.Zone!;
        long line = 0;
        while (ReadLine(text, report, line + 1) is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            var f = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (report.RowsRead == 0 && !content.Any(char.IsAsciiDigit) && !content.Contains(CsvTable.InvalidUtf8Mark, StringComparison.Ordinal))
            {
                continue; // a header line such as " customer_id  date number_of_cds  dollar_value" (no digit in it): not a row
            }

            report.Read();
            Order? order = null;
            CsvRejection? rejection = null;
            if (content.Contains(CsvTable.InvalidUtf8Mark, StringComparison.Ordinal))
            {
                rejection = new CsvRejection(line, null, "the line holds bytes that are not UTF-8; convert the file to UTF-8 (not read with replacement characters).");
            }
            else if (f.Length is < 4 or > 5)
            {
                rejection = new CsvRejection(line, null, string.Create(CultureInfo.InvariantCulture, $"{f.Length} fields; expected 4 (id, date, CDs, dollars) or 5 (id, sample id, date, CDs, dollars)."));
            }
            else if (DatePattern.Parse(f[^3]) is not { Success: true } date)
            {
                rejection = new CsvRejection(line, "date", $"{CsvText.Quote(f[^3])} is not a date yyyyMMdd.");
            }
            else if (!decimal.TryParse(f[^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal dollars))
            {
                rejection = new CsvRejection(line, "dollars", $"{CsvText.Quote(f[^1])} is not a non-negative amount.");
            }
            else if (dollars > options.MaxAmount)
            {
                rejection = new CsvRejection(line, "dollars", string.Create(CultureInfo.InvariantCulture, $"amount {dollars} is beyond {options.MaxAmount} (the largest amount read)."));
            }
            else if (!int.TryParse(f[^2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                rejection = new CsvRejection(line, "cds", $"{CsvText.Quote(f[^2])} is not a count of CDs.");
            }
            else
            {
                order = new Order(f[0], zone.AtStartOfDay(date.Value).ToInstant(), dollars, "USD");
            }

            if (rejection is not null)
            {
                report.Reject(rejection);
                if (options.Strict)
                {
                    throw new CsvDataException($"{report.Source} {rejection} (strict mode stops at the first bad row).", rejection.Line, rejection.Column);
                }

                continue;
            }

            report.Accept();
            yield return order!;
        }
    }
}

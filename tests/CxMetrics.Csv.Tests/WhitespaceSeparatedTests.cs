using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary><see cref="CsvReadOptions.WhitespaceSeparated"/>: the CDNOW master file read as orders without reshaping.</summary>
public class WhitespaceSeparatedTests
{
    // The first lines of CDNOW_master.txt (Fader & Hardie's CDNOW data, see samples/cdnow/ATTRIBUTION.md), as published: CR LF line ends.
    private const string Master =
        " customer_id  date number_of_cds  dollar_value\r\n"
        + " 00001 19970101  1   11.77\r\n"
        + " 00002 19970112  1   12.00\r\n"
        + " 00002 19970112  5   77.00\r\n"
        + " 00003 19970102  2   20.76\r\n"
        + " 00003 19971115  5   57.45\r\n";

    private static readonly OrderColumns CdnowColumns = new() { CustomerId = "customer_id", PlacedAt = "date", Amount = "dollar_value", Currency = null };

    private static readonly CsvReadOptions CdnowOptions = new() { WhitespaceSeparated = true, TimestampPattern = "uuuuMMdd", Zone = DateTimeZone.Utc, Currency = "USD" };

    [Fact]
    public void Cdnow_master_reads_as_orders_with_options_and_columns()
    {
        var orders = OrderCsv.Read(new StringReader(Master), CdnowColumns, CdnowOptions);

        var list = orders.ToList();
        Assert.Equal(["00001", "00002", "00002", "00003", "00003"], list.Select(o => o.CustomerId));
        Assert.Equal([11.77m, 12.00m, 77.00m, 20.76m, 57.45m], list.Select(o => o.Amount));
        Assert.Equal(Instant.FromUtc(1997, 11, 15, 0, 0), list[^1].PlacedAt);
        Assert.All(list, o => Assert.Equal("USD", o.Currency));
        Assert.Equal((5L, 5L, 0L), (orders.Report.RowsRead, orders.Report.RowsAccepted, orders.Report.RowsRejected));
    }

    [Fact]
    public void Whitespace_file_from_a_path_and_a_stream_give_the_same_orders_as_the_cdnow_reader()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cdnow-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, Master, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var fromPath = OrderCsv.Read(path, CdnowColumns, CdnowOptions).ToList();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Master));
            var fromStream = OrderCsv.Read(stream, CdnowColumns, CdnowOptions).ToList();
            var cdnow = CdnowCsv.Read(path);
            var fromCdnow = cdnow.ToList();

            Assert.Equal(5, fromPath.Count);
            Assert.Equal(fromPath, fromStream);
            Assert.Equal(fromPath, fromCdnow);
            Assert.Equal(5L, cdnow.Report.RowsRead); // the header line of this copy is not a row
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_cells_are_rejected_with_their_line_and_column()
    {
        string text = Master + " 00004 19971301  1   9.99\r\n 00005 19970105  1   9,99\r\n 00006 19970105  1\r\n";

        var orders = OrderCsv.Read(new StringReader(text), CdnowColumns, CdnowOptions);

        Assert.Equal(5, orders.ToList().Count);
        var report = orders.Report;
        Assert.Equal((8L, 5L, 3L), (report.RowsRead, report.RowsAccepted, report.RowsRejected));
        Assert.Equal([(7L, "date"), (8L, "dollar_value"), (9L, "dollar_value")], report.Rejections.Select(r => (r.Line, r.Column!)));
        Assert.Contains("'19971301' is not a timestamp in the pattern 'uuuuMMdd'", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("has 3 fields but the header has 4", report.Rejections[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_are_ordinary_text_and_blank_lines_are_not_rows()
    {
        var records = CsvTable.Read(new StringReader("id\tname \n\n \"a\"\t  b\"c \n   \t\n"), ["id", "name"], row => (row.GetString("id"), row.GetString("name")), new CsvReadOptions { WhitespaceSeparated = true });

        Assert.Equal([("\"a\"", "b\"c")], records.ToList());
        Assert.Equal(1L, records.Report.RowsRead);
    }

    [Fact]
    public void Whitespace_with_another_delimiter_is_refused_naming_both()
    {
        var ex = Assert.Throws<ArgumentException>("options", () => OrderCsv.Read(new StringReader(Master), CdnowColumns, CdnowOptions with { Delimiter = ';' }));

        Assert.Contains("WhitespaceSeparated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Delimiter", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Any_whitespace_padding_of_the_cdnow_layout_reads_the_same_orders_as_the_comma_form()
    {
        var row =
            from id in Gen.Choose(1, 23570)
            from day in Gen.Choose(0, 545)
            from cds in Gen.Choose(1, 40)
            from cents in Gen.Choose(0, 100_000)
            select (Id: id.ToString("00000", CultureInfo.InvariantCulture), Date: new LocalDate(1997, 1, 1).PlusDays(day).ToString("uuuuMMdd", CultureInfo.InvariantCulture), Cds: cds, Dollars: (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));
        var pad = Gen.Elements(" ", "  ", "\t", " \t ", "    ");
        var gen =
            from rows in Gen.ListOf(row)
            from pads in Gen.ArrayOf(pad, 5 * (rows.Count + 1))
            from crlf in Gen.Elements(true, false)
            select (rows, pads, crlf);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rows, pads, crlf) = t;
            string end = crlf ? "\r\n" : "\n";
            var padded = new StringBuilder();
            void Write(int i, string[] f) =>
                padded.Append(pads[5 * i]).Append(f[0]).Append(pads[(5 * i) + 1]).Append(f[1]).Append(pads[(5 * i) + 2]).Append(f[2]).Append(pads[(5 * i) + 3]).Append(f[3]).Append(pads[(5 * i) + 4]).Append(end);
            Write(0, ["customer_id", "date", "number_of_cds", "dollar_value"]);
            var comma = new StringBuilder("customer_id,date,number_of_cds,dollar_value\n");
            for (int i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                Write(i + 1, [r.Id, r.Date, r.Cds.ToString(CultureInfo.InvariantCulture), r.Dollars]);
                comma.Append(CultureInfo.InvariantCulture, $"{r.Id},{r.Date},{r.Cds},{r.Dollars}\n");
            }

            var whitespaceOrders = OrderCsv.Read(new StringReader(padded.ToString()), CdnowColumns, CdnowOptions).ToList();
            using var bytes = new MemoryStream(Encoding.UTF8.GetBytes(padded.ToString()));
            var streamOrders = OrderCsv.Read(bytes, CdnowColumns, CdnowOptions).ToList();
            var commaOrders = OrderCsv.Read(new StringReader(comma.ToString()), CdnowColumns, CdnowOptions with { WhitespaceSeparated = false }).ToList();
            return whitespaceOrders.Count == rows.Count && whitespaceOrders.SequenceEqual(commaOrders) && streamOrders.SequenceEqual(commaOrders);
        });
    }
}

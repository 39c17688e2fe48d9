using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// Our line scanner (with CsvHelper reading on from the first line it is not sure of) against CsvHelper alone: the same
/// rows, fields, line numbers, report and error messages on random files — quoted fields with <c>""</c>, delimiters and line
/// breaks inside quotes, CRLF / LF / lone CR, empty and blank lines, byte-order marks, no final line end, wrong field
/// counts, bytes that are not UTF-8, lines longer than the block — read in blocks from one byte up, so that lines straddle
/// blocks. Compared at the row level (<see cref="CsvRowStream"/>) and at the level of <see cref="OrderCsv.ReadRows(Stream, OrderColumns?, CsvReadOptions?, string)"/>.
/// </summary>
public class Utf8LineScannerTests
{
    private static readonly string[] OrderHeader = ["order_id", "customer_id", "placed_at", "amount", "currency", "channel"];

    private static readonly string[] PlainCells = ["a", "c1", "42", "12.50", "EUR", " x ", "", "\t", "Zoë", "#c", "a\\b", "2024-01-15T10:23:45Z", "NA", "\u00A0"];

    private static readonly string[] QuotedCells = ["\"q\"", "\"a,b\"", "\"l1\nl2\"", "\"l1\r\nl2\"", "\"say \"\"hi\"\"\"", "\"\"", "x\"y", "\"x\"y", "\"open", "\"cr\rcr\""];

    [Property(MaxTest = 3000)]
    public Property Rows_fields_lines_and_errors_are_those_of_CsvHelper_alone()
    {
        var gen =
            from seed in Gen.Choose(0, int.MaxValue)
            from block in Gen.OneOf(Gen.Choose(1, 8), Gen.Choose(9, 80), Gen.Constant(1 << 17))
            from delimiter in Gen.Elements(',', ',', ';', '\t', '|')
            select (seed, block, delimiter);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            byte[] data = RandomFile(random, t.delimiter, orders: false);
            var options = new CsvReadOptions { Delimiter = t.delimiter, DecimalSeparator = t.delimiter == ',' ? '.' : ',', Strict = random.Next(8) == 0 };
            string expected = Rows(data, options with { ScanPlainLines = false });
            string actual = Rows(data, options with { ScanBlockSize = t.block });
            return (expected == actual).Label($"expected:\n{expected}\nactual:\n{actual}\nfile:\n{Show(data)}");
        });
    }

    [Property(MaxTest = 1500)]
    public Property Orders_indices_currency_report_and_errors_are_those_of_CsvHelper_alone()
    {
        var gen =
            from seed in Gen.Choose(0, int.MaxValue)
            from block in Gen.OneOf(Gen.Choose(1, 8), Gen.Choose(9, 120), Gen.Constant(1 << 17))
            from background in Gen.Elements(true, false)
            from strict in Gen.Elements(false, false, false, true)
            select (seed, block, background, strict);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            byte[] data = RandomFile(random, ',', orders: true);
            var options = new CsvReadOptions { ParseInBackground = t.background, Strict = t.strict };
            string expected = Orders(data, options with { ScanPlainLines = false });
            string actual = Orders(data, options with { ScanBlockSize = t.block });
            return (expected == actual).Label($"expected:\n{expected}\nactual:\n{actual}\nfile:\n{Show(data)}");
        });
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4", "2:[1][2] 3:[3][4] | 2/0/")]
    [InlineData("\uFEFFa,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n", "3:[1][2] 6:[3][4] | 2/0/")]
    [InlineData("a,b\n  \n1,2\n,\n1,2,\n", "3:[1][2] 4:[][] | 4/2/2,5")]
    [InlineData("a,b\n1,2\n\"x\ny\",2\n3,4\n", "2:[1][2] 3:[x\ny][2] 5:[3][4] | 3/0/")]
    [InlineData("a,b\n1,2\r3,4\r\n5,6\r", "2:[1][2] 3:[3][4] 4:[5][6] | 3/0/")]
    [InlineData("a,b\n1,2\n\uFEFF3,4\n", "2:[1][2] 3:[\uFEFF3][4] | 2/0/")]
    public void Worked_examples_read_as_CsvHelper_reads_them(string text, string expected)
    {
        byte[] data = Encoding.UTF8.GetBytes(text);
        foreach (int block in new[] { 1, 3, 64, 1 << 17 })
        {
            Assert.Equal(expected, Brief(data, new CsvReadOptions { ScanBlockSize = block }));
        }

        Assert.Equal(expected, Brief(data, new CsvReadOptions { ScanPlainLines = false }));
    }

    [Fact]
    public void A_malformed_quote_after_plain_lines_is_reported_with_the_record_line_and_byte_offset_of_the_whole_file()
    {
        byte[] data = Encoding.UTF8.GetBytes("a,b\n1,2\n\n\n3,x\"y\n5,6\n");
        string expected = Rows(data, new CsvReadOptions { ScanPlainLines = false });
        Assert.Contains("record 3 (line 5)", expected, StringComparison.Ordinal);
        Assert.Contains("byte offset 13", expected, StringComparison.Ordinal);
        Assert.Equal(expected, Rows(data, new CsvReadOptions { ScanBlockSize = 2 }));
    }

    [Fact]
    public void Plain_lines_are_split_by_the_scanner_and_a_quoted_line_hands_the_rest_to_CsvHelper()
    {
        var scanner = new Utf8LineScanner(new MemoryStream(Encoding.UTF8.GetBytes("h1,h2\nab,c\n\nd,\"e\"\nf,g\n")), (byte)',', 4);
        Assert.Equal("h1,h2", Encoding.UTF8.GetString(scanner.ReadHeader()!));
        Assert.Equal(Utf8LineScanner.Scan.Row, scanner.Next());
        Assert.Equal((2L, 2, "ab", "c"), (scanner.Line, scanner.FieldCount, Encoding.UTF8.GetString(scanner.Field(0)), Encoding.UTF8.GetString(scanner.Field(1))));
        Assert.Equal(Utf8LineScanner.Scan.Unsure, scanner.Next());
        Assert.Equal((4L, 2L, 12L), (scanner.Line, scanner.Records, scanner.Offset));
        using var rest = new StreamReader(scanner.Remaining(out bool marked), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        Assert.True(marked);
        Assert.Equal("\uFEFFd,\"e\"\nf,g\n", rest.ReadToEnd());
    }

    /// <summary>A random file: a header, then rows of plain or quoted cells with random line ends, empty and blank lines, marks and bad bytes.</summary>
    private static byte[] RandomFile(Random random, char delimiter, bool orders)
    {
        var bytes = new List<byte>();
        void Add(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text));
        string LineEnd() => random.Next(30) switch
        {
            0 => "\r",
            < 10 => "\r\n",
            _ => "\n",
        };

        switch (random.Next(40))
        {
            case 0:
                bytes.AddRange([0xFF, 0xFE]); // a UTF-16 mark
                break;
            case < 8:
                bytes.AddRange(Encoding.UTF8.Preamble);
                break;
        }

        int columns = orders ? OrderHeader.Length : random.Next(1, 5);
        string[] header = orders ? OrderHeader : [.. Enumerable.Range(0, columns).Select(i => $"c{i}")];
        switch (random.Next(30))
        {
            case 0:
                Add(LineEnd()); // an empty line first
                break;
            case 1:
                header[0] = "\"" + header[0] + "\""; // a quoted header
                break;
        }

        Add(string.Join(delimiter, header));
        int lines = random.Next(0, 25);
        bool quotes = random.Next(3) == 0; // most files are plain throughout
        for (int line = 0; line < lines; line++)
        {
            Add(LineEnd());
            switch (random.Next(40))
            {
                case 0:
                    continue; // an empty line
                case 1:
                    Add(random.Next(2) == 0 ? "  " : "\t");
                    continue;
                case 2:
                    bytes.AddRange(Encoding.UTF8.Preamble);
                    break;
                case 3:
                    bytes.AddRange([0xFF, 0xFE]);
                    break;
                case 4:
                    Add(new string('x', random.Next(50, 300))); // longer than small blocks
                    break;
            }

            int fields = random.Next(12) switch { 0 => Math.Max(1, columns - 1), 1 => columns + 1, _ => columns };
            for (int f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    Add(delimiter.ToString());
                }

                if (quotes && random.Next(12) == 0)
                {
                    Add(QuotedCells[random.Next(QuotedCells.Length)]);
                }
                else if (random.Next(40) == 0)
                {
                    bytes.AddRange(random.Next(2) == 0 ? [0xFC] : [(byte)'M', 0xC3, (byte)'x']); // not UTF-8
                }
                else
                {
                    Add(orders ? OrderCell(random, f) : PlainCells[random.Next(PlainCells.Length)]);
                }
            }
        }

        if (lines > 0 && random.Next(4) > 0)
        {
            Add(LineEnd()); // else no final line end
        }

        return [.. bytes];
    }

    private static string OrderCell(Random random, int column)
    {
        if (random.Next(30) == 0)
        {
            return PlainCells[random.Next(PlainCells.Length)];
        }

        return column switch
        {
            0 => $"o{random.Next(1000)}",
            1 => $"c{random.Next(20)}",
            2 => random.Next(10) == 0 ? "2024-01-15 10:23" : $"2024-01-{random.Next(10, 29)}T10:{random.Next(10, 60)}:45Z",
            3 => random.Next(10) == 0 ? "-1" : $"{random.Next(100)}.{random.Next(10, 100)}",
            4 => random.Next(15) == 0 ? "USD" : "EUR",
            _ => random.Next(2) == 0 ? "web" : "app",
        };
    }

    /// <summary>Every row at the row level: its line and cells (bytes and text), then the report and any error.</summary>
    private static string Rows(byte[] data, CsvReadOptions options)
    {
        var text = new StringBuilder();
        var report = new CsvReport("t");
        try
        {
            using var stream = new CsvRowStream(report, CsvSource.Bytes(new MemoryStream(data), "t"), options, [], scan: true);
            while (stream.MoveNext())
            {
                text.Append(stream.Row.Line).Append(':');
                for (int i = 0; i < stream.ColumnCount; i++)
                {
                    text.Append('[').Append(Convert.ToHexString(stream.GetSpan(i))).Append('/').Append(stream.GetString(i)).Append(']');
                }

                text.Append('\n');
                report.Accept();
            }
        }
        catch (CsvDataException ex)
        {
            text.Append("error ").Append(ex.Line).Append(' ').Append(ex.Message).Append('\n');
        }

        return text.Append(Account(report)).ToString();
    }

    /// <summary>Rows as line:[cell][cell], then read/rejected/skipped lines.</summary>
    private static string Brief(byte[] data, CsvReadOptions options)
    {
        var report = new CsvReport("t");
        using var stream = new CsvRowStream(report, CsvSource.Bytes(new MemoryStream(data), "t"), options, [], scan: true);
        var rows = new List<string>();
        while (stream.MoveNext())
        {
            rows.Add($"{stream.Row.Line}:" + string.Concat(Enumerable.Range(0, stream.ColumnCount).Select(i => $"[{stream.GetString(i)}]")));
        }

        return $"{string.Join(' ', rows)} | {report.RowsRead}/{report.RowsRejected}/{string.Join(',', report.Rejections.Select(r => r.Line))}";
    }

    /// <summary>Every order (customer, index, instant, amount with its scale), the currency, the report and any error.</summary>
    private static string Orders(byte[] data, CsvReadOptions options)
    {
        var text = new StringBuilder();
        var rows = OrderCsv.ReadRows(new MemoryStream(data), options: options);
        try
        {
            using var e = rows.GetEnumerator();
            while (e.MoveNextBatch())
            {
                foreach (int i in Enumerable.Range(0, e.Batch.Count))
                {
                    var batch = e.Batch;
                    int customer = batch.CustomerIndexes[i];
                    text.Append(FormattableString.Invariant($"{customer}={rows.CustomerIds[customer]}|{InstantText(batch.PlacedAt[i])}|{batch.Amounts[i]}|{string.Join(',', decimal.GetBits(batch.Amounts[i]))}\n"));
                }
            }
        }
        catch (CsvDataException ex)
        {
            text.Append("error ").Append(ex.Line).Append(' ').Append(ex.Message).Append('\n');
        }

        return text.Append("currency ").Append(rows.Currency).Append('\n').Append(Account(rows.Report)).ToString();
    }

    private static string InstantText(Instant at) => NodaTime.Text.InstantPattern.ExtendedIso.Format(at);

    private static string Account(CsvReport report) =>
        $"{report.RowsRead}/{report.RowsAccepted}/{report.RowsRejected}/{report.RowsSkipped}\n" + string.Join("\n", report.Rejections.Select(r => $"{r.Line}|{r.Column}|{r.Reason}|{r.Rows}"));

    private static string Show(byte[] data) => string.Concat(data.Select(b => b is >= 32 and < 127 ? ((char)b).ToString() : b == '\n' ? "\\n\n" : $"\\x{b:X2}"));
}

using System.Text;
using CxMetrics.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="OrderCsv.ReadRows(Stream, OrderColumns?, CsvReadOptions?, string)"/> against <see cref="OrderCsv.Read(Stream, OrderColumns?, CsvReadOptions?, string)"/>:
/// the same orders accepted (same customer, instant, amount with its scale, currency) and the same report (counts and
/// every rejection's line, column and reason) on random and hostile files, under each option.
/// </summary>
public class OrderRowsTests
{
    private const string Header = "order_id,customer_id,placed_at,amount,currency,channel";

    /// <summary>The option sets compared: one per setting the span path reads differently, plus the ones it must leave to the string path.</summary>
    public static readonly TheoryData<string> Variants = new(VariantNames);

    private static string[] VariantNames => ["default", "zone+missing", "unix", "pattern", "decimal-comma", "fixed-currency", "whitespace", "latin1", "strict", "max-amount", "no-currency-column", "mapped"];

    private static readonly string[] Customers = ["c1", "c2", "c3", " c1 ", "\"c,4\"", "\"c\n5\"", "", "NA", "Müller", "M\uE0FCller", "\u00A0c1", "c2\u00A0", "ü", "\"\"", "c\u0001", "\u2003", "Zoë"];

    private static readonly string[] Times =
    [
        "2024-01-15T10:23:45+01:00", "2024-01-15T10:23:45Z", "2024-01-15 10:23:45Z", "2024-01-15T10:23:45.1234567Z", "2024-01-15T10:23:45.123456789-05:30",
        "2024-02-30T00:00:00Z", "2024-01-15 10:23:45", "2024-01-15T10:23", "2024-01-15", "junk", "", "NA", "9999-12-31T23:59:59-18:00", "0001-01-01T00:00:00+01:00",
        "2024-01-15T10:23:45+18:30", "2024-01-15T10:23Z", "1700000000", "-1700000000", "99999999999999999", "15/01/2024 10:23", "2024-03-31T02:30:00",
        "2024-10-27T02:30:00", " 2024-01-15T10:23:45Z ", "2024-01-15T24:00:00Z", "2024-01-15T10:23:60Z", "+2024-01-15T10:23:45Z", "2024-01-15t10:23:45z",
    ];

    private static readonly string[] Amounts =
    [
        "12.50", "0", "-1", "1e3", "1,5", " 7.25 ", "99999999999999999999", "1000000000000000.01", "1000000000000000", "-0", "+5", ".5", "5.", "0.000",
        "12.345678901234567890", "123456789012345678", "1234567890123456789", "", "NA", "\"3.5\"", "1.234,50", "12,50", "٣", "100", "100.5",
    ];

    private static readonly string[] Currencies = ["EUR", "EUR", "USD", "eur", "", "EU", "NA", " EUR", "E\uE0C9R"];

    private static readonly string[] Channels = ["web", "", "app", "w\uE0FCb", "\"a,b\""];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_the_same_orders_and_rejections_as_OrderCsv_on_a_hostile_file(string variant)
    {
        var random = new Random(17);
        var rows = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            rows.Add(RandomRow(random, variant));
        }

        byte[] data = File(variant, rows, bom: true, crlf: true);
        var (expected, actual) = Both(data, variant);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Rejections.Split('\n'), actual.Rejections.Split('\n'));
        Assert.Equal(expected.Accepted, actual.Accepted);
        Assert.True(expected.Accepted.Count > 0 || variant == "strict", "the file should have some good rows");
        Assert.True(expected.Rejections.Length > 0 || variant == "strict", "the file should have some bad rows");
    }

    [Property(MaxTest = 300)]
    public Property Random_files_give_the_same_orders_and_rejections_as_OrderCsv()
    {
        var gen =
            from variant in Gen.Elements(VariantNames)
            from seed in Gen.Choose(0, int.MaxValue)
            from count in Gen.Choose(0, 30)
            from bom in Gen.Elements(true, false)
            from crlf in Gen.Elements(true, false)
            select (variant, seed, count, bom, crlf);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            var rows = Enumerable.Range(0, t.count).Select(_ => RandomRow(random, t.variant)).ToList();
            var (expected, actual) = Both(File(t.variant, rows, t.bom, t.crlf), t.variant);
            return expected.Equals(actual);
        });
    }

    /// <summary>
    /// Files of several chunks (4,096 accepted rows each; every variant but strict accepts at least 70% of these rows),
    /// enough for chunks to be reused (after one on the caller's thread, after four with the read-ahead thread): mostly
    /// good rows with hostile cells among them, no quotes but now and then a quoted row, from which CsvHelper reads on
    /// (the chunks before it split by the scanner, those after it by CsvHelper). Parsed on the caller's thread, or ahead
    /// with ids looked up by the read-ahead rule, always on the parsing thread, or always on the caller's.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property Files_of_several_chunks_give_the_same_orders_and_rejections_as_OrderCsv()
    {
        var gen =
            from variant in Gen.Elements(VariantNames)
            from seed in Gen.Choose(0, int.MaxValue)
            from count in Gen.Choose(7_000, 24_000)
            from quoteOdds in Gen.Elements(0, 2_000, 20_000)
            from background in Gen.Elements(true, false)
            from side in Gen.Elements<bool?>(null, true, false)
            select (variant, seed, count, quoteOdds, background, side);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var random = new Random(t.seed);
            var rows = new List<string>(t.count) { RandomRow(random, t.variant, goodOdds: 1) }; // fixes EUR as the file's currency
            while (rows.Count < t.count)
            {
                string row = RandomRow(random, t.variant, goodOdds: 0.98);
                if (!row.Contains('"', StringComparison.Ordinal) || (t.quoteOdds > 0 && random.Next(t.quoteOdds) == 0))
                {
                    rows.Add(row);
                }
            }

            OrderReadAhead.LookUpOnParsingThread = t.side;
            try
            {
                var options = OptionsOf(t.variant) with { ParseInBackground = t.background };
                var (expected, actual) = Both(File(t.variant, rows, bom: false, crlf: false), options, ColumnsOf(t.variant));
                bool severalChunks = t.variant == "strict" || expected.Accepted.Count > 4_096;
                return (severalChunks && expected.Equals(actual)).Label($"{t.variant}, {t.count} rows ({expected.Accepted.Count} accepted: several chunks {severalChunks}), in the background: {t.background}, ids looked up on the parsing thread: {t.side?.ToString() ?? "by the rule"}\nexpected {expected.Counts} {expected.Error}\nactual {actual.Counts} {actual.Error}");
            }
            finally
            {
                OrderReadAhead.LookUpOnParsingThread = null;
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property Random_bytes_after_a_header_give_the_same_result_as_OrderCsv()
    {
        var bytes = Gen.Elements<byte>((byte)',', (byte)'\n', (byte)'\r', (byte)'"', (byte)'c', (byte)'1', (byte)'2', (byte)' ', (byte)'.', (byte)'-', (byte)':', (byte)'T', (byte)'Z', (byte)'E', (byte)'U', (byte)'R', 0xFC, 0xC3, 0xBC).ArrayOf();
        return Prop.ForAll(bytes.ToArbitrary(), tail =>
        {
            byte[] data = [.. Encoding.UTF8.GetBytes(Header + "\n"), .. tail];
            var (expected, actual) = Both(data, "default");
            return expected.Equals(actual);
        });
    }

    [Fact]
    public void Rows_in_the_common_layouts_are_read_from_their_bytes()
    {
        string text = "order_id,customer_id,placed_at,amount,currency,channel,segment\n"
            + "o1,c0000001,2024-01-15T10:23:45Z,12.50,EUR,web,gold\n"
            + "o2,\"c0000002\",2024-01-15 10:23:45.123+01:00, 7 ,EUR,,\n"
            + "o3,Zoë,2024-01-15T10:23:45-05:30,0.5,EUR,app,\n"
            + "o4,c0000001,2024-01-15T10:23:45Z,1234567.891,,web,gold\n";
        var rows = OrderCsv.ReadRows(new StringReader(text), options: new CsvReadOptions { Currency = "EUR" });
        Assert.Equal(4, rows.Count());
        Assert.Equal(0, rows.RowsReadAsText);
    }

    [Fact]
    public void Customer_indices_follow_first_appearance_and_repeat_for_the_same_id()
    {
        var rows = OrderCsv.ReadRows(new StringReader("customer_id,placed_at,amount,currency\nb,2024-01-01T00:00:00Z,1,EUR\na,2024-01-02T00:00:00Z,2.5,EUR\n b ,2024-01-03T00:00:00Z,3,EUR\n"));
        var read = rows.ToList();
        Assert.Equal([0, 1, 0], read.Select(r => r.CustomerIndex));
        Assert.Equal(["b", "a"], rows.CustomerIds);
        Assert.Equal(1, rows.CustomerIds.IndexOf("a"));
        Assert.Equal(-1, rows.CustomerIds.IndexOf("c"));
        Assert.Equal("EUR", rows.Currency);
        Assert.Equal(Instant.FromUtc(2024, 1, 2, 0, 0), read[1].PlacedAt);
        Assert.Equal(2.5m, read[1].Amount);
    }

    [Fact]
    public void A_file_path_can_be_read_again_with_the_same_indices_and_a_fresh_report()
    {
        string path = Path.Combine(Path.GetTempPath(), $"orders-{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, "customer_id,placed_at,amount,currency\nx,2024-01-01T00:00:00Z,1,EUR\ny,bad,1,EUR\nz,2024-01-01T00:00:00Z,1,EUR\n");
        try
        {
            var rows = OrderCsv.ReadRows(path);
            var first = rows.ToList();
            var second = rows.ToList();
            Assert.Equal(first, second);
            Assert.Equal((3L, 2L, 1L, true), (rows.Report.RowsRead, rows.Report.RowsAccepted, rows.Report.RowsRejected, rows.Report.IsComplete));
            Assert.Equal(2, rows.CustomerIds.Count);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void A_text_reader_is_read_once()
    {
        var rows = OrderCsv.ReadRows(new StringReader("customer_id,placed_at,amount,currency\nx,2024-01-01T00:00:00Z,1,EUR\n"));
        _ = rows.ToList();
        Assert.Throws<InvalidOperationException>(() => rows.GetEnumerator());
    }

    [Fact]
    public void Json_lines_are_read_through_the_string_path_with_the_same_result()
    {
        string text = "{\"customer_id\":\"a\",\"placed_at\":\"2024-01-01T00:00:00Z\",\"amount\":\"5.5\",\"currency\":\"EUR\"}\n{\"customer_id\":\"b\",\"placed_at\":\"x\",\"amount\":\"1\",\"currency\":\"EUR\"}\n";
        var options = new CsvReadOptions { Format = CsvInputFormat.JsonLines };
        var (expected, actual) = Both(Encoding.UTF8.GetBytes(text), options, null);
        Assert.Equal(expected, actual);
        Assert.Single(expected.Accepted);
        Assert.Single(expected.Rejections.Split('\n'));
    }

    [Fact]
    public void A_missing_required_column_fails_as_OrderCsv_does()
    {
        byte[] data = Encoding.UTF8.GetBytes("customer_id,amount,currency\nx,1,EUR\n");
        var expected = Assert.Throws<CsvDataException>(() => OrderCsv.Read(new MemoryStream(data)).ToList());
        var actual = Assert.Throws<CsvDataException>(() => OrderCsv.ReadRows(new MemoryStream(data)).ToList());
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void No_currency_is_refused_when_the_read_is_made()
    {
        Assert.Throws<ArgumentException>("columns", () => OrderCsv.ReadRows(new StringReader(string.Empty), new OrderColumns { Currency = null }));
    }

    /// <summary>
    /// A row of hostile cells; with <paramref name="goodOdds"/> &gt; 0, each cell is instead a good one of its variant with
    /// that probability, and odd row shapes are rarer; with 1, a row every variant accepts.
    /// </summary>
    private static string RandomRow(Random random, string variant, double goodOdds = 0)
    {
        bool goodTime = goodOdds > 0 && random.NextDouble() < goodOdds; // for the pattern variant's day-first times
        string Pick(string[] values, params string[] goodValues) =>
            goodOdds > 0 && random.NextDouble() < goodOdds ? goodValues[random.Next(goodValues.Length)] : values[random.Next(values.Length)];
        bool dayFirst = variant == "pattern" && (goodOdds > 0 || random.Next(3) > 0);
        string time = dayFirst
            ? goodTime ? new[] { "15/01/2024 10:23", "16/01/2024 08:00" }[random.Next(2)] : new[] { "15/01/2024 10:23", "31/03/2024 02:30", "27/10/2024 02:30", "32/01/2024 10:00", "01/13/2024 10:00" }[random.Next(5)]
            : variant == "unix" ? Pick(Times, "1700000000", "1700003600") : Pick(Times, "2024-01-15T10:23:45Z", "2024-01-15T10:23:45+01:00", "2024-01-16T08:00:00.5Z");
        string amount = goodOdds >= 1 ? "100" : Pick(Amounts, "12.50", "0", "100", "7.25");
        if (variant == "decimal-comma" && random.Next(2) == 0)
        {
            amount = amount.Replace('.', ',');
        }

        string[] fields = [$"o{random.Next(1000)}", (goodOdds > 0 ? Pick(Customers, "c1", "c2", "c3", "Zoë", $"c{random.Next(5_000)}") : Pick(Customers)), time, amount, Pick(Currencies, "EUR"), Pick(Channels, "web", "app", "")];
        if (variant == "whitespace")
        {
            fields = [.. fields.Select(f => f.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Trim().Replace(' ', '_'))];
            fields = [.. fields.Select(f => f.Length == 0 ? "NA" : f)];
        }

        if (variant == "no-currency-column")
        {
            fields = [fields[0], fields[1], fields[2], fields[3], fields[5]];
        }

        string delimiter = variant switch { "decimal-comma" => ";", "whitespace" => random.Next(2) == 0 ? " " : " \t ", _ => "," };
        return (goodOdds >= 1 ? 3 : random.Next(goodOdds > 0 ? 200 : 25)) switch
        {
            0 => string.Empty, // an empty line
            1 => string.Join(delimiter, fields.Take(random.Next(1, fields.Length))), // a short row
            2 => string.Join(delimiter, [.. fields, "extra"]), // a long row
            _ => string.Join(delimiter, fields),
        };
    }

    private static byte[] File(string variant, List<string> rows, bool bom, bool crlf)
    {
        string header = variant switch
        {
            "decimal-comma" => Header.Replace(',', ';'),
            "whitespace" => Header.Replace(',', ' '),
            "no-currency-column" => "order_id,customer_id,placed_at,amount,channel",
            "mapped" => "id,who,when,total,ccy,channel",
            _ => Header,
        };
        string newline = crlf ? "\r\n" : "\n";
        string text = header + newline + string.Join(newline, rows) + (rows.Count > 0 ? newline : string.Empty);
        var bytes = new List<byte>();
        if (bom && variant != "latin1")
        {
            bytes.AddRange(Encoding.UTF8.Preamble);
        }

        // A character U+E0NN stands for the raw byte NN (bad UTF-8 on purpose); in the latin1 variant every other character up to U+00FF is one byte.
        foreach (char c in text)
        {
            if (c is >= '\uE000' and <= '\uE0FF')
            {
                bytes.Add((byte)(c - '\uE000'));
            }
            else if (variant == "latin1")
            {
                bytes.Add(c <= '\u00FF' ? (byte)c : (byte)'?');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return [.. bytes];
    }

    private static CsvReadOptions OptionsOf(string variant) => variant switch
    {
        "zone+missing" => new CsvReadOptions { Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"], MissingValues = ["NA"] },
        "unix" => new CsvReadOptions { UnixTime = UnixTimeUnit.Seconds },
        "pattern" => new CsvReadOptions { TimestampPattern = "dd/MM/uuuu HH:mm", Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] },
        "decimal-comma" => new CsvReadOptions { Delimiter = ';', DecimalSeparator = ',' },
        "fixed-currency" => new CsvReadOptions { Currency = "EUR" },
        "whitespace" => new CsvReadOptions { WhitespaceSeparated = true, MissingValues = ["NA"] },
        "latin1" => new CsvReadOptions { Encoding = Encoding.Latin1 },
        "strict" => new CsvReadOptions { Strict = true },
        "max-amount" => new CsvReadOptions { MaxAmount = 100m },
        "no-currency-column" => new CsvReadOptions { Currency = "USD" },
        _ => CsvReadOptions.Default,
    };

    private static OrderColumns? ColumnsOf(string variant) => variant == "mapped"
        ? new OrderColumns { Id = "id", CustomerId = "who", PlacedAt = "when", Amount = "total", Currency = "ccy" }
        : null;

    private static (Outcome Expected, Outcome Actual) Both(byte[] data, string variant) => Both(data, OptionsOf(variant), ColumnsOf(variant));

    private static (Outcome Expected, Outcome Actual) Both(byte[] data, CsvReadOptions options, OrderColumns? columns)
    {
        Outcome expected;
        var records = OrderCsv.Read(new MemoryStream(data), columns, options);
        var accepted = new List<string>();
        try
        {
            foreach (var order in records)
            {
                accepted.Add(Describe(order.CustomerId, order.PlacedAt, order.Amount, order.Currency));
            }

            expected = new Outcome(accepted, Rejections(records.Report), Counts(records.Report), null);
        }
        catch (CsvDataException ex)
        {
            expected = new Outcome(accepted, Rejections(records.Report), Counts(records.Report), ex.Message);
        }

        Outcome actual;
        var rows = OrderCsv.ReadRows(new MemoryStream(data), columns, options);
        var read = new List<string>();
        try
        {
            foreach (var row in rows)
            {
                read.Add(Describe(rows.CustomerIds[row.CustomerIndex], row.PlacedAt, row.Amount, rows.Currency!));
            }

            actual = new Outcome(read, Rejections(rows.Report), Counts(rows.Report), null);
        }
        catch (CsvDataException ex)
        {
            actual = new Outcome(read, Rejections(rows.Report), Counts(rows.Report), ex.Message);
        }

        return (expected, actual);
    }

    // The amount with its scale ("12.50" stays 12.50), the instant to the nanosecond.
    private static string Describe(string customer, Instant at, decimal amount, string currency) =>
        FormattableString.Invariant($"{customer}|{NodaTime.Text.InstantPattern.ExtendedIso.Format(at)}|{amount}|{string.Join(',', decimal.GetBits(amount))}|{currency}");

    private static string Rejections(CsvReport report) => string.Join("\n", report.Rejections.Select(r => $"{r.Line}|{r.Column}|{r.Reason}|{r.Rows}"));

    private static string Counts(CsvReport report) => $"{report.RowsRead}/{report.RowsAccepted}/{report.RowsRejected}/{report.RowsSkipped}/{report.Records}/{report.IsComplete}";

    private sealed record Outcome(List<string> Accepted, string Rejections, string Counts, string? Error)
    {
        public bool Equals(Outcome? other) =>
            other is not null && Accepted.SequenceEqual(other.Accepted) && Rejections == other.Rejections && Counts == other.Counts && Error == other.Error;

        public override int GetHashCode() => HashCode.Combine(Accepted.Count, Rejections, Counts, Error);

        public override string ToString() => $"{Counts} error={Error}\naccepted:\n{string.Join("\n", Accepted)}\nrejected:\n{Rejections}";
    }
}

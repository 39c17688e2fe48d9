using System.Text;
using CxMetrics.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class CsvTableTests
{
    private const string Header = "customer_id,placed_at,amount,currency\n";

    private static CsvRecords<Order> Orders(string text, CsvReadOptions? options = null) => OrderCsv.Read(new StringReader(text), options: options);

    [Fact]
    public void Rows_read_equal_accepted_plus_rejected_and_each_rejection_has_line_column_and_reason()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,10.50,EUR\nc2,2025-01-02T10:00:00Z,1.234,5,EUR\nc3,yesterday,3,EUR\nc4,2025-01-03T10:00:00+01:00,-2,EUR\nc5,2025-01-03T10:00:00+01:00,7,EUR\n");
        var orders = records.ToList();
        var report = records.Report;
        Assert.True(report.IsComplete);
        Assert.Equal(5, report.RowsRead);
        Assert.Equal(2, report.RowsAccepted);
        Assert.Equal(3, report.RowsRejected);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected);
        Assert.Equal(["c1", "c5"], orders.Select(o => o.CustomerId));
        Assert.Equal(Instant.FromUtc(2025, 1, 3, 9, 0), orders[1].PlacedAt);
        Assert.Equal(10.50m, orders[0].Amount);
        Assert.Collection(report.Rejections,
            r => Assert.Equal((3L, (string?)null), (r.Line, r.Column)),
            r => Assert.Equal((4L, "placed_at"), (r.Line, r.Column)),
            r => Assert.Equal((5L, "amount"), (r.Line, r.Column)));
        Assert.Contains("5 fields", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("negative", report.Rejections[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_bad_row_naming_line_and_column()
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders(Header + "c1,2025-01-02T10:00:00Z,10,EUR\nc2,2025-01-02T10:00:00Z,ten,EUR\nc3,bad,1,EUR\n", new CsvReadOptions { Strict = true }).ToList());
        Assert.Equal(3, ex.Line);
        Assert.Equal("amount", ex.Column);
        Assert.Contains("'ten' is not a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_newlines_are_kept_and_later_line_numbers_count_them()
    {
        var records = OrderCsv.Read(new StringReader("customer_id,placed_at,amount,currency,segment\n\"c\n1\",2025-01-02T10:00:00Z,1,EUR,\"a,b\"\nc2,2025-01-02T10:00:00Z,x,EUR,\n"));
        var orders = records.ToList();
        Assert.Equal("c\n1", Assert.Single(orders).CustomerId);
        Assert.Equal("a,b", orders[0].Segment);
        Assert.Equal(4, Assert.Single(records.Report.Rejections).Line);
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Header + "c1,2025-01-02T10:00:00Z,1,EUR\n")];
        string path = Path.Combine(Path.GetTempPath(), $"bom-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        try
        {
            Assert.Single(OrderCsv.Read(path).ToList());
            Assert.Single(Orders("\uFEFF" + Header + "c1,2025-01-02T10:00:00Z,1,EUR\n").ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Empty_file_is_a_clear_error_and_header_only_is_zero_rows()
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders(string.Empty).ToList());
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);

        var records = Orders(Header);
        Assert.Empty(records.ToList());
        Assert.Equal(0, records.Report.RowsRead);
        Assert.True(records.Report.IsComplete);
    }

    [Fact]
    public void Wrong_delimiter_is_named_in_the_error()
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders("customer_id;placed_at;amount;currency\nc1;2025-01-02T10:00:00Z;1;EUR\n").ToList());
        Assert.Contains("delimiter", ex.Message, StringComparison.Ordinal);
        Assert.Single(Orders("customer_id;placed_at;amount;currency\nc1;2025-01-02T10:00:00Z;1;EUR\n", new CsvReadOptions { Delimiter = ';' }).ToList());
    }

    [Fact]
    public void Duplicated_header_is_a_clear_error()
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders("customer_id,placed_at,amount,currency,amount\n").ToList());
        Assert.Contains("'amount' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders("customer_id,placed_at,currency\n").ToList());
        Assert.Equal("amount", ex.Column);
        Assert.Contains("required column 'amount' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_rejects_the_cut_row()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,1,EUR\nc2,2025-01-02T1");
        Assert.Single(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal(3, rejection.Line);
        Assert.Equal("amount", rejection.Column);
    }

    [Fact]
    public void Unclosed_quote_at_the_end_gives_a_result_or_a_clear_error()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,1,EUR\n\"c2,2025-01-02T10:00:00Z,1,EUR\n");
        try
        {
            var orders = records.ToList();
            Assert.Equal(records.Report.RowsRead, records.Report.RowsAccepted + records.Report.RowsRejected);
        }
        catch (CsvDataException ex)
        {
            Assert.Contains("line", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fixed_currency_replaces_a_missing_currency_column()
    {
        var orders = OrderCsv.Read(new StringReader("customer_id,placed_at,amount\nc1,2025-01-02T10:00:00Z,1\n"), options: new CsvReadOptions { Currency = "GBP" }).ToList();
        Assert.Equal("GBP", Assert.Single(orders).Currency);
        Assert.Throws<ArgumentException>("columns", () => OrderCsv.Read(new StringReader(string.Empty), new OrderColumns { Currency = null }));
    }

    [Fact]
    public void Orders_in_a_second_currency_are_rejected_naming_the_line_that_fixed_the_first()
    {
        var records = Orders("customer_id,placed_at,amount,currency\nc0,2025-01-01T10:00:00Z,x,USD\nc1,2025-01-02T10:00:00Z,1,EUR\nc2,2025-01-03T10:00:00Z,2,USD\nc3,2025-01-04T10:00:00Z,3,EUR\n");
        var orders = records.ToList();
        Assert.Equal(["c1", "c3"], orders.Select(o => o.CustomerId));
        Assert.Equal([2L, 4L], records.Report.Rejections.Select(r => r.Line));
        Assert.Equal("currency", records.Report.Rejections[1].Column);
        Assert.Contains("'USD' differs from 'EUR' (first seen on line 3)", records.Report.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_times_in_a_zone_are_read_and_clock_change_gaps_and_overlaps_are_rejected()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var records = Orders(Header + "c1,2025-03-30 01:30,1,EUR\nc2,2025-03-30 02:30,1,EUR\nc3,2025-10-26 02:30,1,EUR\nc4,2025-10-26T02:30:00+01:00,1,EUR\n", new CsvReadOptions { Zone = berlin });
        var orders = records.ToList();
        Assert.Equal([Instant.FromUtc(2025, 3, 30, 0, 30), Instant.FromUtc(2025, 10, 26, 1, 30)], orders.Select(o => o.PlacedAt));
        Assert.Contains("does not exist", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("ambiguous", records.Report.Rejections[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_time_without_a_zone_is_rejected_not_assumed_utc()
    {
        var records = Orders(Header + "c1,2025-03-30 01:30,1,EUR\n");
        Assert.Empty(records.ToList());
        Assert.Contains("no UTC offset", Assert.Single(records.Report.Rejections).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_source_can_be_enumerated_twice_and_reader_source_only_once()
    {
        var records = Orders(Header);
        _ = records.ToList();
        Assert.Throws<InvalidOperationException>(() => records.ToList());
        Assert.Throws<CsvDataException>(() => OrderCsv.Read("/no/such/file.csv").ToList());
    }

    [Property(MaxTest = 300)]
    public Property Random_bytes_give_a_result_or_a_clear_error()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        var text = Gen.Elements(',', '\n', '"', 'a', '1', ' ', '\r', '.', '-', ':').ArrayOf().Select(cs => Header + new string(cs));
        var input = Gen.OneOf(bytes, text.Select(Encoding.UTF8.GetBytes), bytes.Select(b => (byte[])[.. Encoding.UTF8.GetBytes(Header), .. b]));
        return Prop.ForAll(input.ToArbitrary(), data =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"fuzz-{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(path, data);
            try
            {
                var records = OrderCsv.Read(path);
                _ = records.ToList();
                return records.Report.RowsRead == records.Report.RowsAccepted + records.Report.RowsRejected;
            }
            catch (CsvDataException ex)
            {
                return ex.Message.Length > 0;
            }
            finally
            {
                File.Delete(path);
            }
        });
    }

    [Theory]
    [InlineData("   \n")]
    [InlineData(" \t \ncustomer_id,placed_at,amount,currency\n")]
    public void Blank_first_line_is_named_as_such_not_as_an_empty_file(string text)
    {
        var ex = Assert.Throws<CsvDataException>(() => Orders(text).ToList());

        Assert.Contains("the first line (the header) is blank", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the file is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_beyond_the_bound_are_rejected_so_sums_cannot_overflow()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,79228162514264337593543950335,EUR\nc1,2025-01-03T10:00:00Z,79228162514264337593543950335,EUR\nc1,2025-01-04T10:00:00Z,1000000000000000,EUR\nc2,2025-01-04T10:00:00Z,1000000000000000.01,EUR\n");

        Assert.Equal([1_000_000_000_000_000m], records.ToList().Select(o => o.Amount));
        Assert.Equal([2L, 3L, 5L], records.Report.Rejections.Select(r => r.Line));
        Assert.All(records.Report.Rejections, r => Assert.Equal("amount", r.Column));
        Assert.Contains("amount 79228162514264337593543950335 is beyond ±1000000000000000", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal((4L, 1L, 3L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
    }

    [Fact]
    public void Amount_bound_is_an_option()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,100,EUR\nc1,2025-01-02T10:00:00Z,100.5,EUR\n", new CsvReadOptions { MaxAmount = 100m });

        Assert.Single(records.ToList());
        Assert.Throws<ArgumentOutOfRangeException>("MaxAmount", () => new CsvReadOptions { MaxAmount = 0m });
    }

    [Fact]
    public void A_number_beyond_decimal_is_named_as_too_large_not_as_not_a_number()
    {
        var records = Orders(Header + "c1,2025-01-02T10:00:00Z,792281625142643375935439503350,EUR\n");
        _ = records.ToList();

        Assert.Contains("beyond the range of decimal numbers", Assert.Single(records.Report.Rejections).Reason, StringComparison.Ordinal);
    }
}

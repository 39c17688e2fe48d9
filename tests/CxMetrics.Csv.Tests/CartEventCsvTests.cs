using System.Text;
using CxMetrics.Commerce;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class CartEventCsvTests
{
    private const string Header = "cart_id,event,at,value,currency,item_id,device\n";

    private static CsvRecords<CartEvent> Read(string text, CsvReadOptions? options = null, CartEventColumns? columns = null) =>
        CartEventCsv.Read(new StringReader(text), columns, options);

    [Fact]
    public void Ga4_and_own_event_names_are_read_with_optional_value_and_labels()
    {
        var events = Read(Header + """
            k1,add_to_cart,2025-01-01T10:00:00Z,19.90,EUR,sku-1,mobile
            k1,begin_checkout,2025-01-01T10:05:00Z,,,,
            k1,Add-Shipping-Info,2025-01-01T10:06:00Z,,,,
            k1,payment_info,2025-01-01T10:07:00Z,,,,
            k1,purchase,2025-01-01T10:08:00Z,19.90,EUR,,
            k2,created,2025-01-01T11:00:00Z,,,,
            k2,reminder_sent,2025-01-02T11:00:00Z,,,,
            k2,recovered_through_reminder,2025-01-02T12:00:00Z,5,EUR,,
            """).ToList();
        Assert.Equal(
            [CartEventKind.ItemAdded, CartEventKind.CheckoutStarted, CartEventKind.ShippingInfo, CartEventKind.PaymentInfo, CartEventKind.Purchase, CartEventKind.Created, CartEventKind.ReminderSent, CartEventKind.RecoveredThroughReminder],
            events.Select(e => e.Kind));
        Assert.Equal((19.90m, "EUR", "sku-1", "mobile"), (events[0].Value!.Value, events[0].Currency!, events[0].ItemId!, events[0].Device!));
        Assert.Null(events[1].Value);
        Assert.Null(events[1].Currency);
        Assert.Equal(Instant.FromUtc(2025, 1, 1, 10, 8), events[4].At);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_line_and_column_and_nothing_is_lost()
    {
        var records = Read(Header + """
            k1,add_to_cart,2025-01-01T10:00:00Z,10,EUR,,
            k2,add_to_cart,2025-01-01T10:00:00Z,"10,5",EUR,,
            k3,add_to_cart,2025-01-01T10:00:00Z,-1,EUR,,
            k4,add_to_cart,2025-01-01T10:00:00Z,10,,,
            k5,add_to_cart,2025-01-01T10:00:00Z,,EUR,,
            k6,wishlist,2025-01-01T10:00:00Z,,,,
            k7,add_to_cart,2025-01-01T10:00:00Z,10,GBP,,
            k8,add_to_cart,,,,,
            ,add_to_cart,2025-01-01T10:00:00Z,,,,
            k9,add_to_cart,2025-01-01T10:00:00Z
            k10,purchase,2025-01-01T10:00:00Z,10,EUR,,
            """);
        var events = records.ToList();
        var report = records.Report;
        Assert.Equal(["k1", "k10"], events.Select(e => e.Key));
        Assert.Equal(11, report.RowsRead);
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected);
        Assert.Equal(
            [(3L, "value"), (4L, "value"), (5L, "currency"), (6L, "currency"), (7L, "event"), (8L, "currency"), (9L, "at"), (10L, "cart_id"), (11L, "value")],
            report.Rejections.Select(r => (r.Line, r.Column)));
        Assert.Contains("'GBP' differs from 'EUR'", report.Rejections[5].Reason, StringComparison.Ordinal);
        Assert.Contains("'wishlist' is not a cart event", report.Rejections[4].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_are_mapped_and_a_fixed_currency_is_used()
    {
        var columns = new CartEventColumns { Key = "session_id", Kind = "action", At = "ts", Value = "cart_total", Currency = null };
        var e = Assert.Single(Read("ts,session_id,action,cart_total\n2025-01-01 10:00,s1,add_to_cart,3.5\n", new CsvReadOptions { Currency = "SEK", Zone = DateTimeZoneProviders.Tzdb["Europe/Stockholm"] }, columns).ToList());
        Assert.Equal(("s1", 3.5m, "SEK"), (e.Key, e.Value!.Value, e.Currency!));
        Assert.Equal(Instant.FromUtc(2025, 1, 1, 9, 0), e.At);
    }

    [Fact]
    public void Compact_records_number_units_densely_in_order_of_first_appearance()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cart-records-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Header + "b,add_to_cart,2025-01-01T10:00:00Z,,,,\na,add_to_cart,2025-01-01T10:01:00Z,,,,\nb,purchase,2025-01-01T10:02:00Z,,,,\nc,nonsense,2025-01-01T10:00:00Z,,,,\n");
        try
        {
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            var records = CartEventCsv.ReadRecords(path, units);
            var list = records.ToList();
            Assert.Equal([0, 1, 0], list.Select(r => r.Unit));
            Assert.Equal(CartEventKind.Purchase, list[2].Kind);
            Assert.Equal(["b", "a"], units.OrderBy(kv => kv.Value).Select(kv => kv.Key));
            Assert.Equal(5, Assert.Single(records.Report.Rejections).Line);
            var funnel = Funnel.Of(list.ToArray(), units.Count, Instant.FromUtc(2025, 2, 1, 0, 0));
            Assert.Equal(2, funnel.Entered);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Byte_order_mark_quoted_newline_truncation_and_header_only()
    {
        var records = Read("\uFEFF" + Header + "\"k\n1\",add_to_cart,2025-01-01T10:00:00Z,,,,\nk2,add_to_cart,2025-01-0");
        Assert.Equal("k\n1", Assert.Single(records.ToList()).Key);
        Assert.Equal((4L, "value"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));

        var empty = Read(Header);
        Assert.Empty(empty.ToList());
        Assert.True(empty.Report.IsComplete);
    }

    [Fact]
    public void Structural_faults_are_clear_errors()
    {
        Assert.Contains("empty", Assert.Throws<CsvDataException>(() => Read(string.Empty).ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("'at' appears twice", Assert.Throws<CsvDataException>(() => Read("cart_id,event,at,at\n").ToList()).Message, StringComparison.Ordinal);
        Assert.Contains("delimiter", Assert.Throws<CsvDataException>(() => Read("cart_id\tevent\tat\nk\tpurchase\t2025-01-01T10:00:00Z\n").ToList()).Message, StringComparison.Ordinal);
        Assert.Single(Read("cart_id\tevent\tat\nk\tpurchase\t2025-01-01T10:00:00Z\n", new CsvReadOptions { Delimiter = '\t' }).ToList());
        Assert.Equal("event", Assert.Throws<CsvDataException>(() => Read("cart_id,at\n").ToList()).Column);
    }

    [Property(MaxTest = 200)]
    public Property Random_bytes_give_a_result_or_a_clear_error()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();
        var text = Gen.Elements(',', '\n', '"', 'k', 'p', '1', ' ', '\r', '.', '-', ':', 'E').ArrayOf().Select(cs => Encoding.UTF8.GetBytes(Header + new string(cs)));
        var input = Gen.OneOf(bytes, text, bytes.Select(b => (byte[])[.. Encoding.UTF8.GetBytes(Header), .. b]));
        return Prop.ForAll(input.ToArbitrary(), data =>
        {
            try
            {
                var records = CartEventCsv.Read(new StreamReader(new MemoryStream(data), Encoding.UTF8));
                _ = records.ToList();
                return records.Report.RowsRead == records.Report.RowsAccepted + records.Report.RowsRejected;
            }
            catch (CsvDataException ex)
            {
                return ex.Message.Length > 0;
            }
        });
    }
}

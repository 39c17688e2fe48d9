using CxMetrics.Commerce;
using CxMetrics.Retention;

namespace CxMetrics.Csv.Tests;

/// <summary><see cref="CartEventColumns.EventNames"/> and <see cref="SubscriptionEventColumns.EventNames"/>: an export's own event names.</summary>
public class EventNamesTests
{
    // OTTO's event types (clicks, carts, orders) in a flat file; the session is the unit, ts in milliseconds.
    private const string Otto = "session,type,ts\n"
        + "1,carts,1659304800025\n"
        + "1,clicks,1659304852871\n"
        + "1,CARTS,1659304863627\n"
        + "1,orders,1659385900000\n"
        + "1,views,1659385900001\n"
        + "1,purchase,1659385900002\n";

    private static readonly CartEventColumns OttoColumns = new()
    {
        Key = "session",
        Kind = "type",
        At = "ts",
        EventNames = new Dictionary<string, CartEventKind?> { ["clicks"] = null, ["carts"] = CartEventKind.ItemAdded, ["orders"] = CartEventKind.Purchase },
    };

    private static readonly CsvReadOptions OttoOptions = new() { UnixTime = UnixTimeUnit.Milliseconds };

    [Fact]
    public void Otto_types_map_to_kinds_clicks_are_skipped_and_counted()
    {
        var events = CartEventCsv.Read(new StringReader(Otto), OttoColumns, OttoOptions);

        Assert.Equal([CartEventKind.ItemAdded, CartEventKind.ItemAdded, CartEventKind.Purchase, CartEventKind.Purchase], events.ToList().Select(e => e.Kind));
        var report = events.Report;
        Assert.Equal((6L, 4L, 1L, 1L), (report.RowsRead, report.RowsAccepted, report.RowsRejected, report.RowsSkipped));
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected + report.RowsSkipped);
        Assert.Equal("csv: 6 rows read, 4 accepted, 1 rejected, 1 skipped", report.ToString());
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(("type", 6L), (rejection.Column, rejection.Line));
        Assert.Contains("'views' is not a cart event", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains("CartEventColumns.EventNames: clicks, carts, orders", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_records_skip_the_same_rows()
    {
        string path = Path.Combine(Path.GetTempPath(), $"otto-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, Otto);
        try
        {
            var units = new Dictionary<string, int>();
            var records = CartEventCsv.ReadRecords(path, units, OttoColumns, OttoOptions);

            Assert.Equal(4, records.ToList().Count);
            Assert.Equal((6L, 4L, 1L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected, records.Report.RowsSkipped));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_skipped_row_is_not_read_further_so_its_other_cells_may_be_anything()
    {
        var events = CartEventCsv.Read(new StringReader("session,type,ts\n1,clicks,not-a-time\n"), OttoColumns, OttoOptions);

        Assert.Empty(events.ToList());
        Assert.Equal((1L, 0L, 0L, 1L), (events.Report.RowsRead, events.Report.RowsAccepted, events.Report.RowsRejected, events.Report.RowsSkipped));
    }

    [Fact]
    public void Ga4_event_names_need_only_the_ones_that_are_not_cart_events()
    {
        var columns = new CartEventColumns { Key = "user_pseudo_id", Kind = "event_name", At = "event_timestamp", EventNames = new Dictionary<string, CartEventKind?> { ["view_item"] = null, ["page_view"] = null } };
        const string Ga4 = "user_pseudo_id,event_name,event_timestamp\n"
            + "u1,page_view,1705332225123456\nu1,view_item,1705332226000000\nu1,add_to_cart,1705332227000000\nu1,begin_checkout,1705332228000000\n"
            + "u1,add_shipping_info,1705332229000000\nu1,add_payment_info,1705332230000000\nu1,purchase,1705332231000000\n";

        var events = CartEventCsv.Read(new StringReader(Ga4), columns, new CsvReadOptions { UnixTime = UnixTimeUnit.Microseconds });

        Assert.Equal(
            [CartEventKind.ItemAdded, CartEventKind.CheckoutStarted, CartEventKind.ShippingInfo, CartEventKind.PaymentInfo, CartEventKind.Purchase],
            events.ToList().Select(e => e.Kind));
        Assert.Equal(2L, events.Report.RowsSkipped);
    }

    [Fact]
    public void Names_equal_ignoring_case_are_refused()
    {
        var columns = OttoColumns with { EventNames = new Dictionary<string, CartEventKind?> { ["carts"] = CartEventKind.ItemAdded, ["Carts"] = CartEventKind.Purchase } };

        var ex = Assert.Throws<ArgumentException>("columns", () => CartEventCsv.Read(new StringReader(Otto), columns, OttoOptions));

        Assert.Contains("'Carts' twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_statuses_map_to_events_and_others_are_skipped()
    {
        var columns = new SubscriptionEventColumns
        {
            Kind = "type",
            EventNames = new Dictionary<string, SubscriptionEventKind?>
            {
                ["customer.subscription.created"] = SubscriptionEventKind.Start,
                ["customer.subscription.deleted"] = SubscriptionEventKind.Cancel,
                ["invoice.paid"] = null,
            },
        };
        const string Events = "subscription_id,customer_id,type,at,mrr,currency\n"
            + "sub_1,cus_1,customer.subscription.created,2024-01-15T10:00:00Z,29.00,USD\n"
            + "sub_1,cus_1,invoice.paid,2024-02-15T10:00:00Z,29.00,USD\n"
            + "sub_1,cus_1,pause,2024-03-01T10:00:00Z,,\n"
            + "sub_1,cus_1,customer.subscription.deleted,2024-04-01T10:00:00Z,,\n"
            + "sub_1,cus_1,customer.subscription.trial_will_end,2024-04-02T10:00:00Z,,\n";

        var events = SubscriptionEventCsv.Read(new StringReader(Events), columns);

        Assert.Equal([SubscriptionEventKind.Start, SubscriptionEventKind.Pause, SubscriptionEventKind.Cancel], events.ToList().Select(e => e.Kind));
        Assert.Equal((5L, 3L, 1L, 1L), (events.Report.RowsRead, events.Report.RowsAccepted, events.Report.RowsRejected, events.Report.RowsSkipped));
        Assert.Contains("SubscriptionEventColumns.EventNames", Assert.Single(events.Report.Rejections).Reason, StringComparison.Ordinal);
    }
}

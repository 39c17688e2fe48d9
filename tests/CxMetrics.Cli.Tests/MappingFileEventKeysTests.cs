using System.Diagnostics;

namespace CxMetrics.Cli.Tests;

/// <summary>The mapping-file keys <c>event_names</c>, <c>format</c> and <c>unnest</c>, the <c>--input-format</c> flag, JSON Lines from standard input, and sessions without visitor ids or dates.</summary>
public sealed class MappingFileEventKeysTests : IDisposable
{
    private const string CanonicalCarts =
        "cart_id,event,at\n"
        + "a,add_to_cart,2024-01-05T10:00:00Z\na,purchase,2024-01-05T10:10:00Z\n"
        + "b,add_to_cart,2024-01-05T11:00:00Z\n"
        + "c,add_to_cart,2024-01-06T09:00:00Z\nc,begin_checkout,2024-01-06T09:05:00Z\n";

    // The same carts as a tracking export names them, with page views that are not cart events.
    private const string TrackedCarts =
        "cart_id,event,at\n"
        + "a,Product Added,2024-01-05T10:00:00Z\na,page viewed,2024-01-05T10:01:00Z\na,Order Completed,2024-01-05T10:10:00Z\n"
        + "b,product added,2024-01-05T11:00:00Z\nb,Page Viewed,2024-01-05T11:02:00Z\n"
        + "c,Product Added,2024-01-06T09:00:00Z\nc,begin_checkout,2024-01-06T09:05:00Z\n";

    private const string TrackedMap = """{ "cart_events": { "event_names": { "Product Added": "add_to_cart", "Order Completed": "purchase", "Page Viewed": null } } }""";

    // The same carts as OTTO-shaped JSON Lines: one object per cart, its events in an array, Unix milliseconds.
    private const string NestedCarts =
        "{\"cart\":\"a\",\"events\":[{\"ts\":1704448800000,\"type\":\"carts\"},{\"ts\":1704448860000,\"type\":\"clicks\"},{\"ts\":1704449400000,\"type\":\"orders\"}]}\n"
        + "{\"cart\":\"b\",\"events\":[{\"ts\":1704452400000,\"type\":\"carts\"}]}\n"
        + "{\"cart\":\"c\",\"events\":[{\"ts\":1704531600000,\"type\":\"carts\"},{\"ts\":1704531900000,\"type\":\"begin_checkout\"}]}\n";

    private const string NestedMap = """
        { "cart_events": { "unnest": "events", "unix_time": "milliseconds", "columns": { "cart_id": "cart", "event": "type", "at": "ts" },
                           "event_names": { "carts": "add_to_cart", "orders": "purchase", "clicks": null } } }
        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-events-" + Guid.NewGuid().ToString("N"));

    public MappingFileEventKeysTests()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(At("carts.csv"), CanonicalCarts);
        File.WriteAllText(At("tracked.csv"), TrackedCarts);
        File.WriteAllText(At("tracked.json"), TrackedMap);
        File.WriteAllText(At("nested.jsonl"), NestedCarts);
        File.WriteAllText(At("nested.txt"), NestedCarts);
        File.WriteAllText(At("nested.json"), NestedMap);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string At(string name) => Path.Combine(folder, name);

    private static (int Code, string Output, string Error) Run(params string[] args) => ColumnMapsTests.Run(args);

    private static string Figures(string json) => ColumnMapsTests.Figures(json);

    private string Canonical() => Figures(Run("funnel", At("carts.csv"), "--as-of", "2024-02-01T00:00:00Z", "-f", "json").Output);

    [Fact]
    public void Event_names_read_a_tracking_export_as_the_canonical_cart_events_and_count_skipped_rows()
    {
        var mapped = Run("funnel", At("tracked.csv"), "--map", At("tracked.json"), "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(Canonical(), Figures(mapped.Output));
        foreach (string count in new[] { "\"rowsRead\": 7", "\"rowsAccepted\": 5", "\"rowsRejected\": 0", "\"rowsSkipped\": 2" })
        {
            Assert.Contains(count, mapped.Output, StringComparison.Ordinal);
        }

        var unmapped = Run("funnel", At("tracked.csv"), "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(unmapped.Code == 0, unmapped.Error);
        Assert.NotEqual(Canonical(), Figures(unmapped.Output));
    }

    [Fact]
    public void Json_lines_unnested_by_extension_by_format_and_from_standard_input_give_the_canonical_figures()
    {
        var byExtension = Run("funnel", At("nested.jsonl"), "--map", At("nested.json"), "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(byExtension.Code == 0, byExtension.Error);
        Assert.Equal(Canonical(), Figures(byExtension.Output));

        File.WriteAllText(At("nested-format.json"), NestedMap.Replace("\"unnest\"", "\"format\": \"jsonl\", \"unnest\"", StringComparison.Ordinal));
        var byFormat = Run("funnel", At("nested.txt"), "--map", At("nested-format.json"), "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(byFormat.Code == 0, byFormat.Error);
        Assert.Equal(Canonical(), Figures(byFormat.Output));

        var byFlag = Run("funnel", At("nested.txt"), "--map", At("nested.json"), "--input-format", "JSONL", "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(byFlag.Code == 0, byFlag.Error);
        Assert.Equal(Canonical(), Figures(byFlag.Output));

        var stdin = RunProcess(NestedCarts, "funnel", "-", "--map", At("nested.json"), "--input-format", "jsonl", "--as-of", "2024-02-01T00:00:00Z", "-f", "json");
        Assert.True(stdin.Code == 0, stdin.Error);
        Assert.Equal(Canonical(), Figures(stdin.Output));
        Assert.Contains("\"rowsSkipped\": 1", stdin.Output, StringComparison.Ordinal);

        var asCsv = Run("funnel", At("nested.txt"), "--map", At("nested.json"));
        Assert.Equal(2, asCsv.Code);
        Assert.Contains("unnest 'events' applies to JSON Lines", asCsv.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mistakes_in_event_names_format_and_unnest_are_each_one_usage_line()
    {
        File.WriteAllText(At("bad.json"), """
            { "cart_events": { "event_names": { "carts": "checkout", "orders": 5, "Carts": "purchase" }, "format": "xml" },
              "orders": { "event_names": { "x": "purchase" } },
              "subscriptions": { "event_names": { "customer.subscription.deleted": "churned" }, "format": "csv", "unnest": "items" },
              "sessions": { "format": "jsonl", "whitespace": true, "unnest": "" } }
            """);
        var (code, output, error) = Run("funnel", At("carts.csv"), "--map", At("bad.json"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        string[] lines = error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string[] expected =
        [
            "$.cart_events.event_names.carts: 'checkout' is not an event of cart_events files",
            "$.cart_events.event_names.orders: expected an event name (a string) or null",
            "$.cart_events.event_names.Carts: 'Carts' is named twice",
            "$.cart_events.format: 'xml' is not csv, jsonl or parquet.",
            "$.orders.event_names: only cart_events and subscriptions files name events.",
            "$.subscriptions.event_names.customer.subscription.deleted: 'churned' is not an event of subscriptions files",
            "$.subscriptions.unnest: only JSON Lines have arrays to unnest",
            "$.sessions.unnest: expected the name of an array field",
            "$.sessions.whitespace: a JSON Lines file (format jsonl) has no whitespace-separated fields.",
        ];
        Assert.Equal(expected.Length, lines.Length);
        foreach (string part in expected)
        {
            Assert.Single(lines, l => l.StartsWith("cxmetrics: --map: ", StringComparison.Ordinal) && l.Contains(part, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_unknown_input_format_is_a_usage_error_and_a_missing_json_key_a_data_error()
    {
        var flag = Run("funnel", At("carts.csv"), "--input-format", "xml");
        Assert.Equal(2, flag.Code);
        Assert.Equal("cxmetrics: --input-format: 'xml' is not csv, jsonl or parquet.", flag.Error.TrimEnd());

        File.WriteAllText(At("wrong-key.json"), NestedMap.Replace("\"cart_id\": \"cart\"", "\"cart_id\": \"basket\"", StringComparison.Ordinal));
        var missing = Run("funnel", At("nested.jsonl"), "--map", At("wrong-key.json"));
        Assert.Equal(1, missing.Code);
        Assert.Empty(missing.Output);
        Assert.Contains("basket", missing.Error, StringComparison.Ordinal);
        Assert.Single(missing.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Subscription_event_names_map_a_billing_export_and_null_skips_invoices()
    {
        const string canonical = "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,start,2024-01-05T10:00:00Z,10,EUR\ns2,c2,start,2024-01-06T10:00:00Z,20,EUR\ns1,c1,cancel,2024-02-10T10:00:00Z,,EUR\n";
        const string billing = "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,customer.subscription.created,2024-01-05T10:00:00Z,10,EUR\ns1,c1,invoice.paid,2024-01-05T10:00:01Z,,EUR\ns2,c2,customer.subscription.created,2024-01-06T10:00:00Z,20,EUR\ns1,c1,customer.subscription.deleted,2024-02-10T10:00:00Z,,EUR\n";
        File.WriteAllText(At("subscriptions.csv"), canonical);
        File.WriteAllText(At("billing.csv"), billing);
        File.WriteAllText(At("billing.json"), """{ "subscriptions": { "event_names": { "customer.subscription.created": "start", "customer.subscription.deleted": "cancel", "invoice.paid": null } } }""");
        var expected = Run("churn", At("subscriptions.csv"), "--as-of", "2024-04-01T00:00:00Z", "-f", "json");
        Assert.True(expected.Code == 0, expected.Error);
        var mapped = Run("churn", At("billing.csv"), "--map", At("billing.json"), "--as-of", "2024-04-01T00:00:00Z", "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(Figures(expected.Output), Figures(mapped.Output));
        Assert.Contains("\"rowsSkipped\": 1", mapped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_may_leave_out_visitor_and_start_but_not_the_conversion_flag()
    {
        File.WriteAllText(At("uci.csv"), "Month,VisitorType,Revenue\nFeb,New_Visitor,TRUE\nFeb,Returning_Visitor,FALSE\nMar,Returning_Visitor,FALSE\nMar,Returning_Visitor,TRUE\n");
        var read = Run("conversion", At("uci.csv"), "--columns", "visitor_id=,started_at=,converted=Revenue,segment=Month", "--segment", "Month");
        Assert.True(read.Code == 0, read.Error);
        Assert.Contains("Conversion by Month", read.Output, StringComparison.Ordinal);
        Assert.Contains("no start time", read.Output, StringComparison.Ordinal);

        var unmapped = Run("conversion", At("uci.csv"), "--columns", "visitor_id=,started_at=,converted=Revenue", "--segment", "Weekend");
        Assert.Equal(2, unmapped.Code);
        Assert.Contains("segment key 'Weekend'", unmapped.Error, StringComparison.Ordinal);

        var noFlag = Run("conversion", At("uci.csv"), "--columns", "visitor_id=,started_at=,converted=");
        Assert.Equal(2, noFlag.Code);
        Assert.Contains("converted is required and cannot be left empty", noFlag.Error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) RunProcess(string input, params string[] args) => Tool.RunProcess(input, args);
}

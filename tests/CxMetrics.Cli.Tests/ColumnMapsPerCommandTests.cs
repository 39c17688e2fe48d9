namespace CxMetrics.Cli.Tests;

/// <summary>Column maps on the other readers: report folders through a mapping file, churn on renamed subscription events, funnel and conversion.</summary>
public sealed class ColumnMapsPerCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-mapcmd-" + Guid.NewGuid().ToString("N"));

    public ColumnMapsPerCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Rename(string csv, params (string From, string To)[] names)
    {
        int end = csv.IndexOf('\n', StringComparison.Ordinal);
        string header = string.Join(",", csv[..end].Split(',').Select(h => names.FirstOrDefault(n => n.From == h).To ?? h));
        return header + csv[end..];
    }

    private const string Nps = "customer_id,answered_at,score,channel\nc1,2025-01-05T10:00:00Z,10,email\nc2,2025-01-06T10:00:00Z,3,web\nc3,2025-02-06T10:00:00Z,9,web\n";
    private const string Orders = "customer_id,placed_at,amount,currency\nc1,2025-01-02T10:00:00Z,10.50,EUR\nc2,2025-01-03T10:00:00Z,5,EUR\nc1,2025-02-03T10:00:00Z,7,EUR\n";

    [Fact]
    public void Report_reads_each_renamed_file_of_a_folder_through_its_mapping_file_section()
    {
        Write("plain/nps.csv", Nps);
        Write("plain/orders.csv", Orders);
        Write("shop/nps.csv", Rename(Nps, ("customer_id", "Respondent"), ("score", "Recommend?")));
        Write("shop/orders.csv", Rename(Orders, ("customer_id", "Email"), ("amount", "Total")));
        string map = Write("shop.json", """{ "nps": { "columns": { "customer_id": "Respondent", "score": "Recommend?" } }, "orders": { "columns": { "customer_id": "Email", "amount": "Total" } } }""");
        var plain = ColumnMapsTests.Run("report", Path.Combine(folder, "plain"), "-f", "json");
        var mapped = ColumnMapsTests.Run("report", Path.Combine(folder, "shop"), "--map", map, "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(ColumnMapsTests.Figures(plain.Output), ColumnMapsTests.Figures(mapped.Output));
    }

    [Fact]
    public void Churn_tells_renamed_subscription_events_by_their_mapped_id_column()
    {
        string sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "subscriptions", "subscription_events.csv"));
        string plain = Write("subscriptions.csv", sample);
        string renamed = Write("subs_renamed.csv", Rename(sample, ("subscription_id", "Subscription"), ("mrr", "MRR (EUR)")));
        var expected = ColumnMapsTests.Run("churn", plain, "-f", "json", "--zone", "Europe/Berlin");
        var actual = ColumnMapsTests.Run("churn", renamed, "--columns", "subscription_id=Subscription,mrr=\"MRR (EUR)\"", "-f", "json", "--zone", "Europe/Berlin");
        Assert.True(actual.Code == 0, actual.Error);
        Assert.Equal(ColumnMapsTests.Figures(expected.Output), ColumnMapsTests.Figures(actual.Output));
    }

    [Fact]
    public void Funnel_and_conversion_read_renamed_files_with_their_own_logical_names()
    {
        const string cart = "cart_id,event,at\nk1,add_to_cart,2025-01-01T10:00:00Z\nk1,purchase,2025-01-01T10:05:00Z\nk2,add_to_cart,2025-01-01T11:00:00Z\n";
        var funnelPlain = ColumnMapsTests.Run("funnel", Write("cart_events.csv", cart), "-f", "json");
        var funnelMapped = ColumnMapsTests.Run("funnel", Write("ga.csv", Rename(cart, ("cart_id", "session"), ("event", "event_name"), ("at", "event_time"))), "--columns", "cart_id=session,event=event_name,at=event_time", "-f", "json");
        Assert.True(funnelMapped.Code == 0, funnelMapped.Error);
        Assert.Equal(ColumnMapsTests.Figures(funnelPlain.Output), ColumnMapsTests.Figures(funnelMapped.Output));

        const string sessions = "visitor_id,started_at,converted\nv1,2025-01-01T00:00:00Z,true\nv2,2025-01-02T00:00:00Z,false\nv3,2025-02-02T00:00:00Z,no\n";
        var conversionPlain = ColumnMapsTests.Run("conversion", Write("sessions.csv", sessions), "-f", "json");
        var conversionMapped = ColumnMapsTests.Run("conversion", Write("visits.csv", Rename(sessions, ("visitor_id", "Visitor"), ("converted", "Revenue"))), "--columns", "visitor_id=Visitor,converted=Revenue", "-f", "json");
        Assert.True(conversionMapped.Code == 0, conversionMapped.Error);
        Assert.Equal(ColumnMapsTests.Figures(conversionPlain.Output), ColumnMapsTests.Figures(conversionMapped.Output));

        var wrongKind = ColumnMapsTests.Run("funnel", Path.Combine(folder, "ga.csv"), "--columns", "visitor_id=session");
        Assert.Equal(2, wrongKind.Code);
        Assert.Contains("'visitor_id' is not a column of cart_events files", wrongKind.Error, StringComparison.Ordinal);
    }
}

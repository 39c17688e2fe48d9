using System.Text.Json;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// <c>--from NAME</c> on fixtures written under each vendor's documented export column names: each gives the same figures as
/// the same rows in the conventional layout, and the rows the export shape cannot give are rejected and counted.
/// </summary>
public sealed class PresetTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-presets-" + Guid.NewGuid().ToString("N"));

    public PresetTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "presets", name);

    private string Write(string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Input(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("inputs")[0].Clone();
    }

    [Fact]
    public void Shopify_orders_export_reads_orders_by_email_with_offset_timestamps()
    {
        var (code, output, error) = ColumnMapsTests.Run("cohorts", Fixture("shopify_orders_export.csv"), "--from", "shopify", "-f", "json");
        Assert.True(code == 0, error);
        var input = Input(output);
        Assert.Equal(5, input.GetProperty("rowsRead").GetInt32());
        Assert.Equal(4, input.GetProperty("rowsAccepted").GetInt32());
        Assert.Equal(4, input.GetProperty("rejections")[0].GetProperty("line").GetInt32());
        Assert.Equal("Total", input.GetProperty("rejections")[0].GetProperty("column").GetString());

        string canonical = Write("orders.csv", """
            customer_id,placed_at,amount,currency,order_id,channel
            ana@example.com,2024-01-15T14:12:31Z,48.60,USD,#1001,web
            ben@example.com,2024-01-20T23:39:58Z,27.25,USD,#1002,web
            ana@example.com,2024-02-11T13:05:01Z,70.40,USD,#1003,pos
            cho@example.com,2024-03-03T02:47:33Z,18.08,USD,#1004,web
            """);
        Assert.Equal(ColumnMapsTests.Figures(ColumnMapsTests.Run("cohorts", canonical, "-f", "json").Output), ColumnMapsTests.Figures(output));
        var bySource = ColumnMapsTests.Run("cohorts", Fixture("shopify_orders_export.csv"), "--from", "shopify", "--segment", "channel");
        Assert.Contains("pos", bySource.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WooCommerce_orders_export_reads_local_order_dates_in_the_shop_zone()
    {
        var (code, output, error) = ColumnMapsTests.Run("cohorts", Fixture("woocommerce_orders_export.csv"), "--from", "woocommerce", "--zone", "Europe/Berlin", "-f", "json");
        Assert.True(code == 0, error);
        var input = Input(output);
        Assert.Equal(4, input.GetProperty("rowsRead").GetInt32());
        Assert.Equal(1, input.GetProperty("rowsRejected").GetInt32());
        Assert.Contains("does not exist in Europe/Berlin", input.GetProperty("rejections")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);

        string canonical = Write("orders.csv", """
            customer_id,placed_at,amount,currency
            ana@example.com,2024-01-03T09:15:00Z,38.10,EUR
            ben@example.com,2024-01-09T18:02:44Z,21.90,EUR
            ana@example.com,2024-02-14T07:30:10Z,60.00,EUR
            """);
        Assert.Equal(ColumnMapsTests.Figures(ColumnMapsTests.Run("cohorts", canonical, "-f", "json", "--zone", "Europe/Berlin").Output), ColumnMapsTests.Figures(output));

        var noZone = ColumnMapsTests.Run("cohorts", Fixture("woocommerce_orders_export.csv"), "--from", "woocommerce", "-f", "json");
        Assert.Equal(4, Input(noZone.Output).GetProperty("rowsRejected").GetInt32());
    }

    [Fact]
    public void Delighted_export_reads_nps_responses()
    {
        var (code, output, error) = ColumnMapsTests.Run("nps", Fixture("delighted_responses_export.csv"), "--from", "delighted", "-f", "json");
        Assert.True(code == 0, error);
        Assert.Equal(5, Input(output).GetProperty("rowsAccepted").GetInt32());
        string canonical = Write("nps.csv", """
            customer_id,answered_at,score,response_id
            ana@example.com,2024-04-02T09:14:00Z,10,r-1
            ben@example.com,2024-04-03T16:40:12Z,6,r-2
            cho@example.com,2024-04-10T08:01:55Z,9,r-3
            dan@example.com,2024-05-01T12:00:00Z,3,r-4
            eve@example.com,2024-05-06T21:30:00Z,8,r-5
            """);
        Assert.Equal(ColumnMapsTests.Figures(ColumnMapsTests.Run("nps", canonical, "-f", "json").Output), ColumnMapsTests.Figures(output));
    }

    [Fact]
    public void SurveyMonkey_export_needs_the_question_mapped_and_rejects_its_second_header_row()
    {
        var unmapped = ColumnMapsTests.Run("nps", Fixture("surveymonkey_responses_export.csv"), "--from", "surveymonkey", "--zone", "America/New_York");
        Assert.Equal(1, unmapped.Code);
        Assert.Contains("required column 'score' is missing. The header has: 'Respondent ID', 'Collector ID'", unmapped.Error, StringComparison.Ordinal);

        var (code, output, error) = ColumnMapsTests.Run("nps", Fixture("surveymonkey_responses_export.csv"), "--from", "surveymonkey", "--zone", "America/New_York",
            "--columns", "score=\"How likely is it that you would recommend us to a friend or colleague?\"", "-f", "json");
        Assert.True(code == 0, error);
        var input = Input(output);
        Assert.Equal(5, input.GetProperty("rowsRead").GetInt32());
        Assert.Equal(2, input.GetProperty("rejections")[0].GetProperty("line").GetInt32());
        string canonical = Write("nps.csv", """
            customer_id,answered_at,score,channel
            114000001,2024-06-03T10:01:45-04:00,10,432100
            114000002,2024-06-04T13:13:30-04:00,7,432100
            114000003,2024-06-15T20:44:59-04:00,2,432101
            114000004,2024-07-01T07:06:21-04:00,9,432101
            """);
        Assert.Equal(ColumnMapsTests.Figures(ColumnMapsTests.Run("nps", canonical, "-f", "json", "--zone", "America/New_York").Output), ColumnMapsTests.Figures(output));
    }

    [Fact]
    public void A_preset_of_another_file_kind_is_refused_and_every_preset_is_found_by_name()
    {
        var (code, _, error) = ColumnMapsTests.Run("nps", Fixture("shopify_orders_export.csv"), "--from", "shopify");
        Assert.Equal(2, code);
        Assert.Contains("--from: shopify is an orders export; nps reads nps files.", error, StringComparison.Ordinal);
        foreach (var preset in CsvPreset.All)
        {
            Assert.Same(preset, CsvPreset.Find(preset.Name.ToUpperInvariant()));
            object?[] readers = [preset.Orders, preset.Surveys, preset.TicketSummaries, preset.SubscriptionSummaries, preset.CartEvents, preset.Reviews];
            Assert.True(readers.Count(r => r is not null) == 1, preset.Name);
        }

        Assert.Null(CsvPreset.Find("chargebee"));
    }

    [Fact]
    public void Stripe_subscriptions_export_gives_the_churn_of_its_conventional_event_twin()
    {
        var (code, output, error) = ColumnMapsTests.Run("churn", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "-f", "json");
        Assert.True(code == 0, error);
        var input = Input(output);
        Assert.Equal((11, 7, 3, 1), (input.GetProperty("rowsRead").GetInt32(), input.GetProperty("rowsAccepted").GetInt32(), input.GetProperty("rowsRejected").GetInt32(), input.GetProperty("rowsSkipped").GetInt32()));
        Assert.Equal("Interval", input.GetProperty("rejections")[2].GetProperty("column").GetString());

        var twin = ColumnMapsTests.Run("churn", Fixture("subscriptions_stripe_conventional.csv"), "-f", "json");
        Assert.True(twin.Code == 0, twin.Error);
        Assert.Equal(ColumnMapsTests.Figures(twin.Output), ColumnMapsTests.Figures(output));
        Assert.Contains("176.5", output, StringComparison.Ordinal);

        // The same as a process, as a user runs it: `cxmetrics churn subscriptions.csv --from stripe`.
        var process = ColumnMapsTests.RunProcess([], "churn", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "-f", "json");
        Assert.True(process.Code == 0, process.Error);
        Assert.Equal(ColumnMapsTests.Figures(output), ColumnMapsTests.Figures(process.Output));
    }

    [Fact]
    public void Stripe_times_stay_UTC_when_zone_cuts_the_periods_elsewhere()
    {
        var (code, output, error) = ColumnMapsTests.Run("churn", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "--zone", "Asia/Tokyo", "-f", "json");
        Assert.True(code == 0, error);
        var twin = ColumnMapsTests.Run("churn", Fixture("subscriptions_stripe_conventional.csv"), "--zone", "Asia/Tokyo", "-f", "json");
        Assert.Equal(ColumnMapsTests.Figures(twin.Output), ColumnMapsTests.Figures(output));
    }

    [Fact]
    public void Stripe_subscriptions_export_gives_the_survival_of_its_conventional_event_twin()
    {
        var (code, output, error) = ColumnMapsTests.Run("survival", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "-f", "json");
        Assert.True(code == 0, error);
        var twin = ColumnMapsTests.Run("survival", Fixture("subscriptions_stripe_conventional.csv"), "-f", "json");
        Assert.True(twin.Code == 0, twin.Error);
        Assert.Equal(ColumnMapsTests.Figures(twin.Output), ColumnMapsTests.Figures(output));
    }

    [Fact]
    public void Stripe_preset_renames_any_export_column_but_refuses_event_file_names()
    {
        string renamed = Write("subs.csv", File.ReadAllText(Fixture("stripe_subscriptions.csv")).Replace("Customer ID", "Kunde", StringComparison.Ordinal));
        var ok = ColumnMapsTests.Run("churn", renamed, "--from", "stripe", "--columns", "customer_id=Kunde", "-f", "json");
        Assert.True(ok.Code == 0, ok.Error);

        // Newer Dashboard exports spell the start "Start (UTC)": renaming it gives the same figures as the fixture's spelling.
        string newer = Write("subs-newer.csv", File.ReadAllText(Fixture("stripe_subscriptions.csv")).Replace("Start Date (UTC)", "Start (UTC)", StringComparison.Ordinal));
        var missing = ColumnMapsTests.Run("churn", newer, "--from", "stripe");
        Assert.Equal(1, missing.Code); // a data error, not a usage error
        Assert.Contains("'Start Date (UTC)' is missing", missing.Error, StringComparison.Ordinal);
        var startRenamed = ColumnMapsTests.Run("churn", newer, "--from", "stripe", "--columns", "started_at=Start (UTC)", "-f", "json");
        Assert.True(startRenamed.Code == 0, startRenamed.Error);
        var original = ColumnMapsTests.Run("churn", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "-f", "json");
        Assert.Equal(ColumnMapsTests.Figures(original.Output), ColumnMapsTests.Figures(startRenamed.Output));

        var (code, output, error) = ColumnMapsTests.Run("churn", Fixture("stripe_subscriptions.csv"), "--from", "stripe", "--columns", "mrr=Amount");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("a subscriptions export has one row per subscription; mrr come from its status, dates, amount", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_event_file_refuses_the_export_only_names()
    {
        var (code, output, error) = ColumnMapsTests.Run("churn", Fixture("subscriptions_stripe_conventional.csv"), "--columns", "started_at=at");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("started_at belong to a one-row-per-subscription export (--from stripe)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GA4_export_gives_the_funnel_of_its_conventional_session_twin()
    {
        var (code, output, error) = ColumnMapsTests.Run("funnel", Fixture("ga4_events.jsonl"), "--from", "ga4", "--unit", "session", "-f", "json");
        Assert.True(code == 0, error);
        var input = Input(output);
        Assert.Equal((16, 8, 1, 7), (input.GetProperty("rowsRead").GetInt32(), input.GetProperty("rowsAccepted").GetInt32(), input.GetProperty("rowsRejected").GetInt32(), input.GetProperty("rowsSkipped").GetInt32()));
        Assert.Equal("event_params[key=ga_session_id].value.int_value", input.GetProperty("rejections")[0].GetProperty("column").GetString());

        var twin = ColumnMapsTests.Run("funnel", Fixture("cart_events_ga4_conventional.csv"), "--unit", "session", "-f", "json");
        Assert.True(twin.Code == 0, twin.Error);
        Assert.Equal(ColumnMapsTests.Figures(twin.Output), ColumnMapsTests.Figures(output));
    }

    [Fact]
    public void GA4_export_reads_from_standard_input_as_JSON_Lines()
    {
        var (code, output, error) = ColumnMapsTests.RunProcess(File.ReadAllBytes(Fixture("ga4_events.jsonl")), "funnel", "-", "--from", "ga4", "--unit", "session", "-f", "json");
        Assert.True(code == 0, error);
        Assert.Equal(8, Input(output).GetProperty("rowsAccepted").GetInt32());
    }

    [Theory]
    [InlineData("zendesk")]
    [InlineData("freshdesk")]
    public void Ticket_export_presets_read_as_their_conventional_ticket_summary_twins(string preset)
    {
        var export = ColumnMapsTests.Run("support", Fixture($"{preset}_tickets.csv"), "--from", preset, "--zone", "Europe/Berlin", "-f", "json");
        var twin = ColumnMapsTests.Run("support", Fixture($"tickets_{preset}_conventional.csv"), "-f", "json");
        Assert.True(export.Code == 0, export.Error);
        Assert.True(twin.Code == 0, twin.Error);
        Assert.Equal(ColumnMapsTests.Figures(twin.Output), ColumnMapsTests.Figures(export.Output));
        Assert.True(Input(export.Output).GetProperty("rowsAccepted").GetInt32() > 0);

        var sla = ColumnMapsTests.Run("sla", Fixture($"{preset}_tickets.csv"), "--from", preset, "--zone", "Europe/Berlin", "--target", "first_response=1h");
        Assert.True(sla.Code == 0, sla.Error);
        var noZone = ColumnMapsTests.Run("support", Fixture($"{preset}_tickets.csv"), "--from", preset);
        Assert.Equal(2, noZone.Code);
        Assert.Contains("needs a zone", noZone.Error, StringComparison.Ordinal);
        var other = ColumnMapsTests.Run("nps", Fixture($"{preset}_tickets.csv"), "--from", preset);
        Assert.Equal(2, other.Code);
        Assert.Contains($"{preset} is a ticket export (one row per ticket)", other.Error, StringComparison.Ordinal);
    }
}

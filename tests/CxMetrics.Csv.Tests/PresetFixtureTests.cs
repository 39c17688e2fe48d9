using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// Each preset reads a fixture written from its vendor's documented column names (Fixtures/Presets, no real data) into the
/// same records as the same rows in the conventional layout, and keeps the account of every row.
/// </summary>
public class PresetFixtureTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Presets", name);

    private static object Shape(SupportTicket t) =>
        (t.Id, t.CustomerId, t.Channel, t.CreatedAt, string.Join(";", t.Replies), string.Join(";", t.StatusChanges.Select(c => $"{c.At}:{c.Status}")), t.Priority, t.AgentGroup);

    [Fact]
    public void Zendesk_export_reads_as_its_conventional_twin_with_local_times_in_the_accounts_zone()
    {
        var preset = CsvPreset.Zendesk;
        var records = TicketSummaryCsv.Read(Fixture("zendesk_tickets.csv"), preset.TicketSummaries, preset.ReadOptions(new CsvReadOptions { Zone = Berlin }));
        var twin = TicketSummaryCsv.Read(Fixture("tickets_zendesk_conventional.csv"));
        var tickets = records.ToList();

        Assert.Equal(twin.ToList().Select(Shape), tickets.Select(Shape));
        Assert.Equal((6L, 5L, 1L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected, records.Report.RowsSkipped));
        Assert.Equal((7L, "Solved at"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
        Assert.Equal((7L, "solved_at"), (twin.Report.Rejections[0].Line, twin.Report.Rejections[0].Column));

        // "First reply time in minutes" (Zendesk's calendar minutes) places the reply; the business-hours twin (20) is not read.
        Assert.Equal([Instant.FromUtc(2024, 3, 2, 8, 0)], tickets.Single(t => t.Id == "203").Replies);

        // Created 01:30 CET, solved 03:45 CEST on the night clocks change: 75 minutes, as Zendesk's own column says.
        var ticket = tickets.Single(t => t.Id == "204");
        Assert.Equal(Duration.FromMinutes(75), ticket.StatusChanges[0].At - ticket.CreatedAt);
    }

    [Fact]
    public void Zendesk_first_reply_timestamp_wins_over_the_minutes_when_mapped()
    {
        const string text = "Id,Created at,First reply at,First reply time in minutes,Solved at,Status,Via,Requester id\n1,2024-03-01 09:00,2024-03-01 09:10,999,,Open,Email,7\n";
        var columns = CsvPreset.Zendesk.TicketSummaries! with { FirstReplyAt = "First reply at" };
        var ticket = Assert.Single(TicketSummaryCsv.Read(new StringReader(text), columns, CsvPreset.Zendesk.ReadOptions(new CsvReadOptions { Zone = DateTimeZone.Utc })).ToList());
        Assert.Equal([Instant.FromUtc(2024, 3, 1, 9, 10)], ticket.Replies);
    }

    [Fact]
    public void Freshdesk_export_reads_as_its_conventional_twin()
    {
        var preset = CsvPreset.Freshdesk;
        var records = TicketSummaryCsv.Read(Fixture("freshdesk_tickets.csv"), preset.TicketSummaries, preset.ReadOptions(new CsvReadOptions { Zone = Berlin }));
        var twin = TicketSummaryCsv.Read(Fixture("tickets_freshdesk_conventional.csv"));

        Assert.Equal(twin.ToList().Select(Shape), records.ToList().Select(Shape));
        Assert.Equal((5L, 4L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal((6L, "Resolved time"), (records.Report.Rejections[0].Line, records.Report.Rejections[0].Column));
    }

    [Fact]
    public void Freshdesk_preset_needs_the_help_desks_zone()
    {
        var preset = CsvPreset.Freshdesk;
        var ex = Assert.Throws<ArgumentException>("options", () => TicketSummaryCsv.Read(Fixture("freshdesk_tickets.csv"), preset.TicketSummaries, preset.ReadOptions()).ToList());
        Assert.Contains("Zone", ex.Message, StringComparison.Ordinal);
    }

    private static object Shape(SubscriptionEvent e) => (e.SubscriptionId, e.CustomerId, e.Kind, e.At, e.Mrr, e.Currency, e.Plan, e.BillingInterval);

    [Fact]
    public void Stripe_export_reads_as_its_conventional_event_twin()
    {
        var preset = CsvPreset.Stripe;
        var records = SubscriptionSummaryCsv.Read(Fixture("stripe_subscriptions.csv"), preset.SubscriptionSummaries, preset.ReadOptions());
        var events = records.ToList();
        var twin = SubscriptionEventCsv.Read(Fixture("subscriptions_stripe_conventional.csv")).ToList();

        Assert.Equal(twin.Select(Shape), events.Select(Shape));
        var report = records.Report;
        Assert.Equal((11L, 7L, 3L, 1L), (report.RowsRead, report.RowsAccepted, report.RowsRejected, report.RowsSkipped));
        Assert.Equal(report.RowsRead, report.RowsAccepted + report.RowsRejected + report.RowsSkipped);
        Assert.Equal([10L, 11L, 12L], report.Rejections.Select(r => r.Line));
        Assert.Equal(["Ended At (UTC)", "Currency", "Interval"], report.Rejections.Select(r => r.Column));

        // The events replay: one customer lost (cus_2's yearly plan), the scheduled cancellation of sub_A8 not yet churn.
        var history = SubscriptionHistory.Replay(events);
        Assert.Equal("USD", history.Currency);
        // Trials: sub_A4 converted, sub_A7 expired inside its trial, sub_A5 still trialing.
        var trials = TrialConversion.Of(history, Instant.FromUtc(2024, 4, 1, 0, 0));
        Assert.Equal((1L, 1L, 1L), (trials.Converted, trials.Expired, trials.Pending));
    }

    [Fact]
    public void KeyParts_read_a_GA4_session_from_the_BigQuery_export_as_its_conventional_twin()
    {
        var preset = CsvPreset.Ga4;
        var records = CartEventCsv.Read(Fixture("ga4_events.jsonl"), preset.CartEvents, preset.ReadOptions());
        var events = records.ToList();
        var twin = CartEventCsv.Read(Fixture("cart_events_ga4_conventional.csv")).ToList();

        static object Shape(CartEvent e) => (e.Key, e.Kind, e.At, e.Device);
        Assert.Equal(twin.Select(Shape), events.Select(Shape));
        var report = records.Report;
        Assert.Equal((16L, 8L, 1L, 7L), (report.RowsRead, report.RowsAccepted, report.RowsRejected, report.RowsSkipped));
        Assert.Equal((16L, "event_params[key=ga_session_id].value.int_value"), (report.Rejections[0].Line, report.Rejections[0].Column));

        // Two sessions of one user are two units; the purchase closes the first.
        Assert.Equal(3, events.Select(e => e.Key).Distinct().Count());
        var units = new Dictionary<string, int>();
        var compact = CartEventCsv.ReadRecords(Fixture("ga4_events.jsonl"), units, preset.CartEvents, preset.ReadOptions()).ToList();
        Assert.Equal(8, compact.Count);
        Assert.Equal(["1001.1709280000|1709280000", "2002.1709290000|1709290000", "1001.1709280000|1709370000"], units.Keys);
    }

    [Fact]
    public void A_GA4_extract_whose_first_event_lacks_the_session_id_stops_with_the_keys_it_has()
    {
        string text = """
            {"event_timestamp":"1709280000000000","event_name":"first_visit","event_params":[],"user_pseudo_id":"1.2"}
            {"event_timestamp":"1709280060000000","event_name":"add_to_cart","event_params":[{"key":"ga_session_id","value":{"int_value":"7"}}],"user_pseudo_id":"1.2"}

            """;
        var ex = Assert.Throws<CsvDataException>(() => CartEventCsv.Read(new StringReader(text), CsvPreset.Ga4.CartEvents, CsvPreset.Ga4.ReadOptions()).ToList());
        Assert.Contains("ga_session_id", ex.Message, StringComparison.Ordinal);
    }
}

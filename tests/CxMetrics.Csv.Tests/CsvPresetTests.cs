using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary>The presets read text shaped like their vendor's export through the plain readers.</summary>
public class CsvPresetTests
{
    [Fact]
    public void Shopify_preset_reads_an_order_with_a_space_separated_offset_timestamp()
    {
        const string text = "Name,Email,Financial Status,Paid at,Currency,Total,Created at,Source\n#1001,ana@example.com,paid,2024-01-15 09:12:40 -0500,USD,48.60,2024-01-15 09:12:31 -0500,web\n";
        var orders = OrderCsv.Read(new StringReader(text), CsvPreset.Shopify.Orders, new CsvReadOptions { TimestampPattern = CsvPreset.Shopify.TimestampPattern }).ToList();
        var order = Assert.Single(orders);
        Assert.Equal("ana@example.com", order.CustomerId);
        Assert.Equal(Instant.FromUtc(2024, 1, 15, 14, 12, 31), order.PlacedAt);
        Assert.Equal(48.60m, order.Amount);
        Assert.Equal("#1001", order.Id);
        Assert.Equal("web", order.Channel);
    }

    [Fact]
    public void SurveyMonkey_preset_pattern_reads_month_first_twelve_hour_dates_in_the_given_zone()
    {
        const string text = "Respondent ID,Collector ID,End Date,Q\n114000003,432101,06/15/2024 08:44:59 PM,2\n";
        var columns = CsvPreset.SurveyMonkey.Surveys! with { Score = "Q" };
        var options = new CsvReadOptions { Zone = DateTimeZoneProviders.Tzdb["America/New_York"], TimestampPattern = CsvPreset.SurveyMonkey.TimestampPattern };
        var answer = Assert.Single(SurveyCsv.Read(new StringReader(text), 0, 10, columns, options).ToList());
        Assert.Equal(Instant.FromUtc(2024, 6, 16, 0, 44, 59), answer.AnsweredAt);
        Assert.Equal(2, answer.Score);
        Assert.Equal("432101", answer.Channel);
    }

    [Fact]
    public void Every_preset_sets_exactly_one_reader_and_is_found_by_name_in_any_case()
    {
        foreach (var preset in CsvPreset.All)
        {
            object?[] readers = [preset.Orders, preset.Surveys, preset.TicketSummaries, preset.SubscriptionSummaries, preset.CartEvents, preset.Reviews];
            Assert.True(readers.Count(r => r is not null) == 1, preset.Name);
            Assert.Same(preset, CsvPreset.Find(preset.Name.ToUpperInvariant()));
        }

        Assert.Null(CsvPreset.Find("chargebee"));
    }

    [Fact]
    public void ReadOptions_add_the_preset_formats_and_keep_the_callers_zone()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var stripe = CsvPreset.Stripe.ReadOptions();
        Assert.Equal((CsvPreset.Stripe.TimestampPattern, DateTimeZone.Utc), (stripe.TimestampPattern, stripe.Zone));
        Assert.Equal(berlin, CsvPreset.Stripe.ReadOptions(new CsvReadOptions { Zone = berlin, Strict = true }).Zone);
        var ga4 = CsvPreset.Ga4.ReadOptions(new CsvReadOptions { Strict = true });
        Assert.Equal((UnixTimeUnit.Microseconds, CsvInputFormat.JsonLines, true), (ga4.UnixTime!.Value, ga4.Format!.Value, ga4.Strict));
        Assert.Null(CsvPreset.Zendesk.ReadOptions().Zone);
    }
}

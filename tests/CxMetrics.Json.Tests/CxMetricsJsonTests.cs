using System.Text.Json;
using CxMetrics.Commerce;
using CxMetrics.Json;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Json.Tests;

/// <summary>The documented schema (docs/json-schema.md) on worked examples: names, value forms, validation on input.</summary>
public class CxMetricsJsonTests
{
    [Fact]
    public void Nps_result_is_written_with_camel_case_fields_string_enums_and_null_for_no_data()
    {
        using var doc = JsonDocument.Parse(CxMetricsJson.Serialize(Nps.Of([10, 10, 9, 7, 3])));
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("promoters").GetInt64());
        Assert.Equal(5, root.GetProperty("count").GetInt64());
        Assert.Equal(40.0, root.GetProperty("score").GetDouble(), 9);
        Assert.Equal("AdjustedWald", root.GetProperty("intervalMethod").GetString());
        Assert.Equal(0.95, root.GetProperty("interval").GetProperty("level").GetDouble());

        using var empty = JsonDocument.Parse(CxMetricsJson.Serialize(Nps.Of(Array.Empty<int>())));
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("interval").ValueKind);
    }

    [Fact]
    public void NodaTime_values_are_iso_text()
    {
        var orders = new[]
        {
            new Order("a", Instant.FromUtc(2024, 1, 15, 9, 30), 20m, "EUR"),
            new Order("b", Instant.FromUtc(2024, 1, 20, 9, 30), 30.50m, "EUR"),
        };
        var grid = new PeriodGrid(DateTimeZoneProviders.Tzdb["Europe/Berlin"], PeriodUnit.Month);
        var options = new CohortOptions { ElapsedWindow = Duration.FromDays(30) };
        using var doc = JsonDocument.Parse(CxMetricsJson.Serialize(Cohorts.Of(orders, Instant.FromUtc(2024, 3, 1, 0, 0), grid, options)));
        var root = doc.RootElement;
        Assert.Equal("2024-03-01T00:00:00Z", root.GetProperty("asOf").GetString());
        Assert.Equal("720:00:00", root.GetProperty("elapsedWindow").GetString()); // NodaTime's round-trip duration pattern, -H:mm:ss.FFFFFFFFF
        Assert.Equal("Europe/Berlin", root.GetProperty("zone").GetString());
        var cohort = root.GetProperty("cohorts")[0];
        Assert.Equal("Month", cohort.GetProperty("unit").GetString());
        Assert.Equal("2024-01-01", cohort.GetProperty("start").GetString());
        Assert.Equal("2024-02-01", cohort.GetProperty("end").GetString());
        Assert.Contains("\"amount\":30.50,", CxMetricsJson.Serialize(orders[1]), StringComparison.Ordinal); // decimals keep their scale

        using var optionsDoc = JsonDocument.Parse(CxMetricsJson.Serialize(options));
        Assert.Equal("720:00:00", optionsDoc.RootElement.GetProperty("elapsedWindow").GetString()); // options carry no zone: the grid is its own argument
    }

    [Fact]
    public void Intervals_are_start_and_end_instants()
    {
        var period = new Interval(Instant.FromUtc(2024, 3, 1, 0, 0), Instant.FromUtc(2024, 4, 1, 0, 0));
        var result = PurchaseFrequency.Of([new Order("a", Instant.FromUtc(2024, 3, 2, 0, 0), 1m, "EUR")], period);
        using var doc = JsonDocument.Parse(CxMetricsJson.Serialize(result));
        var json = doc.RootElement.GetProperty("period");
        Assert.Equal("2024-03-01T00:00:00Z", json.GetProperty("start").GetString());
        Assert.Equal("2024-04-01T00:00:00Z", json.GetProperty("end").GetString());
    }

    [Fact]
    public void Rating_scale_is_rebuilt_through_its_factory()
    {
        string json = CxMetricsJson.Serialize(CsatScale.OneToFive);
        Assert.Equal(CsatScale.OneToFive, CxMetricsJson.Deserialize<RatingScale>(json));
        string broken = json.Replace("\"max\":5", "\"max\":0", StringComparison.Ordinal);
        var e = Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<RatingScale>(broken));
        Assert.Contains("RatingScale", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_period_must_start_a_period_of_its_unit()
    {
        var e = Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<CalendarPeriod>("""{"unit":"Month","start":"2024-01-05"}"""));
        Assert.Contains("2024-01-01", e.Message, StringComparison.Ordinal);
        var sundayWeek = CxMetricsJson.Deserialize<CalendarPeriod>("""{"unit":"Week","start":"2024-01-07"}""");
        Assert.Equal(new LocalDate(2024, 1, 14), sundayWeek.End);
    }

    [Fact]
    public void Missing_required_fields_and_unknown_enum_names_are_rejected()
    {
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<ConfidenceInterval>("""{"lower":0.1}""") is var ci && ci.Upper == 0 ? throw new JsonException("defaulted") : ci);
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<ProportionEstimate>("""{"successes":1,"count":2}"""));
        string good = CxMetricsJson.Serialize(Proportion.FromCounts(1, 2));
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<ProportionEstimate>(good.Replace("\"Wilson\"", "\"Wilsonn\"", StringComparison.Ordinal)));
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<TimeUnit>("""{"days":-1,"name":"x"}"""));
    }

    [Fact]
    public void A_nan_cannot_be_written()
    {
        var broken = Proportion.FromCounts(1, 2) with { Value = double.NaN };
        var e = Assert.Throws<JsonException>(() => CxMetricsJson.Serialize(broken));
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_z_of_a_comparison_with_zero_standard_error_is_written_as_null_and_read_back()
    {
        // All passives (NPS 0, standard error 0) against one detractor (NPS -100, standard error 0): z is undefined.
        var comparison = Nps.Compare(Nps.Of([8, 8]), Nps.Of([4]));
        Assert.Null(comparison.Z);
        string json = CxMetricsJson.Serialize(comparison);
        Assert.Contains("\"z\":null,\"pValue\":null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        Assert.Equal(comparison, CxMetricsJson.Deserialize<NpsComparison>(json));
    }

    [Fact]
    public void Infinities_are_refused_like_NaN_in_both_directions()
    {
        var broken = Proportion.FromCounts(1, 2) with { StandardError = double.PositiveInfinity };
        var e = Assert.Throws<JsonException>(() => CxMetricsJson.Serialize(broken));
        Assert.Contains("null", e.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<double>("\"-Infinity\""));
        Assert.Throws<JsonException>(() => CxMetricsJson.Deserialize<double>("\"NaN\""));
    }

    [Fact]
    public void A_type_outside_the_context_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<NotSupportedException>(() => CxMetricsJson.Serialize(new Uri("https://example.org")));
        Assert.Contains("CxMetricsJsonContext", e.Message, StringComparison.Ordinal);
    }
}

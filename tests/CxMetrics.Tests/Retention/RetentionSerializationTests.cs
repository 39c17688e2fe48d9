using System.Text.Json;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class RetentionSerializationTests
{
    [Fact]
    public void Churn_and_cohort_results_serialise_to_json_without_custom_converters()
    {
        var history = SubscriptionHistory.Replay([SubscriptionEvent.Started("s", "c", Instant.FromUtc(2024, 2, 1, 0, 0), 10m, "EUR")]);
        var march = CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Month);
        string churn = JsonSerializer.Serialize(CustomerChurn.Of(history, march, DateTimeZone.Utc, new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude }));
        using var churnDoc = JsonDocument.Parse(churn);
        Assert.Equal(0.0, churnDoc.RootElement.GetProperty("Rate").GetDouble());
        Assert.Equal(1, churnDoc.RootElement.GetProperty("StartCustomers").GetInt64());

        string revenue = JsonSerializer.Serialize(RevenueChurn.Of(history, march, DateTimeZone.Utc));
        Assert.Contains("\"StartingMrr\":10", revenue, StringComparison.Ordinal);

        var matrix = Cohorts.Of([new Order("a", Instant.FromUtc(2024, 1, 5, 0, 0), 5m, "EUR"), new Order("b", Instant.FromUtc(2024, 2, 3, 0, 0), 5m, "EUR")], Instant.FromUtc(2024, 3, 1, 0, 0), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CohortOptions.Default);
        using var matrixDoc = JsonDocument.Parse(JsonSerializer.Serialize(matrix));
        Assert.Equal(1, matrixDoc.RootElement.GetProperty("Active")[0][0].GetInt64());
        Assert.Equal(0, matrixDoc.RootElement.GetProperty("Active")[0][1].GetInt64());
        Assert.Equal(JsonValueKind.Null, matrixDoc.RootElement.GetProperty("Active")[1][1].ValueKind); // not observable yet
    }
}

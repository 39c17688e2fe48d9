using System.Text.Json;
using CxMetrics.Statistics;
using CxMetrics.Support;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class SerializationTests
{
    [Fact]
    public void Empty_results_serialise_to_json_with_nulls_not_nan()
    {
        var empty = SupportMetrics.Of([]);
        string json = JsonSerializer.Serialize(empty);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.Contains("\"Median\":null", json, StringComparison.Ordinal);
        Assert.Equal(0, empty.Tickets);
        Assert.Null(empty.ReopenRate.Value);

        Assert.DoesNotContain("NaN", JsonSerializer.Serialize(PoissonRate.FromCounts(0, 0)), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", JsonSerializer.Serialize(DurationSummary.Of([], [0.9])), StringComparison.Ordinal);
    }

    [Fact]
    public void Sla_cells_serialise_and_texts_are_invariant()
    {
        var office = BusinessCalendar.Weekdays(DateTimeZone.Utc, new LocalTime(9, 0), new LocalTime(17, 0));
        var t0 = Instant.FromUtc(2024, 3, 4, 9, 0);
        var times = SupportTimes.Of(SupportTicket.Create("s", "c", "chat", t0, replies: [t0 + Duration.FromMinutes(90)]), office, t0 + Duration.FromHours(5));
        var cell = Assert.Single(Sla.Of([times], [new SlaTarget { Metric = SlaMetric.FirstResponse, Target = Duration.FromHours(1) }]));
        Assert.DoesNotContain("NaN", JsonSerializer.Serialize(cell), StringComparison.Ordinal);
        Assert.Equal("1.50 h calendar, 1.50 h business", times.FirstResponse!.Value.ToString());
        Assert.Equal("Friday 22:00–06:00", new WeeklyOpening(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(6, 0)).ToString());
        Assert.Equal(Duration.FromHours(8), new WeeklyOpening(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(6, 0)).Length);
        Assert.Equal(Duration.FromHours(24), new WeeklyOpening(IsoDayOfWeek.Friday, LocalTime.Midnight, LocalTime.Midnight).Length);
        Assert.Equal("FirstResponse ≤ 1 h (Business) for all/all, goal 80%", cell.Target!.ToString());
        Assert.StartsWith("UTC: Monday 09:00–17:00", office.ToString(), StringComparison.Ordinal);
    }
}

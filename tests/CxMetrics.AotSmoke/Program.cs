using CxMetrics.Json;
using CxMetrics.Retention;
using CxMetrics.Surveys;
using NodaTime;

// One result with NodaTime values and one plain survey result: serialise, read back, serialise again.
var nps = Nps.Of([10, 9, 9, 8, 7, 6, 3, 10]);
string npsJson = CxMetricsJson.Serialize(nps);
string npsAgain = CxMetricsJson.Serialize(CxMetricsJson.Deserialize<NpsResult>(npsJson));

var churn = InactivityChurn.Of(
    [new CxMetrics.Commerce.Order("a", Instant.FromUtc(2024, 1, 5, 0, 0), 10m, "EUR"), new CxMetrics.Commerce.Order("b", Instant.FromUtc(2024, 3, 5, 0, 0), 12.50m, "EUR")],
    Duration.FromDays(90),
    Instant.FromUtc(2024, 6, 1, 0, 0));
string churnJson = CxMetricsJson.Serialize(churn);
string churnAgain = CxMetricsJson.Serialize(CxMetricsJson.Deserialize<InactivityChurnResult>(churnJson));

Console.WriteLine(npsJson);
Console.WriteLine(churnJson);
if (npsJson != npsAgain || churnJson != churnAgain || !churnJson.Contains("\"asOf\":\"2024-06-01T00:00:00Z\"", StringComparison.Ordinal))
{
    Console.Error.WriteLine("aot-smoke: the JSON did not round-trip");
    return 1;
}

Console.WriteLine("aot-smoke: ok");
return 0;

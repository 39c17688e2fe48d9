using System.Text.Json;
using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;

namespace CxMetrics.Json.Tests;

/// <summary>A breakdown's omnibus test and adjusted pairs serialise and read back.</summary>
public class BreakdownComparisonJsonTests
{
    [Fact]
    public void Nps_comparison_of_channels_round_trips()
    {
        var cells = Nps.By(new[] { ("app", 120L, 80L, 50L), ("email", 60L, 70L, 40L), ("web", 200L, 90L, 60L) }
            .Select(c => KeyValuePair.Create(c.Item1, NpsTally.FromCounts(c.Item2, c.Item3, c.Item4))));
        var comparison = Nps.Compare(cells, MultipleComparisonMethod.BenjaminiHochberg);
        string json = CxMetricsJson.Serialize(comparison);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("ChiSquareIndependence", doc.RootElement.GetProperty("omnibus").GetProperty("kind").GetString());
        Assert.Equal("BenjaminiHochberg", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("pairs").GetArrayLength());
        Assert.Equal("app", doc.RootElement.GetProperty("pairs")[0].GetProperty("first").GetString());
        var back = CxMetricsJson.Deserialize<BreakdownComparison<string, NpsComparison>>(json);
        Assert.Equal(comparison.Omnibus, back.Omnibus);
        Assert.Equal(comparison.Pairs.Select(p => p.AdjustedPValue), back.Pairs.Select(p => p.AdjustedPValue));
        Assert.Equal(comparison.Pairs[1].Interval, back.Pairs[1].Interval);
    }

    [Fact]
    public void Welch_anova_result_round_trips()
    {
        var a = new RunningMoments();
        var b = new RunningMoments();
        foreach (double x in new[] { 1.0, 2, 4 })
        {
            a.Add(x);
            b.Add(x * 3);
        }

        var result = WelchAnova.From([a, b]);
        Assert.Equal(result, CxMetricsJson.Deserialize<WelchAnovaResult>(CxMetricsJson.Serialize(result)));
        Assert.Contains("\"standardDeviation\"", CxMetricsJson.Serialize(SupportMetrics.From(new SupportTally()).FirstResponse), StringComparison.Ordinal);
    }
}

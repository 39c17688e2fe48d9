using System.Text.Json;
using CxMetrics.Surveys;

namespace CxMetrics.Tests.Surveys;

public class SerializationTests
{
    [Fact]
    public void Results_serialise_to_json_without_custom_converters()
    {
        string nps = JsonSerializer.Serialize(Nps.From(NpsTally.FromCounts(50, 30, 20)));
        using var doc = JsonDocument.Parse(nps);
        Assert.Equal(30.0, doc.RootElement.GetProperty("Score").GetDouble(), 10);
        Assert.Equal(100, doc.RootElement.GetProperty("Count").GetInt64());
        Assert.Equal(0.95, doc.RootElement.GetProperty("Interval").GetProperty("Level").GetDouble());

        string empty = JsonSerializer.Serialize(Nps.From(new NpsTally()));
        Assert.Contains("\"Score\":null", empty, StringComparison.Ordinal);

        string csat = JsonSerializer.Serialize(Rating.Of([5, 4, 1], CsatScale.OneToFive));
        using var csatDoc = JsonDocument.Parse(csat);
        Assert.Equal(2, csatDoc.RootElement.GetProperty("Favourable").GetProperty("Successes").GetInt64());
        Assert.Equal("CSAT", csatDoc.RootElement.GetProperty("Scale").GetProperty("Metric").GetString());
    }
}

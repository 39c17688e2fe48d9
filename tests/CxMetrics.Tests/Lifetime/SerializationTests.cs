using System.Text.Json;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Tests.Lifetime;

public class SerializationTests
{
    [Fact]
    public void Fitted_models_serialise_to_json_including_failed_fits()
    {
        string bg = JsonSerializer.Serialize(BetaGeoNbd.Fit(CdnowFixture.Summary));
        using var doc = JsonDocument.Parse(bg);
        Assert.Equal(-9582.4, doc.RootElement.GetProperty("Diagnostics").GetProperty("LogLikelihood").GetDouble(), 0.05);
        Assert.Equal("r", doc.RootElement.GetProperty("R").GetProperty("Name").GetString());

        string empty = JsonSerializer.Serialize(GammaGamma.Fit([], []));
        Assert.Contains("\"LogLikelihood\":null", empty, StringComparison.Ordinal);
        Assert.Contains("\"ExpectedSpend\":null", empty, StringComparison.Ordinal);

        var failed = BetaGeoNbd.Fit(RfmData.Create([0, 0], [0, 0], [10, 20]));
        Assert.Equal(FitStatus.NotConverged, failed.Diagnostics.Status);
        using var failedDoc = JsonDocument.Parse(JsonSerializer.Serialize(failed));
        Assert.Equal((int)FitStatus.NotConverged, failedDoc.RootElement.GetProperty("Diagnostics").GetProperty("Status").GetInt32());
    }
}

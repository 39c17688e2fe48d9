using System.Text.Json;
using CxMetrics.Retention;

namespace CxMetrics.Tests.Retention;

public class KaplanMeierTallyTests
{
    [Fact]
    public void From_counts_equals_adding_observations()
    {
        var counted = KaplanMeierTally.FromCounts([13.0, 9, 18], [1, 1, 1], [1, 0, 0]);
        var added = new KaplanMeierTally();
        added.AddRange([9.0, 13, 13, 18], [true, true, false, true]);
        Assert.Equal(KaplanMeier.From(added).Steps, KaplanMeier.From(counted).Steps);
        Assert.Equal(4, counted.Count);
        Assert.Equal(3, counted.Events);
        Assert.Equal(1, counted.Censored);
        Assert.Equal(3, counted.DistinctTimes);
    }

    [Fact]
    public void From_counts_rejects_repeated_times_and_negative_counts()
    {
        Assert.Throws<ArgumentException>("times", () => KaplanMeierTally.FromCounts([1.0, 1.0], [1, 1], [0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>("events", () => KaplanMeierTally.FromCounts([1.0], [-1], [0]));
        Assert.Throws<ArgumentException>("events", () => KaplanMeierTally.FromCounts([1.0], [1, 2], [0]));
    }

    [Fact]
    public void Empty_tally_is_the_identity_of_merge_and_merging_a_clone_doubles()
    {
        var tally = new KaplanMeierTally();
        tally.AddRange(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        var before = KaplanMeier.From(tally).Steps.ToArray();
        tally.Merge(new KaplanMeierTally());
        Assert.Equal(before, KaplanMeier.From(tally).Steps);

        var doubled = tally.Clone().Merge(tally.Clone());
        Assert.Throws<ArgumentException>("other", () => tally.Merge(tally));
        tally.Merge(tally.Clone());
        Assert.Equal(22, tally.Count);
        Assert.Equal(KaplanMeier.From(doubled).Steps, KaplanMeier.From(tally).Steps);
        Assert.Equal(before.Select(s => s.Survival), KaplanMeier.From(tally).Steps.Select(s => s.Survival));
    }

    [Fact]
    public void Default_observation_is_rejected_rather_than_counted_without_weight() =>
        Assert.Throws<ArgumentOutOfRangeException>("observation", () => new KaplanMeierTally().Add(default(SurvivalObservation)));

    [Fact]
    public void Results_serialise_to_json_with_nulls_not_nan()
    {
        var fit = KaplanMeier.Fit(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent);
        string json = JsonSerializer.Serialize(fit);
        using var doc = JsonDocument.Parse(json);
        var steps = doc.RootElement.GetProperty("Steps");
        Assert.Equal(fit.Steps.Count, steps.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, steps[steps.GetArrayLength() - 1].GetProperty("StandardError").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("MedianUpper").ValueKind);
        Assert.Equal(23, doc.RootElement.GetProperty("Median").GetDouble());

        string model = JsonSerializer.Serialize(ShiftedBetaGeometric.Fit(1000, ShiftedBetaGeometricTests.Regular));
        Assert.Contains("\"Status\":0", model, StringComparison.Ordinal);
        string test = JsonSerializer.Serialize(LogRank.Of(AmlData.AllTime, AmlData.AllEvent, AmlData.AllGroup));
        Assert.Contains("\"DegreesOfFreedom\":1", test, StringComparison.Ordinal);
    }
}

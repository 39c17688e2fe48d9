using CxMetrics.Orleans.Tests.Cluster;
using CxMetrics.Portable;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Orleans.Tests;

/// <summary>The documented limit of idempotency: each key remembers the last <c>RememberedBatchIds</c> batch ids.</summary>
[Collection(SharedCluster.Name)]
public sealed class BatchWindowTests(ClusterFixture fixture)
{
    [Fact(Timeout = 30_000)]
    public async Task A_retry_is_recognised_within_the_window_and_after_reactivation_but_not_beyond_it()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        const int window = ClusterFixture.RememberedBatchIds;
        ITallyGrain grain = fixture.Client.GetTallyGrain(new TallyKey("window", "nps", TallyKey.AllSegments, CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Day)));
        for (int b = 0; b <= window; b++)
        {
            Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync($"b{b}", [10]).WaitAsync(cancel));
        }

        await fixture.Cluster.DeactivateAsync(grain);

        // b1..b50 are the last 50: still recognised after the grain reloads from storage.
        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("b1", [10]).WaitAsync(cancel));
        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync($"b{window}", [10]).WaitAsync(cancel));

        // b0 fell out of the window: a retry this late is counted again — the guarantee is bounded, as documented.
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("b0", [10]).WaitAsync(cancel));
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(window + 2, 0, 0)), await grain.GetTallyAsync().WaitAsync(cancel));
    }
}

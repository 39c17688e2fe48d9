using System.Diagnostics;
using CxMetrics.Orleans.Tests.Cluster;
using CxMetrics.Portable;
using CxMetrics.Surveys;
using Orleans.TestingHost;

namespace CxMetrics.Orleans.Tests;

/// <summary>
/// A silo is killed while batches stream in. Grain state lives in a <see cref="SimulatedDatabase"/> shared by all silos
/// (standing in for a durable store: Orleans' memory storage would die with the silo), so what was acknowledged survives;
/// the client retries every failed batch with its id, so nothing is lost and nothing is counted twice.
/// </summary>
public sealed class SiloFailureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SimulatedDatabase database = new() { WriteLatency = TimeSpan.FromMilliseconds(2) };
    private InProcessTestCluster cluster = null!;

    public async ValueTask InitializeAsync() => cluster = await TestClusters.StartAsync(database);

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Killing_a_silo_mid_stream_loses_no_event_and_counts_none_twice_after_client_retries()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        IReadOnlyList<TallyKey> keys = EventBatch.WeekKeys("shop", 4, "nps", "conversion");
        IReadOnlyList<EventBatch> batches = EventBatch.Generate(keys, batches: 600, size: 40, seed: 7);
        var failures = new StrongBox<int>();
        var outcomes = new BatchOutcome[batches.Count];
        int next = -1, acknowledged = 0;
        var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Eight concurrent senders take the batches in order. Once a third are acknowledged a silo is killed while the
        // senders go on; the last third is held back until the silo is dead, so it certainly goes to the smaller cluster.
        async Task SendAllAsync()
        {
            for (int i = Interlocked.Increment(ref next); i < batches.Count; i = Interlocked.Increment(ref next))
            {
                if (i >= 2 * batches.Count / 3)
                {
                    await killed.Task.WaitAsync(cancel);
                }

                outcomes[i] = await batches[i].SendWithRetriesAsync(cluster.Client, failures, cancel);
                if (Interlocked.Increment(ref acknowledged) == batches.Count / 3)
                {
                    killPoint.TrySetResult();
                }
            }
        }

        var clock = Stopwatch.StartNew();
        Task senders = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(SendAllAsync, cancel)));
        await killPoint.Task.WaitAsync(cancel);
        InProcessSiloHandle victim = cluster.Silos[^1];
        int acknowledgedAtKill = Volatile.Read(ref acknowledged);
        var killClock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim, cancel);
        killed.SetResult();
        int acknowledgedAfterKill = Volatile.Read(ref acknowledged);
        await senders;
        output.WriteLine($"{batches.Count} batches in {clock.Elapsed.TotalSeconds:F1} s; killing silo {victim.Name} took {killClock.Elapsed.TotalSeconds:F1} s, from {acknowledgedAtKill} to {acknowledgedAfterKill} acknowledgements; {failures.Value} failed attempts were retried.");

        Assert.True(acknowledgedAfterKill <= 2 * batches.Count / 3, "a third of the batches must be sent after the kill");
        Assert.Equal(2, cluster.GetActiveSilos().Count());

        // A client that is unsure resends: every batch it sent before is recognised.
        foreach (EventBatch batch in batches.Where((_, i) => i % 37 == 0))
        {
            Assert.Equal(BatchOutcome.AlreadyApplied, await batch.SendWithRetriesAsync(cluster.Client, failures, cancel));
        }

        // Per key and merged, the cluster's payloads equal those of the single-process tallies of the same events.
        Dictionary<TallyKey, byte[]> expected = EventBatch.Expected(batches);
        foreach (var (key, payload) in expected)
        {
            Assert.Equal(payload, await cluster.Client.GetTallyGrain(key).GetTallyAsync().WaitAsync(cancel));
        }

        TallyKey[] npsKeys = [.. expected.Keys.Where(k => k.Metric == "nps")];
        NpsTally merged = (await cluster.Client.MergeAsync<NpsTally>(npsKeys).WaitAsync(cancel))!;
        var single = new NpsTally();
        foreach (EventBatch batch in batches.Where(b => b.Key.Metric == "nps"))
        {
            single.AddRange(batch.Scores);
        }

        Assert.Equal(TallyFormat.ToBytes(single), TallyFormat.ToBytes(merged));
        Assert.Equal(batches.Count(b => b.Key.Metric == "nps") * 40L, merged.Count + merged.Unanswered);
    }
}

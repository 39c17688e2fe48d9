using BenchmarkDotNet.Attributes;
using CxMetrics.Orleans;
using CxMetrics.Surveys;
using Orleans.TestingHost;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// NPS scores ingested by a 3-silo in-process Orleans cluster (<see cref="BenchmarkCluster"/>). Each invocation sends 4
/// batches of 1,000 scores to each of 56 keys (224,000 events, every batch in flight at once, fresh batch ids, each batch
/// persisted before it is acknowledged), so the time is per event. Baseline: the same events tallied in this process,
/// one <see cref="NpsTally"/> per key, score by score (no cluster, no storage, no idempotency).
/// </summary>
[MemoryDiagnoser]
public class OrleansIngestBenchmarks
{
    private const int BatchesPerKey = 4;
    private const int BatchSize = 1_000;
    private const int Events = BenchmarkCluster.KeyCount * BatchesPerKey * BatchSize;

    private InProcessTestCluster? cluster;
    private TallyKey[] keys = [];
    private byte[][] batches = [];
    private int round;

    [GlobalSetup(Target = nameof(SingleProcess))]
    public void SetupSingleProcess()
    {
        keys = BenchmarkCluster.Keys();
        batches = BenchmarkCluster.Batches(BatchesPerKey, BatchSize, seed: 5);
    }

    [GlobalSetup(Target = nameof(Cluster))]
    public async Task SetupClusterAsync()
    {
        SetupSingleProcess();
        cluster = await BenchmarkCluster.StartAsync(keys, batches[0]);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "single-process NpsTally per key (naive)")]
    public long SingleProcess()
    {
        long total = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            var tally = new NpsTally();
            foreach (byte[] batch in batches)
            {
                for (int i = 0; i < batch.Length; i++)
                {
                    tally.Add(batch[i]);
                }
            }

            total += tally.Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "3-silo cluster, batches of 1,000")]
    public async Task<int> Cluster()
    {
        int r = Interlocked.Increment(ref round);
        var calls = new Task<BatchOutcome>[keys.Length * BatchesPerKey];
        for (int k = 0; k < keys.Length; k++)
        {
            ITallyGrain grain = cluster!.Client.GetTallyGrain(keys[k]);
            for (int b = 0; b < BatchesPerKey; b++)
            {
                calls[(k * BatchesPerKey) + b] = grain.AddNpsScoresAsync($"r{r}-b{b}", batches[b]);
            }
        }

        BatchOutcome[] outcomes = await Task.WhenAll(calls);
        return outcomes.Length;
    }
}

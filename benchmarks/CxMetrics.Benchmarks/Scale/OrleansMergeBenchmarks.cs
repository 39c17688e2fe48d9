using BenchmarkDotNet.Attributes;
using CxMetrics.Orleans;
using CxMetrics.Portable;
using CxMetrics.Surveys;
using Orleans.TestingHost;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// The cost per key of a merged query over 56 NPS keys (<see cref="BenchmarkCluster"/>): the stateless query grain
/// fanning out to the key grains on 3 silos and merging their portable payloads, against merging the same 56 payloads
/// with <see cref="TallyFormat.Merge"/> in this process (the baseline: what the query grain does once the payloads have arrived).
/// </summary>
[MemoryDiagnoser]
public class OrleansMergeBenchmarks
{
    private InProcessTestCluster? cluster;
    private TallyKey[] keys = [];
    private byte[][] keyPayloads = [];

    [GlobalSetup(Target = nameof(InProcess))]
    public void SetupInProcess()
    {
        keys = BenchmarkCluster.Keys();
        byte[][] batches = BenchmarkCluster.Batches(keys.Length, 500, seed: 6);
        keyPayloads = new byte[keys.Length][];
        for (int k = 0; k < keys.Length; k++)
        {
            var tally = new NpsTally();
            tally.AddRange(batches[k]);
            keyPayloads[k] = TallyFormat.ToBytes(tally);
        }
    }

    [GlobalSetup(Target = nameof(OnCluster))]
    public async Task SetupClusterAsync()
    {
        keys = BenchmarkCluster.Keys();
        cluster = await BenchmarkCluster.StartAsync(keys, BenchmarkCluster.Batches(1, 500, seed: 6)[0]);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkCluster.KeyCount, Description = "TallyFormat.Merge in process")]
    public long InProcess()
    {
        byte[] merged = keyPayloads[0];
        for (int k = 1; k < keyPayloads.Length; k++)
        {
            merged = TallyFormat.Merge(merged, keyPayloads[k]);
        }

        return merged.Length;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkCluster.KeyCount, Description = "query grain over 56 keys on 3 silos")]
    public async Task<long> OnCluster() => (await cluster!.Client.MergeAsync(keys)).Length;
}

using BenchmarkDotNet.Attributes;
using CxMetrics.Orleans;
using CxMetrics.Surveys;
using Orleans.TestingHost;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// The cost per key of a merged query over 56 NPS keys (<see cref="BenchmarkCluster"/>): the stateless query grain
/// fanning out to the key grains on 3 silos and merging their counts, against merging the same 56
/// <see cref="TallyCounts"/> in this process (the baseline: what the query grain does once the counts have arrived).
/// </summary>
[MemoryDiagnoser]
public class OrleansMergeBenchmarks
{
    private InProcessTestCluster? cluster;
    private TallyKey[] keys = [];
    private TallyCounts[] keyCounts = [];

    [GlobalSetup(Target = nameof(InProcess))]
    public void SetupInProcess()
    {
        keys = BenchmarkCluster.Keys();
        byte[][] batches = BenchmarkCluster.Batches(keys.Length, 500, seed: 6);
        keyCounts = new TallyCounts[keys.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            var tally = new NpsTally();
            tally.AddRange(batches[k]);
            keyCounts[k] = TallyCounts.From(tally);
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

    [Benchmark(Baseline = true, OperationsPerInvoke = BenchmarkCluster.KeyCount, Description = "TallyCounts.Merge in process")]
    public long InProcess()
    {
        TallyCounts merged = TallyCounts.Empty;
        foreach (TallyCounts counts in keyCounts)
        {
            merged = merged.Merge(counts);
        }

        return merged.Observations;
    }

    [Benchmark(OperationsPerInvoke = BenchmarkCluster.KeyCount, Description = "query grain over 56 keys on 3 silos")]
    public async Task<long> OnCluster() => (await cluster!.Client.MergeAsync(keys)).Observations;
}

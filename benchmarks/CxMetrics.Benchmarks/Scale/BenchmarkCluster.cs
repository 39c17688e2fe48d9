using CxMetrics.Orleans;
using CxMetrics.Time;
using NodaTime;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// The cluster the Orleans benchmarks measure: 3 silos in this process (Orleans' in-memory transport) with Orleans'
/// memory grain storage, and 56 NPS keys (8 shops × the 7 days of one week).
/// </summary>
internal static class BenchmarkCluster
{
    public const int Shops = 8;
    public const int KeyCount = Shops * 7;

    public static TallyKey[] Keys()
    {
        CalendarPeriod week = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Week);
        return [.. Enumerable.Range(0, Shops).SelectMany(s => new TallyKey($"shop-{s}", "nps", TallyKey.AllSegments, week).Split(PeriodUnit.Day))];
    }

    public static byte[][] Batches(int count, int size, int seed)
    {
        var random = new Random(seed);
        var batches = new byte[count][];
        for (int b = 0; b < count; b++)
        {
            batches[b] = new byte[size];
            for (int i = 0; i < size; i++)
            {
                batches[b][i] = (byte)random.Next(11);
            }
        }

        return batches;
    }

    public static async Task<InProcessTestCluster> StartAsync(TallyKey[] keys, byte[] warmUp)
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddCxMetrics().AddMemoryGrainStorage(CxMetricsOptions.DefaultStorageName));
        builder.ConfigureClient(client => client.AddCxMetrics());
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync();

        // Activate every key grain once, so activation is not part of the measurement.
        await Task.WhenAll(keys.Select(k => cluster.Client.GetTallyGrain(k).AddNpsScoresAsync("warm-up", warmUp)));
        return cluster;
    }
}

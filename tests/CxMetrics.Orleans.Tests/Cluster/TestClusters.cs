using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CxMetrics.Orleans.Tests.Cluster;

/// <summary>Builds 3-silo in-process test clusters whose grain storage is a shared <see cref="SimulatedDatabase"/>.</summary>
public static class TestClusters
{
    /// <summary>The storage provider name the tests configure (not the default, to show it is configurable).</summary>
    public const string StorageName = "cx-test-db";

    /// <summary>Starts a cluster of <paramref name="silos"/> silos over <paramref name="database"/>.</summary>
    public static async Task<InProcessTestCluster> StartAsync(SimulatedDatabase database, short silos = 3, int rememberedBatchIds = CxMetricsOptions.DefaultRememberedBatchIds)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCxMetrics(options =>
            {
                options.StorageName = StorageName;
                options.RememberedBatchIds = rememberedBatchIds;
            });
            silo.Services.AddGrainStorage(StorageName, (sp, _) => new SimulatedDatabaseStorage(database, sp.GetRequiredService<Serializer>()));
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        builder.ConfigureClient(client =>
        {
            client.AddCxMetrics();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

using Orleans.TestingHost;

namespace CxMetrics.Orleans.Tests.Cluster;

/// <summary>One 3-silo cluster shared by the tests of a class (each test writes to its own keys).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The batch ids each key remembers on this cluster: small, so the window's limit can be shown cheaply.</summary>
    public const int RememberedBatchIds = 50;

    /// <summary>The simulated database behind every silo.</summary>
    public SimulatedDatabase Database { get; } = new();

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The cluster's client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        // Only keys of shops named "flaky-*" meet storage faults; every other test sees a healthy database.
        Database.FaultPlan = (grainId, write) => !grainId.Contains("flaky-", StringComparison.Ordinal) ? WriteFault.None
            : write % 3 == 0 ? WriteFault.FailAfterCommit
            : write % 5 == 0 ? WriteFault.FailBeforeCommit
            : WriteFault.None;
        Cluster = await TestClusters.StartAsync(Database, rememberedBatchIds: RememberedBatchIds);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

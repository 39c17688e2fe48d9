namespace CxMetrics.Orleans.Tests.Cluster;

/// <summary>The test classes that share one healthy 3-silo cluster (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "shared 3-silo cluster";
}

namespace CxMetrics.Orleans;

/// <summary>Settings of the CxMetrics grains on a silo.</summary>
public sealed class CxMetricsOptions
{
    /// <summary>The default name of the grain storage provider: <c>cxmetrics</c>.</summary>
    public const string DefaultStorageName = "cxmetrics";

    /// <summary>The default number of batch ids remembered per key: 1,000.</summary>
    public const int DefaultRememberedBatchIds = 1_000;

    /// <summary>
    /// The name of the grain storage provider that persists each key's tally (default <see cref="DefaultStorageName"/>).
    /// Register a durable provider under this name (ADO.NET, Redis, …); the in-memory provider loses state with its silo.
    /// </summary>
    public string StorageName { get; set; } = DefaultStorageName;

    /// <summary>
    /// How many of the most recent batch ids each key remembers (default <see cref="DefaultRememberedBatchIds"/>; at least
    /// 1). A retried batch is recognised, and not counted again, as long as fewer than this many other batches reached the
    /// same key since its first attempt. Each remembered id is stored with the key's state and rewritten on every batch, so
    /// this trades storage per key against how long a client may take to retry.
    /// </summary>
    public int RememberedBatchIds { get; set; } = DefaultRememberedBatchIds;
}

namespace CxMetrics.Orleans;

/// <summary>
/// Answers merged results for any set of keys: a week from its seven days, a region from its shops. A stateless worker
/// (local to the silo that receives the call, several activations per silo): it asks every key's
/// <see cref="ITallyGrain"/> for its counts concurrently and merges them. Use grain id 0, or
/// <see cref="TallyGrainFactoryExtensions.MergeAsync"/>.
/// </summary>
public interface ITallyQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The merged counts of <paramref name="keys"/>.</summary>
    /// <param name="keys">The keys, each at most once (a key given twice would be counted twice).</param>
    /// <returns>The merged counts; <see cref="TallyCounts.Empty"/> for no keys or keys with nothing counted.</returns>
    Task<TallyCounts> MergeAsync(TallyKey[] keys);
}

namespace CxMetrics.Orleans;

/// <summary>
/// Answers merged results for any set of keys: a week from its seven days, a region from its shops. A stateless worker
/// (local to the silo that receives the call, several activations per silo): it asks every key's
/// <see cref="ITallyGrain"/> for its payload concurrently and merges them with
/// <see cref="CxMetrics.Portable.TallyFormat.Merge"/>. Use grain id 0, or <see cref="TallyGrainFactoryExtensions.MergeAsync"/>.
/// </summary>
public interface ITallyQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The merged tally of <paramref name="keys"/>, as its portable payload.</summary>
    /// <param name="keys">The keys, each at most once (a key given twice would be counted twice).</param>
    /// <returns>The payload of the merged tally; an empty array for no keys or keys with nothing counted.</returns>
    /// <exception cref="ArgumentException">A key is listed twice, or a key's tally cannot be merged with those before it (another kind, scale, unit, currency or zone).</exception>
    Task<byte[]> MergeAsync(TallyKey[] keys);
}

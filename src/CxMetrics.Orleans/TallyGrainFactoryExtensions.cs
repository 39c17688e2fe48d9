namespace CxMetrics.Orleans;

/// <summary>Finds the CxMetrics grains from a client or a grain.</summary>
public static class TallyGrainFactoryExtensions
{
    /// <summary>The grain that owns <paramref name="key"/>'s tally.</summary>
    /// <param name="grainFactory">The client or grain factory.</param>
    /// <param name="key">The key.</param>
    /// <returns>The grain reference.</returns>
    public static ITallyGrain GetTallyGrain(this IGrainFactory grainFactory, TallyKey key)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(key);
        return grainFactory.GetGrain<ITallyGrain>(key.ToString());
    }

    /// <summary>The merged counts of <paramref name="keys"/>, computed on the cluster by an <see cref="ITallyQueryGrain"/>.</summary>
    /// <param name="grainFactory">The client or grain factory.</param>
    /// <param name="keys">The keys, each at most once.</param>
    /// <returns>The merged counts.</returns>
    public static Task<TallyCounts> MergeAsync(this IGrainFactory grainFactory, IEnumerable<TallyKey> keys)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(keys);
        return grainFactory.GetGrain<ITallyQueryGrain>(0).MergeAsync(keys.ToArray());
    }
}

using CxMetrics.Portable;

namespace CxMetrics.Orleans;

/// <summary>Finds the CxMetrics grains from a client or a grain, and merges keys.</summary>
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

    /// <summary>The merged tally of <paramref name="keys"/> as its portable payload, computed on the cluster by an <see cref="ITallyQueryGrain"/>.</summary>
    /// <remarks>The <c>Merge</c> rule for stored values: the grains' tallies are not changed and the result is a new payload,
    /// as <see cref="CxMetrics.Portable.TallyFormat.Merge"/> returns new bytes. (A tally object's own <c>Merge</c> adds into that
    /// object and returns it; <see cref="ITallyGrain"/>'s merge likewise adds into the grain's stored tally.)</remarks>
    /// <param name="grainFactory">The client or grain factory.</param>
    /// <param name="keys">The keys, each at most once.</param>
    /// <returns>The payload; an empty array when nothing was counted.</returns>
    public static Task<byte[]> MergeAsync(this IGrainFactory grainFactory, IEnumerable<TallyKey> keys)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentNullException.ThrowIfNull(keys);
        return grainFactory.GetGrain<ITallyQueryGrain>(0).MergeAsync(keys.ToArray());
    }

    /// <summary>The merged tally of <paramref name="keys"/>, computed on the cluster and read as <typeparamref name="TTally"/>.</summary>
    /// <remarks>A new tally; the grains' stored tallies are not changed.</remarks>
    /// <typeparam name="TTally">The tally type the keys hold (one listed in <see cref="TallyKind"/>).</typeparam>
    /// <param name="grainFactory">The client or grain factory.</param>
    /// <param name="keys">The keys, each at most once.</param>
    /// <returns>The merged tally; <see langword="null"/> when nothing was counted (no keys, or keys never written).</returns>
    /// <exception cref="TallyFormatException">The keys hold another kind of tally (<see cref="TallyFormatError.WrongKind"/>).</exception>
    public static async Task<TTally?> MergeAsync<TTally>(this IGrainFactory grainFactory, IEnumerable<TallyKey> keys)
        where TTally : class
    {
        byte[] payload = await grainFactory.MergeAsync(keys).ConfigureAwait(false);
        return payload.Length == 0 ? null : TallyFormat.FromBytes<TTally>(payload);
    }
}

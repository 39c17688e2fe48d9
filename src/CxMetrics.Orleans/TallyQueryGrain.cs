using Orleans.Concurrency;

namespace CxMetrics.Orleans;

/// <summary>The implementation of <see cref="ITallyQueryGrain"/>: a stateless worker that fans out to the key grains and merges.</summary>
[StatelessWorker]
public sealed class TallyQueryGrain : Grain, ITallyQueryGrain
{
    /// <inheritdoc/>
    public async Task<TallyCounts> MergeAsync(TallyKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seen = new HashSet<TallyKey>(keys.Length);
        var pending = new Task<TallyCounts>[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(keys[i], nameof(keys));
            if (!seen.Add(keys[i]))
            {
                throw new ArgumentException($"key '{keys[i]}' is listed twice; it would be counted twice.", nameof(keys));
            }
        }

        for (int i = 0; i < keys.Length; i++)
        {
            pending[i] = GrainFactory.GetTallyGrain(keys[i]).GetCountsAsync();
        }

        TallyCounts[] parts = await Task.WhenAll(pending);
        TallyCounts merged = TallyCounts.Empty;
        for (int i = 0; i < parts.Length; i++)
        {
            try
            {
                merged = merged.Merge(parts[i]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"key '{keys[i]}' holds {parts[i].Kind} counts that cannot be merged with the keys before it: {e.Message}", nameof(keys), e);
            }
        }

        return merged;
    }
}

using CxMetrics.Portable;
using Orleans.Concurrency;

namespace CxMetrics.Orleans;

/// <summary>The implementation of <see cref="ITallyQueryGrain"/>: a stateless worker that fans out to the key grains and merges.</summary>
[StatelessWorker]
public sealed class TallyQueryGrain : Grain, ITallyQueryGrain
{
    /// <inheritdoc/>
    public async Task<byte[]> MergeAsync(TallyKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var seen = new HashSet<TallyKey>(keys.Length);
        var pending = new Task<byte[]>[keys.Length];
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
            pending[i] = GrainFactory.GetTallyGrain(keys[i]).GetTallyAsync();
        }

        byte[][] parts = await Task.WhenAll(pending);
        byte[] merged = [];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            try
            {
                merged = merged.Length == 0 ? parts[i] : TallyFormat.Merge(merged, parts[i]);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
            {
                throw new ArgumentException($"key '{keys[i]}' holds a {TallyFormat.KindOf(parts[i])} tally that cannot be merged with the keys before it: {e.Message}", nameof(keys));
            }
        }

        return merged;
    }
}

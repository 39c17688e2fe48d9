using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CxMetrics.Orleans;

/// <summary>
/// The implementation of <see cref="ITallyGrain"/>: one activation per key at a time, turns one at a time (not
/// re-entrant), so concurrent writers to one key are serialised. A batch is applied by building the next state (counts
/// merged, id remembered) and writing it to grain storage; only when the write succeeded is it kept and
/// <see cref="BatchOutcome.Applied"/> returned. When the write fails, the previous state is restored, the activation is
/// deactivated (so the next call reloads what storage holds) and the error goes back to the caller, who retries.
/// Storage providers with ETags (all durable Orleans providers) reject a write from a stale duplicate activation, so two
/// activations of one key during a membership change cannot both count a batch.
/// </summary>
public sealed class TallyGrain : Grain, ITallyGrain
{
    /// <summary>The state name under which the counts are stored.</summary>
    public const string StateName = "tally";

    private const int MaxBatchIdLength = 200;

    private readonly IPersistentState<TallyGrainState> state;
    private readonly int remembered;
    private Dictionary<string, long>? recent;

    /// <summary>Creates the grain; its state comes from the storage provider named in <see cref="CxMetricsOptions.StorageName"/>.</summary>
    /// <param name="stateFactory">Orleans' persistent state factory.</param>
    /// <param name="context">The grain's context.</param>
    /// <param name="options">The CxMetrics options.</param>
    public TallyGrain(IPersistentStateFactory stateFactory, IGrainContext context, IOptions<CxMetricsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(stateFactory);
        ArgumentNullException.ThrowIfNull(options);
        state = stateFactory.Create<TallyGrainState>(context, new StateConfiguration(StateName, options.Value.StorageName));
        remembered = options.Value.RememberedBatchIds;
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddNpsScoresAsync(string batchId, byte[] scores)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(scores);
        var tally = new NpsTally();
        tally.AddRange(scores);
        return AddAsync(batchId, TallyFormat.ToBytes(tally), scores.Length == 0, nameof(scores));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddOutcomesAsync(string batchId, bool[] outcomes)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(outcomes);
        long successes = 0;
        foreach (bool outcome in outcomes)
        {
            successes += outcome ? 1 : 0;
        }

        return AddAsync(batchId, TallyFormat.ToBytes(BinomialTally.FromCounts(successes, outcomes.Length)), outcomes.Length == 0, nameof(outcomes));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddTallyAsync(string batchId, byte[] tally)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(tally);
        byte[] canonical;
        bool empty;
        try
        {
            // Read (every check of the portable format) and written again, so the stored and fingerprinted bytes are the
            // tally's own whatever produced the payload.
            canonical = TallyFormat.ToBytes(TallyFormat.FromBytes(tally));
            empty = TallyFormat.IsEmpty(canonical);
        }
        catch (TallyFormatException e)
        {
            // The message carries the cause; the cause itself stays here (a core exception type Orleans has no codec for).
            throw new ArgumentException($"batch '{batchId}' for key '{this.GetPrimaryKeyString()}' is not a valid tally payload ({e.Error}): {e.Message} Nothing was counted.", nameof(tally));
        }

        return AddAsync(batchId, canonical, empty, nameof(tally));
    }

    /// <inheritdoc/>
    public Task<byte[]> GetTallyAsync() => Task.FromResult(state.State.Tally);

    /// <summary>
    /// A fingerprint of what a batch counts (the SHA-256 of its payload as the tally writes it; never 0), the same in every
    /// process: a resend of the same batch has the same one.
    /// </summary>
    internal static long Fingerprint(ReadOnlySpan<byte> payload)
    {
        long hash = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(payload));
        return hash == 0 ? 1 : hash;
    }

    private static void CheckBatchId(string batchId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        if (batchId.Length > MaxBatchIdLength)
        {
            throw new ArgumentException($"batch id '{batchId[..20]}…' has {batchId.Length} characters; at most {MaxBatchIdLength} are allowed.", nameof(batchId));
        }
    }

    /// <summary>The fingerprint of the remembered batch <paramref name="batchId"/> (0 when it is remembered without one), or null.</summary>
    private long? Remembered(string batchId)
    {
        if (recent is null)
        {
            TallyGrainState current = state.State;
            recent = new Dictionary<string, long>(current.RecentBatchIds.Count, StringComparer.Ordinal);
            int unknown = current.RecentBatchIds.Count - current.RecentBatchFingerprints.Count;
            for (int i = 0; i < current.RecentBatchIds.Count; i++)
            {
                recent[current.RecentBatchIds[i]] = i < unknown ? 0 : current.RecentBatchFingerprints[i - unknown];
            }
        }

        return recent.TryGetValue(batchId, out long fingerprint) ? fingerprint : null;
    }

    /// <summary>
    /// The batch, already validated, against the key: a remembered id with the same content (or content the grain cannot
    /// compare) is <see cref="BatchOutcome.AlreadyApplied"/>, with other content an error; an empty batch is checked against
    /// the key's kind and is <see cref="BatchOutcome.Applied"/> without a write (nothing to count, no id to remember);
    /// anything else is merged into the key's payload and applied.
    /// </summary>
    private Task<BatchOutcome> AddAsync(string batchId, byte[] delta, bool empty, string parameter)
    {
        long fingerprint = Fingerprint(delta);
        if (Remembered(batchId) is { } known)
        {
            if (known == 0 || known == fingerprint)
            {
                return Task.FromResult(BatchOutcome.AlreadyApplied);
            }

            throw new ArgumentException(
                $"batch id '{batchId}' was already applied to key '{this.GetPrimaryKeyString()}' with other content ({Describe(delta)} now); a retry must resend the same batch, and a new batch needs a new id. Nothing was counted.",
                nameof(batchId));
        }

        TallyGrainState current = state.State;
        byte[] merged;
        try
        {
            merged = current.Tally.Length == 0 ? delta : TallyFormat.Merge(current.Tally, delta);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            string reason = e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
            throw new ArgumentException($"batch '{batchId}' cannot be added to key '{this.GetPrimaryKeyString()}': {reason}", parameter);
        }

        return empty ? Task.FromResult(BatchOutcome.Applied) : ApplyAsync(batchId, fingerprint, current, merged);
    }

    private static string Describe(byte[] payload) =>
        string.Create(CultureInfo.InvariantCulture, $"a {TallyFormat.KindOf(payload)} tally of {payload.Length} bytes");

    private async Task<BatchOutcome> ApplyAsync(string batchId, long fingerprint, TallyGrainState current, byte[] merged)
    {
        int keep = Math.Min(current.RecentBatchIds.Count, remembered - 1);
        var ids = new List<string>(keep + 1);
        ids.AddRange(current.RecentBatchIds.GetRange(current.RecentBatchIds.Count - keep, keep));
        ids.Add(batchId);
        var fingerprints = new List<long>(keep + 1);
        int known = current.RecentBatchFingerprints.Count;
        for (int i = current.RecentBatchIds.Count - keep; i < current.RecentBatchIds.Count; i++)
        {
            // Ids stored by an earlier version have no fingerprint: they are the leading ones.
            int f = i - (current.RecentBatchIds.Count - known);
            fingerprints.Add(f >= 0 ? current.RecentBatchFingerprints[f] : 0);
        }

        fingerprints.Add(fingerprint);
        state.State = new TallyGrainState { Tally = merged, RecentBatchIds = ids, RecentBatchFingerprints = fingerprints, BatchesApplied = current.BatchesApplied + 1 };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not persisted: forget it here too, and let the next activation start from what storage holds.
            state.State = current;
            recent = null;
            DeactivateOnIdle();
            throw;
        }

        if (recent is not null)
        {
            for (int i = 0; i < current.RecentBatchIds.Count - keep; i++)
            {
                recent.Remove(current.RecentBatchIds[i]);
            }

            recent[batchId] = fingerprint;
        }

        return BatchOutcome.Applied;
    }

    private sealed class StateConfiguration(string stateName, string storageName) : IPersistentStateConfiguration
    {
        public string StateName { get; } = stateName;

        public string StorageName { get; } = storageName;
    }
}

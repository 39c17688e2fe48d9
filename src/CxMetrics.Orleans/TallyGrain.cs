using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
        return AddAsync(batchId, TallyCounts.From(tally), nameof(scores));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddRatingScoresAsync(string batchId, RatingScaleSpec scale, byte[] scores)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scores);
        var tally = new RatingTally(scale.ToScale());
        tally.AddRange(scores);
        return AddAsync(batchId, TallyCounts.From(tally), nameof(scores));
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

        return AddAsync(batchId, TallyCounts.From(BinomialTally.FromCounts(successes, outcomes.Length)), nameof(outcomes));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddTallyAsync(string batchId, TallyCounts counts)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(counts);
        Validate(counts);
        return AddAsync(batchId, counts, nameof(counts));
    }

    /// <inheritdoc/>
    public Task<TallyCounts> GetCountsAsync() => Task.FromResult(state.State.Counts);

    /// <summary>
    /// A fingerprint of what a batch counts (kind, scale, counts and weights; never 0), the same in every process: a
    /// resend of the same batch has the same one, whatever the order of its scores.
    /// </summary>
    internal static long Fingerprint(TallyCounts counts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((int)counts.Kind);
            foreach (long count in counts.Counts)
            {
                writer.Write(count);
            }

            writer.Write(-1L);
            foreach (double weight in counts.Weights)
            {
                writer.Write(weight);
            }

            if (counts.Scale is { } scale)
            {
                writer.Write(scale.Metric);
                writer.Write(scale.Min);
                writer.Write(scale.Max);
                writer.Write(scale.FavourableMin);
                writer.Write(scale.FavourableMax);
                writer.Write((int)scale.Direction);
                writer.Write(scale.FavourableLabel);
            }
        }

        long hash = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return hash == 0 ? 1 : hash;
    }

    private static void Validate(TallyCounts counts)
    {
        // Rebuilding the core tally runs its FromCounts checks (negative counts, successes > trials, weight sums, scale).
        _ = counts.Kind switch
        {
            TallyKind.Nps => counts.ToNpsTally(),
            TallyKind.Rating => counts.ToRatingTally(),
            TallyKind.Binomial => counts.ToBinomialTally(),
            _ => (object?)null,
        };
    }

    private static void CheckBatchId(string batchId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        if (batchId.Length > MaxBatchIdLength)
        {
            throw new ArgumentException($"batch id '{batchId[..20]}…' has {batchId.Length} characters; at most {MaxBatchIdLength} are allowed.", nameof(batchId));
        }
    }

    private static bool IsEmpty(TallyCounts counts)
    {
        foreach (long count in counts.Counts)
        {
            if (count != 0)
            {
                return false;
            }
        }

        return true;
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
    /// anything else is applied.
    /// </summary>
    private Task<BatchOutcome> AddAsync(string batchId, TallyCounts delta, string parameter)
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
        TallyCounts merged;
        try
        {
            merged = current.Counts.Merge(delta);
        }
        catch (ArgumentException e)
        {
            string reason = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
            throw new ArgumentException($"batch '{batchId}' cannot be added to key '{this.GetPrimaryKeyString()}': {reason}", parameter, e);
        }

        return IsEmpty(delta) ? Task.FromResult(BatchOutcome.Applied) : ApplyAsync(batchId, fingerprint, current, merged);
    }

    private static string Describe(TallyCounts counts) =>
        counts.Kind == TallyKind.Empty ? "an empty batch" : string.Create(CultureInfo.InvariantCulture, $"{counts.Kind} counts [{string.Join(", ", counts.Counts.ToArray())}]");

    private async Task<BatchOutcome> ApplyAsync(string batchId, long fingerprint, TallyGrainState current, TallyCounts merged)
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
        state.State = new TallyGrainState { Counts = merged, RecentBatchIds = ids, RecentBatchFingerprints = fingerprints, BatchesApplied = current.BatchesApplied + 1 };
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

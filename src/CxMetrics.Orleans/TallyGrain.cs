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
    private HashSet<string>? recent;

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
        if (IsRemembered(batchId))
        {
            return Task.FromResult(BatchOutcome.AlreadyApplied);
        }

        var tally = new NpsTally();
        tally.AddRange(scores);
        return ApplyAsync(batchId, TallyCounts.From(tally));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddRatingScoresAsync(string batchId, RatingScaleSpec scale, byte[] scores)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scores);
        if (IsRemembered(batchId))
        {
            return Task.FromResult(BatchOutcome.AlreadyApplied);
        }

        var tally = new RatingTally(scale.ToScale());
        tally.AddRange(scores);
        return ApplyAsync(batchId, TallyCounts.From(tally));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddOutcomesAsync(string batchId, bool[] outcomes)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (IsRemembered(batchId))
        {
            return Task.FromResult(BatchOutcome.AlreadyApplied);
        }

        long successes = 0;
        foreach (bool outcome in outcomes)
        {
            successes += outcome ? 1 : 0;
        }

        return ApplyAsync(batchId, TallyCounts.From(BinomialTally.FromCounts(successes, outcomes.Length)));
    }

    /// <inheritdoc/>
    public Task<BatchOutcome> AddTallyAsync(string batchId, TallyCounts counts)
    {
        CheckBatchId(batchId);
        ArgumentNullException.ThrowIfNull(counts);
        if (IsRemembered(batchId))
        {
            return Task.FromResult(BatchOutcome.AlreadyApplied);
        }

        Validate(counts);
        return ApplyAsync(batchId, counts);
    }

    /// <inheritdoc/>
    public Task<TallyCounts> GetCountsAsync() => Task.FromResult(state.State.Counts);

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

    private bool IsRemembered(string batchId)
    {
        recent ??= new HashSet<string>(state.State.RecentBatchIds, StringComparer.Ordinal);
        return recent.Contains(batchId);
    }

    private async Task<BatchOutcome> ApplyAsync(string batchId, TallyCounts delta)
    {
        TallyGrainState current = state.State;
        TallyCounts merged;
        try
        {
            merged = current.Counts.Merge(delta);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"batch '{batchId}' cannot be added to key '{this.GetPrimaryKeyString()}': {e.Message}", nameof(delta), e);
        }

        int keep = Math.Min(current.RecentBatchIds.Count, remembered - 1);
        var ids = new List<string>(keep + 1);
        ids.AddRange(current.RecentBatchIds.GetRange(current.RecentBatchIds.Count - keep, keep));
        ids.Add(batchId);
        state.State = new TallyGrainState { Counts = merged, RecentBatchIds = ids, BatchesApplied = current.BatchesApplied + 1 };
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

            recent.Add(batchId);
        }

        return BatchOutcome.Applied;
    }

    private sealed class StateConfiguration(string stateName, string storageName) : IPersistentStateConfiguration
    {
        public string StateName { get; } = stateName;

        public string StorageName { get; } = storageName;
    }
}

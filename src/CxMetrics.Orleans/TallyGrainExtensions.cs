using CxMetrics.Portable;
using CxMetrics.Surveys;

namespace CxMetrics.Orleans;

/// <summary>Sends and reads tally objects through an <see cref="ITallyGrain"/>, which itself only handles portable payloads.</summary>
public static class TallyGrainExtensions
{
    /// <summary>Sends <paramref name="tally"/> as one batch (its <see cref="TallyFormat.ToBytes{TTally}"/> payload).</summary>
    /// <typeparam name="TTally">A tally type listed in <see cref="TallyKind"/>.</typeparam>
    /// <param name="grain">The key's grain.</param>
    /// <param name="batchId">The batch's id, the same on every retry.</param>
    /// <param name="tally">The tally (unchanged).</param>
    /// <returns>Whether the batch was counted now or had been before.</returns>
    public static Task<BatchOutcome> AddTallyAsync<TTally>(this ITallyGrain grain, string batchId, TTally tally)
        where TTally : class
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(tally);
        return grain.AddTallyAsync(batchId, TallyFormat.ToBytes(tally));
    }

    /// <summary>
    /// Counts a batch of rating scores (CSAT, CES) on <paramref name="scale"/> (255 for an unanswered item): tallied here
    /// (all or nothing: one score off the scale throws before anything is sent) and sent as one rating tally.
    /// </summary>
    /// <param name="grain">The key's grain.</param>
    /// <param name="batchId">The batch's id, the same on every retry.</param>
    /// <param name="scale">The rating scale; every batch to one key must use the same scale.</param>
    /// <param name="scores">The scores.</param>
    /// <returns>Whether the batch was counted now or had been before.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is off the scale.</exception>
    public static Task<BatchOutcome> AddRatingScoresAsync(this ITallyGrain grain, string batchId, RatingScale scale, byte[] scores)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scores);
        var tally = new RatingTally(scale);
        tally.AddRange(scores);
        return grain.AddTallyAsync(batchId, TallyFormat.ToBytes(tally));
    }

    /// <summary>The key's tally read as <typeparamref name="TTally"/>.</summary>
    /// <typeparam name="TTally">The tally type the key holds.</typeparam>
    /// <param name="grain">The key's grain.</param>
    /// <returns>The tally; <see langword="null"/> when nothing was counted.</returns>
    /// <exception cref="TallyFormatException">The key holds another kind of tally (<see cref="TallyFormatError.WrongKind"/>).</exception>
    public static async Task<TTally?> GetTallyAsync<TTally>(this ITallyGrain grain)
        where TTally : class
    {
        ArgumentNullException.ThrowIfNull(grain);
        byte[] payload = await grain.GetTallyAsync().ConfigureAwait(false);
        return payload.Length == 0 ? null : TallyFormat.FromBytes<TTally>(payload);
    }
}

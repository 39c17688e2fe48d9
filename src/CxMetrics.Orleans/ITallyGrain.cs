namespace CxMetrics.Orleans;

/// <summary>
/// The grain that owns the tally of one <see cref="TallyKey"/> (its string key is <see cref="TallyKey.ToString"/>; use
/// <see cref="TallyGrainFactoryExtensions.GetTallyGrain"/>). Every write is a batch with an id: a batch is counted at most
/// once, and a call that returned <see cref="BatchOutcome.Applied"/> has been persisted. When a call fails (a silo died,
/// a time-out, a storage conflict), retry the same batch with the same id: it is then counted exactly once.
/// </summary>
/// <remarks>
/// Batch ids are remembered per key in a bounded window (<see cref="CxMetricsOptions.RememberedBatchIds"/>, oldest
/// forgotten first): a retry is recognised as long as fewer than that many other batches reached the same key since the
/// first attempt. The key's tally is held as a portable payload (<see cref="CxMetrics.Portable.TallyFormat"/>), so any kind
/// listed in <see cref="CxMetrics.Portable.TallyKind"/> can live on a key. Its kind (and, where the kind has one, its rating
/// scale, conversion unit, currency, zone, SLA targets or inactivity window and as-of) is fixed by the first non-empty batch; a batch the key's tally cannot merge is
/// rejected with <see cref="ArgumentException"/> and changes nothing.
/// <para>Every batch is validated before its id is looked up, so an invalid batch is rejected even under a known id. A
/// known id with the same content (compared by the payload the batch's tally writes, so for NPS scores and outcomes the
/// order of the events does not matter) is
/// <see cref="BatchOutcome.AlreadyApplied"/>; with other content (another payload, kind or scale) it is rejected with
/// an <see cref="ArgumentException"/> on <c>batchId</c>, because a retry must resend the same batch. Ids remembered by a
/// version without content fingerprints cannot be compared and are answered <see cref="BatchOutcome.AlreadyApplied"/>.</para>
/// <para>An empty batch (no scores, no outcomes, or a payload whose tally counts nothing:
/// <see cref="CxMetrics.Portable.TallyFormat.IsEmpty"/>) is checked against the key's tally and answered
/// <see cref="BatchOutcome.Applied"/> at once: nothing is written, it does not fix the key's kind, and its id is not
/// remembered, so it takes no slot of the window.</para>
/// </remarks>
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Counts a batch of NPS scores (0–10; 255 for an unanswered item). All or nothing: one bad score rejects the batch.</summary>
    /// <param name="batchId">The batch's id (non-blank, at most 200 characters), the same on every retry.</param>
    /// <param name="scores">The scores.</param>
    /// <returns>Whether the batch was counted now or had been before.</returns>
    Task<BatchOutcome> AddNpsScoresAsync(string batchId, byte[] scores);

    /// <summary>Counts a batch of yes/no outcomes (converted, churned, abandoned) as trials of a binomial tally.</summary>
    /// <param name="batchId">The batch's id, the same on every retry.</param>
    /// <param name="outcomes">The outcomes; <see langword="true"/> is a success.</param>
    /// <returns>Whether the batch was counted now or had been before.</returns>
    Task<BatchOutcome> AddOutcomesAsync(string batchId, bool[] outcomes);

    /// <summary>
    /// Merges a tally given as its portable binary payload (<see cref="CxMetrics.Portable.TallyFormat.ToBytes{TTally}"/>;
    /// any kind, built by a client, a database <c>GROUP BY</c> or another process) as one batch. The payload is read with
    /// every check of the portable format first; an invalid one is rejected with <see cref="ArgumentException"/>. Use
    /// <see cref="TallyGrainExtensions.AddTallyAsync{TTally}"/> to send a tally object.
    /// </summary>
    /// <param name="batchId">The batch's id, the same on every retry.</param>
    /// <param name="tally">The payload.</param>
    /// <returns>Whether the batch was counted now or had been before.</returns>
    Task<BatchOutcome> AddTallyAsync(string batchId, byte[] tally);

    /// <summary>The key's tally as persisted, as its portable payload; an empty array when nothing was counted.</summary>
    /// <returns>The payload (read it with <see cref="CxMetrics.Portable.TallyFormat.FromBytes{TTally}"/> or <see cref="TallyGrainExtensions.GetTallyAsync{TTally}"/>).</returns>
    Task<byte[]> GetTallyAsync();
}

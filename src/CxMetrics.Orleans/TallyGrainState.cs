namespace CxMetrics.Orleans;

/// <summary>
/// What a <see cref="TallyGrain"/> persists: the key's tally as a portable payload and the ids of the most recent batches, oldest first. Both
/// are written together in one storage write, so a batch is either counted and remembered or neither.
/// </summary>
[GenerateSerializer]
public sealed class TallyGrainState
{
    /// <summary>
    /// The key's tally in the portable binary form of <see cref="CxMetrics.Portable.TallyFormat"/> (versioned, with its
    /// CRC-32C); empty when nothing was counted. (Field id 0, the counts of the first version, is retired.)
    /// </summary>
    [Id(4)]
    public byte[] Tally { get; set; } = [];

    /// <summary>The ids of the batches counted most recently, oldest first, at most <see cref="CxMetricsOptions.RememberedBatchIds"/>.</summary>
    [Id(1)]
    public List<string> RecentBatchIds { get; set; } = [];

    /// <summary>How many batches have been counted for this key in all (remembered or not).</summary>
    [Id(2)]
    public long BatchesApplied { get; set; }

    /// <summary>
    /// A fingerprint of what each remembered batch counted, aligned with <see cref="RecentBatchIds"/> (0 = not known: the id
    /// was stored by an earlier version). A reused id whose batch counts something else is rejected instead of being
    /// answered <see cref="BatchOutcome.AlreadyApplied"/>.
    /// </summary>
    [Id(3)]
    public List<long> RecentBatchFingerprints { get; set; } = [];
}

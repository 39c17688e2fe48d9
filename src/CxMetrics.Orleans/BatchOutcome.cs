namespace CxMetrics.Orleans;

/// <summary>What a tally grain did with a batch.</summary>
[GenerateSerializer]
public enum BatchOutcome
{
    /// <summary>
    /// The batch was counted and the new state was written to grain storage before the call returned; for an empty batch,
    /// there was nothing to count or write (its id is not remembered).
    /// </summary>
    Applied = 0,

    /// <summary>A batch with the same id and the same content had already been counted for this key; nothing was added (a retry).</summary>
    AlreadyApplied = 1,
}

namespace CxMetrics.Orleans;

/// <summary>What a tally grain did with a batch.</summary>
[GenerateSerializer]
public enum BatchOutcome
{
    /// <summary>The batch was counted and the new state was written to grain storage before the call returned.</summary>
    Applied = 0,

    /// <summary>A batch with the same id had already been counted for this key; nothing was added (a retry).</summary>
    AlreadyApplied = 1,
}

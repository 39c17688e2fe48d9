using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// SLA attainment of one channel × priority (or channel) cell against one target. Tickets that reached the metric within
/// the target are met, after it breached; tickets still pending are breaches once their time so far exceeds the target, and
/// otherwise cannot be judged yet: they are counted in <see cref="PendingWithinTarget"/> and left out of the share.
/// </summary>
public sealed record SlaCell
{
    /// <summary>The channel.</summary>
    public required string Channel { get; init; }

    /// <summary>The priority, or <see langword="null"/> for a cell over all priorities (or tickets without priority).</summary>
    public required string? Priority { get; init; }

    /// <summary>The target the cell's tickets were judged by, or <see langword="null"/> when no target matched them.</summary>
    public required SlaTarget? Target { get; init; }

    /// <summary>The time measured.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>Tickets that reached the metric within the target.</summary>
    public required long Met { get; init; }

    /// <summary>Tickets that reached the metric after the target.</summary>
    public required long Breached { get; init; }

    /// <summary>Tickets still pending whose time so far already exceeds the target (breaches).</summary>
    public required long PendingBreached { get; init; }

    /// <summary>Tickets still pending and within the target so far: not judged yet.</summary>
    public required long PendingWithinTarget { get; init; }

    /// <summary>Tickets without a matching target (only in cells whose <see cref="Target"/> is <see langword="null"/>).</summary>
    public required long WithoutTarget { get; init; }

    /// <summary>The share met among judged tickets, <c>Met / (Met + Breached + PendingBreached)</c>, with its interval.</summary>
    public required ProportionEstimate Attainment { get; init; }

    /// <summary>Whether attainment is below the target's goal (the channel needs review); <see langword="null"/> without estimate.</summary>
    public required bool? MissesGoal { get; init; }

    /// <summary>Whether the whole interval is below the goal (a miss beyond sampling noise); <see langword="null"/> without estimate.</summary>
    public required bool? ClearlyMissesGoal { get; init; }
}

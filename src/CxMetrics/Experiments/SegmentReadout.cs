using CxMetrics.Statistics;

namespace CxMetrics.Experiments;

/// <summary>
/// The read-out of one segment: every arm, every arm against control, and the best arm by conversion together with
/// whether it is distinguishable from the runner-up (never a winner by noise).
/// </summary>
public sealed record SegmentReadout
{
    /// <summary>The segment (<see langword="null"/> for customers without one).</summary>
    public required string? Segment { get; init; }

    /// <summary>Each arm's results, control first, then by name.</summary>
    public required IReadOnlyList<ArmResult> Arms { get; init; }

    /// <summary>Each non-control arm against the control.</summary>
    public required IReadOnlyList<ArmComparison> Comparisons { get; init; }

    /// <summary>The arm with the highest observed conversion rate, or <see langword="null"/> without observations.</summary>
    public required string? BestArm { get; init; }

    /// <summary>The second-best arm.</summary>
    public required string? RunnerUp { get; init; }

    /// <summary>Best against runner-up: difference, Newcombe interval and z-test.</summary>
    public required ProportionComparison? BestVersusRunnerUp { get; init; }

    /// <summary>The best-vs-runner-up p-value adjusted across segments by the design's method.</summary>
    public required double? BestVersusRunnerUpAdjustedPValue { get; init; }

    /// <summary>Whether the best arm is distinguishable from the runner-up at the design's alpha (after adjustment).</summary>
    public required bool IsBestDistinguishable { get; init; }

    /// <summary>The winner: the best arm when it is distinguishable, otherwise <see langword="null"/> ("no clear winner").</summary>
    public string? Winner => IsBestDistinguishable ? BestArm : null;
}

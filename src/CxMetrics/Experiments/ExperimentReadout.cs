using NodaTime;

namespace CxMetrics.Experiments;

/// <summary>
/// An experiment read-out: the honesty checks first (sample ratio, pending outcomes, planned sample size), then the
/// results per segment. <see cref="Warnings"/> says in words what must be read before any effect.
/// </summary>
public sealed record ExperimentReadout
{
    /// <summary>The design it was read against.</summary>
    public required ExperimentDesign Design { get; init; }

    /// <summary>The sample-ratio-mismatch check over all assigned customers.</summary>
    public required SampleRatioCheck SampleRatio { get; init; }

    /// <summary>Customers whose outcome could be judged.</summary>
    public required long Observed { get; init; }

    /// <summary>Customers whose outcome window was still open.</summary>
    public required long Pending { get; init; }

    /// <summary>Results per segment, ordered by segment (customers without a segment last).</summary>
    public required IReadOnlyList<SegmentReadout> Segments { get; init; }

    /// <summary>Warnings to read before the results: sample-ratio mismatch, reading before the planned size, pending outcomes.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether the results can be trusted at all: false when the sample ratio does not match the plan.</summary>
    public bool IsTrustworthy => !SampleRatio.IsMismatch;

    /// <summary>The as-of instant outcomes were judged at, when the read-out was built from raw events.</summary>
    public Instant? AsOf { get; init; }

    /// <summary>Outcome events of customers without an assignment (not counted), when built from raw events.</summary>
    public long? EventsWithoutAssignment { get; init; }

    /// <summary>Outcome events before assignment or after the window closed (not counted), when built from raw events.</summary>
    public long? EventsOutsideWindow { get; init; }
}

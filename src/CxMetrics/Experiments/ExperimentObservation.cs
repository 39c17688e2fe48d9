namespace CxMetrics.Experiments;

/// <summary>One assigned customer's outcome: the unit an experiment read-out counts.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Arm">The arm.</param>
/// <param name="Segment">The segment, or <see langword="null"/>.</param>
/// <param name="Status">Observed (window closed) or pending.</param>
/// <param name="Converted">Whether an outcome event fell in the window (false while pending).</param>
/// <param name="Revenue">Revenue of the outcome events in the window, as a double for the statistics.</param>
public sealed record ExperimentObservation(string CustomerId, string Arm, string? Segment, OutcomeStatus Status, bool Converted, double Revenue);

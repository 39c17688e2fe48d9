namespace CxMetrics.Experiments;

/// <summary>One assigned customer's outcome: the unit an experiment read-out counts.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Arm">The arm.</param>
/// <param name="Segment">The segment, or <see langword="null"/>.</param>
/// <param name="Status">Observed (window closed) or pending.</param>
/// <param name="Converted">Whether an outcome event fell in the window (false while pending).</param>
/// <param name="Revenue">Revenue of the outcome events in the window, as a double for the statistics.</param>
/// <param name="Covariate">The customer's pre-period covariate for CUPED (e.g. spend in the 30 days before assignment), or <see langword="null"/> without pre-period data (counted as 0, as GrowthBook does).</param>
public sealed record ExperimentObservation(string CustomerId, string Arm, string? Segment, OutcomeStatus Status, bool Converted, double Revenue, double? Covariate = null);

namespace CxMetrics.Retention;

/// <summary>One step of a <see cref="CoxSurvivalCurve"/>.</summary>
/// <param name="Time">The event time.</param>
/// <param name="CumulativeHazard">The profile's cumulative hazard <c>H₀(t)·r</c> at the time.</param>
/// <param name="Survival">The profile's survival <c>exp(−H)</c> at the time.</param>
public readonly record struct CoxSurvivalStep(double Time, double CumulativeHazard, double Survival);

namespace CxMetrics.Retention;

/// <summary>One step of a <see cref="CoxSurvivalCurve"/> (a row of R's <c>summary(survfit(coxph, newdata))</c>).</summary>
/// <param name="Time">The event time.</param>
/// <param name="CumulativeHazard">The profile's cumulative hazard <c>H = Λ₀(t)·r</c> at the time.</param>
/// <param name="Survival">The profile's survival <c>exp(−H)</c> at the time.</param>
/// <param name="StandardError">The standard error of the cumulative hazard H (equally of −log S; R's <c>survfit$std.err</c>), including the coefficients' uncertainty.</param>
/// <param name="Lower">The lower end of the pointwise interval of the survival, <c>S·exp(−z·SE)</c> (R's <c>conf.type = "log"</c>).</param>
/// <param name="Upper">The upper end, <c>min(1, S·exp(z·SE))</c>.</param>
public readonly record struct CoxSurvivalStep(double Time, double CumulativeHazard, double Survival, double StandardError, double Lower, double Upper);

using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// A fitted model parameter with its standard error: the type of every parameter of every fitted model
/// (<c>BetaGeoNbdModel.R</c>, <c>ShiftedBetaGeometricModel.Alpha</c>, …).
/// </summary>
public sealed record ParameterEstimate
{
    /// <summary>The parameter's name in the source paper (r, alpha, a, b, s, beta, c, p, q, gamma, delta).</summary>
    public required string Name { get; init; }

    /// <summary>The maximum-likelihood estimate.</summary>
    public required double Value { get; init; }

    /// <summary>
    /// The asymptotic standard error from the inverse observed information (the Hessian of −LL at the optimum, computed
    /// in log-parameters and mapped back by the delta method, SE(θ) = θ·SE(log θ)); <see langword="null"/> when the fit
    /// did not converge or that Hessian is not positive definite.
    /// </summary>
    public required double? StandardError { get; init; }

    /// <summary>
    /// The Wald interval on the log scale the fit works in, <c>θ·exp(±z·SE(θ)/θ)</c> with z the standard normal quantile
    /// of (1 + level)/2: always inside (0, ∞), as the parameter is.
    /// </summary>
    /// <param name="confidenceLevel">The confidence level, strictly between 0 and 1 (default 0.95).</param>
    /// <returns>The interval, or <see langword="null"/> without a standard error.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public ConfidenceInterval? Interval(double confidenceLevel = 0.95)
    {
        double z = StandardNormal.CriticalValue(confidenceLevel);
        if (StandardError is not { } se || !(Value > 0))
        {
            return null;
        }

        double spread = Math.Exp(z * se / Value);
        return new ConfidenceInterval(Value / spread, Value * spread, confidenceLevel);
    }

    /// <summary>Formats as <c>r = 0.2426 (SE 0.0126)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => StandardError is { } se
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE {se:G3})")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE n/a)");
}

using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>
/// A fitted regression coefficient (a covariate's effect γ, any real number) with its standard error, Wald z and
/// two-sided p-value: the type of every covariate coefficient of every fitted model. Positive model parameters (shapes,
/// rates) are <see cref="ParameterEstimate"/>s instead.
/// </summary>
public sealed record CoefficientEstimate
{
    /// <summary>The covariate's name (the column of the covariate table).</summary>
    public required string Name { get; init; }

    /// <summary>The maximum-likelihood estimate γ.</summary>
    public required double Value { get; init; }

    /// <summary>
    /// The asymptotic standard error from the inverse observed information (the Hessian of −LL at the optimum, in the
    /// coordinates the fit works in, where γ enters linearly); <see langword="null"/> when the fit did not converge or
    /// the Hessian is not positive definite.
    /// </summary>
    public required double? StandardError { get; init; }

    /// <summary>The Wald statistic z = γ / SE(γ); <see langword="null"/> without a standard error.</summary>
    public double? Z => StandardError is { } se && se > 0 ? Value / se : null;

    /// <summary>The two-sided p-value 2·(1 − Φ(|z|)) of the Wald test of γ = 0; <see langword="null"/> without a standard error.</summary>
    public double? PValue => Z is { } z ? 2 * Normal.CDF(0, 1, -Math.Abs(z)) : null;

    /// <summary>The Wald interval γ ± z·SE with z the standard normal quantile of (1 + level)/2.</summary>
    /// <param name="confidenceLevel">The confidence level, strictly between 0 and 1 (default 0.95).</param>
    /// <returns>The interval, or <see langword="null"/> without a standard error.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public ConfidenceInterval? Interval(double confidenceLevel = 0.95)
    {
        double z = StandardNormal.CriticalValue(confidenceLevel);
        return StandardError is { } se ? new ConfidenceInterval(Value - (z * se), Value + (z * se), confidenceLevel) : null;
    }

    /// <summary>Formats as <c>log first order = 0.2114 (SE 0.0312)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => StandardError is { } se
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE {se:G3})")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE n/a)");
}

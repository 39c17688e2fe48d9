using System.Globalization;

namespace CxMetrics.Lifetime;

/// <summary>A fitted model parameter with its standard error.</summary>
public sealed record ParameterEstimate
{
    /// <summary>The parameter's name in the source paper (r, alpha, a, b, s, beta, p, q, gamma, delta).</summary>
    public required string Name { get; init; }

    /// <summary>The maximum-likelihood estimate.</summary>
    public required double Value { get; init; }

    /// <summary>
    /// The asymptotic standard error from the inverse observed information (the Hessian of −LL at the optimum, computed
    /// in log-parameters and mapped back by the delta method, SE(θ) = θ·SE(log θ)); <see langword="null"/> when that
    /// Hessian is not positive definite.
    /// </summary>
    public required double? StandardError { get; init; }

    /// <summary>Formats as <c>r = 0.2426 (SE 0.0126)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => StandardError is { } se
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE {se:G3})")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} = {Value:G4} (SE n/a)");
}

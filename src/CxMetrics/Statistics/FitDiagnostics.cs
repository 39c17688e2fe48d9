using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// How a maximum-likelihood fit went — status, log-likelihood, gradient norm, Newton step, evaluations, optimiser and data
/// size — the one diagnostics record of every parametric fit (sBG, BdW, BG/NBD, MBG/NBD, Pareto/NBD, gamma-gamma, BG/BB),
/// all fitted by the same engine with the same work budget (<see cref="FitOptions"/>) and statuses (<see cref="FitStatus"/>).
/// </summary>
/// <remarks>
/// A fit is <see cref="FitStatus.Converged"/> only when it is certified by an absolute test on the summed log-likelihood
/// over log-parameters: <see cref="GradientNorm"/> ≤ <see cref="GradientTolerance"/>, or <see cref="NewtonStep"/> ≤
/// <see cref="StepTolerance"/> with a positive-definite Hessian (a test relative to |log L|, as general-purpose BFGS implementations use,
/// stops early on a large data set).
/// </remarks>
public sealed record FitDiagnostics
{
    /// <summary>The largest gradient component of the summed log-likelihood over log-parameters that certifies an optimum, 1e−6.</summary>
    public const double GradientTolerance = 1e-6;

    /// <summary>The largest Newton-step component in log-parameters (a relative change of each parameter) that certifies an optimum, 1e−8.</summary>
    public const double StepTolerance = 1e-8;

    /// <summary>How the fit ended; only <see cref="FitStatus.Converged"/> and <see cref="FitStatus.ConvergedWithFallback"/> are usable.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>
    /// The log-likelihood at the estimate on the papers' scale: summed over customers, densities in the data's time
    /// unit, all constants included; <see langword="null"/> for <see cref="FitStatus.NoData"/>.
    /// </summary>
    public required double? LogLikelihood { get; init; }

    /// <summary>Optimiser iterations (BFGS plus any fallback).</summary>
    public required int Iterations { get; init; }

    /// <summary>
    /// Passes of the likelihood over the data that the optimisers made, the work that <see cref="FitOptions.MaxEvaluations"/>
    /// bounds (the standard errors' 2k passes are not counted); 0 when there was nothing to fit.
    /// </summary>
    public int Evaluations { get; init; }

    /// <summary>The optimiser that produced the estimate: <c>BFGS</c> or <c>Nelder–Mead + BFGS</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Customers fitted (sum of the row weights).</summary>
    public required double Customers { get; init; }

    /// <summary>Distinct rows after compressing identical customers.</summary>
    public required int Rows { get; init; }

    /// <summary>Largest absolute gradient component of the summed log-likelihood in log-parameters at the estimate; <see cref="double.MaxValue"/>
    /// (never ∞) when the likelihood or a gradient component is not finite there, in which case <see cref="Status"/> is
    /// not converged.</summary>
    public required double GradientNorm { get; init; }

    /// <summary>
    /// Largest component of the Newton step <c>−H⁻¹∇</c> at the estimate, in log-parameters (H the Hessian of −log L by
    /// central differences of the gradient); <see cref="double.MaxValue"/> when H is not positive definite or the fit
    /// stopped before the Newton steps; 0 when there was nothing to fit.
    /// </summary>
    public required double NewtonStep { get; init; }

    /// <summary>Whether the Hessian at the estimate was positive definite (standard errors are available).</summary>
    public required bool HessianPositiveDefinite { get; init; }

    /// <summary>What went wrong, when something did; <see langword="null"/> otherwise.</summary>
    public string? Message { get; init; }

    /// <summary>Whether the parameters are an optimum and may be used for predictions.</summary>
    public bool IsConverged => Status is FitStatus.Converged or FitStatus.ConvergedWithFallback;

    /// <summary>Whether the estimate passes the engine's absolute test: <c>GradientNorm ≤ 1e−6</c> or <c>NewtonStep ≤ 1e−8</c>; true whenever <see cref="IsConverged"/>.</summary>
    public bool IsCertified => GradientNorm <= GradientTolerance || NewtonStep <= StepTolerance;

    /// <summary>Formats as <c>Converged, LL = -9582.43, 24 iterations, 55 evaluations (BFGS)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Status}, LL = {LogLikelihood:0.00}, {Iterations} iterations, {Evaluations} evaluations ({Method}), n = {Customers:0}{(Message is null ? string.Empty : "; " + Message)}");
}

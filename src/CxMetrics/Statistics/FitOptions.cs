namespace CxMetrics.Statistics;

/// <summary>
/// Choices for every maximum-likelihood fit (sBG, BdW, BG/NBD, MBG/NBD, Pareto/NBD, gamma-gamma, BG/BB — all on the one
/// engine, with the same budget and statuses), each with a documented default.
/// </summary>
public sealed record FitOptions
{
    private readonly int maxEvaluations = 2000;

    private readonly double? priorScale;

    /// <summary>The defaults: maximum likelihood with a budget of 2,000 likelihood evaluations.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>
    /// A regularised fit for small or odd data sets: maximum a posteriori with <see cref="PriorScale"/> σ = 2 (each
    /// parameter within a factor e² ≈ 7.4 of the model's start at one prior standard deviation), the default budget.
    /// </summary>
    public static FitOptions Regularised { get; } = new() { PriorScale = 2 };

    /// <summary>
    /// <see langword="null"/> (default): maximum likelihood. A value σ &gt; 0: a regularised fit, the maximum a posteriori
    /// (MAP) estimate under independent weakly informative normal priors on the log-parameters, ln θᵢ ~ N(ln θᵢ⁰, σ²),
    /// centred on the model's documented starting point θ⁰ (shapes 1; a scale such as BG/NBD's α at mean T / mean x, so
    /// the prior follows the data's time unit and currency). The engine maximises LL − Σᵢ (ln θᵢ − ln θᵢ⁰)²/(2σ²): the
    /// prior adds a fixed amount of information while the likelihood's grows with the customers, so on a large base the
    /// MAP equals the maximum-likelihood estimate to a few significant figures, and on a small one the parameters stay
    /// finite where maximum likelihood runs off to a limiting case (<see cref="FitStatus.Boundary"/>). The diagnostics
    /// say so: <see cref="FitDiagnostics.Method"/> starts with "MAP", <see cref="FitDiagnostics.Message"/> names the
    /// prior, <see cref="FitDiagnostics.LogLikelihood"/> is the log-likelihood at the MAP estimate and the standard errors
    /// are the posterior's (Laplace approximation). Chosen over lifetimes' L2 penalizer (c·Σθᵢ² added to the mean
    /// negative log-likelihood), whose weight does not shrink as the base grows and which depends on the time unit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite and greater than 0.</exception>
    public double? PriorScale
    {
        get => priorScale;
        init
        {
            if (value is { } v && (!(v > 0) || double.IsInfinity(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(PriorScale), v, $"the prior scale σ = {v} must be finite and > 0 (or null for maximum likelihood).");
            }

            priorScale = value;
        }
    }

    /// <summary>
    /// The work budget: the most passes of the likelihood over the (compressed) data that the optimiser may make, each
    /// with or without the analytic gradient (a five-point central-difference gradient costs 4k + 1 passes for k parameters; the Newton polish that certifies convergence, 2k gradients per step, is counted too). When
    /// it runs out the fit stops with <see cref="FitStatus.IterationLimit"/> and the best point seen, for diagnosis only.
    /// The standard errors at a converged estimate take 2k more passes, outside the budget. Default 2,000: the published
    /// CDNOW fits take 30–80 passes and a fit of 1,000,000 simulated customers about as many (the number of passes does
    /// not grow with the data, each pass does), so the default only binds on data the model cannot fit; a Pareto/NBD
    /// pass also has a bounded cost (its hypergeometric series are capped), so a few hundred customers fit in well
    /// under a second even when they do not converge.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxEvaluations
    {
        get => maxEvaluations;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxEvaluations));
            maxEvaluations = value;
        }
    }
}

namespace CxMetrics.Statistics;

/// <summary>
/// Choices for every maximum-likelihood fit (sBG, BdW, BG/NBD, MBG/NBD, Pareto/NBD, gamma-gamma, BG/BB — all on the one
/// engine, with the same budget and statuses), each with a documented default.
/// </summary>
public sealed record FitOptions
{
    private readonly int maxEvaluations = 2000;

    /// <summary>The defaults: a budget of 2,000 likelihood evaluations.</summary>
    public static FitOptions Default { get; } = new();

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

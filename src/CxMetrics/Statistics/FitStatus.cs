namespace CxMetrics.Statistics;

/// <summary>How a maximum-likelihood fit ended, the same for every parametric model. Only the two converged states yield usable parameters.</summary>
public enum FitStatus
{
    /// <summary>
    /// The optimiser (BFGS, or the model's planned Nelder–Mead then BFGS), then Newton steps, reached a point certified stationary by an absolute test on the summed log-likelihood: its
    /// largest gradient component in log-parameters is at most 1e−6, or the Newton step is at most 1e−8 in every
    /// log-parameter (the usual outcome).
    /// </summary>
    Converged = 0,

    /// <summary>BFGS failed; the Nelder–Mead fallback (then a BFGS polish and Newton steps) reached a point certified as for <see cref="Converged"/>.</summary>
    ConvergedWithFallback = 1,

    /// <summary>
    /// No usable optimum: the optimisers stopped without a stationary point, or the stationary point found has a Hessian
    /// that is not positive definite or a flat direction (standard error of a log-parameter above 5) — the data do not
    /// identify the model. The parameters are the last iterate, for diagnosis only; predictions refuse them.
    /// </summary>
    NotConverged = 2,

    /// <summary>There was nothing to fit (no rows, or no row that informs the model, e.g. no repeat buyers for Gamma-Gamma).</summary>
    NoData = 3,

    /// <summary>
    /// The work budget (<see cref="FitOptions.MaxEvaluations"/>) ran out before a stationary point was reached. The
    /// parameters are the best point seen, for diagnosis only; predictions refuse them.
    /// </summary>
    IterationLimit = 4,

    /// <summary>
    /// The likelihood keeps rising towards the edge of the parameter space: a parameter runs off to 0 or infinity, so the
    /// maximum is a limiting case of the model rather than a point in it (e.g. sBG with no customer ever lost, or all lost in the first period; Pareto/NBD s, β → ∞ together: every
    /// customer has the same dropout rate s/β; BG/NBD a, b → ∞: the same dropout probability). The parameters are the
    /// last iterate on the way there, for diagnosis only; predictions refuse them. <see cref="FitDiagnostics.Message"/>
    /// names the direction.
    /// </summary>
    Boundary = 5,
}

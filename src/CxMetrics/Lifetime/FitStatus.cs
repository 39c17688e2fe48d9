namespace CxMetrics.Lifetime;

/// <summary>How a maximum-likelihood fit ended. Only the two converged states yield usable parameters.</summary>
public enum FitStatus
{
    /// <summary>BFGS reached a point where the gradient vanishes (the usual outcome).</summary>
    Converged = 0,

    /// <summary>BFGS failed; the Nelder–Mead fallback (then a BFGS polish) reached a stationary point.</summary>
    ConvergedWithFallback = 1,

    /// <summary>
    /// No usable optimum: the iteration limit was hit, a parameter ran off to 0 or infinity, or the stationary point found
    /// has a Hessian that is not positive definite or a flat direction (standard error of a log-parameter above 5) — the
    /// data do not identify the model. The parameters are the last iterate, for diagnosis only; predictions refuse them.
    /// </summary>
    NotConverged = 2,

    /// <summary>There was nothing to fit (no rows, or no row that informs the model, e.g. no repeat buyers for Gamma-Gamma).</summary>
    NoData = 3,
}

namespace CxMetrics.Lifetime;

/// <summary>How a maximum-likelihood fit ended. Only the two converged states yield usable parameters.</summary>
public enum FitStatus
{
    /// <summary>BFGS reached a point where the gradient vanishes (the usual outcome).</summary>
    Converged = 0,

    /// <summary>BFGS failed; the Nelder–Mead fallback (then a BFGS polish) reached a stationary point.</summary>
    ConvergedWithFallback = 1,

    /// <summary>
    /// No stationary point was reached (iteration limit, or a parameter running off to 0 or infinity — the data do not
    /// identify the model). The parameters are the last iterate, for diagnosis only; predictions refuse them.
    /// </summary>
    NotConverged = 2,

    /// <summary>There was nothing to fit (no rows, or no row that informs the model, e.g. no repeat buyers for Gamma-Gamma).</summary>
    NoData = 3,
}

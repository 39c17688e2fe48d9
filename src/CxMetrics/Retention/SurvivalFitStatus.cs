namespace CxMetrics.Retention;

/// <summary>The outcome of a maximum-likelihood fit of a retention model. Read it before using the parameters.</summary>
public enum SurvivalFitStatus
{
    /// <summary>The optimiser met its convergence criteria (gradient and step tolerances).</summary>
    Converged = 0,

    /// <summary>The iteration limit was reached first: the parameters are the best found, not a certified optimum.</summary>
    IterationLimit = 1,

    /// <summary>No finite likelihood could be optimised (e.g. degenerate data): the parameters must not be used.</summary>
    Failed = 2,
}

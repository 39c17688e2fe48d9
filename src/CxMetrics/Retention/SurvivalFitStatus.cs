namespace CxMetrics.Retention;

/// <summary>The outcome of a maximum-likelihood fit of a retention model. Read it before using the parameters.</summary>
public enum SurvivalFitStatus
{
    /// <summary>The optimiser met its convergence criteria (gradient and step tolerances).</summary>
    Converged = 0,

    /// <summary>The iteration limit was reached first: the parameters are the best found, not a certified optimum.</summary>
    IterationLimit = 1,

    /// <summary>No finite likelihood could be optimised: the parameters are the starting point and must not be used.</summary>
    Failed = 2,

    /// <summary>
    /// The likelihood keeps rising towards the edge of the parameter space (e.g. no customer ever churned, or all churned
    /// in the first period): there is no finite maximum; the parameters are where the search stopped (a log-parameter
    /// beyond ±18) and have no standard errors.
    /// </summary>
    Boundary = 3,
}

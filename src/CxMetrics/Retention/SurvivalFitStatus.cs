namespace CxMetrics.Retention;

/// <summary>The outcome of a maximum-likelihood fit of a retention model. Read it before using the parameters.</summary>
public enum SurvivalFitStatus
{
    /// <summary>
    /// The optimum is certified by an absolute test after Newton polishing: the largest gradient component of the
    /// log-likelihood in log-parameters is at most 1e−6, or the Newton step to the optimum of the local quadratic model is at
    /// most 1e−8 in every log-parameter (each parameter within a relative 1e−8).
    /// </summary>
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

    /// <summary>
    /// The optimisers stopped inside the parameter space at a point that fails the absolute convergence test of
    /// <see cref="Converged"/> (or whose Hessian is not positive definite): the parameters are the best found, not a
    /// certified optimum, and have no standard errors.
    /// </summary>
    NotConverged = 4,
}

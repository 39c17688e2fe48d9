namespace CxMetrics.Lifetime;

/// <summary>Where the parameter uncertainty behind <see cref="CustomerValueIntervals"/> comes from.</summary>
public enum CustomerValueIntervalMethod
{
    /// <summary>
    /// Draws from the asymptotic normal of the fitted parameters on the log scale, ln θ* ~ N(ln θ̂, Σ), Σ the inverse
    /// Hessian of −LL at the optimum (the covariance behind the reported standard errors, by the delta method on the log
    /// scale); the purchase and spend models are drawn independently (they are fitted separately). Fast: no refit.
    /// </summary>
    ParameterDraws = 0,

    /// <summary>
    /// The non-parametric bootstrap over customers, as CLVTools' <c>predict(..., uncertainty = "boot")</c>: each draw
    /// resamples the customers with replacement, refits both models with the original fit's options and predicts every
    /// original customer with the refitted parameters. Slower (one refit per draw); a check on the normal approximation.
    /// </summary>
    Bootstrap = 1,
}

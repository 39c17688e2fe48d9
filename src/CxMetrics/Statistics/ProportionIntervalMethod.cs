namespace CxMetrics.Statistics;

/// <summary>How a confidence interval for a single proportion is computed.</summary>
public enum ProportionIntervalMethod
{
    /// <summary>
    /// Wilson score interval (Wilson 1927; Newcombe 1998, method 3): good coverage at small n and near 0 or 1,
    /// never outside [0, 1]. The default.
    /// </summary>
    Wilson = 0,

    /// <summary>Wald interval <c>p ± z·√(p(1−p)/n)</c>, clipped to [0, 1]; poor coverage for small n or extreme p.</summary>
    Wald = 1,

    /// <summary>Agresti–Coull ("adjusted Wald") interval: add z²/2 successes and z²/2 failures, then Wald (Agresti &amp; Coull 1998).</summary>
    AgrestiCoull = 2,
}

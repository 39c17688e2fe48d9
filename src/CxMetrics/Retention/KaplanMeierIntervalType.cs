namespace CxMetrics.Retention;

/// <summary>
/// How the pointwise confidence interval of a Kaplan–Meier curve is formed from Greenwood's variance
/// (R <c>survival::survfit</c>'s <c>conf.type</c>). With <c>σ² = Σ d/(n(n − d))</c> (the variance of log S) and z the
/// normal critical value:
/// </summary>
public enum KaplanMeierIntervalType
{
    /// <summary>
    /// <c>S·exp(±zσ)</c>, upper bound capped at 1: R's default (<c>conf.type = "log"</c>), symmetric on the log-survival
    /// scale; never below 0.
    /// </summary>
    Log = 0,

    /// <summary>
    /// <c>exp(−exp(log(−log S) ± zσ/log S))</c>: symmetric on the log cumulative-hazard scale (<c>"log-log"</c>; the
    /// default of SAS and Stata); stays inside (0, 1). Undefined where S is 0 or 1.
    /// </summary>
    LogLog = 1,

    /// <summary><c>S ± z·S·σ</c> clipped to [0, 1] (<c>"plain"</c>; Greenwood's original linear interval).</summary>
    Plain = 2,
}

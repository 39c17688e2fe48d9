using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// One distinct observed time of a Kaplan–Meier curve (a row of R's <c>summary(survfit(...), censored = TRUE)</c>):
/// the numbers at risk, of events and of censored observations at that time, and the curve just after it.
/// </summary>
/// <remarks>Counts are weighted sums; without weights they are whole numbers. Where the curve has dropped to 0 the
/// Greenwood variance is infinite and <see cref="StandardError"/> and <see cref="Interval"/> are <see langword="null"/>
/// (R prints <c>NaN</c> / <c>NA</c>).</remarks>
public readonly record struct KaplanMeierStep
{
    /// <summary>The time t.</summary>
    public required double Time { get; init; }

    /// <summary>Weight at risk just before t, <c>n(t)</c>: everyone observed at t or later (with delayed entry: whose entry is before t and exit at or after t).</summary>
    public required double AtRisk { get; init; }

    /// <summary>Weight of events (churns) at t, <c>d(t)</c>.</summary>
    public required double Events { get; init; }

    /// <summary>Weight censored at t (still at risk at t, gone after it).</summary>
    public required double Censored { get; init; }

    /// <summary>The survival estimate <c>S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)</c>, in [0, 1].</summary>
    public required double Survival { get; init; }

    /// <summary>Greenwood standard error of S(t): <c>S(t)·√(Σ_{tⱼ ≤ t} dⱼ/(nⱼ(nⱼ − dⱼ)))</c> (R's <c>std.err</c> in <c>summary</c>).</summary>
    public required double? StandardError { get; init; }

    /// <summary>The pointwise confidence interval of S(t) of the fit's <see cref="KaplanMeierIntervalType"/>.</summary>
    public required ConfidenceInterval? Interval { get; init; }
}

using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// Choices of a log-rank test: the Fleming–Harrington weight <c>G(ρ, γ)</c> of each event time,
/// <c>w(t) = Ŝ(t−)^ρ·(1 − Ŝ(t−))^γ</c> with Ŝ the pooled Kaplan–Meier curve (of the stratum) just before t (Harrington &amp;
/// Fleming 1982, Biometrika 69:553; Fleming &amp; Harrington 1991, "Counting Processes and Survival Analysis", §7.3). The
/// default G(0, 0) is the plain log-rank test; R <c>survdiff(rho = ρ)</c> is G(ρ, 0) — ρ = 1 is the Peto–Peto / Prentice
/// modification of the Gehan–Wilcoxon test, weighting early differences; γ &gt; 0 weights late differences.
/// </summary>
public sealed record LogRankOptions : EstimateOptions
{
    private readonly double rho;
    private readonly double gamma;

    /// <summary>The defaults: ρ = γ = 0, the plain log-rank (Mantel–Cox) test.</summary>
    public static LogRankOptions Default { get; } = new();

    /// <summary>The exponent ρ of Ŝ(t−): finite and ≥ 0. Default 0 (R <c>survdiff</c>'s <c>rho</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Rho
    {
        get => rho;
        init => rho = Exponent(value, nameof(Rho));
    }

    /// <summary>The exponent γ of 1 − Ŝ(t−): finite and ≥ 0. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Gamma
    {
        get => gamma;
        init => gamma = Exponent(value, nameof(Gamma));
    }

    private static double Exponent(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value + 0.0
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} must be finite and ≥ 0 (a Fleming–Harrington G(ρ, γ) exponent).");
}

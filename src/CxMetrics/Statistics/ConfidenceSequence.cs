using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Asymptotic confidence sequences (Waudby-Smith, Arnold, Wu, Howard, Ramdas &amp; Ramdas 2021, "Time-uniform central limit
/// theory and asymptotic confidence sequences", arXiv:2103.06476, eq. 9) as GrowthBook's sequential testing implements
/// them: intervals that hold at every look at once, so a test may be read daily and stopped whenever it rejects, at the
/// price of wider intervals than a fixed-horizon test read once. With N units, an estimate's standard error se and
/// <c>s² = se²·N</c>, the half-width is
/// <c>√s²·√(2(Nρ² + 1)·ln(√(Nρ² + 1)/α)/(Nρ)²)</c>, where the mixing parameter
/// <c>ρ = √((−2 ln α + ln(−2 ln α + 1))/N*)</c> (eq. 161) makes the sequence tightest near N* units, the tuning parameter
/// (GrowthBook's <c>sequentialTuningParameter</c>, default 5,000). The always-valid p-value is <c>min(1, 1/E)</c> with
/// <c>E = exp(ρ²·N·(θ̂/se)²/(2(Nρ² + 1)))/√(Nρ² + 1)</c> (eq. 155), so p &lt; α exactly when the sequence excludes 0.
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>GrowthBook's default tuning parameter N*: the sequence is tightest around 5,000 units.</summary>
    public const double DefaultTuningParameter = 5000;

    /// <summary>The confidence sequence around an estimate at its current look (two-sided).</summary>
    /// <param name="estimate">The estimate (e.g. a difference of means or rates).</param>
    /// <param name="standardError">Its standard error at this look, ≥ 0.</param>
    /// <param name="count">Units behind the estimate at this look (both arms together), ≥ 1.</param>
    /// <param name="level">1 − α, the probability that the sequence covers the truth at every look at once.</param>
    /// <param name="tuningParameter">N* &gt; 0: the number of units where the sequence is tightest (default 5,000).</param>
    /// <returns>The interval at this look.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static ConfidenceInterval Interval(double estimate, double standardError, long count, double level = 0.95, double tuningParameter = DefaultTuningParameter)
    {
        Check(estimate, standardError, count, level, tuningParameter);
        double half = HalfWidth(standardError, count, 1 - level, tuningParameter);
        return new ConfidenceInterval(estimate - half, estimate + half, level);
    }

    /// <summary>
    /// The always-valid p-value of "the true value is 0" at this look: the smallest α whose sequence (tuned for
    /// <paramref name="alpha"/>'s ρ) excludes 0; stopping the first time it falls below α keeps the false-positive rate at α.
    /// </summary>
    /// <param name="estimate">The estimate.</param>
    /// <param name="standardError">Its standard error at this look, ≥ 0.</param>
    /// <param name="count">Units behind the estimate, ≥ 1.</param>
    /// <param name="alpha">The significance level the mixture is tuned for (ρ depends on it, as in GrowthBook).</param>
    /// <param name="tuningParameter">N* &gt; 0 (default 5,000).</param>
    /// <returns>The p-value in (0, 1]; 1 when the standard error is 0 and the estimate 0, and a tiny value when the standard error is 0 and the estimate is not.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double PValue(double estimate, double standardError, long count, double alpha = 0.05, double tuningParameter = DefaultTuningParameter)
    {
        Check(estimate, standardError, count, 1 - alpha, tuningParameter, nameof(alpha));
        if (standardError == 0)
        {
            return estimate == 0 ? 1 : double.Epsilon;
        }

        double rho2 = Rho2(alpha, tuningParameter);
        double z = estimate / standardError;
        double t = (count * rho2) + 1;
        double logE = (rho2 * count * z * z / (2 * t)) - (0.5 * Math.Log(t));
        return Math.Min(1, Math.Max(double.Epsilon, Math.Exp(-logE)));
    }

    /// <summary>ρ² of eq. 161: (−2 ln α + ln(−2 ln α + 1))/N*.</summary>
    internal static double Rho2(double alpha, double tuningParameter)
    {
        double l = -2 * Math.Log(alpha);
        return (l + Math.Log(l + 1)) / tuningParameter;
    }

    /// <summary>The half-width of eq. 9 for standard error se with N units: se·√N·√(2(Nρ² + 1)ln(√(Nρ² + 1)/α)/(Nρ)²).</summary>
    internal static double HalfWidth(double standardError, long count, double alpha, double tuningParameter)
    {
        double rho2 = Rho2(alpha, tuningParameter);
        double n = count;
        double t = (n * rho2) + 1;
        return standardError * Math.Sqrt(n) * Math.Sqrt(2 * t * Math.Log(Math.Sqrt(t) / alpha) / (n * n * rho2));
    }

    private static void Check(double estimate, double standardError, long count, double level, double tuningParameter, string levelName = "level")
    {
        Guard.Finite(estimate);
        if (!(standardError >= 0 && double.IsFinite(standardError)))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), standardError, $"standard error {standardError} must be a finite number ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Guard.ConfidenceLevel(level, levelName);
        if (!(tuningParameter > 0 && double.IsFinite(tuningParameter)))
        {
            throw new ArgumentOutOfRangeException(nameof(tuningParameter), tuningParameter, $"the tuning parameter {tuningParameter} must be a positive number of units.");
        }
    }
}

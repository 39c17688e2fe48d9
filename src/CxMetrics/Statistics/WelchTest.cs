using CxMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>
/// Welch's unequal-variance t-test of two means (Welch 1947): <c>t = (x̄₁ − x̄₂)/√(s₁²/n₁ + s₂²/n₂)</c> with the
/// Welch–Satterthwaite degrees of freedom <c>ν = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))</c>.
/// As R's <c>t.test(var.equal = FALSE)</c>.
/// </summary>
public static class WelchTest
{
    /// <summary>Compares two samples' moments.</summary>
    /// <param name="first">First sample (treatment).</param>
    /// <param name="second">Second sample (control).</param>
    /// <param name="level">Confidence level for the difference.</param>
    /// <returns>The comparison; without values unless each side has at least two values and some variance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static MeanComparison From(RunningMoments first, RunningMoments second, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Guard.ConfidenceLevel(level);
        var a = first.ToEstimate(level);
        var b = second.ToEstimate(level);
        if (first.Variance is not { } v1 || second.Variance is not { } v2 || v1 + v2 <= 0)
        {
            return new MeanComparison { First = a, Second = b, Difference = a.Value - b.Value, Interval = null, T = null, DegreesOfFreedom = null, PValue = null };
        }

        double q1 = v1 / first.Count, q2 = v2 / second.Count;
        double se = Math.Sqrt(q1 + q2);
        double df = (q1 + q2) * (q1 + q2) / ((q1 * q1 / (first.Count - 1)) + (q2 * q2 / (second.Count - 1)));
        double difference = first.Mean - second.Mean;
        double t = difference / se;
        double critical = StudentT.InvCDF(0, 1, df, 1 - ((1 - level) / 2));
        return new MeanComparison
        {
            First = a,
            Second = b,
            Difference = difference,
            Interval = new ConfidenceInterval(difference - (critical * se), difference + (critical * se), level),
            T = t,
            DegreesOfFreedom = df,
            PValue = Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t))),
        };
    }
}

using CxMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>
/// CUPED, controlled experiments using pre-experiment data (Deng, Xu, Kohavi &amp; Walker 2013): each arm's mean outcome is
/// adjusted by a pre-period covariate, <c>ȳ_cv = ȳ − θ(x̄ − x̄_pooled)</c>, with one
/// <c>θ = cov(Y, X)/var(X)</c> estimated on the arms pooled (GrowthBook's <c>compute_theta</c>: the covariance and
/// variance of both arms together). The difference of the adjusted means is the unadjusted difference minus
/// <c>θ(x̄₁ − x̄₂)</c>; its variance per arm is <c>(s²_Y + θ²s²_X − 2θ·s_XY)/n</c> with the arm's own sample moments,
/// compared by a Welch t interval on those variances (as GrowthBook's frequentist engine). The variance of the adjusted
/// mean is the unadjusted one times <c>1 − ρ²</c>, ρ the pooled correlation of Y and X.
/// </summary>
public static class Cuped
{
    /// <summary>Compares two groups' outcomes adjusted by their pre-period covariate.</summary>
    /// <param name="first">First group (treatment).</param>
    /// <param name="second">Second group (control).</param>
    /// <param name="level">Confidence level of the interval of the difference.</param>
    /// <returns>
    /// The comparison; θ is 0 (no adjustment) when the pooled covariate or the pooled outcome has no variance. Without two
    /// units and some adjusted variance on each side the adjusted comparison has no interval, t or p (as <see cref="WelchTest"/>).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static CupedComparison From(CupedTally first, CupedTally second, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Guard.ConfidenceLevel(level);
        var pooled = first.Clone().Merge(second);
        double theta = 0, correlation = 0;
        if (pooled.CovariateSumOfSquaredDeviations > 0 && pooled.OutcomeSumOfSquaredDeviations > 0)
        {
            theta = pooled.CoMoment / pooled.CovariateSumOfSquaredDeviations;
            correlation = Math.Clamp(pooled.CoMoment / Math.Sqrt(pooled.CovariateSumOfSquaredDeviations * pooled.OutcomeSumOfSquaredDeviations), -1, 1);
        }

        var unadjusted = WelchTest.From(first.Outcome, second.Outcome, level);
        var a = Adjusted(first, theta, pooled.CovariateMean, level);
        var b = Adjusted(second, theta, pooled.CovariateMean, level);
        double? difference = a.Value - b.Value;
        if (a.StandardError is not { } seA || b.StandardError is not { } seB || (seA * seA) + (seB * seB) <= 0)
        {
            return new CupedComparison
            {
                Theta = theta, Correlation = correlation, Unadjusted = unadjusted,
                Adjusted = new MeanComparison { First = a, Second = b, Difference = difference, Interval = null, T = null, DegreesOfFreedom = null, PValue = null },
            };
        }

        double q1 = seA * seA, q2 = seB * seB;
        double se = Math.Sqrt(q1 + q2);
        double df = (q1 + q2) * (q1 + q2) / ((q1 * q1 / (first.Count - 1)) + (q2 * q2 / (second.Count - 1)));
        double d = difference!.Value, t = d / se;
        double critical = StudentT.InvCDF(0, 1, df, 1 - ((1 - level) / 2));
        return new CupedComparison
        {
            Theta = theta,
            Correlation = correlation,
            Unadjusted = unadjusted,
            Adjusted = new MeanComparison
            {
                First = a, Second = b, Difference = d,
                Interval = new ConfidenceInterval(d - (critical * se), d + (critical * se), level),
                T = t, DegreesOfFreedom = df, PValue = Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t))),
            },
        };
    }

    /// <summary>One arm's adjusted mean <c>ȳ − θ(x̄ − x̄_pooled)</c> with standard deviation √(s²_Y + θ²s²_X − 2θs_XY).</summary>
    private static MeanEstimate Adjusted(CupedTally arm, double theta, double pooledCovariateMean, double level)
    {
        if (arm.Count == 0)
        {
            return new MeanEstimate { Count = 0, EffectiveSampleSize = 0, Value = null, StandardDeviation = null, StandardError = null, Interval = null };
        }

        double mean = arm.OutcomeMean - (theta * (arm.CovariateMean - pooledCovariateMean));
        if (arm.Count < 2)
        {
            return new MeanEstimate { Count = 1, EffectiveSampleSize = 1, Value = mean, StandardDeviation = null, StandardError = null, Interval = null };
        }

        double m2 = arm.OutcomeSumOfSquaredDeviations + (theta * theta * arm.CovariateSumOfSquaredDeviations) - (2 * theta * arm.CoMoment);
        double sd = Math.Sqrt(Math.Max(0, m2) / (arm.Count - 1));
        double se = sd / Math.Sqrt(arm.Count);
        double critical = StudentT.InvCDF(0, 1, arm.Count - 1, 1 - ((1 - level) / 2));
        return new MeanEstimate
        {
            Count = arm.Count, EffectiveSampleSize = arm.Count, Value = mean, StandardDeviation = sd, StandardError = se,
            Interval = new ConfidenceInterval(mean - (critical * se), mean + (critical * se), level),
        };
    }
}

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

    /// <summary>
    /// Power of the two-sided two-sample t-test of means with <paramref name="customersPerArm"/> customers in each arm and a
    /// common standard deviation σ to detect a difference <paramref name="minimumDetectableEffect"/>:
    /// <c>P(T′ &gt; t₁₋α/₂,ν)</c>, T′ noncentral t with ν = 2(n − 1) and noncentrality <c>√(n/2)·δ/σ</c> (as R's
    /// <c>power.t.test</c>, which ignores the far tail). With equal arms and variances Welch's test is this test.
    /// </summary>
    /// <param name="standardDeviation">σ of the outcome per customer (e.g. revenue per visitor), from past data: <see cref="MeanEstimate.StandardDeviation"/>; &gt; 0.</param>
    /// <param name="minimumDetectableEffect">The difference of means δ ≠ 0, in the outcome's unit.</param>
    /// <param name="customersPerArm">Customers in each arm, ≥ 2.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <returns>The power.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double Power(double standardDeviation, double minimumDetectableEffect, long customersPerArm, double alpha = 0.05)
    {
        CheckPlan(standardDeviation, alpha, 0.5);
        if (!(double.IsFinite(minimumDetectableEffect) && minimumDetectableEffect != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffect), minimumDetectableEffect, $"the minimum detectable effect {minimumDetectableEffect} must be a finite difference other than 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(customersPerArm, 2);
        return PowerOf(Math.Abs(minimumDetectableEffect) / standardDeviation, customersPerArm, alpha);
    }

    /// <summary>
    /// Customers per arm for the two-sided two-sample t-test to detect a difference of means <paramref name="minimumDetectableEffect"/>
    /// with the given power: the smallest n with <see cref="Power"/> ≥ power (R's <c>power.t.test(delta, sd, power)</c>
    /// rounded up). Example: σ = 40 (revenue per visitor), δ = 2, α = 0.05, power 0.8 → 6,281 per arm.
    /// </summary>
    /// <param name="standardDeviation">σ of the outcome per customer, from past data; &gt; 0.</param>
    /// <param name="minimumDetectableEffect">The difference of means δ ≠ 0 worth detecting.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>Customers needed in each arm (at least 2).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range, or the effect is so small against σ that the answer passes 10¹⁵ per arm (named <paramref name="minimumDetectableEffect"/>).</exception>
    public static long SampleSizePerArm(double standardDeviation, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8)
    {
        CheckPlan(standardDeviation, alpha, power);
        if (!(double.IsFinite(minimumDetectableEffect) && minimumDetectableEffect != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffect), minimumDetectableEffect, $"the minimum detectable effect {minimumDetectableEffect} must be a finite difference other than 0.");
        }

        double effect = Math.Abs(minimumDetectableEffect) / standardDeviation;
        double z = StandardNormal.CriticalValue(1 - alpha) + MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, power);
        double normal = 2 * z * z / (effect * effect);
        if (!(normal < 1e15))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumDetectableEffect), minimumDetectableEffect, $"an effect of {minimumDetectableEffect} against a standard deviation of {standardDeviation} needs about {normal:G3} customers per arm; ask for a larger effect.");
        }

        // The t-test needs a little more than the normal approximation; search upwards from it by doubling, then bisect.
        long low = 1, high = Math.Max(2, (long)Math.Floor(normal));
        while (PowerOf(effect, high, alpha) < power)
        {
            low = high;
            high *= 2;
        }

        while (high - low > 1)
        {
            long mid = low + ((high - low) / 2);
            if (mid >= 2 && PowerOf(effect, mid, alpha) >= power)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }

    /// <summary>
    /// The smallest difference of means the two-sided two-sample t-test detects with <paramref name="customersPerArm"/>
    /// customers per arm at the given power: δ solving <see cref="Power"/> = power (bisection to 1e-12 relative), as
    /// R's <c>power.t.test(n, sd, power)</c>.
    /// </summary>
    /// <param name="standardDeviation">σ of the outcome per customer, from past data; &gt; 0.</param>
    /// <param name="customersPerArm">Customers in each arm, ≥ 2.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>The difference δ &gt; 0, in the outcome's unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double MinimumDetectableEffect(double standardDeviation, long customersPerArm, double alpha = 0.05, double power = 0.8)
    {
        CheckPlan(standardDeviation, alpha, power);
        ArgumentOutOfRangeException.ThrowIfLessThan(customersPerArm, 2);
        double low = 0, high = 1;
        while (PowerOf(high, customersPerArm, alpha) < power)
        {
            low = high;
            high *= 2;
        }

        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            double mid = (low + high) / 2;
            if (PowerOf(mid, customersPerArm, alpha) >= power)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high * standardDeviation;
    }

    /// <summary>Power at a standardised effect δ/σ with n per arm.</summary>
    private static double PowerOf(double standardisedEffect, long n, double alpha)
    {
        double nu = 2.0 * (n - 1);
        double critical = StudentT.InvCDF(0, 1, nu, 1 - (alpha / 2));
        return NoncentralT.Upper(critical, nu, Math.Sqrt(n / 2.0) * standardisedEffect);
    }

    private static void CheckPlan(double standardDeviation, double alpha, double power)
    {
        if (!(standardDeviation > 0 && double.IsFinite(standardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, $"standard deviation {standardDeviation} must be a positive number.");
        }

        Guard.ConfidenceLevel(1 - alpha, nameof(alpha));
        Guard.ConfidenceLevel(power, nameof(power));
    }
}

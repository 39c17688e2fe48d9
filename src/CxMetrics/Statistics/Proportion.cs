using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Estimates, intervals, comparisons and sample sizes for a share of successes (a binomial proportion):
/// CSAT and CES top-box shares today; churn, conversion and abandonment rates later.
/// </summary>
public static class Proportion
{
    /// <summary>
    /// The one-sample score test of a share against a target share p₀: <c>z = (p̂ − p₀) / √(p₀(1 − p₀)/n)</c> (the standard
    /// error under the null, so the test agrees with the Wilson interval: p₀ lies outside the Wilson interval at level 1 − α
    /// exactly when the two-sided p-value is below α). Source: Wilson (1927), "Probable inference, the law of succession, and
    /// statistical inference", JASA 22; Agresti, "Categorical Data Analysis" (3rd ed., 2013), §1.3.3.
    /// Reference: 81 of 100 against 90% → z = −3, two-sided p = 0.0027, one-sided (below) p = 0.00135.
    /// </summary>
    /// <param name="successes">Successes; 0 ≤ successes ≤ count.</param>
    /// <param name="count">Observations; 0 gives a result without test.</param>
    /// <param name="nullShare">The target share p₀, in (0, 1].</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed count, or the null share is not in (0, 1].</exception>
    public static ProportionTest ScoreTest(long successes, long count, double nullShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (successes > count)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes {successes} cannot exceed the count {count}.");
        }

        if (!(nullShare > 0 && nullShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(nullShare), nullShare, $"the null share {nullShare} must be in (0, 1].");
        }

        if (count == 0)
        {
            return new ProportionTest { Successes = 0, Count = 0, NullShare = nullShare, Share = null, Z = null, PValue = null, PValueBelow = null };
        }

        double share = (double)successes / count;
        if (nullShare == 1)
        {
            double p = successes == count ? 1 : 0;
            return new ProportionTest { Successes = successes, Count = count, NullShare = nullShare, Share = share, Z = null, PValue = p, PValueBelow = p };
        }

        double z = (share - nullShare) / Math.Sqrt(nullShare * (1 - nullShare) / count);
        return new ProportionTest
        {
            Successes = successes,
            Count = count,
            NullShare = nullShare,
            Share = share,
            Z = z,
            PValue = StandardNormal.TwoSidedPValue(z),
            PValueBelow = MathNet.Numerics.Distributions.Normal.CDF(0, 1, z),
        };
    }

    /// <summary>Estimates the share <c>successes / count</c> with its interval.</summary>
    /// <param name="successes">Observations counted as successes; 0 ≤ successes ≤ count.</param>
    /// <param name="count">All observations; 0 gives an estimate without value.</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    /// <param name="method">Interval method (default Wilson).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, successes exceed count, or the level is not in (0, 1).</exception>
    public static ProportionEstimate FromCounts(long successes, long count, double level = 0.95, ProportionIntervalMethod method = ProportionIntervalMethod.Wilson)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (successes > count)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes {successes} cannot exceed the count {count}.");
        }

        return count == 0
            ? FromWeightedCounts(0, 0, 0, 0, level, method)
            : FromWeightedCounts(successes, count, (double)successes / count, count, level, method);
    }

    /// <summary>
    /// Estimates a weighted share: <paramref name="share"/> is <c>Σw·success/Σw</c>, and the interval treats the data as
    /// <paramref name="effectiveSampleSize"/> independent observations (Kish 1965: <c>n_eff = (Σw)²/Σw²</c>).
    /// </summary>
    /// <param name="successes">Unweighted number of successes (reported, not used in the arithmetic).</param>
    /// <param name="count">Unweighted number of observations.</param>
    /// <param name="share">The weighted share in [0, 1].</param>
    /// <param name="effectiveSampleSize">Kish's effective sample size, 0 ≤ n_eff ≤ count.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="method">Interval method.</param>
    /// <returns>The estimate; without value when <paramref name="count"/> is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1; <paramref name="successes"/>, <paramref name="count"/> or <paramref name="effectiveSampleSize"/> is negative; <paramref name="effectiveSampleSize"/> is not finite; or <paramref name="share"/> is not in [0, 1].</exception>
    public static ProportionEstimate FromWeightedCounts(long successes, long count, double share, double effectiveSampleSize, double level = 0.95, ProportionIntervalMethod method = ProportionIntervalMethod.Wilson)
    {
        Guard.ConfidenceLevel(level);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Guard.Probability(share);
        Guard.Finite(effectiveSampleSize);
        ArgumentOutOfRangeException.ThrowIfNegative(effectiveSampleSize);
        if (count == 0 || effectiveSampleSize <= 0)
        {
            return new ProportionEstimate
            {
                Successes = successes, Count = count, EffectiveSampleSize = effectiveSampleSize,
                Value = null, StandardError = null, Interval = null, Method = method,
            };
        }

        return new ProportionEstimate
        {
            Successes = successes,
            Count = count,
            EffectiveSampleSize = effectiveSampleSize,
            Value = share,
            StandardError = Math.Sqrt(share * (1 - share) / effectiveSampleSize),
            Interval = Interval(share, effectiveSampleSize, level, method),
            Method = method,
        };
    }

    /// <summary>
    /// A confidence interval for a share <paramref name="share"/> observed on <paramref name="n"/> observations.
    /// </summary>
    /// <remarks>
    /// Wilson: <c>(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)</c> (Wilson 1927; Newcombe 1998, Stat. Med. 17:857–872, method 3).
    /// Wald: <c>p ± z·√(p(1−p)/n)</c>. Agresti–Coull: Wald on <c>ñ = n + z²</c>, <c>p̃ = (np + z²/2)/ñ</c>.
    /// All are clipped to [0, 1].
    /// </remarks>
    /// <param name="share">Observed share in [0, 1].</param>
    /// <param name="n">Number of (effective) observations, &gt; 0.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="method">Interval method.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is not in [0, 1], <paramref name="n"/> is not finite and greater than 0, or <paramref name="method"/> is not a defined method.</exception>
    public static ConfidenceInterval Interval(double share, double n, double level = 0.95, ProportionIntervalMethod method = ProportionIntervalMethod.Wilson)
    {
        Guard.Probability(share);
        if (!(n > 0) || double.IsInfinity(n))
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"the number of observations {n} must be finite and greater than 0.");
        }

        double z = StandardNormal.CriticalValue(level);
        double lower, upper;
        switch (method)
        {
            case ProportionIntervalMethod.Wilson:
            {
                double z2 = z * z;
                double denominator = 1 + (z2 / n);
                double centre = (share + (z2 / (2 * n))) / denominator;
                double half = z * Math.Sqrt((share * (1 - share) / n) + (z2 / (4 * n * n))) / denominator;

                // The Wilson interval always contains p; Min/Max only undo rounding at p = 0 or 1.
                (lower, upper) = (Math.Min(share, centre - half), Math.Max(share, centre + half));
                break;
            }

            case ProportionIntervalMethod.Wald:
            {
                double half = z * Math.Sqrt(share * (1 - share) / n);
                (lower, upper) = (share - half, share + half);
                break;
            }

            case ProportionIntervalMethod.AgrestiCoull:
            {
                double nTilde = n + (z * z);
                double pTilde = ((share * n) + (z * z / 2)) / nTilde;
                double half = z * Math.Sqrt(pTilde * (1 - pTilde) / nTilde);
                (lower, upper) = (pTilde - half, pTilde + half);
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, $"unknown interval method {method}.");
        }

        return new ConfidenceInterval(Math.Clamp(lower, 0, 1), Math.Clamp(upper, 0, 1), level);
    }

    /// <summary>
    /// Compares two shares: difference <c>p₁ − p₂</c>, Newcombe's hybrid score interval (1998, method 10, built from the
    /// two Wilson intervals) and the pooled two-proportion z-test <c>z = (p₁ − p₂)/√(p̄(1−p̄)(1/n₁ + 1/n₂))</c>.
    /// </summary>
    /// <param name="first">The first share (e.g. this period).</param>
    /// <param name="second">The second share (e.g. the previous period).</param>
    /// <param name="level">Confidence level for the difference's interval.</param>
    /// <returns>The comparison; without values when either side has no observations. The z-test needs a pooled standard
    /// error above 0: with p̄ = 0 or 1 both shares are equal and z = 0, p = 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    public static ProportionComparison Compare(ProportionEstimate first, ProportionEstimate second, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Guard.ConfidenceLevel(level);
        if (first.Value is not { } p1 || second.Value is not { } p2)
        {
            return new ProportionComparison { First = first, Second = second, Difference = null, Interval = null, Z = null, PValue = null };
        }

        double n1 = first.EffectiveSampleSize, n2 = second.EffectiveSampleSize;
        var w1 = Interval(p1, n1, level);
        var w2 = Interval(p2, n2, level);
        double difference = p1 - p2;
        double lower = difference - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        double upper = difference + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower));

        double pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        double se = Math.Sqrt(pooled * (1 - pooled) * ((1 / n1) + (1 / n2)));
        double? z = ZStatistic(difference, se);
        return new ProportionComparison
        {
            First = first,
            Second = second,
            Difference = difference,
            Interval = new ConfidenceInterval(Math.Max(-1, lower), Math.Min(1, upper), level),
            Z = z,
            PValue = TwoSidedPValue(z),
        };
    }

    /// <summary>
    /// Responses needed so that the half-width of a Wald interval is at most <paramref name="margin"/>:
    /// <c>n = ⌈z²·p(1−p)/E²⌉</c>, optionally with the finite-population correction <c>n/(1 + (n − 1)/N)</c>.
    /// </summary>
    /// <param name="margin">Target margin of error as a share (0.05 = ±5 percentage points), in (0, 1).</param>
    /// <param name="expectedShare">Expected share; 0.5 (the default) is the worst case, p(1 − p) at its largest: omit it when the share is unknown.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="population">Size of a finite population surveyed, or <see langword="null"/> for an infinite one.</param>
    /// <returns>The number of responses (at most the population when one is given).</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An input is out of range, or (without a population) <paramref name="margin"/> is so small that the answer passes the
    /// largest count, <see cref="long.MaxValue"/> — the exception names the margin rather than answering a saturated number.
    /// </exception>
    public static long SampleSizeForMargin(double margin, double expectedShare = 0.5, double level = 0.95, long? population = null)
    {
        if (!(margin > 0 && margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"margin {margin} must be a share strictly between 0 and 1 (0.05 = ±5 points).");
        }

        Guard.Probability(expectedShare);
        double z = StandardNormal.CriticalValue(level);
        return FinitePopulation(z * z * expectedShare * (1 - expectedShare) / (margin * margin), population, nameof(margin), margin);
    }

    /// <summary>
    /// Sample size per arm to detect an absolute change of <paramref name="minimumDetectableEffect"/> from
    /// <paramref name="baseline"/> with a two-sided two-proportion z-test (equal arms):
    /// <c>n = (z₁₋α/₂·√(2p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₁ − p₂)²</c> with <c>p₂ = p₁ + MDE</c> and
    /// <c>p̄ = (p₁ + p₂)/2</c> (Fleiss, Levin &amp; Paik 2003, eq. 4.14, without continuity correction).
    /// Example: 10% baseline, MDE 0.02 (10% → 12%), α = 0.05, power 0.8 → 3,841 per arm.
    /// </summary>
    /// <remarks>The worst case for a given MDE is the baseline nearest 0.5 (largest variance): pass 0.5 - MDE/2 when the
    /// baseline is unknown.</remarks>
    /// <param name="baseline">Control rate p₁ in (0, 1).</param>
    /// <param name="minimumDetectableEffect">The smallest absolute change worth detecting, as a share (0.02 = 2 points;
    /// negative for a drop); p₁ + MDE must lie in (0, 1) and MDE must not be 0.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>Customers needed in each arm (at least 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An input is out of range, or <paramref name="minimumDetectableEffect"/> is so small that the answer passes the
    /// largest count, <see cref="long.MaxValue"/> (the exception names <paramref name="minimumDetectableEffect"/>).
    /// </exception>
    public static long SampleSizePerArm(double baseline, double minimumDetectableEffect, double alpha = 0.05, double power = 0.8) =>
        RoundUp(PerArm(baseline, baseline + minimumDetectableEffect, alpha, power, nameof(minimumDetectableEffect)), nameof(minimumDetectableEffect), minimumDetectableEffect);

    /// <summary>
    /// Power of the two-sided two-proportion z-test with <paramref name="customersPerArm"/> customers in each of two arms to
    /// detect an absolute change of <paramref name="minimumDetectableEffect"/> from <paramref name="baseline"/>:
    /// <c>Φ((√n·|p₁ − p₂| − z₁₋α/₂·√(2p̄(1−p̄)))/√(p₁(1−p₁) + p₂(1−p₂)))</c>, the formula of
    /// <see cref="SampleSizePerArm"/> solved for the power (as R's <c>power.prop.test</c>, which ignores the far tail).
    /// </summary>
    /// <param name="baseline">Control rate p₁ in (0, 1).</param>
    /// <param name="minimumDetectableEffect">The absolute change (0.02 = 2 points; negative for a drop); p₁ + MDE in (0, 1), not 0.</param>
    /// <param name="customersPerArm">Customers in each arm, ≥ 1.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <returns>The power, in (0, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double Power(double baseline, double minimumDetectableEffect, long customersPerArm, double alpha = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customersPerArm);
        CheckPlan(baseline, baseline + minimumDetectableEffect, alpha, 0.5, nameof(minimumDetectableEffect));
        return PowerOf(baseline, baseline + minimumDetectableEffect, customersPerArm, alpha);
    }

    /// <summary>
    /// The smallest absolute rise from <paramref name="baseline"/> the two-proportion z-test detects with
    /// <paramref name="customersPerArm"/> customers per arm at the given power: the p₂ &gt; p₁ solving
    /// <see cref="SampleSizePerArm"/>'s formula for n (found by bisection to 1e-12), as R's
    /// <c>power.prop.test(n, p1, power)</c>. A drop of the same size needs slightly fewer customers when p₁ &lt; 0.5.
    /// </summary>
    /// <param name="baseline">Control rate p₁ in (0, 1).</param>
    /// <param name="customersPerArm">Customers in each arm, ≥ 1.</param>
    /// <param name="alpha">Two-sided significance level (default 0.05).</param>
    /// <param name="power">Power 1 − β (default 0.8).</param>
    /// <returns>The effect p₂ − p₁ &gt; 0, or <see langword="null"/> when even p₂ → 1 is not detectable with so few customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    public static double? MinimumDetectableEffect(double baseline, long customersPerArm, double alpha = 0.05, double power = 0.8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customersPerArm);
        CheckPlan(baseline, (baseline + 1) / 2, alpha, power, nameof(baseline));
        double low = 0, high = 1 - baseline;
        if (PowerOf(baseline, 1 - 1e-12, customersPerArm, alpha) < power)
        {
            return null;
        }

        for (int i = 0; i < 200 && high - low > 1e-13; i++)
        {
            double mid = (low + high) / 2;
            if (mid > 0 && PowerOf(baseline, baseline + mid, customersPerArm, alpha) >= power)
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

    private static double PowerOf(double baseline, double target, double n, double alpha)
    {
        double zAlpha = StandardNormal.CriticalValue(1 - alpha);
        double mean = (baseline + target) / 2;
        double numerator = (Math.Sqrt(n) * Math.Abs(target - baseline)) - (zAlpha * Math.Sqrt(2 * mean * (1 - mean)));
        return MathNet.Numerics.Distributions.Normal.CDF(0, 1, numerator / Math.Sqrt((baseline * (1 - baseline)) + (target * (1 - target))));
    }

    private static void CheckPlan(double baseline, double target, double alpha, double power, string effectName)
    {
        if (!(baseline > 0 && baseline < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, $"baseline {baseline} must be a rate strictly between 0 and 1.");
        }

        if (!(target > 0 && target < 1) || baseline == target)
        {
            throw new ArgumentOutOfRangeException(effectName, target - baseline, $"the minimum detectable effect {target - baseline} must not be 0 and must keep baseline + effect ({target}) strictly between 0 and 1.");
        }

        Guard.ConfidenceLevel(1 - alpha, nameof(alpha));
        Guard.ConfidenceLevel(power, nameof(power));
    }

    /// <summary>The unrounded sample size per arm of <see cref="SampleSizePerArm"/>.</summary>
    internal static double PerArm(double baseline, double target, double alpha, double power, string paramName)
    {
        if (!(baseline > 0 && baseline < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, $"baseline {baseline} must be a rate strictly between 0 and 1.");
        }

        if (!(target > 0 && target < 1) || baseline == target)
        {
            throw new ArgumentOutOfRangeException(paramName, target - baseline, $"the minimum detectable effect {target - baseline} must not be 0 and must keep baseline + effect ({target}) strictly between 0 and 1.");
        }

        Guard.ConfidenceLevel(1 - alpha, nameof(alpha));
        Guard.ConfidenceLevel(power, nameof(power));
        double zAlpha = StandardNormal.CriticalValue(1 - alpha);
        double zBeta = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, power);
        double mean = (baseline + target) / 2;
        double root = (zAlpha * Math.Sqrt(2 * mean * (1 - mean))) + (zBeta * Math.Sqrt((baseline * (1 - baseline)) + (target * (1 - target))));
        return root * root / ((baseline - target) * (baseline - target));
    }

    /// <summary>
    /// Rounds a required sample size up, after the finite-population correction when a population is given (an infinite
    /// requirement from a finite population is the whole population).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size passes <see cref="long.MaxValue"/>; names <paramref name="paramName"/>.</exception>
    internal static long FinitePopulation(double n, long? population, string paramName, double value)
    {
        if (population is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(population));
            n = double.IsPositiveInfinity(n) ? size : n / (1 + ((n - 1) / size));
        }

        return RoundUp(n, paramName, value);
    }

    /// <summary>Rounds a required sample size up to a count of at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The size is at least 2⁶³ (or not a number), so no <see cref="long"/> holds it; names <paramref name="paramName"/>, the input
    /// that asks for it.
    /// </exception>
    internal static long RoundUp(double n, string paramName, double value)
    {
        double up = Math.Ceiling(n - 1e-9);
        if (!(up < 9.2233720368547758e18))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                $"{paramName} {value} needs a sample of {n:G3}, beyond the largest count {long.MaxValue}; ask for a coarser {paramName}.");
        }

        return Math.Max(1, (long)up);
    }

    /// <summary>
    /// The z statistic <c>Δ/SE</c>. With a zero standard error it is 0 when the difference is 0 too (identical degenerate
    /// samples compare as equal, p = 1: the documented convention) and <see langword="null"/> otherwise: a non-zero
    /// difference measured against no sampling variation has no z (it used to be ±∞, which no result may carry).
    /// </summary>
    internal static double? ZStatistic(double difference, double standardError) =>
        standardError > 0 ? difference / standardError
        : difference == 0 ? 0
        : null;

    /// <summary>The two-sided p-value of a z statistic, <see langword="null"/> when the statistic is undefined.</summary>
    internal static double? TwoSidedPValue(double? z) => z is { } value ? StandardNormal.TwoSidedPValue(value) : null;

    private static double Square(double x) => x * x;
}

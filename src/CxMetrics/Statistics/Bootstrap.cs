using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Percentile bootstrap intervals (Efron &amp; Tibshirani 1993, ch. 13) and bias-corrected and accelerated (BCa) ones
/// (Efron 1987), reproducible from a seed: the same data, seed and number of resamples give the same interval on every
/// machine.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// Percentile interval for the difference of means <c>mean(first) − mean(second)</c>: each resample draws each sample
    /// with replacement at its own size; the interval is the (α/2, 1 − α/2) quantiles (type 7) of the resampled
    /// differences. Robust to the heavy right tail of revenue per customer, where the t interval is too optimistic.
    /// </summary>
    /// <param name="first">First sample (treatment); finite values.</param>
    /// <param name="second">Second sample (control); finite values.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="resamples">Number of resamples (≥ 100; 2,000 is a common choice for intervals).</param>
    /// <param name="seed">Seed of the deterministic generator.</param>
    /// <returns>The interval, or <see langword="null"/> when a sample is empty.</returns>
    /// <exception cref="ArgumentException">A value is not finite, or fewer than 100 resamples are asked for.</exception>
    public static ConfidenceInterval? MeanDifference(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double level = 0.95, int resamples = 2000, ulong seed = 1)
    {
        if (!Validate(first, second, level, resamples))
        {
            return null;
        }

        return Percentile(Replicates(first, second, resamples, seed), level);
    }

    /// <summary>
    /// The BCa interval (Efron 1987; Efron &amp; Tibshirani 1993, ch. 14) for the difference of means
    /// <c>mean(first) − mean(second)</c>, beside the percentile interval of the same resamples (the same seed gives the
    /// interval <see cref="MeanDifference"/> gives). The bias correction is <c>z₀ = Φ⁻¹(#{θ* &lt; θ̂}/B)</c>; the
    /// acceleration <c>a = Σl³/(6(Σl²)^{3/2})</c> from the jackknife influence values of each sample, scaled to the
    /// combined sample, <c>l = (n/nₖ)·(nₖ − 1)(θ̂₍.₎ − θ̂₍ᵢ₎)</c> — for a mean difference <c>(n/n₁)(xᵢ − x̄)</c> and
    /// <c>−(n/n₂)(yⱼ − ȳ)</c> (Davison &amp; Hinkley 1997, §3.2 and §5.3); the end points are the
    /// <c>Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α)))</c> quantiles of the resamples, interpolated on the normal scale as R's
    /// <c>boot.ci(type = "bca")</c> does.
    /// </summary>
    /// <param name="first">First sample (treatment); finite values.</param>
    /// <param name="second">Second sample (control); finite values.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="resamples">Number of resamples (≥ 100; BCa needs more than the percentile interval: 2,000 or more).</param>
    /// <param name="seed">Seed of the deterministic generator.</param>
    /// <returns>
    /// The intervals, or <see langword="null"/> when a sample is empty; <see cref="BcaInterval.Interval"/> is
    /// <see langword="null"/> when z₀ is infinite (every resample on one side of the estimate, e.g. constant samples).
    /// </returns>
    /// <exception cref="ArgumentException">A value is not finite, or fewer than 100 resamples are asked for.</exception>
    public static BcaInterval? MeanDifferenceBca(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double level = 0.95, int resamples = 2000, ulong seed = 1)
    {
        if (!Validate(first, second, level, resamples))
        {
            return null;
        }

        var sorted = Replicates(first, second, resamples, seed);
        double estimate = Mean(first) - Mean(second);
        double acceleration = Acceleration(first, second);
        var (interval, z0) = Bca(sorted, estimate, acceleration, level);
        return new BcaInterval
        {
            Estimate = estimate,
            Interval = interval,
            Percentile = Percentile(sorted, level),
            BiasCorrection = z0,
            Acceleration = acceleration,
            Resamples = resamples,
        };
    }

    /// <summary>The sorted resampled differences of means; the generator's draws are the same for every caller.</summary>
    private static double[] Replicates(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int resamples, ulong seed)
    {
        var random = new SplitMix64(seed);
        var differences = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            differences[r] = ResampledMean(first, random) - ResampledMean(second, random);
        }

        Array.Sort(differences);
        return differences;
    }

    private static ConfidenceInterval Percentile(double[] sorted, double level)
    {
        double alpha = 1 - level;
        return new ConfidenceInterval(
            Quantile.OfSorted(sorted, alpha / 2)!.Value,
            Quantile.OfSorted(sorted, 1 - (alpha / 2))!.Value,
            level);
    }

    /// <summary>
    /// The jackknife acceleration of a difference of means with each sample's influence values scaled to the combined
    /// sample: <c>a = Σl³/(6(Σl²)^{3/2})</c>, <c>l = (n/n₁)(xᵢ − x̄)</c>, <c>−(n/n₂)(yⱼ − ȳ)</c>; 0 without spread.
    /// </summary>
    internal static double Acceleration(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        double n = first.Length + second.Length;
        double s2 = 0, s3 = 0;
        Accumulate(first, n / first.Length, ref s2, ref s3);
        Accumulate(second, -n / second.Length, ref s2, ref s3);
        return s2 > 0 ? s3 / (6 * Math.Pow(s2, 1.5)) : 0;

        static void Accumulate(ReadOnlySpan<double> sample, double scale, ref double s2, ref double s3)
        {
            double mean = Mean(sample);
            for (int i = 0; i < sample.Length; i++)
            {
                double l = scale * (sample[i] - mean);
                s2 += l * l;
                s3 += l * l * l;
            }
        }
    }

    /// <summary>
    /// The BCa end points from sorted replicates, the estimate and the acceleration: <c>z₀ = Φ⁻¹(#{θ* &lt; θ̂}/B)</c>, the
    /// adjusted levels <c>Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z)))</c> and R's <c>norm.inter</c> order statistics; no interval
    /// (and z₀ infinite) when every replicate lies on one side.
    /// </summary>
    internal static (ConfidenceInterval? Interval, double BiasCorrection) Bca(double[] sorted, double estimate, double acceleration, double level)
    {
        int below = 0;
        while (below < sorted.Length && sorted[below] < estimate)
        {
            below++;
        }

        double z0 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (double)below / sorted.Length);
        if (!double.IsFinite(z0))
        {
            return (null, z0);
        }

        double zLow = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 - level) / 2);
        double lower = NormalInterpolated(sorted, Adjusted(z0, zLow, acceleration));
        double upper = NormalInterpolated(sorted, Adjusted(z0, -zLow, acceleration));
        return (new ConfidenceInterval(lower, upper, level), z0);

        static double Adjusted(double z0, double z, double a) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, z0 + ((z0 + z) / (1 - (a * (z0 + z)))));
    }

    /// <summary>
    /// The α quantile of sorted replicates as R's <c>boot:::norm.inter</c> (Davison &amp; Hinkley 1997, eq. 5.8): order
    /// statistic <c>(B + 1)α</c>, interpolated between its neighbours on the normal quantile scale; the extremes outside.
    /// </summary>
    internal static double NormalInterpolated(double[] sorted, double alpha)
    {
        int b = sorted.Length;
        double rank = (b + 1) * alpha;
        long k = (long)Math.Truncate(rank);
        if (k <= 0)
        {
            return sorted[0];
        }

        if (k >= b)
        {
            return sorted[b - 1];
        }

        if (k == rank)
        {
            return sorted[k - 1];
        }

        double q = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, alpha);
        double qk = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, k / (b + 1.0));
        double qk1 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (k + 1) / (b + 1.0));
        double tk = sorted[k - 1], tk1 = sorted[k];
        return tk + ((q - qk) / (qk1 - qk) * (tk1 - tk));
    }

    private static double Mean(ReadOnlySpan<double> sample)
    {
        double sum = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            sum += sample[i];
        }

        return sum / sample.Length;
    }

    private static double ResampledMean(ReadOnlySpan<double> sample, SplitMix64 random)
    {
        double sum = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            sum += sample[random.NextInt(sample.Length)];
        }

        return sum / sample.Length;
    }

    /// <summary>Checks the arguments of the mean-difference intervals; false when a sample is empty (no interval).</summary>
    private static bool Validate(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double level, int resamples)
    {
        Guard.ConfidenceLevel(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        CheckFinite(first, nameof(first));
        CheckFinite(second, nameof(second));
        return !first.IsEmpty && !second.IsEmpty;
    }

    private static void CheckFinite(ReadOnlySpan<double> sample, string name)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            if (!double.IsFinite(sample[i]))
            {
                throw new ArgumentException($"value {sample[i]} at position {i} is not a finite number.", name);
            }
        }
    }
}

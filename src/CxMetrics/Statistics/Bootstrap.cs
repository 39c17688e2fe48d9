using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Percentile bootstrap intervals (Efron &amp; Tibshirani 1993, ch. 13), reproducible from a seed: the same data, seed and
/// number of resamples give the same interval on every machine.
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
        Guard.ConfidenceLevel(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 100);
        CheckFinite(first, nameof(first));
        CheckFinite(second, nameof(second));
        if (first.IsEmpty || second.IsEmpty)
        {
            return null;
        }

        var random = new SplitMix64(seed);
        var differences = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            differences[r] = ResampledMean(first, random) - ResampledMean(second, random);
        }

        Array.Sort(differences);
        double alpha = 1 - level;
        return new ConfidenceInterval(
            Quantile.OfSorted(differences, alpha / 2)!.Value,
            Quantile.OfSorted(differences, 1 - (alpha / 2))!.Value,
            level);
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

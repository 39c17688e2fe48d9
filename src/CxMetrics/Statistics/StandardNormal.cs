using CxMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>Quantiles and tail probabilities of the standard normal distribution used by the intervals and tests.</summary>
public static class StandardNormal
{
    /// <summary>
    /// The two-sided critical value <c>z = Φ⁻¹(1 − (1 − level)/2)</c>: 1.959964 for a 95% level.
    /// </summary>
    /// <param name="level">Confidence level, strictly between 0 and 1.</param>
    /// <returns>The critical value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static double CriticalValue(double level)
    {
        Guard.ConfidenceLevel(level);
        return Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
    }

    /// <summary>The two-sided p-value <c>2·Φ(−|z|)</c> of a z statistic (computed in the lower tail to keep precision).</summary>
    /// <param name="z">The z statistic.</param>
    /// <returns>The p-value in [0, 1]; <see cref="double.NaN"/> when <paramref name="z"/> is NaN.</returns>
    public static double TwoSidedPValue(double z) => double.IsNaN(z) ? double.NaN : Math.Min(1.0, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
}

using CxMetrics.Internal;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Statistics;

/// <summary>
/// Rates of events over an exposure (tickets per 1,000 active-user hours, incidents per 100 orders, …) under a Poisson
/// model, with the exact interval of Garwood (1936).
/// </summary>
public static class PoissonRate
{
    /// <summary>
    /// The exact (Garwood 1936, Biometrika 28:437–442) two-sided interval for the mean of a Poisson count <paramref name="events"/>:
    /// <c>[χ²(α/2; 2k)/2, χ²(1 − α/2; 2k + 2)/2]</c>, computed as gamma quantiles
    /// <c>[G⁻¹(α/2; k, 1), G⁻¹(1 − α/2; k + 1, 1)]</c>; the lower bound is 0 when k = 0. It is conservative: its coverage is
    /// at least the nominal level for every mean. R: <c>poisson.test(k)$conf.int</c>.
    /// </summary>
    /// <param name="events">The observed count k ≥ 0.</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    /// <returns>The interval for the expected count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or the level is not in (0, 1).</exception>
    public static ConfidenceInterval CountInterval(long events, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        Guard.ConfidenceLevel(level);
        double alpha = 1 - level;
        double lower = events == 0 ? 0 : Gamma.InvCDF(events, 1, alpha / 2);
        double upper = Gamma.InvCDF(events + 1, 1, 1 - (alpha / 2));
        return new ConfidenceInterval(lower, upper, level);
    }

    /// <summary>
    /// The rate <c>per × events / exposure</c> with its exact interval (the count interval of <see cref="CountInterval"/>
    /// divided by the exposure). Reference: 30 tickets in 1,200 active-user hours → 25 per 1,000 h, 95% CI [16.87, 35.69].
    /// </summary>
    /// <param name="events">The number of events, ≥ 0.</param>
    /// <param name="exposure">The exposure (hours, users, …), finite and ≥ 0; 0 (with 0 events) gives no estimate.</param>
    /// <param name="per">The scale of the rate, e.g. 1,000 for "per 1,000 hours"; finite and &gt; 0 (default 1).</param>
    /// <param name="level">Confidence level (default 0.95).</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or events were counted without exposure.</exception>
    public static RateEstimate FromCounts(long events, double exposure, double per = 1, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        Guard.Finite(exposure);
        ArgumentOutOfRangeException.ThrowIfNegative(exposure);
        Guard.Finite(per);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(per);
        Guard.ConfidenceLevel(level);
        if (exposure == 0)
        {
            if (events > 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exposure), exposure, $"{events} events were counted in an exposure of 0; a rate needs exposure > 0.");
            }

            return new RateEstimate { Events = 0, Exposure = 0, Per = per, Value = null, StandardError = null, Interval = null };
        }

        var count = CountInterval(events, level);
        double scale = per / exposure;
        return new RateEstimate
        {
            Events = events,
            Exposure = exposure,
            Per = per,
            Value = events * scale,
            StandardError = Math.Sqrt(events) * scale,
            Interval = new ConfidenceInterval(count.Lower * scale, count.Upper * scale, level),
        };
    }
}

using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// Count, mean and sum of squared deviations of a stream of numbers (revenue per customer, handle times), updated by
/// Welford's method and merged by Chan, Golub &amp; LeVeque's (1979) pairwise formula, so shards combine exactly as
/// far as floating point allows and without the cancellation of naive sum-of-squares.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own accumulator and merge them.</remarks>
public sealed class RunningMoments
{
    /// <summary>Number of values.</summary>
    public long Count { get; private set; }

    /// <summary>Mean of the values (0 when empty).</summary>
    public double Mean { get; private set; }

    /// <summary>Sum of squared deviations from the mean, M₂.</summary>
    public double SumOfSquaredDeviations { get; private set; }

    /// <summary>Sample variance <c>M₂/(n − 1)</c>, or <see langword="null"/> with fewer than two values.</summary>
    public double? Variance => Count > 1 ? SumOfSquaredDeviations / (Count - 1) : null;

    /// <summary>A tally from its parts (count, mean, M₂), e.g. computed by a database.</summary>
    /// <param name="count">Number of values.</param>
    /// <param name="mean">Their mean.</param>
    /// <param name="sumOfSquaredDeviations">Σ(x − mean)², ≥ 0.</param>
    /// <returns>The accumulator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or <paramref name="mean"/> or <paramref name="sumOfSquaredDeviations"/> is not finite, or <paramref name="sumOfSquaredDeviations"/> is negative.</exception>
    public static RunningMoments FromParts(long count, double mean, double sumOfSquaredDeviations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(mean) || !double.IsFinite(sumOfSquaredDeviations) || sumOfSquaredDeviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sumOfSquaredDeviations), sumOfSquaredDeviations, $"mean {mean} and sum of squared deviations {sumOfSquaredDeviations} must be finite, the latter ≥ 0.");
        }

        return new RunningMoments { Count = count, Mean = count == 0 ? 0 : mean, SumOfSquaredDeviations = count == 0 ? 0 : sumOfSquaredDeviations };
    }

    /// <summary>Adds a value.</summary>
    /// <param name="value">A finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    /// <exception cref="OverflowException">The accumulator already counts <see cref="long.MaxValue"/> values.</exception>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"value {value} must be a finite number.");
        }

        Count = CheckedCount.Add(Count, 1, "the value count");
        double delta = value - Mean;
        Mean += delta / Count;
        SumOfSquaredDeviations += delta * (value - Mean);
    }

    /// <summary>Adds another accumulator into this one (Chan et al. 1979).</summary>
    /// <param name="other">The accumulator to add.</param>
    /// <returns>This accumulator.</returns>
    /// <exception cref="OverflowException">The merged count would pass <see cref="long.MaxValue"/>; this accumulator is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public RunningMoments Merge(RunningMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Count == 0)
        {
            return this;
        }

        long n = CheckedCount.Add(Count, other.Count, "the value count");
        double delta = other.Mean - Mean;
        SumOfSquaredDeviations += other.SumOfSquaredDeviations + (delta * delta * Count * other.Count / n);
        Mean += delta * other.Count / n;
        Count = n;
        return this;
    }

    /// <summary>A new accumulator with the same count, mean and M₂.</summary>
    /// <returns>The copy.</returns>
    public RunningMoments Clone() => FromParts(Count, Mean, SumOfSquaredDeviations);

    /// <summary>The mean with its Student-t interval.</summary>
    /// <param name="level">Confidence level.</param>
    /// <returns>The estimate.</returns>
    public MeanEstimate ToEstimate(double level = 0.95)
    {
        Internal.Guard.ConfidenceLevel(level);
        if (Count == 0)
        {
            return new MeanEstimate { Count = 0, EffectiveSampleSize = 0, Value = null, StandardDeviation = null, StandardError = null, Interval = null };
        }

        if (Variance is not { } variance)
        {
            return new MeanEstimate { Count = Count, EffectiveSampleSize = Count, Value = Mean, StandardDeviation = null, StandardError = null, Interval = null };
        }

        double sd = Math.Sqrt(variance), se = sd / Math.Sqrt(Count);
        double t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Count - 1, 1 - ((1 - level) / 2));
        return new MeanEstimate
        {
            Count = Count, EffectiveSampleSize = Count, Value = Mean, StandardDeviation = sd, StandardError = se,
            Interval = new ConfidenceInterval(Mean - (t * se), Mean + (t * se), level),
        };
    }
}

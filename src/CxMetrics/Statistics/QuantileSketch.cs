using System.Globalization;
using CxMetrics.Internal;

namespace CxMetrics.Statistics;

/// <summary>
/// A mergeable quantile sketch for non-negative values (durations, amounts) with a relative-error guarantee: the DDSketch of
/// Masson, Rim &amp; Lee (2019, "DDSketch: A fast and fully-mergeable quantile sketch with relative-error guarantees",
/// PVLDB 12(12):2195–2205), written from the paper. Memory grows with the logarithm of the value range, not with the count.
/// </summary>
/// <remarks>
/// <para>
/// With relative accuracy α and <c>γ = (1 + α)/(1 − α)</c>, a value x &gt; 0 is counted in bucket <c>i = ⌈log_γ x⌉</c>, which
/// holds the values in <c>(γ^(i−1), γ^i]</c>; zeros have their own count. A bucket is read back as <c>2γ^i/(γ + 1)</c>, which
/// is within <c>(γ − 1)/(γ + 1) = α</c> of every value in it, relatively.
/// </para>
/// <para>
/// <b>Guarantee.</b> For 0 ≤ p ≤ 1 and n values sorted as <c>x₀ ≤ … ≤ x_(n−1)</c>, <see cref="Quantile"/> returns q̂ with
/// <c>|q̂ − x_k| ≤ α·x_k</c> for <c>k = ⌊p(n − 1)⌋</c> — the lower of the two order statistics between which the exact
/// type-7 quantile (R's and NumPy's default) interpolates — up to floating-point rounding of the logarithm (≈ 1e−15
/// relative) and, for subnormal values (below 2.2 × 10⁻³⁰⁸), their own coarser precision. Results are clamped to the exact
/// minimum and maximum, so p = 0 and p = 1 are exact.
/// </para>
/// <para>
/// <b>Merging</b> adds bucket counts, so it is exact: the sketch of a merge equals the sketch of the whole (same α), in any
/// order. Counts past <see cref="long.MaxValue"/> are refused (<see cref="OverflowException"/>), never wrapped.
/// </para>
/// <para>
/// <b>Memory</b> is bounded by the number of non-empty buckets, not by the distance between them: the buckets are a dense
/// array of counters (the fast path) while it holds at most <c>max(256, 16 × (non-empty buckets + 1))</c> of them, and a
/// sparse map of the non-empty buckets otherwise — so values at 1 and at 10³⁰⁰, or a stored payload with buckets a billion
/// indices apart, cost a few counters, not gigabytes. Typical data (α = 1%, nine orders of magnitude) stays dense with
/// about 2,100 counters.
/// </para>
/// <para>
/// <b>Accuracy</b> is refused below <see cref="MinimumRelativeAccuracy"/>: finer buckets would make the index of the largest
/// and smallest doubles overflow a 32-bit bucket index (at 10⁻⁶ they stay within ±3.8 × 10⁸). Not thread-safe: give each
/// thread its own sketch and merge.
/// </para>
/// </remarks>
public sealed class QuantileSketch
{
    /// <summary>
    /// The finest relative accuracy a sketch accepts, 10⁻⁶: below it the bucket index of the largest or smallest positive
    /// double would not fit a 32-bit index.
    /// </summary>
    public const double MinimumRelativeAccuracy = 1e-6;

    private readonly double gamma;
    private readonly double inverseLogGamma;
    private readonly SketchBuckets buckets = new();

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">
    /// α, at least <see cref="MinimumRelativeAccuracy"/> (10⁻⁶) and below 1 (default 0.01: quantiles within 1%).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">α is NaN, below <see cref="MinimumRelativeAccuracy"/>, or not below 1.</exception>
    public QuantileSketch(double relativeAccuracy = 0.01)
    {
        if (!(relativeAccuracy >= MinimumRelativeAccuracy && relativeAccuracy < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(relativeAccuracy),
                relativeAccuracy,
                $"relative accuracy {relativeAccuracy} must be at least {MinimumRelativeAccuracy} (finer buckets would overflow the bucket index) and below 1 (for example 0.01).");
        }

        RelativeAccuracy = relativeAccuracy;
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        inverseLogGamma = InverseLogGamma(relativeAccuracy);
        MinimumIndex = IndexOf(double.Epsilon);
        MaximumIndex = IndexOf(double.MaxValue);
    }

    /// <summary>The relative accuracy α.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>The number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>The number of zeros added.</summary>
    public long ZeroCount { get; private set; }

    /// <summary>The exact smallest value, or <see langword="null"/> when empty.</summary>
    public double? Min => Count == 0 ? null : MinValue;

    /// <summary>The exact largest value, or <see langword="null"/> when empty.</summary>
    public double? Max => Count == 0 ? null : MaxValue;

    /// <summary>
    /// The number of counters held: the dense array's length (8 bytes each) or, when sparse, the non-empty buckets (about 24
    /// bytes each). Never more than <c>max(256, 16 × (non-empty buckets + 1))</c>.
    /// </summary>
    public int BucketCount => buckets.Slots;

    /// <summary>The index of the bucket holding the smallest positive double, <see cref="double.Epsilon"/>.</summary>
    private int MinimumIndex { get; }

    /// <summary>The index of the bucket holding <see cref="double.MaxValue"/>.</summary>
    private int MaximumIndex { get; }

    private double MinValue { get; set; } = double.PositiveInfinity;

    private double MaxValue { get; set; } = double.NegativeInfinity;

    /// <summary>
    /// A sketch from bucket counts (e.g. stored, or produced elsewhere by <see cref="GetBuckets"/>) and the exact extremes.
    /// </summary>
    /// <param name="relativeAccuracy">α the buckets were made with (see the constructor for the accepted range).</param>
    /// <param name="zeroCount">The number of zeros.</param>
    /// <param name="buckets">
    /// Bucket index → count (counts ≥ 0; an index may repeat, its counts add). Every index must hold some finite positive
    /// double at this α (from the index of <see cref="double.Epsilon"/> to that of <see cref="double.MaxValue"/>).
    /// Memory is bounded by the number of non-empty buckets, however far apart their indices are.
    /// </param>
    /// <param name="min">
    /// The smallest value: 0 when there are zeros, otherwise in the lowest non-empty bucket (ignored when there are no values).
    /// </param>
    /// <param name="max">
    /// The largest value: 0 when there are only zeros, otherwise in the highest non-empty bucket (ignored when there are no
    /// values). A bucket one index away is accepted for <paramref name="min"/> and <paramref name="max"/>, so that a sketch
    /// built where the logarithm rounds differently still reads.
    /// </param>
    /// <returns>The sketch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// α is out of range; a count is negative; an index holds no finite positive double; the counts add up past
    /// <see cref="long.MaxValue"/>; or the extremes are not finite, not ordered, or do not fit the buckets.
    /// </exception>
    public static QuantileSketch FromBuckets(double relativeAccuracy, long zeroCount, IEnumerable<KeyValuePair<int, long>> buckets, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentOutOfRangeException.ThrowIfNegative(zeroCount);
        var sketch = new QuantileSketch(relativeAccuracy);
        var list = buckets as IReadOnlyCollection<KeyValuePair<int, long>> ?? [.. buckets];
        int low = int.MaxValue, high = int.MinValue, nonEmpty = 0;
        long total = zeroCount;
        foreach (var (index, count) in list)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (index < sketch.MinimumIndex || index > sketch.MaximumIndex)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(buckets),
                    index,
                    $"bucket index {index} holds no finite positive value at relative accuracy {relativeAccuracy} (indices run from {sketch.MinimumIndex} to {sketch.MaximumIndex}).");
            }

            if (count > 0)
            {
                total = total <= long.MaxValue - count
                    ? total + count
                    : throw new ArgumentOutOfRangeException(nameof(buckets), count, $"the zero count and bucket counts add up past {long.MaxValue}; a sketch cannot count that many values.");
                low = Math.Min(low, index);
                high = Math.Max(high, index);
                nonEmpty++;
            }
        }

        sketch.buckets.Reserve(low, high, nonEmpty);
        foreach (var (index, count) in list)
        {
            if (count > 0)
            {
                sketch.buckets.Add(index, count);
            }
        }

        sketch.ZeroCount = zeroCount;
        sketch.Count = total;
        if (total > 0)
        {
            if (!(min >= 0 && min <= max) || double.IsInfinity(max))
            {
                throw new ArgumentOutOfRangeException(nameof(min), min, $"extremes [{min}, {max}] must be finite with 0 ≤ min ≤ max.");
            }

            if (zeroCount > 0 ? min != 0 : !sketch.NearBucket(min, low))
            {
                throw new ArgumentOutOfRangeException(nameof(min), min, zeroCount > 0 ? $"min {min} must be 0 when the sketch holds zeros." : $"min {min} does not lie in the lowest bucket, index {low}.");
            }

            if (high == int.MinValue ? max != 0 : !sketch.NearBucket(max, high))
            {
                throw new ArgumentOutOfRangeException(nameof(max), max, high == int.MinValue ? $"max {max} must be 0 when the sketch holds only zeros." : $"max {max} does not lie in the highest bucket, index {high}.");
            }

            sketch.MinValue = min;
            sketch.MaxValue = max;
        }

        return sketch;
    }

    /// <summary>Adds a value.</summary>
    /// <param name="value">A finite value ≥ 0 (any, from <see cref="double.Epsilon"/> to <see cref="double.MaxValue"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
    /// <exception cref="OverflowException">The sketch already counts <see cref="long.MaxValue"/> values.</exception>
    public void Add(double value)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"value {value} must be finite and ≥ 0 for this sketch.");
        }

        AddChecked(value);
    }

    /// <summary>Adds many values (the fast path).</summary>
    /// <param name="values">Finite values ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, infinite or NaN (values before it stay added).</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (!(value >= 0) || double.IsPositiveInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(values), value, $"value {value} at position {i} must be finite and ≥ 0 for this sketch.");
            }

            AddChecked(value);
        }
    }

    /// <summary>Adds another sketch's counts to this one (exact; the empty sketch is the identity). The core's one <c>Merge</c> rule: this sketch changes and is returned; <paramref name="other"/> does not change.</summary>
    /// <param name="other">A sketch with the same relative accuracy; unchanged.</param>
    /// <returns>This sketch.</returns>
    /// <exception cref="ArgumentException">The accuracies differ.</exception>
    /// <exception cref="OverflowException">The merged count would pass <see cref="long.MaxValue"/>; this sketch is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public QuantileSketch Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.RelativeAccuracy != RelativeAccuracy)
        {
            throw new ArgumentException($"cannot merge a sketch of relative accuracy {other.RelativeAccuracy} into one of {RelativeAccuracy}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return this;
        }

        long count = CheckedCount.Add(Count, other.Count, "the sketch's count");
        buckets.AddAll(other.buckets);
        ZeroCount += other.ZeroCount;
        Count = count;
        MinValue = Math.Min(MinValue, other.MinValue);
        MaxValue = Math.Max(MaxValue, other.MaxValue);

        return this;
    }

    /// <summary>A new sketch with the same accuracy, counts and extremes.</summary>
    /// <returns>The copy.</returns>
    public QuantileSketch Clone()
    {
        var copy = new QuantileSketch(RelativeAccuracy);
        copy.Merge(this);
        return copy;
    }

    /// <summary>The <paramref name="p"/>-quantile within the documented relative error (see remarks).</summary>
    /// <param name="p">The probability in [0, 1].</param>
    /// <returns>The estimate, or <see langword="null"/> when the sketch is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public double? Quantile(double p)
    {
        Guard.Probability(p);
        if (Count == 0)
        {
            return null;
        }

        double rank = Math.Floor(p * (Count - 1));
        if (rank < ZeroCount)
        {
            return 0;
        }

        if (rank == 0 || rank >= Count - 1)
        {
            return rank == 0 ? MinValue : MaxValue; // the first and last order statistics are kept exactly
        }

        int index = buckets.IndexAtRank(rank, ZeroCount);
        // γ^(i−1) is below the bucket's values, so finite; the estimate overflows only past every value, where the clamp is right.
        double estimate = Math.Pow(gamma, index - 1) * (2 * gamma / (gamma + 1));
        return Math.Clamp(estimate, MinValue, MaxValue);
    }

    /// <summary>The non-empty buckets as index → count, for storage or <see cref="FromBuckets"/>.</summary>
    /// <returns>The buckets in index order.</returns>
    public IReadOnlyList<KeyValuePair<int, long>> GetBuckets() => buckets.ToList();

    /// <summary>Formats as <c>sketch α = 0.01, n = 1000, 120 buckets</c> (the non-empty buckets).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sketch α = {RelativeAccuracy}, n = {Count}, {buckets.NonEmpty} buckets");

    private int IndexOf(double value) => (int)Math.Ceiling(Math.Log(value) * inverseLogGamma);

    /// <summary>
    /// The bucket a value ≥ 0 falls in at relative accuracy <paramref name="relativeAccuracy"/>: ⌈log_γ x⌉, or
    /// <see cref="int.MinValue"/> for 0 (the zero count, below every bucket) — computed exactly as the sketch files values, so
    /// a value compared by bucket with a sketch's buckets lands where the sketch counted it.
    /// </summary>
    internal static int BucketOf(double value, double relativeAccuracy) =>
        value == 0 ? int.MinValue : (int)Math.Ceiling(Math.Log(value) * InverseLogGamma(relativeAccuracy));

    private static double InverseLogGamma(double relativeAccuracy) => 1 / Math.Log((1 + relativeAccuracy) / (1 - relativeAccuracy));

    /// <summary>The upper end γ^i of bucket <paramref name="index"/>'s values (γ^(i−1), γ^i]; 0 for the zero count.</summary>
    internal static double BucketUpper(int index, double relativeAccuracy) =>
        index == int.MinValue ? 0 : Math.Pow((1 + relativeAccuracy) / (1 - relativeAccuracy), index);

    /// <summary>Whether a positive <paramref name="value"/> falls in bucket <paramref name="index"/> or a neighbour.</summary>
    private bool NearBucket(double value, int index) => value > 0 && Math.Abs((long)IndexOf(value) - index) <= 1;

    private void AddChecked(double value)
    {
        Count = Count < long.MaxValue ? Count + 1 : throw new OverflowException($"the sketch already counts {long.MaxValue} values; it cannot count more.");
        if (value < MinValue)
        {
            MinValue = value;
        }

        if (value > MaxValue)
        {
            MaxValue = value;
        }

        if (value == 0)
        {
            ZeroCount++;
            return;
        }

        buckets.Increment(IndexOf(value));
    }
}

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
/// relative). Results are clamped to the exact minimum and maximum, so p = 0 and p = 1 are exact.
/// </para>
/// <para>
/// <b>Merging</b> adds bucket counts, so it is exact: the sketch of a merge equals the sketch of the whole (same α), in any
/// order. Buckets are a dense array between the smallest and largest index seen: about <c>ln(max/min)/ln γ</c> counts
/// (≈ 2,100 for α = 1% over nine orders of magnitude). Not thread-safe: give each thread its own sketch and merge.
/// </para>
/// </remarks>
public sealed class QuantileSketch
{
    private readonly double gamma;
    private readonly double inverseLogGamma;
    private long[] counts = [];
    private int offset;

    /// <summary>Creates an empty sketch.</summary>
    /// <param name="relativeAccuracy">α, strictly between 0 and 1 (default 0.01: quantiles within 1%).</param>
    /// <exception cref="ArgumentOutOfRangeException">α is not in (0, 1).</exception>
    public QuantileSketch(double relativeAccuracy = 0.01)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, $"relative accuracy {relativeAccuracy} must be strictly between 0 and 1 (for example 0.01).");
        }

        RelativeAccuracy = relativeAccuracy;
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        inverseLogGamma = 1 / Math.Log(gamma);
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

    /// <summary>The number of buckets held (memory is about 8 bytes each).</summary>
    public int BucketCount => counts.Length;

    private double MinValue { get; set; } = double.PositiveInfinity;

    private double MaxValue { get; set; } = double.NegativeInfinity;

    /// <summary>
    /// A sketch from bucket counts (e.g. stored, or produced elsewhere by <see cref="GetBuckets"/>) and the exact extremes.
    /// </summary>
    /// <param name="relativeAccuracy">α the buckets were made with.</param>
    /// <param name="zeroCount">The number of zeros.</param>
    /// <param name="buckets">Bucket index → count (counts ≥ 0).</param>
    /// <param name="min">The smallest value (ignored when there are no values).</param>
    /// <param name="max">The largest value (ignored when there are no values).</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the extremes do not fit the buckets.</exception>
    public static QuantileSketch FromBuckets(double relativeAccuracy, long zeroCount, IEnumerable<KeyValuePair<int, long>> buckets, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentOutOfRangeException.ThrowIfNegative(zeroCount);
        var sketch = new QuantileSketch(relativeAccuracy);
        foreach (var (index, count) in buckets)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count > 0)
            {
                sketch.Increment(index, count);
                sketch.Count += count;
            }
        }

        sketch.ZeroCount = zeroCount;
        sketch.Count += zeroCount;
        if (sketch.Count > 0)
        {
            if (!(min >= 0 && min <= max) || double.IsInfinity(max))
            {
                throw new ArgumentOutOfRangeException(nameof(min), min, $"extremes [{min}, {max}] must be finite with 0 ≤ min ≤ max.");
            }

            sketch.MinValue = min;
            sketch.MaxValue = max;
        }

        return sketch;
    }

    /// <summary>Adds a value.</summary>
    /// <param name="value">A finite value ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or NaN.</exception>
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

    /// <summary>Adds another sketch's counts to this one (exact; the empty sketch is the identity).</summary>
    /// <param name="other">A sketch with the same relative accuracy.</param>
    /// <exception cref="ArgumentException">The accuracies differ.</exception>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy)
        {
            throw new ArgumentException($"cannot merge a sketch of relative accuracy {other.RelativeAccuracy} into one of {RelativeAccuracy}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        for (int i = 0; i < other.counts.Length; i++)
        {
            if (other.counts[i] > 0)
            {
                Increment(other.offset + i, other.counts[i]);
            }
        }

        ZeroCount += other.ZeroCount;
        Count += other.Count;
        MinValue = Math.Min(MinValue, other.MinValue);
        MaxValue = Math.Max(MaxValue, other.MaxValue);
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

        long seen = ZeroCount;
        for (int i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen > rank)
            {
                double estimate = 2 * Math.Pow(gamma, offset + i) / (gamma + 1);
                return Math.Clamp(estimate, MinValue, MaxValue);
            }
        }

        return MaxValue;
    }

    /// <summary>The non-empty buckets as index → count, for storage or <see cref="FromBuckets"/>.</summary>
    /// <returns>The buckets in index order.</returns>
    public IReadOnlyList<KeyValuePair<int, long>> GetBuckets()
    {
        var list = new List<KeyValuePair<int, long>>();
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                list.Add(new(offset + i, counts[i]));
            }
        }

        return list;
    }

    /// <summary>Formats as <c>sketch α = 0.01, n = 1000, 120 buckets</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sketch α = {RelativeAccuracy}, n = {Count}, {counts.Length} buckets");

    private void AddChecked(double value)
    {
        Count++;
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

        int index = (int)Math.Ceiling(Math.Log(value) * inverseLogGamma);
        int slot = index - offset;
        if ((uint)slot < (uint)counts.Length)
        {
            counts[slot]++;
            return;
        }

        Increment(index, 1);
    }

    /// <summary>Adds to a bucket's count, growing the dense store when needed (does not touch <see cref="Count"/>).</summary>
    private void Increment(int index, long count)
    {
        if (counts.Length == 0)
        {
            counts = new long[64];
            offset = index - 32;
        }
        else if (index < offset || index >= offset + counts.Length)
        {
            int low = Math.Min(offset, index), high = Math.Max(offset + counts.Length - 1, index);
            int margin = Math.Max(16, (high - low + 1) / 4);
            low -= margin;
            high += margin;
            var grown = new long[high - low + 1];
            Array.Copy(counts, 0, grown, offset - low, counts.Length);
            counts = grown;
            offset = low;
        }

        counts[index - offset] += count;
    }
}

using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A mergeable sketch of the three RFM measures of a customer base — days since the last purchase, purchases, calibration
/// revenue — one <see cref="QuantileSketch"/> (DDSketch) each, from which <see cref="CutPoints"/> gives score cut points
/// for the whole base. Shards of a base sketch their own customers, the sketches are merged (exactly: the merge equals the
/// sketch of the whole), and each shard then scores its customers with the cut points
/// (<see cref="RfmSegments.Of(CustomerBaseSummary, RfmCutPoints, CustomerValueResult?, RfmOptions?)"/>).
/// </summary>
/// <remarks>
/// A customer must be in exactly one shard (shard the customer summaries, or merge the per-customer tallies first, as
/// <see cref="CustomerSummaryTally"/> allows). The measures are those of <see cref="RfmSegments"/>. How exact the scores
/// are: <see cref="RfmCutPoints"/>. Not thread-safe: one sketch per thread, then merge.
/// </remarks>
public sealed class RfmSketch
{
    /// <summary>An empty sketch.</summary>
    /// <param name="relativeAccuracy">α of the three quantile sketches (default 0.01; see <see cref="QuantileSketch(double)"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">α is out of the sketch's range.</exception>
    public RfmSketch(double relativeAccuracy = 0.01)
    {
        DaysSinceLastPurchase = new QuantileSketch(relativeAccuracy);
        Purchases = new QuantileSketch(relativeAccuracy);
        Revenue = new QuantileSketch(relativeAccuracy);
    }

    /// <summary>Days from each customer's last calibration purchase to the calibration end.</summary>
    public QuantileSketch DaysSinceLastPurchase { get; }

    /// <summary>Each customer's calibration purchases, x + 1.</summary>
    public QuantileSketch Purchases { get; }

    /// <summary>Each customer's calibration revenue.</summary>
    public QuantileSketch Revenue { get; }

    /// <summary>Customers added.</summary>
    public long Count => Purchases.Count;

    /// <summary>The sketch of every customer of <paramref name="summary"/>.</summary>
    /// <param name="summary">A customer base, or one shard of it.</param>
    /// <param name="relativeAccuracy">α (default 0.01).</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static RfmSketch Of(CustomerBaseSummary summary, double relativeAccuracy = 0.01)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sketch = new RfmSketch(relativeAccuracy);
        double unitDays = summary.Options.TimeUnit.Days;
        foreach (var c in summary.Customers)
        {
            sketch.Add(c, unitDays);
        }

        return sketch;
    }

    /// <summary>Adds one customer.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <param name="timeUnit">The time unit of its recency and age.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public void Add(CustomerSummary customer, TimeUnit timeUnit)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Add(customer, timeUnit.Days);
    }

    /// <summary>Adds another sketch's customers to this one (exact). The core's one <c>Merge</c> rule: this sketch changes and is returned; <paramref name="other"/> does not change; the empty sketch is the identity.</summary>
    /// <param name="other">A sketch of the same relative accuracy, of other customers.</param>
    /// <returns>This sketch.</returns>
    /// <exception cref="ArgumentException">The accuracies differ, or <paramref name="other"/> is this sketch.</exception>
    public RfmSketch Merge(RfmSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Internal.Guard.NotSelf(this, other);
        DaysSinceLastPurchase.Merge(other.DaysSinceLastPurchase);
        Purchases.Merge(other.Purchases);
        Revenue.Merge(other.Revenue);
        return this;
    }

    /// <summary>The cut points of n equal-count score bins over the customers sketched (see <see cref="RfmCutPoints"/> for how exact they are).</summary>
    /// <param name="bins">n, between 2 and 100 (default 5).</param>
    /// <returns>The cut points.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is out of range.</exception>
    public RfmCutPoints CutPoints(int bins = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 100);
        long n = Count;
        var recency = new RfmCut[bins - 1];
        var frequency = new RfmCut[bins - 1];
        var monetary = new RfmCut[bins - 1];
        for (int s = 1; s < bins; s++)
        {
            // K_s = ⌊s(N − 1)/n⌋: the last rank scoring ≤ s (max(1, ⌈ρn/(N − 1)⌉) ≤ s ⇔ ρ ≤ K_s).
            long k = n == 0 ? 0 : s * (n - 1) / bins;
            frequency[s - 1] = Cut(Purchases, k);
            monetary[s - 1] = Cut(Revenue, k);
            recency[s - 1] = Cut(DaysSinceLastPurchase, n == 0 ? 0 : n - 1 - k);
        }

        return new RfmCutPoints { Bins = bins, Customers = n, RelativeAccuracy = Purchases.RelativeAccuracy, Recency = recency, Frequency = frequency, Monetary = monetary };
    }

    internal void Add(CustomerSummary customer, double unitDays)
    {
        var (days, purchases, revenue) = RfmSegments.Measures(customer, unitDays);
        DaysSinceLastPurchase.Add(days);
        Purchases.Add(purchases);
        Revenue.Add((double)revenue);
    }

    /// <summary>The bucket of the value at ascending 0-based <paramref name="rank"/>, with its value range and count.</summary>
    private static RfmCut Cut(QuantileSketch sketch, long rank)
    {
        double alpha = sketch.RelativeAccuracy;
        if (sketch.Count == 0)
        {
            return new RfmCut(0, 0, 0, 0) { Bucket = int.MinValue };
        }

        if (rank < sketch.ZeroCount)
        {
            return new RfmCut(rank, 0, 0, sketch.ZeroCount) { Bucket = int.MinValue };
        }

        long seen = sketch.ZeroCount;
        KeyValuePair<int, long> last = default;
        foreach (var bucket in sketch.GetBuckets())
        {
            last = bucket;
            seen += bucket.Value;
            if (seen > rank)
            {
                break;
            }
        }

        return new RfmCut(rank, QuantileSketch.BucketUpper(last.Key - 1, alpha), QuantileSketch.BucketUpper(last.Key, alpha), last.Value) { Bucket = last.Key };
    }
}

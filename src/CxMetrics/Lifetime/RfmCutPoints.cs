using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// RFM score cut points taken from an <see cref="RfmSketch"/> of a whole (possibly sharded) customer base: with them every
/// shard scores its own customers (<see cref="RfmSegments.Of(CustomerBaseSummary, RfmCutPoints, CustomerValueResult?, RfmOptions?)"/>)
/// without the base being sorted in one place.
/// </summary>
/// <remarks>
/// <para>
/// For n bins and N customers the exact scores cut the ranks after K_s = ⌊s(N − 1)/n⌋ (s = 1 … n − 1): a customer of
/// 0-based rank ρ scores ≤ s exactly when ρ ≤ K_s (that is max(1, ⌈ρn/(N − 1)⌉), the rule of the exact scores). Cut s is
/// the sketch bucket b_s holding rank K_s (ascending frequency and revenue; for recency, whose high score goes to few days,
/// the bucket of ascending rank N − 1 − K_s). A customer is scored by comparing the bucket of its measure with the b_s —
/// F, M: 1 + #{s : bucket &gt; b_s}; R: 1 + #{s : bucket &lt; b_s} — so ties always share a score.
/// </para>
/// <para>
/// <b>How exact.</b> A customer in a bucket below (above) b_s has every rank below (above) K_s, so it is on the same side of
/// cut s as in the exact scores. Only the customers inside a cut's bucket can be scored differently, by one bin at that cut,
/// and each of them is within <see cref="RfmCut.Customers"/> − 1 ranks of the cut. A bucket spans values within a factor
/// γ = (1 + α)/(1 − α) (≈ 2% at α = 0.01), so on integer measures below 1/α (purchases, days) a bucket holds one value
/// and the only differences are ties: exact scores split customers with equal measures by their order in the summary, cut
/// points cannot (they have no order across shards) and give the whole tie at a cut the lower score. Bins are then not equal-sized where many customers tie at a cut.
/// </para>
/// </remarks>
public sealed record RfmCutPoints
{
    /// <summary>n, the number of score bins.</summary>
    public required int Bins { get; init; }

    /// <summary>Customers in the sketch the cut points were taken from.</summary>
    public required long Customers { get; init; }

    /// <summary>The sketch's relative accuracy α.</summary>
    public required double RelativeAccuracy { get; init; }

    /// <summary>The n − 1 cuts of days since the last purchase (ascending days: cut s separates R scores s + 1 … n from 1 … s the other way round).</summary>
    public required IReadOnlyList<RfmCut> Recency { get; init; }

    /// <summary>The n − 1 cuts of purchases (x + 1).</summary>
    public required IReadOnlyList<RfmCut> Frequency { get; init; }

    /// <summary>The n − 1 cuts of calibration revenue.</summary>
    public required IReadOnlyList<RfmCut> Monetary { get; init; }

    /// <summary>The R score of a customer <paramref name="daysSinceLastPurchase"/> days after their last purchase: 1 + #{s : bucket &lt; b_s}.</summary>
    /// <param name="daysSinceLastPurchase">Days ≥ 0.</param>
    /// <returns>The score 1 … n.</returns>
    public int RecencyScore(double daysSinceLastPurchase)
    {
        int bucket = BucketOf(daysSinceLastPurchase, nameof(daysSinceLastPurchase));
        int score = 1;
        foreach (var cut in Recency)
        {
            score += bucket < cut.Bucket ? 1 : 0;
        }

        return score;
    }

    /// <summary>The F score of a customer with <paramref name="purchases"/> calibration purchases: 1 + #{s : bucket &gt; b_s}.</summary>
    /// <param name="purchases">Purchases ≥ 0.</param>
    /// <returns>The score 1 … n.</returns>
    public int FrequencyScore(int purchases) => Above(Frequency, BucketOf(purchases, nameof(purchases)));

    /// <summary>The M score of a customer with calibration revenue <paramref name="revenue"/>: 1 + #{s : bucket &gt; b_s}.</summary>
    /// <param name="revenue">Revenue ≥ 0.</param>
    /// <returns>The score 1 … n.</returns>
    public int MonetaryScore(decimal revenue) => Above(Monetary, BucketOf((double)revenue, nameof(revenue)));

    /// <summary>Formats as <c>RFM cut points (5 bins, α = 0.01) of 2,357 customers</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RFM cut points ({Bins} bins, α = {RelativeAccuracy}) of {Customers:N0} customers");

    private static int Above(IReadOnlyList<RfmCut> cuts, int bucket)
    {
        int score = 1;
        foreach (var cut in cuts)
        {
            score += bucket > cut.Bucket ? 1 : 0;
        }

        return score;
    }

    private int BucketOf(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {value} must be finite and ≥ 0.");
        }

        return QuantileSketch.BucketOf(value, RelativeAccuracy);
    }
}

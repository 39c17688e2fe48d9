namespace CxMetrics.Lifetime;

/// <summary>
/// One cut point of <see cref="RfmCutPoints"/>, between the scores s and s + 1 of one measure: the sketch bucket that holds
/// the customer at the cut's rank. It bounds exactly how far scores from the sketch can be from exact scores at this cut.
/// </summary>
/// <remarks>
/// A customer's score from the cut points differs from its exact score (<see cref="RfmSegments.Of(CustomerBaseSummary, RfmOptions?)"/>)
/// at this cut only if its measure lies in this bucket, (<see cref="Lower"/>, <see cref="Upper"/>], and then its exact rank
/// is within <see cref="Customers"/> − 1 of <see cref="Rank"/>: the rank error of the cut is below the bucket's count, a number
/// the sketch knows. Outside the bucket the two scores agree on this cut.
/// </remarks>
/// <param name="Rank">The 0-based rank of the cut's customer in ascending order of the measure (for recency: of days since the last purchase).</param>
/// <param name="Lower">Lower end (exclusive) of the bucket's values; 0 for the bucket of zeros.</param>
/// <param name="Upper">Upper end (inclusive) of the bucket's values, γ^i with γ = (1 + α)/(1 − α); 0 for the bucket of zeros.</param>
/// <param name="Customers">Customers in the bucket: the most whose score can differ from the exact one at this cut.</param>
public sealed record RfmCut(long Rank, double Lower, double Upper, long Customers)
{
    /// <summary>The sketch's bucket index (<see cref="int.MinValue"/> for zeros), by which customers are compared with the cut.</summary>
    internal int Bucket { get; init; }
}

namespace CxMetrics.Lifetime;

/// <summary>One customer's RFM measures, scores and segment (<see cref="RfmSegments"/>).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="DaysSinceLastPurchase">Days from the last calibration purchase to the calibration end, (T − t_x) in days.</param>
/// <param name="Purchases">Purchases in calibration, x + 1 (the first one included).</param>
/// <param name="Revenue">Calibration spend, the first purchase included.</param>
/// <param name="Recency">R score, 1 (longest ago) … n (most recent).</param>
/// <param name="Frequency">F score, 1 (fewest purchases) … n.</param>
/// <param name="Monetary">M score, 1 (least revenue) … n.</param>
/// <param name="Segment">The segment's name.</param>
public sealed record RfmScore(string CustomerId, double DaysSinceLastPurchase, int Purchases, decimal Revenue, int Recency, int Frequency, int Monetary, string Segment);

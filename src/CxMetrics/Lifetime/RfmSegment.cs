namespace CxMetrics.Lifetime;

/// <summary>One segment of <see cref="RfmResult"/>: its size, revenue, and (when customer values were given) mean CLV and P(alive).</summary>
/// <param name="Name">The segment's name.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="CustomerShare">Customers / all customers.</param>
/// <param name="Revenue">Calibration revenue of the segment's customers.</param>
/// <param name="RevenueShare">Revenue / all revenue; <see langword="null"/> when there is no revenue at all.</param>
/// <param name="MeanValue">Mean predicted CLV; <see langword="null"/> without customer values or customers.</param>
/// <param name="MeanProbabilityAlive">Mean P(alive); <see langword="null"/> without customer values or customers.</param>
public sealed record RfmSegment(string Name, int Customers, double CustomerShare, decimal Revenue, double? RevenueShare, double? MeanValue, double? MeanProbabilityAlive);

namespace CxMetrics.Lifetime;

/// <summary>
/// One entry of an RFM segment map: a name and an inclusive score range for each of R, F and M. A customer belongs to the
/// first rule of the map whose three ranges hold their scores (R <c>rfm</c>'s <c>rfm_segment</c>, a <c>case_when</c>).
/// </summary>
/// <param name="Name">The segment's name.</param>
/// <param name="RecencyLow">Lowest recency score R.</param>
/// <param name="RecencyHigh">Highest recency score R.</param>
/// <param name="FrequencyLow">Lowest frequency score F.</param>
/// <param name="FrequencyHigh">Highest frequency score F.</param>
/// <param name="MonetaryLow">Lowest monetary score M.</param>
/// <param name="MonetaryHigh">Highest monetary score M.</param>
public sealed record RfmSegmentRule(string Name, int RecencyLow, int RecencyHigh, int FrequencyLow, int FrequencyHigh, int MonetaryLow, int MonetaryHigh)
{
    /// <summary>Whether the three scores fall in this rule's ranges.</summary>
    /// <param name="recency">R.</param>
    /// <param name="frequency">F.</param>
    /// <param name="monetary">M.</param>
    /// <returns><see langword="true"/> when all three are in range.</returns>
    public bool Matches(int recency, int frequency, int monetary) =>
        recency >= RecencyLow && recency <= RecencyHigh && frequency >= FrequencyLow && frequency <= FrequencyHigh && monetary >= MonetaryLow && monetary <= MonetaryHigh;
}

namespace CxMetrics.Commerce;

/// <summary>The change of the median effort to buy from one period to the next (positive = more effort).</summary>
/// <param name="EventsMedian">Change of the median number of events per purchase, or <see langword="null"/> when either period has no purchase.</param>
/// <param name="SecondsMedian">Change of the median seconds from first activity to purchase, or <see langword="null"/> when either period has no purchase.</param>
public sealed record EffortChange(double? EventsMedian, double? SecondsMedian)
{
    /// <summary>Formats as <c>events median +1.00, seconds median −30.00</c> (<c>—</c> where a period has none).</summary>
    /// <returns>The change as text.</returns>
    public override string ToString() =>
        $"events median {Signed(EventsMedian)}, seconds median {Signed(SecondsMedian)}";

    private static string Signed(double? change) => change is null ? Internal.ResultTable.Missing : Internal.ResultTable.Number(change, "+0.00;-0.00;0.00").ToString();
}

namespace CxMetrics.Retention;

/// <summary>The change of the revenue churn rates from one period to the next (later minus earlier, as shares).</summary>
/// <param name="GrossMrrChurnRate">Change of the gross MRR churn rate, or <see langword="null"/> when either period has none.</param>
/// <param name="NetMrrChurnRate">Change of the net MRR churn rate, or <see langword="null"/> when either period has none.</param>
/// <param name="NetRevenueRetention">Change of the net revenue retention, or <see langword="null"/> when either period has none.</param>
public sealed record RevenueChurnChange(double? GrossMrrChurnRate, double? NetMrrChurnRate, double? NetRevenueRetention)
{
    /// <summary>Formats as <c>gross MRR churn +1.2 pp, net MRR churn −0.4 pp, NRR +0.4 pp</c> (<c>—</c> where a period has none).</summary>
    /// <returns>The change as text.</returns>
    public override string ToString() =>
        $"gross MRR churn {Points(GrossMrrChurnRate)}, net MRR churn {Points(NetMrrChurnRate)}, NRR {Points(NetRevenueRetention)}";

    private static string Points(double? change) => change is null ? Internal.ResultTable.Missing : Internal.ResultTable.Number(change * 100, "+0.0;-0.0;0.0") + " pp";
}

namespace CxMetrics.Support;

/// <summary>The change of the median times from one period to the next (hours; positive = slower).</summary>
/// <param name="FirstResponseMedian">Change of the median first response time, or <see langword="null"/> when either period has none.</param>
/// <param name="FullResolutionMedian">Change of the median full resolution time, or <see langword="null"/> when either period has none.</param>
public sealed record SupportChange(double? FirstResponseMedian, double? FullResolutionMedian)
{
    /// <summary>Formats as <c>first response median +1.50 h, full resolution median −0.25 h</c> (<c>—</c> where a period has none).</summary>
    /// <returns>The change as text.</returns>
    public override string ToString() =>
        $"first response median {Hours(FirstResponseMedian)}, full resolution median {Hours(FullResolutionMedian)}";

    private static string Hours(double? change) => change is null ? Internal.ResultTable.Missing : Internal.ResultTable.Number(change, "+0.00;-0.00;0.00") + " h";
}

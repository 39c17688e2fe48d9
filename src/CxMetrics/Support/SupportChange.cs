namespace CxMetrics.Support;

/// <summary>The change of the median times from one period to the next (hours; positive = slower).</summary>
/// <param name="FirstResponseMedian">Change of the median first response time, or <see langword="null"/> when either period has none.</param>
/// <param name="FullResolutionMedian">Change of the median full resolution time, or <see langword="null"/> when either period has none.</param>
public sealed record SupportChange(double? FirstResponseMedian, double? FullResolutionMedian);

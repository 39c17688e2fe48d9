using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The choices behind the order-based rates (<see cref="InactivityChurn"/>, <see cref="RepeatPurchaseRate"/>, <see cref="ReturningCustomerRate"/>, <see cref="RetentionRate"/>): those of <see cref="EstimateOptions"/>, the
/// confidence level and interval method of the rates' intervals (default 95%, Wilson).
/// </summary>
public sealed record RepeatPurchaseOptions : EstimateOptions
{
    /// <summary>The defaults of <see cref="EstimateOptions"/>.</summary>
    public static RepeatPurchaseOptions Default { get; } = new();
}

using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The choices behind revenue churn over periods: only those of <see cref="EstimateOptions"/> (the small-cell minimum on
/// the paying customers at the start, the largest number of periods listed); revenue churn rates are ratios of money, with
/// no interval.
/// </summary>
public sealed record RevenueChurnOptions : EstimateOptions
{
    /// <summary>The defaults of <see cref="EstimateOptions"/>.</summary>
    public static RevenueChurnOptions Default { get; } = new();
}

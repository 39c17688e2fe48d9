using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The choices behind a customer churn rate. The denominator and the same-period policy are <c>required</c>: the tools
/// disagree on both, and a churn rate without them cannot be compared with anyone else's. The confidence level, interval
/// method and small-cell minimum are those of <see cref="EstimateOptions"/>.
/// </summary>
public sealed record ChurnOptions : EstimateOptions
{
    /// <summary>What the rate divides by.</summary>
    public required ChurnDenominator Denominator { get; init; }

    /// <summary>Whether customers who join and churn in the same period count.</summary>
    public required SamePeriodChurnPolicy SamePeriod { get; init; }


}

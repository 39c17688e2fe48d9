using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The choices behind a customer churn rate. The denominator and the same-period policy are <c>required</c>: the tools
/// disagree on both, and a churn rate without them cannot be compared with anyone else's.
/// </summary>
public sealed record ChurnOptions
{
    private readonly double confidenceLevel = 0.95;

    /// <summary>What the rate divides by.</summary>
    public required ChurnDenominator Denominator { get; init; }

    /// <summary>Whether customers who join and churn in the same period count.</summary>
    public required SamePeriodChurnPolicy SamePeriod { get; init; }

    /// <summary>Confidence level of the interval, strictly between 0 and 1. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value);
            confidenceLevel = value;
        }
    }

    /// <summary>Interval method. Default <see cref="ProportionIntervalMethod.Wilson"/>.</summary>
    public ProportionIntervalMethod IntervalMethod { get; init; } = ProportionIntervalMethod.Wilson;
}

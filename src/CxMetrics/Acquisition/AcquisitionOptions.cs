using CxMetrics.Statistics;

namespace CxMetrics.Acquisition;

/// <summary>
/// How acquisition cohorts are judged: the first-purchase window k, the revenue horizons and the horizon of the lifetime
/// value in LTV:CAC, all in whole days after each customer's acquisition instant; the confidence level, interval method,
/// small-cell minimum and period bound are those of <see cref="EstimateOptions"/>.
/// </summary>
public sealed record AcquisitionOptions : EstimateOptions
{
    private readonly int conversionWindowDays = 30;
    private readonly IReadOnlyList<int> revenueHorizonDays = [30, 90, 365];
    private readonly int ltvHorizonDays = 365;

    /// <summary>The defaults: first purchase within 30 days, revenue at 30, 90 and 365 days, LTV at 365 days, 95% Wilson intervals.</summary>
    public static AcquisitionOptions Default { get; } = new();

    /// <summary>
    /// k: a customer converted when their first order is placed at most k days after acquisition. Customers acquired less
    /// than k days before the as-of instant are pending and are not in the denominator. At least 1; default 30.
    /// </summary>
    public int ConversionWindowDays
    {
        get => conversionWindowDays;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(ConversionWindowDays));
            conversionWindowDays = value;
        }
    }

    /// <summary>
    /// The horizons h (days) of revenue per acquired customer: the revenue of orders placed at most h days after each
    /// customer's acquisition, shown only for cohorts whose period ended at least h days before the as-of. Each at least
    /// 1; default 30, 90 and 365.
    /// </summary>
    public IReadOnlyList<int> RevenueHorizonDays
    {
        get => revenueHorizonDays;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(RevenueHorizonDays));
            foreach (int h in value)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(h, 1, nameof(RevenueHorizonDays));
            }

            revenueHorizonDays = [.. value.Distinct().Order()];
        }
    }

    /// <summary>
    /// The horizon (days) of the lifetime value in LTV:CAC: LTV is the historical revenue per acquired customer in their first
    /// this-many days, measured on cohorts old enough. At least 1; default 365.
    /// </summary>
    public int LtvHorizonDays
    {
        get => ltvHorizonDays;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(LtvHorizonDays));
            ltvHorizonDays = value;
        }
    }

    /// <summary>The revenue horizons with the LTV horizon, ascending and distinct.</summary>
    internal int[] Horizons() => [.. RevenueHorizonDays.Append(LtvHorizonDays).Distinct().Order()];
}

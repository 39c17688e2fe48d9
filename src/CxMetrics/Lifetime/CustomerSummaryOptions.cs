using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// How a transaction log is turned into the customer-by-sufficient-statistic (RFM) table that the buy-till-you-die
/// models take: where calibration ends, where the holdout ends, which purchases count as one, and the time unit.
/// </summary>
public sealed record CustomerSummaryOptions : EstimateOptions
{
    /// <summary>The last local date of the calibration period, inclusive (CDNOW: 1997-09-30).</summary>
    public required LocalDate CalibrationEnd { get; init; }

    /// <summary>
    /// The last local date of the holdout period, inclusive; <see langword="null"/> (default) for no holdout. Must not be
    /// before <see cref="CalibrationEnd"/>.
    /// </summary>
    public LocalDate? HoldoutEnd { get; init; }

    /// <summary>
    /// The time unit of recency and age (default <see cref="TimeUnit.Week"/>): t_x and T are whole days divided by its
    /// length (CDNOW: days / 7).
    /// </summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Week;
}

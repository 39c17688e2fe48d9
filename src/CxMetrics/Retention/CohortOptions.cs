using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// How a cohort retention matrix is cut. The period unit and the shop's zone are <c>required</c> (a month in Berlin is not
/// a month in UTC); the rest have documented defaults.
/// </summary>
public sealed record CohortOptions
{
    private readonly double confidenceLevel = 0.95;
    private readonly Duration? elapsedWindow;
    private readonly IReadOnlyList<CohortBracket> brackets = [];

    /// <summary>The cohort period (day, week, month, quarter; year works too).</summary>
    public required PeriodUnit Period { get; init; }

    /// <summary>The shop's time zone: cohorts and calendar windows are local periods of this zone.</summary>
    public required DateTimeZone Zone { get; init; }

    /// <summary>First day of a week for weekly cohorts. Default Monday (ISO 8601).</summary>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>What puts a customer into a cohort. Default <see cref="CohortAnchor.FirstPurchase"/>.</summary>
    public CohortAnchor Anchor { get; init; } = CohortAnchor.FirstPurchase;

    /// <summary>
    /// <see langword="null"/> (the default) for calendar-period windows: offset k is the k-th calendar period after the
    /// cohort's. A duration (e.g. 30 days or 24 hours) for elapsed-time windows: offset k holds a customer's orders in
    /// <c>[anchor + k·window, anchor + (k + 1)·window)</c>, measured from their own anchor instant.
    /// </summary>
    public Duration? ElapsedWindow
    {
        get => elapsedWindow;
        init
        {
            if (value is { } w && w <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), w, $"elapsed window {w} must be longer than zero.");
            }

            elapsedWindow = value;
        }
    }

    /// <summary>Brackets of offsets for bracket retention. Default none.</summary>
    public IReadOnlyList<CohortBracket> Brackets
    {
        get => brackets;
        init => brackets = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Confidence level of cell intervals. Default 0.95.</summary>
    public double ConfidenceLevel
    {
        get => confidenceLevel;
        init
        {
            Guard.ConfidenceLevel(value);
            confidenceLevel = value;
        }
    }
}

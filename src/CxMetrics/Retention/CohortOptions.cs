using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// How a cohort retention matrix is cut, beyond its calendar periods (a <see cref="Time.PeriodGrid"/>, given as its own
/// argument): the anchor, the windows and the brackets, each with a documented default; the confidence level and the
/// small-cell minimum are those of <see cref="EstimateOptions"/>.
/// </summary>
public sealed record CohortOptions : EstimateOptions
{
    private readonly Duration? elapsedWindow;
    private readonly IReadOnlyList<CohortBracket> brackets = [];

    /// <summary>The defaults: cohorts by first purchase, calendar windows, no brackets, 95% intervals.</summary>
    public static CohortOptions Default { get; } = new();

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
                throw new ArgumentOutOfRangeException(nameof(ElapsedWindow), w, $"elapsed window {w} must be longer than zero.");
            }

            elapsedWindow = value;
        }
    }

    /// <summary>Brackets of offsets for bracket retention. Default none.</summary>
    public IReadOnlyList<CohortBracket> Brackets
    {
        get => brackets;
        init => brackets = value ?? throw new ArgumentNullException(nameof(Brackets));
    }
}

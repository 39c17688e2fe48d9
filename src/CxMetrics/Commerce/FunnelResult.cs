using System.Globalization;
using System.Text;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// A checkout funnel as of an instant: per-step counts, completion and abandonment, time between steps, and the overall
/// abandonment <c>1 − Π completion_k</c> (which equals <c>1 − completed / entered</c> in a closed funnel with nothing pending).
/// </summary>
public sealed record FunnelResult
{
    /// <summary>What a counted unit is (cart, session, user).</summary>
    public required AnalysisUnit Unit { get; init; }

    /// <summary>Closed or open funnel.</summary>
    public required FunnelMode Mode { get; init; }

    /// <summary>The inactivity time-out that separates pending from abandoned; <see langword="null"/> for counts.</summary>
    public required Duration? InactivityTimeout { get; init; }

    /// <summary>The steps in order.</summary>
    public required IReadOnlyList<FunnelStepResult> Steps { get; init; }

    /// <summary>Units at the first step.</summary>
    public long Entered => Steps.Count == 0 ? 0 : Steps[0].Reached;

    /// <summary>Units at the last step.</summary>
    public long Completed => Steps.Count == 0 ? 0 : Steps[^1].Reached;

    /// <summary>Units still pending at some step.</summary>
    public long Pending
    {
        get
        {
            long sum = 0;
            foreach (var s in Steps)
            {
                sum += s.Pending;
            }

            return sum;
        }
    }

    /// <summary>
    /// Overall abandonment <c>1 − Π completion_k</c> over the steps with a next step; 1 when some step's completion is 0;
    /// otherwise <see langword="null"/> when a step has no decided units (all pending, or none reached it).
    /// </summary>
    public required double? OverallAbandonment { get; init; }

    /// <summary>
    /// Overall abandonment as a proportion <c>(entered − completed) / entered</c> with its Wilson interval — given only for a
    /// closed funnel with nothing pending, where it equals <see cref="OverallAbandonment"/>; otherwise <see langword="null"/>.
    /// </summary>
    public required ProportionEstimate? Overall { get; init; }

    /// <summary>Continuing units whose next step was timestamped earlier, over all steps.</summary>
    public long StepsOutOfSequence
    {
        get
        {
            long sum = 0;
            foreach (var s in Steps)
            {
                sum += s.OutOfSequence;
            }

            return sum;
        }
    }

    /// <summary>Events later than the as-of instant (ignored).</summary>
    public required long EventsAfterAsOf { get; init; }

    /// <summary>
    /// Data-quality findings of the events; <see langword="null"/> for results from counts and from
    /// <see cref="Funnel.OfRecords"/>, which does not look for duplicates (a duplicate cannot change a funnel, because a
    /// step is reached at the earliest event of its kinds).
    /// </summary>
    public required CartAnomalies? Anomalies { get; init; }

    /// <summary>Formats the funnel one step a line.</summary>
    /// <returns>The funnel as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Mode.ToString().ToLowerInvariant()} funnel by {Unit.ToString().ToLowerInvariant()}: ");
        text.Append(OverallAbandonment is { } a ? (a * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "no").Append(" overall abandonment");
        foreach (var step in Steps)
        {
            text.Append("\n  ").Append(step);
        }

        return text.ToString();
    }
}

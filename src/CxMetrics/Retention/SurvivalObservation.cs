using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// One customer's right-censored lifetime: how long they were observed (<see cref="Duration"/>, in any time unit, e.g.
/// months of tenure) and whether the observation ended with the event (<see cref="Event"/> = churned) or was censored
/// (still active when the data was taken: we only know the lifetime is at least <see cref="Duration"/>).
/// </summary>
/// <remarks>A censored customer is never counted as churned nor as surviving beyond their last observed time.</remarks>
public readonly record struct SurvivalObservation
{
    /// <summary>Creates an observation.</summary>
    /// <param name="duration">Observed time, finite and ≥ 0.</param>
    /// <param name="event">Whether the event (churn) was observed at <paramref name="duration"/>; otherwise censored.</param>
    /// <param name="weight">Case weight, finite and &gt; 0 (default 1).</param>
    /// <param name="id">Identifier used in error messages; optional.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or not finite, or the weight is not positive and finite.</exception>
    public SurvivalObservation(double duration, bool @event, double weight = 1.0, string? id = null)
    {
        KaplanMeierTally.CheckDuration(duration, id);
        Guard.Weight(weight, id);
        Duration = duration == 0 ? 0 : duration;
        Event = @event;
        Weight = weight;
        Id = id;
    }

    /// <summary>Observed time (≥ 0).</summary>
    public double Duration { get; }

    /// <summary><see langword="true"/> when the event (churn) was observed; <see langword="false"/> when censored.</summary>
    public bool Event { get; }

    /// <summary>Case weight (&gt; 0).</summary>
    public double Weight { get; }

    /// <summary>Identifier used in error messages, or <see langword="null"/>.</summary>
    public string? Id { get; }
}

using CxMetrics.Internal;

namespace CxMetrics.Retention;

/// <summary>
/// One customer's right-censored lifetime: how long they were observed (<see cref="Duration"/>, in any time unit, e.g.
/// months of tenure) and whether the observation ended with the event (<see cref="Event"/> = churned) or was censored
/// (still active when the data was taken: we only know the lifetime is at least <see cref="Duration"/>). With delayed entry
/// (left truncation) the customer was only observed from <see cref="Entry"/> on — R's <c>Surv(entry, exit, event)</c> —
/// and is at risk at t only when <c>Entry &lt; t ≤ Duration</c>.
/// </summary>
/// <remarks>
/// A censored customer is never counted as churned nor as surviving beyond their last observed time. Delayed entry is
/// what a data export that begins in 2023 gives for customers who joined in 2019: counting them as at risk since 2019
/// would bias the curve upward (they are in the data because they survived to 2023). <see cref="Entry"/> = 0 means
/// observed from the start (at risk at every t ≤ <see cref="Duration"/>, time 0 included), so observations with entry 0
/// give exactly the plain Kaplan–Meier curve.
/// </remarks>
public readonly record struct SurvivalObservation
{
    /// <summary>Creates an observation observed from the start (entry 0).</summary>
    /// <param name="duration">Observed time, finite and ≥ 0.</param>
    /// <param name="event">Whether the event (churn) was observed at <paramref name="duration"/>; otherwise censored.</param>
    /// <param name="weight">Case weight, finite and &gt; 0 (default 1).</param>
    /// <param name="id">Identifier used in error messages; optional.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or not finite, or the weight is not positive and finite.</exception>
    public SurvivalObservation(double duration, bool @event, double weight = 1.0, string? id = null)
        : this(0, duration, @event, weight, id)
    {
    }

    /// <summary>
    /// Creates an observation with delayed entry, <c>Surv(entry, duration, event)</c>: observed from
    /// <paramref name="entry"/> (time since the customer's own start) to <paramref name="duration"/>.
    /// </summary>
    /// <param name="entry">Time the observation began, finite, ≥ 0 and below <paramref name="duration"/> (or 0: from the start).</param>
    /// <param name="duration">Time the observation ended (exit), finite and ≥ 0.</param>
    /// <param name="event">Whether the event (churn) was observed at <paramref name="duration"/>; otherwise censored.</param>
    /// <param name="weight">Case weight, finite and &gt; 0 (default 1).</param>
    /// <param name="id">Identifier used in error messages; optional.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The duration is negative or not finite; the entry is negative, not finite, or a positive entry not below the
    /// duration; or the weight is not positive and finite.
    /// </exception>
    public SurvivalObservation(double entry, double duration, bool @event, double weight = 1.0, string? id = null)
    {
        KaplanMeierTally.CheckDuration(duration, id);
        KaplanMeierTally.CheckEntry(entry, duration, id);
        Guard.Weight(weight, id);
        Entry = entry == 0 ? 0 : entry;
        Duration = duration == 0 ? 0 : duration;
        Event = @event;
        Weight = weight;
        Id = id;
    }

    /// <summary>Time the observation began (delayed entry), ≥ 0 and below <see cref="Duration"/>; 0 = observed from the start.</summary>
    public double Entry { get; }

    /// <summary>Observed time (≥ 0): the exit, where the event or the censoring happened.</summary>
    public double Duration { get; }

    /// <summary><see langword="true"/> when the event (churn) was observed; <see langword="false"/> when censored.</summary>
    public bool Event { get; }

    /// <summary>Case weight (&gt; 0).</summary>
    public double Weight { get; }

    /// <summary>Identifier used in error messages, or <see langword="null"/>.</summary>
    public string? Id { get; }
}

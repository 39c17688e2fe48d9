using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Commerce;

/// <summary>
/// One step of a funnel: how many units were at it, how many went on to the next step, how many dropped out and how many
/// cannot be judged yet, the step's completion (continued among decided units, with a Wilson interval) and the time to
/// the next step.
/// </summary>
/// <remarks>
/// <c>Reached = Continued + Abandoned + Pending</c> for every step but the last, which has no next step (its three counts
/// are 0 and its completion has no value). A unit that did not continue counts as pending while it is inside the
/// inactivity time-out without purchase; otherwise it abandoned at this step (also when it purchased by skipping the
/// next step: it left the funnel's path).
/// </remarks>
public sealed record FunnelStepResult
{
    /// <summary>The step's name.</summary>
    public required string Name { get; init; }

    /// <summary>Units counted at the step (closed: reached every step up to it; open: reached it).</summary>
    public required long Reached { get; init; }

    /// <summary>Units counted at the step that also reached the next step.</summary>
    public required long Continued { get; init; }

    /// <summary>Units that stopped at the step and are past the time-out (or purchased another way).</summary>
    public required long Abandoned { get; init; }

    /// <summary>Units that stopped at the step but are still inside the time-out: not judged.</summary>
    public required long Pending { get; init; }

    /// <summary>Completion rate <c>Continued / (Continued + Abandoned)</c> with its interval; no value for the last step.</summary>
    public required ProportionEstimate Completion { get; init; }

    /// <summary>Step abandonment <c>1 − completion</c>; <see langword="null"/> when the completion has no value.</summary>
    public double? AbandonmentRate => Completion.Value is { } c ? 1 - c : null;

    /// <summary>Seconds from reaching this step to reaching the next, over continuing units whose next step is not earlier.</summary>
    public required QuantileSummary SecondsToNext { get; init; }

    /// <summary>Continuing units whose next step is timestamped before this one (counted, kept out of the times).</summary>
    public required long OutOfSequence { get; init; }

    /// <summary>Formats as <c>begin checkout: 600 → 450 (75.00% continue, 150 abandoned, 0 pending)</c>.</summary>
    /// <returns>The step as text.</returns>
    public override string ToString() => Completion.Value is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {Reached} → {Continued} ({c * 100:0.00}% continue, {Abandoned} abandoned, {Pending} pending)")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: {Reached}");
}

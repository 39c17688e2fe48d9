using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Support;

/// <summary>
/// Support responsiveness of a set of tickets on one clock: first response, first and full resolution and handle time
/// summaries, with the tickets still pending reported apart (their time so far is a lower bound, never a finished time).
/// </summary>
public sealed record SupportResult
{
    /// <summary>The clock the summaries are measured on.</summary>
    public required TimeBasis Basis { get; init; }

    /// <summary>Tickets counted.</summary>
    public required long Tickets { get; init; }

    /// <summary>First response times of answered tickets.</summary>
    public required DurationSummary FirstResponse { get; init; }

    /// <summary>Tickets still waiting for their first reply.</summary>
    public required long ResponsePending { get; init; }

    /// <summary>How long the pending tickets have waited so far (right-censored at as-of).</summary>
    public required DurationSummary ResponsePendingFor { get; init; }

    /// <summary>First resolution times of tickets solved at least once.</summary>
    public required DurationSummary FirstResolution { get; init; }

    /// <summary>Full resolution times (to the latest solve) of tickets solved at as-of.</summary>
    public required DurationSummary FullResolution { get; init; }

    /// <summary>Tickets not solved at as-of (never solved or reopened).</summary>
    public required long ResolutionPending { get; init; }

    /// <summary>How long the unsolved tickets have been open so far (right-censored at as-of).</summary>
    public required DurationSummary ResolutionPendingFor { get; init; }

    /// <summary>Handle time (sum of work intervals) of tickets with work intervals.</summary>
    public required DurationSummary HandleTime { get; init; }

    /// <summary>Reopens over all tickets.</summary>
    public required long Reopens { get; init; }

    /// <summary>Share of tickets solved at least once that were reopened (Zendesk "reopens"; lower is better), with its interval.</summary>
    public required ProportionEstimate ReopenRate { get; init; }

    /// <summary>Formats as <c>120 tickets: first response median 1.50 h (n = 110, 10 pending)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Tickets} tickets ({Basis}): first response {FirstResponse} with {ResponsePending} pending; full resolution {FullResolution} with {ResolutionPending} pending");
}

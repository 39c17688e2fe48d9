using System.Globalization;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// The backlog of one period: tickets created, solved and reopened in it, the tickets open at its end with their ages in
/// bands, and — when the staffing hours of the period are given — the tickets created per agent-hour.
/// </summary>
public sealed record BacklogCell
{
    /// <summary>The period.</summary>
    public required CalendarPeriod Period { get; init; }

    /// <summary>When the backlog was counted: the period's end, or as-of for the period running at as-of.</summary>
    public required Instant CountedAt { get; init; }

    /// <summary>Whether the period had ended by as-of (otherwise its counts so far are shown).</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Tickets created in the period.</summary>
    public required long Created { get; init; }

    /// <summary>Solves in the period (a ticket solved, reopened and solved again counts twice; a close without a solve counts).</summary>
    public required long Solved { get; init; }

    /// <summary>Reopens in the period.</summary>
    public required long Reopened { get; init; }

    /// <summary>Tickets open (created and not solved) at <see cref="CountedAt"/>.</summary>
    public required long Open { get; init; }

    /// <summary>The open tickets per age band (wall-clock time since creation), band i covering ages from edge i − 1 (or zero) up to edge i; the last band is open-ended.</summary>
    public required IReadOnlyList<long> OpenByAge { get; init; }

    /// <summary>Agent hours staffed in the period, when given; otherwise <see langword="null"/>.</summary>
    public double? AgentHours { get; init; }

    /// <summary>Tickets created per agent-hour with an exact Poisson (Garwood) interval, when <see cref="AgentHours"/> is given.</summary>
    public RateEstimate? LoadPerAgentHour { get; init; }

    /// <summary>Formats as <c>2024-03-31: 12 created, 10 solved, 1 reopened, 40 open</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Period}: {Created} created, {Solved} solved, {Reopened} reopened, {Open} open{(IsComplete ? "" : " (so far)")}");
}

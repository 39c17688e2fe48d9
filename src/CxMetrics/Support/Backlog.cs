using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// The backlog over time, as help-desk reports show it (Zendesk Explore "backlog" and "created vs solved"; Freshdesk
/// "unresolved tickets"): per period of a grid in the shop's zone, tickets created, solved and reopened, the tickets still
/// open at its end and how old they are, and the load per agent-hour when staffing hours are given (tickets created over
/// agent hours, a Poisson rate like <see cref="SupportLoad"/>'s tickets per active-user hour). Definitions in
/// <see cref="BacklogTally"/>.
/// </summary>
public static class Backlog
{
    /// <summary>The backlog of tickets per period from <paramref name="first"/> to <paramref name="last"/>.</summary>
    /// <param name="tickets">The tickets (their status changes decide when they are solved).</param>
    /// <param name="agentHours">Agent hours staffed per period (periods left out get no load); <see langword="null"/> for none.</param>
    /// <param name="asOf">The moment of judgement; later events have not happened yet.</param>
    /// <param name="grid">The period grid (zone, unit, week start).</param>
    /// <param name="first">The first period.</param>
    /// <param name="last">The last period, starting before <paramref name="asOf"/>.</param>
    /// <param name="options">Level of the load intervals and the age bands.</param>
    /// <returns>The backlog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tickets"/> is null.</exception>
    /// <exception cref="ArgumentException">A period is not of the grid, the range is reversed or starts after as-of.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Agent hours are negative or not finite.</exception>
    public static BacklogResult Of(
        IEnumerable<SupportTicket> tickets, IReadOnlyDictionary<CalendarPeriod, double>? agentHours, Instant asOf, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last,
        SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var tally = new BacklogTally(asOf, grid, first, last, (options ?? SupportOptions.Default).BacklogAgeEdges);
        tally.AddRange(tickets);
        return From(tally, agentHours, options);
    }

    /// <summary>The backlog of a tally (e.g. merged from shards).</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="agentHours">Agent hours staffed per period (periods left out get no load); <see langword="null"/> for none.</param>
    /// <param name="options">Level of the load intervals.</param>
    /// <returns>The backlog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Agent hours are negative or not finite.</exception>
    public static BacklogResult From(BacklogTally tally, IReadOnlyDictionary<CalendarPeriod, double>? agentHours = null, SupportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= SupportOptions.Default;
        var cells = new BacklogCell[tally.Periods.Count];
        for (int p = 0; p < cells.Length; p++)
        {
            var period = tally.Periods[p];
            var at = tally.CountedAt(p);
            double? hours = agentHours is not null && agentHours.TryGetValue(period, out double h) ? h : null;
            cells[p] = new BacklogCell
            {
                Period = period,
                CountedAt = at,
                IsComplete = period.ToInterval(tally.Grid.Zone).End <= tally.AsOf,
                Created = tally.Created(p),
                Solved = tally.Solved(p),
                Reopened = tally.Reopened(p),
                Open = tally.Open(p),
                OpenByAge = tally.Ages(p).ToArray(),
                AgentHours = hours,
                LoadPerAgentHour = hours is { } x ? SupportLoad.PerAgentHour(tally.Created(p), x, options) : null,
            };
        }

        return new BacklogResult { Tickets = tally.Tickets, AsOf = tally.AsOf, AgeEdges = tally.AgeEdges, Cells = cells };
    }
}

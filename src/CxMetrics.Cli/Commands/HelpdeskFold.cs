using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The report's help-desk tallies while tickets stream by, each ticket judged once at a known as-of instant
/// (<see cref="HelpdeskSection"/> finds it in a first pass): support times, resolution counts overall and per channel, SLA
/// counts overall and per period of creation, and the weekly backlog. Memory grows with the tallies (the support hours, one
/// SLA tally per period, one resolution tally per channel), never with a list of tickets. Tickets created after as-of are
/// counted and left out, as a list filtered by creation would leave them.
/// </summary>
internal sealed class HelpdeskFold
{
    private readonly BusinessCalendar calendar;
    private readonly Instant asOf;
    private readonly PeriodGrid periods;
    private readonly Dictionary<string, TicketResolutionTally> byChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<CalendarPeriod, SlaTally> byPeriod = [];

    /// <param name="backlog">The weekly backlog's tally, or null when its range is not known (no ticket judged, or a reversed range).</param>
    /// <param name="periods">The grid of the SLA cells by period (the report's <c>--period</c>).</param>
    public HelpdeskFold(BusinessCalendar calendar, Instant asOf, BacklogTally? backlog, PeriodGrid periods)
    {
        this.calendar = calendar;
        this.asOf = asOf;
        this.periods = periods;
        Backlog = backlog;
        Sla = new SlaFold(HelpdeskSection.Targets, byPriority: false, calendar, asOf);
    }

    /// <summary>Tickets judged (created at or before as-of).</summary>
    public long Judged { get; private set; }

    /// <summary>Tickets created after as-of, left out.</summary>
    public long Later { get; private set; }

    public SupportTally Support { get; } = new();

    public TicketResolutionTally Resolution { get; } = new();

    /// <summary>Resolution counts per channel.</summary>
    public IEnumerable<KeyValuePair<string, TicketResolutionTally>> ResolutionByChannel => byChannel;

    /// <summary>SLA counts of every judged ticket.</summary>
    public SlaFold Sla { get; }

    /// <summary>SLA counts per period of creation.</summary>
    public IEnumerable<KeyValuePair<CalendarPeriod, SlaTally>> SlaByPeriod => byPeriod;

    public BacklogTally? Backlog { get; }

    public void Add(SupportTicket ticket)
    {
        if (ticket.CreatedAt > asOf)
        {
            Later++;
            return;
        }

        Judged++;
        var times = SupportTimes.Of(ticket, calendar, asOf);
        Support.Add(times);
        Resolution.Add(times);
        if (!byChannel.TryGetValue(ticket.Channel, out var channel))
        {
            channel = new TicketResolutionTally();
            byChannel.Add(ticket.Channel, channel);
        }

        channel.Add(times);
        Sla.Add(times);
        var period = periods.Containing(ticket.CreatedAt);
        if (!byPeriod.TryGetValue(period, out var sla))
        {
            sla = new SlaTally(HelpdeskSection.Targets, byPriority: false);
            byPeriod.Add(period, sla);
        }

        sla.Add(times);
        Backlog?.Add(ticket);
    }
}

using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The SLA table's state while tickets stream by: one <see cref="SlaTally"/> (counts per channel × priority × metric ×
/// target). With an as-of instant every ticket is judged as it is read. Without one the as-of is the latest instant of the
/// file, known only at its end: a ticket already settled at its own latest instant (<see cref="SupportFold.IsSettled"/>)
/// is judged the same at any later as-of and is counted at once; only the tickets still open are kept and judged at the
/// end — memory grows with open tickets, not with rows. The tally's counts do not depend on the order of the tickets, so
/// the cells are the ones <see cref="Sla.Of"/> gives for a list of all tickets.
/// </summary>
internal sealed class SlaFold
{
    private readonly BusinessCalendar calendar;
    private readonly Instant? asOf;
    private readonly List<SupportTicket> open = [];
    private Instant latest = Instant.MinValue;
    private long read;

    public SlaFold(IReadOnlyList<SlaTarget> targets, bool byPriority, BusinessCalendar calendar, Instant? asOf)
    {
        Tally = new SlaTally(targets, byPriority);
        this.calendar = calendar;
        this.asOf = asOf;
    }

    /// <summary>Tickets created after the as-of instant: left out (they do not exist yet at the moment of judgement).</summary>
    public long Later { get; private set; }

    /// <summary>The as-of instant: the one given, else the latest creation, reply or status change read (the Unix epoch for no tickets).</summary>
    public Instant AsOf => AsOfRule.Resolve(asOf, read == 0 ? null : latest);

    /// <summary>The tally; complete once <see cref="Finish"/> has run.</summary>
    public SlaTally Tally { get; }

    public void Add(SupportTicket ticket)
    {
        read++;
        var own = SupportFold.LatestOf(ticket);
        latest = Instant.Max(latest, own);
        if (asOf is { } given)
        {
            if (ticket.CreatedAt > given)
            {
                Later++;
                return;
            }

            Tally.Add(SupportTimes.Of(ticket, calendar, given));
            return;
        }

        var now = SupportTimes.Of(ticket, calendar, own);
        if (SupportFold.IsSettled(ticket, now, own))
        {
            Tally.Add(now);
        }
        else
        {
            open.Add(ticket);
        }
    }

    /// <summary>Counts a ticket already judged at the given as-of instant (by a fold that needs its times for other tallies too).</summary>
    /// <exception cref="InvalidOperationException">The fold was made without an as-of instant.</exception>
    public void Add(TicketTimes judged)
    {
        if (asOf is null)
        {
            throw new InvalidOperationException("a ticket judged in advance needs the fold's as-of instant.");
        }

        read++;
        Tally.Add(judged);
    }

    /// <summary>Judges the tickets kept open at <see cref="AsOf"/> and returns the complete tally.</summary>
    public SlaTally Finish()
    {
        foreach (var ticket in open)
        {
            Tally.Add(SupportTimes.Of(ticket, calendar, AsOf));
        }

        open.Clear();
        return Tally;
    }
}

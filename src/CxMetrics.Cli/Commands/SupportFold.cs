using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The support tables' state while tickets stream by: one <see cref="SupportTally"/> for all tickets and one per key. With
/// an as-of instant every ticket is judged as it is read. Without one the as-of is the latest instant of the file, known
/// only at its end: a ticket that is already settled at its own latest instant (replied or closed without reply, solved,
/// no work after it) has the same times at any later as-of and is folded at once; only the tickets still open are kept and
/// judged at the end — memory grows with open tickets, not with rows. Their hours are put back at their places in the
/// sequence, so the tallies, and every mean summed from them, are the ones a list of all tickets gives.
/// </summary>
internal sealed class SupportFold
{
    private static readonly (SupportMeasure Measure, TimeBasis Basis)[] Slots =
        [.. Enum.GetValues<SupportMeasure>().SelectMany(m => new[] { (m, TimeBasis.Business), (m, TimeBasis.Calendar) })];

    private readonly BusinessCalendar calendar;
    private readonly Instant? asOf;
    private readonly Func<SupportTicket, string?> key;
    private readonly Cell total = new();
    private readonly TicketResolutionTally resolution = new();
    private readonly Dictionary<string, Cell> byKey = new(StringComparer.Ordinal);
    private Cell? noKey;
    private Instant latest = Instant.MinValue;
    private long read;

    public SupportFold(BusinessCalendar calendar, Instant? asOf, Func<SupportTicket, string?> key)
    {
        this.calendar = calendar;
        this.asOf = asOf;
        this.key = key;
    }

    /// <summary>Tickets created after the as-of instant: left out (they do not exist yet at the moment of judgement).</summary>
    public long Later { get; private set; }

    /// <summary>The as-of instant: the one given, else the latest creation, reply or status change read (the Unix epoch for no tickets).</summary>
    public Instant AsOf => AsOfRule.Resolve(asOf, read == 0 ? null : latest);

    public void Add(SupportTicket ticket)
    {
        read++;
        HelpDeskEvents |= ticket.Messages.Count > 0 || ticket.StatusChanges.Any(c => c.Status is TicketStatus.Pending or TicketStatus.OnHold);
        var own = LatestOf(ticket);
        latest = Instant.Max(latest, own);
        if (asOf is { } cut && ticket.CreatedAt > cut)
        {
            Later++;
            return;
        }

        string? k = key(ticket);
        Cell cell;
        if (k is null)
        {
            cell = noKey ??= new Cell();
        }
        else if (!byKey.TryGetValue(k, out cell!))
        {
            cell = new Cell();
            byKey.Add(k, cell);
        }

        if (asOf is { } given)
        {
            var times = SupportTimes.Of(ticket, calendar, given);
            total.Settled.Add(times);
            resolution.Add(times);
            cell.Settled.Add(times);
            return;
        }

        var now = SupportTimes.Of(ticket, calendar, own);
        if (IsSettled(ticket, now, own))
        {
            total.Settled.Add(now);
            resolution.Add(now);
            cell.Settled.Add(now);
        }
        else
        {
            total.Keep(ticket);
            cell.Keep(ticket);
        }
    }

    /// <summary>The tally of every ticket judged at <see cref="AsOf"/>.</summary>
    public SupportTally Total() => total.Finish(calendar, AsOf);

    /// <summary>Whether any ticket read has pending or on-hold changes or a conversation (customer messages, internal notes).</summary>
    public bool HelpDeskEvents { get; private set; }

    /// <summary>One-touch, first-contact and reopen counts of every ticket judged at <see cref="AsOf"/>.</summary>
    public TicketResolutionTally Resolution()
    {
        var all = resolution.Clone();
        foreach (var ticket in total.OpenTickets)
        {
            all.Add(SupportTimes.Of(ticket, calendar, AsOf));
        }

        return all;
    }

    /// <summary>The tallies per key (tickets without a key under a null key), judged at <see cref="AsOf"/>.</summary>
    public IEnumerable<KeyValuePair<string?, SupportTally>> ByKey()
    {
        var cells = new List<KeyValuePair<string?, SupportTally>>(byKey.Count + 1);
        foreach (var (k, c) in byKey)
        {
            cells.Add(new(k, c.Finish(calendar, AsOf)));
        }

        if (noKey is not null)
        {
            cells.Add(new(null, noKey.Finish(calendar, AsOf)));
        }

        return cells;
    }

    /// <summary>
    /// Whether a ticket judged at its own latest instant <paramref name="own"/> has the same times at any later as-of:
    /// nothing pending (replied or closed without reply, solved) and no work after it.
    /// </summary>
    internal static bool IsSettled(SupportTicket ticket, TicketTimes now, Instant own) =>
        !now.IsResponsePending && !now.IsResolutionPending && ticket.WorkIntervals.All(w => w.Start < own && w.End <= own);

    /// <summary>A ticket's latest creation, reply, message or status change (what the as-of defaults to over a file).</summary>
    internal static Instant LatestOf(SupportTicket t)
    {
        var latest = t.CreatedAt;
        if (t.Replies.Count > 0)
        {
            latest = Instant.Max(latest, t.Replies[^1]);
        }

        if (t.StatusChanges.Count > 0)
        {
            latest = Instant.Max(latest, t.StatusChanges[^1].At);
        }

        if (t.Messages.Count > 0)
        {
            latest = Instant.Max(latest, t.Messages[^1].At);
        }

        return latest;
    }

    private sealed class Cell
    {
        private readonly List<(SupportTicket Ticket, int[] Positions)> open = [];

        public SupportTally Settled { get; } = new();

        /// <summary>The tickets kept open, in the order read.</summary>
        public IEnumerable<SupportTicket> OpenTickets => open.Select(o => o.Ticket);

        /// <summary>Keeps an open ticket with, per measure and clock, how many settled values came before it.</summary>
        public void Keep(SupportTicket ticket)
        {
            var positions = new int[Slots.Length];
            for (int i = 0; i < Slots.Length; i++)
            {
                positions[i] = Settled.Hours(Slots[i].Measure, Slots[i].Basis).Count;
            }

            open.Add((ticket, positions));
        }

        public SupportTally Finish(BusinessCalendar calendar, Instant asOf)
        {
            if (open.Count == 0)
            {
                return Settled;
            }

            var counts = new SupportTally();
            var each = new List<SupportTally>(open.Count);
            foreach (var (ticket, _) in open)
            {
                var times = SupportTimes.Of(ticket, calendar, asOf);
                var one = new SupportTally();
                one.Add(times);
                each.Add(one);
                counts.Add(times);
            }

            var result = SupportTally.FromCounts(
                Settled.Tickets + counts.Tickets, Settled.ResponsePending + counts.ResponsePending, Settled.ResolutionPending + counts.ResolutionPending,
                Settled.SolvedOnce + counts.SolvedOnce, Settled.ReopenedTickets + counts.ReopenedTickets, Settled.Reopens + counts.Reopens);
            for (int i = 0; i < Slots.Length; i++)
            {
                var (measure, basis) = Slots[i];
                var settled = Settled.Hours(measure, basis);
                var merged = new List<double>(settled.Count + open.Count);
                int next = 0;
                for (int t = 0; t < open.Count; t++)
                {
                    int at = open[t].Positions[i];
                    while (next < at)
                    {
                        merged.Add(settled[next++]);
                    }

                    merged.AddRange(each[t].Hours(measure, basis));
                }

                while (next < settled.Count)
                {
                    merged.Add(settled[next++]);
                }

                result.AddHours(measure, basis, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(merged));
            }

            return result;
        }
    }
}

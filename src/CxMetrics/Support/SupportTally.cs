using CxMetrics.Internal;

namespace CxMetrics.Support;

/// <summary>
/// The sufficient statistic of the support summaries: per measure and clock the list of per-ticket hours (exact
/// percentiles need the values), plus ticket, pending and reopen counts. Build it with <see cref="Add"/>, combine shards with
/// <see cref="Merge"/> (associative and commutative up to the order of values, which summaries do not depend on; the
/// empty tally is its identity). For streams too large to keep, feed the hours into a
/// <see cref="Statistics.QuantileSketch"/> instead.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class SupportTally
{
    /// <summary>The number of measures (<see cref="SupportMeasure"/> values 0 … Measures − 1).</summary>
    internal static readonly int Measures = Enum.GetValues<SupportMeasure>().Length;
    private readonly List<double>[] hours = new List<double>[Measures * 2];

    /// <summary>Creates an empty tally.</summary>
    public SupportTally()
    {
        for (int i = 0; i < hours.Length; i++)
        {
            hours[i] = [];
        }
    }

    /// <summary>Tickets counted.</summary>
    public long Tickets { get; private set; }

    /// <summary>Tickets still waiting for their first reply.</summary>
    public long ResponsePending { get; private set; }

    /// <summary>Tickets not solved at as-of.</summary>
    public long ResolutionPending { get; private set; }

    /// <summary>Tickets solved at least once.</summary>
    public long SolvedOnce { get; private set; }

    /// <summary>
    /// Tickets solved or closed without any public reply (neither answered nor pending): the number of their
    /// <see cref="SupportMeasure.ClosedWithoutReply"/> hours, so a tally built from counts gets them with <see cref="AddHours"/>.
    /// </summary>
    public long ClosedWithoutReply => Math.Max(hours[Slot(SupportMeasure.ClosedWithoutReply, TimeBasis.Business)].Count, hours[Slot(SupportMeasure.ClosedWithoutReply, TimeBasis.Calendar)].Count);

    /// <summary>Tickets reopened at least once.</summary>
    public long ReopenedTickets { get; private set; }

    /// <summary>Reopens counted over all tickets.</summary>
    public long Reopens { get; private set; }

    /// <summary>
    /// A tally from counts, e.g. <c>COUNT(*)</c> and <c>SUM(CASE …)</c> per group from a database; add the per-ticket hours
    /// with <see cref="AddHours"/> (a <c>LIST(hours)</c> / <c>ARRAY_AGG</c> per measure and clock).
    /// </summary>
    /// <param name="tickets">Tickets counted.</param>
    /// <param name="responsePending">Tickets still waiting for their first reply.</param>
    /// <param name="resolutionPending">Tickets not solved at as-of.</param>
    /// <param name="solvedOnce">Tickets solved at least once.</param>
    /// <param name="reopenedTickets">Tickets reopened at least once.</param>
    /// <param name="reopens">Reopens over all tickets.</param>
    /// <returns>The tally, without hours.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, a ticket count exceeds <paramref name="tickets"/>, or
    /// <paramref name="reopens"/> is below <paramref name="reopenedTickets"/>.</exception>
    public static SupportTally FromCounts(long tickets, long responsePending, long resolutionPending, long solvedOnce, long reopenedTickets, long reopens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tickets);
        ArgumentOutOfRangeException.ThrowIfNegative(responsePending);
        ArgumentOutOfRangeException.ThrowIfNegative(resolutionPending);
        ArgumentOutOfRangeException.ThrowIfNegative(solvedOnce);
        ArgumentOutOfRangeException.ThrowIfNegative(reopenedTickets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(responsePending, tickets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(resolutionPending, tickets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(solvedOnce, tickets);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reopenedTickets, tickets);
        ArgumentOutOfRangeException.ThrowIfLessThan(reopens, reopenedTickets);
        return new SupportTally
        {
            Tickets = tickets, ResponsePending = responsePending, ResolutionPending = resolutionPending, SolvedOnce = solvedOnce,
            ReopenedTickets = reopenedTickets, Reopens = reopens,
        };
    }

    /// <summary>Appends per-ticket hours of one measure on one clock (e.g. from a database). Atomic: on an invalid value nothing is added.</summary>
    /// <param name="measure">The measure.</param>
    /// <param name="basis">The clock.</param>
    /// <param name="hours">Hours, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The measure or clock is unknown, or an hour value is negative or not finite (the message gives its position).</exception>
    public void AddHours(SupportMeasure measure, TimeBasis basis, ReadOnlySpan<double> hours)
    {
        int slot = Slot(measure, basis);
        for (int i = 0; i < hours.Length; i++)
        {
            if (!(hours[i] >= 0) || double.IsPositiveInfinity(hours[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(hours), hours[i], $"{measure} ({basis}) hours {hours[i]} at position {i} must be finite and ≥ 0.");
            }
        }

        this.hours[slot].AddRange(hours);
    }

    /// <summary>Adds one ticket's times. Atomic: a ticket with an invalid duration adds nothing.</summary>
    /// <param name="times">The ticket's times; every duration it has (business and calendar) must be ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A duration of <paramref name="times"/> is negative (the message names the measure, clock and ticket).</exception>
    public void Add(TicketTimes times)
    {
        ArgumentNullException.ThrowIfNull(times);
        for (int m = 0; m < Measures; m++)
        {
            if (Value(times, (SupportMeasure)m) is { } e)
            {
                Check(e.Business, (SupportMeasure)m, TimeBasis.Business, times);
                Check(e.Calendar, (SupportMeasure)m, TimeBasis.Calendar, times);
            }
        }

        AddCounts(times);
        for (int m = 0; m < Measures; m++)
        {
            if (Value(times, (SupportMeasure)m) is { } t)
            {
                hours[m * 2].Add(t.Business.TotalHours);
                hours[(m * 2) + 1].Add(t.Calendar.TotalHours);
            }
        }
    }

    private static void Check(NodaTime.Duration duration, SupportMeasure measure, TimeBasis basis, TicketTimes times)
    {
        if (duration < NodaTime.Duration.Zero)
        {
            double hours = duration.TotalHours;
            throw new ArgumentOutOfRangeException(nameof(times), hours, $"{measure} ({basis}) duration {hours} h of ticket '{times.Ticket.Id}' must be ≥ 0.");
        }
    }

    /// <summary>The value a ticket contributes to a measure, or <see langword="null"/> when it contributes none (the handle time only counts tickets with work intervals).</summary>
    internal static ElapsedTime? Value(TicketTimes times, SupportMeasure measure) => measure switch
    {
        SupportMeasure.FirstResponse => times.FirstResponse,
        SupportMeasure.ResponsePendingFor => times.ResponsePendingFor,
        SupportMeasure.FirstResolution => times.FirstResolution,
        SupportMeasure.FullResolution => times.FullResolution,
        SupportMeasure.ResolutionPendingFor => times.ResolutionPendingFor,
        SupportMeasure.ClosedWithoutReply => times.ClosedWithoutReply,
        SupportMeasure.AgentWorkTime => times.StatusTimes.IsRunning ? null : times.StatusTimes.AgentWork,
        SupportMeasure.OnHoldTime => times.StatusTimes.IsRunning ? null : times.StatusTimes.OnHold,
        SupportMeasure.AgentWaitTime => times.StatusTimes.IsRunning ? null : times.StatusTimes.AgentWait,
        SupportMeasure.RequesterWaitTime => times.StatusTimes.IsRunning ? null : times.StatusTimes.RequesterWait,
        _ => times.Ticket.WorkIntervals.Count > 0 ? times.HandleTime : null,
    };

    /// <summary>Adds one ticket's counts (tickets, pending, solved, reopened) without its hours.</summary>
    internal void AddCounts(TicketTimes times)
    {
        ArgumentNullException.ThrowIfNull(times);
        long reopens = CheckedCount.Add(Reopens, times.Reopens, "the reopen count");
        Tickets = CheckedCount.Add(Tickets, 1, "the ticket count");
        ResponsePending += times.IsResponsePending ? 1 : 0;
        ResolutionPending += times.IsResolutionPending ? 1 : 0;
        SolvedOnce += times.FirstResolution is null ? 0 : 1;
        ReopenedTickets += times.Reopens > 0 ? 1 : 0;
        Reopens = reopens;
    }

    /// <summary>Adds another tally's counts and values to this one (the core's one <c>Merge</c> rule: this tally changes and is returned; <paramref name="other"/> does not change; the empty tally is the identity).</summary>
    /// <param name="other">The other tally; unchanged.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="OverflowException">The merged ticket or reopen count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public SupportTally Merge(SupportTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        long tickets = CheckedCount.Add(Tickets, other.Tickets, "the ticket count");
        long reopens = CheckedCount.Add(Reopens, other.Reopens, "the reopen count");
        for (int i = 0; i < hours.Length; i++)
        {
            hours[i].AddRange(other.hours[i]);
        }

        Tickets = tickets; // the other ticket counts are at most the tickets, so they cannot overflow
        ResponsePending += other.ResponsePending;
        ResolutionPending += other.ResolutionPending;
        SolvedOnce += other.SolvedOnce;
        ReopenedTickets += other.ReopenedTickets;
        Reopens = reopens;
        return this;
    }

    /// <summary>A new tally with the same counts and hours.</summary>
    /// <returns>The copy.</returns>
    public SupportTally Clone()
    {
        var copy = new SupportTally();
        copy.Merge(this);
        return copy;
    }

    /// <summary>The per-ticket hours of a measure on a clock, in the order added.</summary>
    /// <param name="measure">The measure.</param>
    /// <param name="basis">The clock.</param>
    /// <returns>The hours.</returns>
    public IReadOnlyList<double> Hours(SupportMeasure measure, TimeBasis basis) => hours[Slot(measure, basis)];

    internal ReadOnlySpan<double> Span(SupportMeasure measure, TimeBasis basis) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hours[Slot(measure, basis)]);

    private static int Slot(SupportMeasure measure, TimeBasis basis)
    {
        if ((uint)measure >= (uint)Measures || basis is not (TimeBasis.Business or TimeBasis.Calendar))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, $"unknown measure {measure} or basis {basis}.");
        }

        return ((int)measure * 2) + (int)basis;
    }

    /// <summary>The tally of ticket times.</summary>
    /// <param name="times">The ticket times.</param>
    /// <returns>A new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="times"/> is null.</exception>
    public static SupportTally Of(IEnumerable<TicketTimes> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var tally = new SupportTally();
        foreach (var t in times)
        {
            tally.Add(t);
        }

        return tally;
    }
}

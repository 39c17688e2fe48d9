using System.Globalization;
using NodaTime;

namespace CxMetrics.Support;

/// <summary>
/// Business hours in a time zone: a weekly schedule of opening intervals (several a day, split shifts, intervals that cross
/// midnight) minus holiday dates the caller supplies (no holiday source is bundled). Durations are measured on instants:
/// an hour that the clocks skip is never open, an hour they repeat counts twice when open, so clock changes are right.
/// </summary>
/// <remarks>
/// <para>
/// Business time between two instants is the length of the set of instants whose local time (in <see cref="Zone"/>) lies in
/// an opening interval of a non-holiday day. It is computed in O(k + log h + t) for k intervals a week, h holidays and
/// t clock changes in the span (two a year in zones with daylight saving time), so the cost per ticket does not grow with
/// the ticket's length: the nominal business time up to a local time is <c>weeks × weekly open time + the week's
/// prefix − closed holiday time before it</c> (holidays kept sorted with prefix sums), and each clock change inside the
/// span corrects for the local time it skipped or repeated.
/// </para>
/// <para>
/// This is the help-desk convention (Zendesk business-hours metrics, Freshdesk business hours, Intercom office hours):
/// the clock for a ticket only runs while the team is scheduled to work. Resolution is one tick (100 ns).
/// </para>
/// </remarks>
public sealed class BusinessCalendar
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;
    private const long TicksPerWeek = NodaConstants.TicksPerWeek;

    private readonly long[] weekStarts;
    private readonly long[] weekEnds;
    private readonly long[] weekPrefix;
    private readonly long weekTotal;
    private readonly long[][] dayStarts;
    private readonly long[][] dayEnds;
    private readonly long[] holidayDays;
    private readonly long[] holidayPrefix;

    /// <summary>Creates a calendar.</summary>
    /// <param name="zone">The team's time zone (never the machine's).</param>
    /// <param name="hours">The weekly opening intervals; they must not overlap (also across midnight and across Sunday → Monday).</param>
    /// <param name="holidays">Dates on which the intervals that start that day are closed; duplicates count once.</param>
    /// <exception cref="ArgumentException">Two opening intervals overlap, or a day of the week is not defined.</exception>
    public BusinessCalendar(DateTimeZone zone, IEnumerable<WeeklyOpening> hours, IEnumerable<LocalDate>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        Zone = zone;
        var opening = hours.ToArray();
        Hours = opening;

        var pieces = new List<(long Start, long End, WeeklyOpening Source)>();
        var perDay = new List<(long Start, long End)>[7];
        for (int d = 0; d < 7; d++)
        {
            perDay[d] = [];
        }

        foreach (var o in opening)
        {
            if (o.Day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"opening interval {o} has no valid day of the week (expected Monday to Sunday).", nameof(hours));
            }

            int day = (int)o.Day - 1;
            long start = o.Start.TickOfDay, end = start + o.LengthTicks;
            perDay[day].Add((start, end));
            long weekStart = (day * TicksPerDay) + start, weekEnd = weekStart + o.LengthTicks;
            if (weekEnd > TicksPerWeek)
            {
                pieces.Add((weekStart, TicksPerWeek, o));
                pieces.Add((0, weekEnd - TicksPerWeek, o));
            }
            else
            {
                pieces.Add((weekStart, weekEnd, o));
            }
        }

        pieces.Sort((a, b) => a.Start.CompareTo(b.Start));
        weekStarts = new long[pieces.Count];
        weekEnds = new long[pieces.Count];
        weekPrefix = new long[pieces.Count + 1];
        for (int i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && pieces[i].Start < pieces[i - 1].End)
            {
                throw new ArgumentException($"opening intervals {pieces[i - 1].Source} and {pieces[i].Source} overlap; give each moment of the week at most once.", nameof(hours));
            }

            weekStarts[i] = pieces[i].Start;
            weekEnds[i] = pieces[i].End;
            weekPrefix[i + 1] = weekPrefix[i] + (pieces[i].End - pieces[i].Start);
        }

        weekTotal = weekPrefix[^1];
        dayStarts = new long[7][];
        dayEnds = new long[7][];
        var dayTotals = new long[7];
        for (int d = 0; d < 7; d++)
        {
            perDay[d].Sort((a, b) => a.Start.CompareTo(b.Start));
            dayStarts[d] = [.. perDay[d].Select(p => p.Start)];
            dayEnds[d] = [.. perDay[d].Select(p => p.End)];
            dayTotals[d] = perDay[d].Sum(p => p.End - p.Start);
        }

        var dates = (holidays ?? []).Select(h => h.WithCalendar(CalendarSystem.Iso)).Distinct().Order().ToArray();
        Holidays = dates;
        holidayDays = new long[dates.Length];
        holidayPrefix = new long[dates.Length + 1];
        for (int i = 0; i < dates.Length; i++)
        {
            holidayDays[i] = EpochDay(dates[i]);
            holidayPrefix[i + 1] = holidayPrefix[i] + dayTotals[Weekday(holidayDays[i])];
        }
    }

    /// <summary>The team's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The weekly opening intervals, as given.</summary>
    public IReadOnlyList<WeeklyOpening> Hours { get; }

    /// <summary>The holiday dates, sorted, each once.</summary>
    public IReadOnlyList<LocalDate> Holidays { get; }

    /// <summary>The nominal open time of a week without holidays or clock changes.</summary>
    public Duration WeeklyOpenTime => Duration.FromTicks(weekTotal);

    /// <summary>A calendar open around the clock (24/7): its business time equals calendar time.</summary>
    /// <param name="zone">The time zone (irrelevant to durations, kept for periods).</param>
    /// <returns>The calendar.</returns>
    public static BusinessCalendar AlwaysOpen(DateTimeZone zone) =>
        new(zone, Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => new WeeklyOpening(d, LocalTime.Midnight, LocalTime.Midnight)));

    /// <summary>Monday to Friday from <paramref name="open"/> to <paramref name="close"/>, the most common support schedule.</summary>
    /// <param name="zone">The team's time zone.</param>
    /// <param name="open">Opening time.</param>
    /// <param name="close">Closing time (next day when not after <paramref name="open"/>).</param>
    /// <param name="holidays">Holiday dates.</param>
    /// <returns>The calendar.</returns>
    public static BusinessCalendar Weekdays(DateTimeZone zone, LocalTime open, LocalTime close, IEnumerable<LocalDate>? holidays = null) =>
        new(zone, [.. Enumerable.Range(1, 5).Select(d => new WeeklyOpening((IsoDayOfWeek)d, open, close))], holidays);

    /// <summary>
    /// The business time from <paramref name="start"/> to <paramref name="end"/>: the time in between during which the
    /// calendar is open. O(k + log h + t) (see the type's remarks); allocation-free.
    /// </summary>
    /// <param name="start">The earlier instant.</param>
    /// <param name="end">The later instant, not before <paramref name="start"/>.</param>
    /// <returns>The open time, between zero and <c>end − start</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public Duration Between(Instant start, Instant end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"end {end} is before start {start}; business time needs start ≤ end.");
        }

        return Duration.FromTicks(BetweenTicks(start, end));
    }

    /// <summary>Whether the calendar is open at <paramref name="instant"/> (opening inclusive, closing exclusive).</summary>
    /// <param name="instant">The moment.</param>
    /// <returns><see langword="true"/> when inside an opening interval of a non-holiday day.</returns>
    public bool IsOpenAt(Instant instant)
    {
        long local = instant.ToUnixTimeTicks() + Zone.GetUtcOffset(instant).Ticks;
        long day = FloorDiv(local, TicksPerDay);
        return OpenOn(day, local - (day * TicksPerDay)) || OpenOn(day - 1, local - ((day - 1) * TicksPerDay));
    }

    /// <summary>Formats as <c>Europe/Berlin: Monday 09:00–17:00, …; 1 holiday</c>.</summary>
    /// <returns>The calendar as text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Zone.Id}: {string.Join(", ", Hours)}; {Holidays.Count} holiday(s)");

    internal long BetweenTicks(Instant start, Instant end)
    {
        var interval = Zone.GetZoneInterval(start);
        long startTicks = start.ToUnixTimeTicks();
        long endTicks = end.ToUnixTimeTicks();
        long total = -Nominal(startTicks + interval.WallOffset.Ticks);
        while (interval.HasEnd && interval.End <= end)
        {
            long transition = interval.End.ToUnixTimeTicks();
            var next = Zone.GetZoneInterval(interval.End);

            // Local time jumps from transition+old to transition+new: the nominal time in between did not happen (spring
            // forward) or happens again (fall back), so it is taken out of (or, being negative, added to) the nominal count.
            total += Nominal(transition + interval.WallOffset.Ticks) - Nominal(transition + next.WallOffset.Ticks);
            interval = next;
        }

        return total + Nominal(endTicks + interval.WallOffset.Ticks);
    }

    /// <summary>Open time (in local ticks) from the local epoch week to the local time <paramref name="local"/>, holidays excluded.</summary>
    private long Nominal(long local)
    {
        long day = FloorDiv(local, TicksPerDay);
        long week = FloorDiv(day + 3, 7);
        long offset = local - (((week * 7) - 3) * TicksPerDay);
        long inWeek = 0;
        var starts = weekStarts;
        for (int i = 0; i < starts.Length; i++)
        {
            long s = starts[i];
            if (offset <= s)
            {
                break;
            }

            long e = weekEnds[i];
            inWeek = weekPrefix[i] + (offset < e ? offset - s : e - s);
        }

        long open = (week * weekTotal) + inWeek;
        if (holidayDays.Length == 0)
        {
            return open;
        }

        // Holidays up to two days back are wholly before `local` (an interval ends at most 24 h after its day starts).
        int full = Internal.SortedRuns.CountAtMost(holidayDays, day - 2);
        long closed = holidayPrefix[full];
        for (int i = full; i < holidayDays.Length && holidayDays[i] <= day; i++)
        {
            long h = holidayDays[i];
            long sinceDayStart = local - (h * TicksPerDay);
            int w = Weekday(h);
            var ds = dayStarts[w];
            var de = dayEnds[w];
            for (int j = 0; j < ds.Length; j++)
            {
                closed += Math.Clamp(sinceDayStart - ds[j], 0, de[j] - ds[j]);
            }
        }

        return open - closed;
    }

    private bool OpenOn(long day, long sinceDayStart)
    {
        var ds = dayStarts[Weekday(day)];
        var de = dayEnds[Weekday(day)];
        for (int j = 0; j < ds.Length; j++)
        {
            if (sinceDayStart >= ds[j] && sinceDayStart < de[j])
            {
                return Array.BinarySearch(holidayDays, day) < 0;
            }
        }

        return false;
    }

    /// <summary>Monday = 0 … Sunday = 6 of a day counted from 1970-01-01 (a Thursday).</summary>
    private static int Weekday(long epochDay) => (int)(((epochDay + 3) % 7 + 7) % 7);

    private static long EpochDay(LocalDate date) => date.ToDateOnly().DayNumber - 719162L;

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }
}

using NodaTime;

namespace CxMetrics.Time;

/// <summary>
/// Finds the <see cref="CalendarPeriod"/> of many instants in one zone quickly: each period's instant range is computed
/// once (through the zone's rules), then instants are placed by binary search over the known ranges. Use it in hot
/// group-by keys, e.g. <c>r =&gt; (r.Segment, months.Containing(r.AnsweredAt))</c>. Results equal
/// <see cref="CalendarPeriod.Containing(Instant, DateTimeZone, PeriodUnit, IsoDayOfWeek)"/>.
/// </summary>
/// <remarks>Not thread-safe (it caches the periods it has seen): use one per thread.</remarks>
public sealed class CalendarPeriodLookup
{
    private readonly List<Instant> starts = [];
    private readonly List<Instant> ends = [];
    private readonly List<int> ids = [];
    private readonly List<CalendarPeriod> byId = [];
    private int last = -1;

    /// <summary>Creates a lookup for periods of <paramref name="unit"/> in <paramref name="zone"/>.</summary>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="unit">The period length.</param>
    /// <param name="weekStart">For weeks, the first day of the week (ISO: Monday).</param>
    public CalendarPeriodLookup(DateTimeZone zone, PeriodUnit unit, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _ = CalendarPeriod.Containing(new LocalDate(2000, 1, 1), unit, weekStart); // validates unit and week start
        Zone = zone;
        Unit = unit;
        WeekStart = weekStart;
    }

    /// <summary>The zone periods are computed in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The period length.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The first day of a week.</summary>
    public IsoDayOfWeek WeekStart { get; }

    /// <summary>The period containing <paramref name="instant"/> on the local calendar of <see cref="Zone"/>.</summary>
    /// <param name="instant">The moment.</param>
    /// <returns>The period.</returns>
    public CalendarPeriod Containing(Instant instant) => byId[IdOf(instant)];

    /// <summary>The number of distinct periods seen so far.</summary>
    internal int Count => byId.Count;

    /// <summary>The period with a dense id from <see cref="IdOf"/>.</summary>
    internal CalendarPeriod PeriodOf(int id) => byId[id];

    /// <summary>
    /// A dense, stable id (0, 1, 2, … in first-seen order) of the period containing <paramref name="instant"/>, for
    /// counting into arrays.
    /// </summary>
    internal int IdOf(Instant instant)
    {
        if (last >= 0 && instant >= starts[last] && Before(instant, ends[last]))
        {
            return ids[last];
        }

        int lo = 0, hi = starts.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (instant < starts[mid])
            {
                hi = mid - 1;
            }
            else if (!Before(instant, ends[mid]))
            {
                lo = mid + 1;
            }
            else
            {
                last = mid;
                return ids[mid];
            }
        }

        var period = CalendarPeriod.Containing(instant, Zone, Unit, WeekStart);
        var interval = period.ToInterval(Zone);
        starts.Insert(lo, interval.HasStart ? interval.Start : Instant.MinValue);
        ends.Insert(lo, interval.HasEnd ? interval.End : Instant.MaxValue);
        ids.Insert(lo, byId.Count);
        byId.Add(period);
        last = lo;
        return byId.Count - 1;
    }

    /// <summary>Whether <paramref name="instant"/> lies before an exclusive period end; <see cref="Instant.MaxValue"/> stands for "no end" (the calendar's last period), as no day starts at that instant.</summary>
    private static bool Before(Instant instant, Instant end) => instant < end || end == Instant.MaxValue;
}

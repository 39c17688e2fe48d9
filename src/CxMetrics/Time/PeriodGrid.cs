using NodaTime;

namespace CxMetrics.Time;

/// <summary>
/// The calendar periods results are grouped by: a <see cref="PeriodUnit"/> (day, week, month, quarter, year) of local dates
/// in a shop's <see cref="DateTimeZone"/>, weeks starting on <see cref="WeekStart"/>. Every calculator that computes periods
/// (<c>ByPeriod</c>, <c>ByKeyAndPeriod</c>, cohorts) takes one, in the argument order data, as-of, period grid, options, and
/// <see cref="Containing(Instant)"/> is the library's one instant → period mapping.
/// </summary>
/// <remarks>
/// <para>
/// An instant's period is the period of its local date in <see cref="Zone"/> (NodaTime's <c>instant.InZone(zone).Date</c>;
/// a day that starts at 01:00 after a clock change starts there). At the ends of NodaTime's calendar periods are cut, as
/// <see cref="CalendarPeriod"/> describes.
/// </para>
/// <para>
/// The mapping is fast: each period's instant range is computed once through the zone's rules and kept in an immutable
/// sorted table shared by every thread (copy-on-write, the table holds at most 4,096 periods); later instants are placed by a
/// binary search over it, with no time-zone arithmetic. A grid is immutable and thread-safe; two grids are equal when their
/// zone ids, units and (for weeks) week starts are.
/// </para>
/// </remarks>
public sealed class PeriodGrid : IEquatable<PeriodGrid>
{
    private const int MaxCached = 4_096;
    private Table table = Table.Empty;

    /// <summary>Creates a grid of <paramref name="unit"/> periods in <paramref name="zone"/>.</summary>
    /// <param name="zone">The shop's time zone (never the machine's).</param>
    /// <param name="unit">Day, week, month, quarter or year.</param>
    /// <param name="weekStart">For weeks, the first day of the week (default Monday, as in ISO 8601); kept but unused for other units.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> or <paramref name="weekStart"/> is not defined (<see cref="IsoDayOfWeek.None"/> included).</exception>
    public PeriodGrid(DateTimeZone zone, PeriodUnit unit, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, $"unknown period unit {unit}: use day, week, month, quarter or year.");
        }

        if (weekStart is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(weekStart), weekStart, "the week must start on a day Monday to Sunday.");
        }

        Zone = zone;
        Unit = unit;
        WeekStart = weekStart;
    }

    /// <summary>The zone whose local calendar the periods follow.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The period length.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The first day of a week (used when <see cref="Unit"/> is <see cref="PeriodUnit.Week"/>).</summary>
    public IsoDayOfWeek WeekStart { get; }

    /// <summary>The period containing <paramref name="instant"/> on the local calendar of <see cref="Zone"/>.</summary>
    /// <param name="instant">The moment.</param>
    /// <returns>The period; equal to the period of <c>instant.InZone(Zone).Date</c>.</returns>
    public CalendarPeriod Containing(Instant instant)
    {
        var t = table;
        int i = t.Find(instant);
        if (i >= 0)
        {
            return t.Periods[i];
        }

        var period = Compute(instant);
        if (t.Periods.Length < MaxCached)
        {
            // Copy-on-write: a racing insert may be lost, which costs one more computation later, never a wrong answer.
            var interval = period.ToInterval(Zone);
            table = t.With(~i, interval.HasStart ? interval.Start : Instant.MinValue, interval.HasEnd ? interval.End : Instant.MaxValue, period);
        }

        return period;
    }

    /// <summary>The period containing the local <paramref name="date"/>.</summary>
    /// <param name="date">A local date (ISO calendar).</param>
    /// <returns>The period.</returns>
    public CalendarPeriod Containing(LocalDate date) => CalendarPeriod.Containing(date, Unit, WeekStart);

    /// <summary>Whether <paramref name="period"/> is a period of this grid (its unit, and for weeks its week start).</summary>
    /// <param name="period">A period.</param>
    /// <returns><see langword="true"/> when the grid maps the period's first day to the period itself.</returns>
    public bool Contains(CalendarPeriod period) => period.Unit == Unit && Containing(period.Start) == period;

    /// <summary>Every period from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <param name="first">The first period, of this grid.</param>
    /// <param name="last">The last period, of this grid, not before <paramref name="first"/>.</param>
    /// <returns>The periods in time order.</returns>
    /// <exception cref="ArgumentException">A period is not of this grid, or <paramref name="last"/> is before <paramref name="first"/>.</exception>
    public IReadOnlyList<CalendarPeriod> Range(CalendarPeriod first, CalendarPeriod last)
    {
        CheckRange(first, last);
        return [.. CalendarPeriod.Range(first, last)];
    }

    /// <summary>Throws unless <paramref name="first"/> and <paramref name="last"/> are periods of this grid, in order.</summary>
    internal void CheckRange(CalendarPeriod first, CalendarPeriod last)
    {
        if (!Contains(first))
        {
            throw new ArgumentException($"the first period {first} ({first.Unit}) is not a period of the grid ({this}).", nameof(first));
        }

        if (!Contains(last))
        {
            throw new ArgumentException($"the last period {last} ({last.Unit}) is not a period of the grid ({this}).", nameof(last));
        }

        if (last < first)
        {
            throw new ArgumentException($"the last period {last} is before the first {first}: give the range in time order.", nameof(last));
        }
    }

    /// <summary>The dense index of the consecutive periods from <paramref name="first"/> to the one containing <paramref name="lastTicks"/>, for hot loops.</summary>
    internal PeriodIndexer Index(CalendarPeriod first, long lastTicks) => new(first, Zone, lastTicks);

    /// <inheritdoc/>
    public bool Equals(PeriodGrid? other) =>
        other is not null && Unit == other.Unit && Zone.Id == other.Zone.Id && (Unit != PeriodUnit.Week || WeekStart == other.WeekStart);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PeriodGrid);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Unit, Zone.Id, Unit == PeriodUnit.Week ? WeekStart : IsoDayOfWeek.None);

    /// <summary>The grid as text: <c>month in Europe/Berlin</c>, <c>week from Sunday in UTC</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Unit == PeriodUnit.Week
        ? $"week from {WeekStart} in {Zone.Id}"
        : $"{Unit.ToString().ToLowerInvariant()} in {Zone.Id}";

    private CalendarPeriod Compute(Instant instant) => CalendarPeriod.Containing(instant, Zone, Unit, WeekStart);

    /// <summary>An immutable sorted table of known periods and their instant ranges <c>[start, end)</c>.</summary>
    private sealed class Table(Instant[] starts, Instant[] ends, CalendarPeriod[] periods)
    {
        public static readonly Table Empty = new([], [], []);

        public CalendarPeriod[] Periods { get; } = periods;

        /// <summary>The index of the period holding <paramref name="instant"/>, or the complement of where it would go.</summary>
        public int Find(Instant instant)
        {
            int lo = 0, hi = starts.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (instant < starts[mid])
                {
                    hi = mid - 1;
                }
                else if (instant >= ends[mid] && ends[mid] != Instant.MaxValue)
                {
                    lo = mid + 1;
                }
                else
                {
                    return mid;
                }
            }

            return ~lo;
        }

        public Table With(int at, Instant start, Instant end, CalendarPeriod period) =>
            new(Insert(starts, at, start), Insert(ends, at, end), Insert(Periods, at, period));

        private static T[] Insert<T>(T[] source, int at, T value)
        {
            var copy = new T[source.Length + 1];
            Array.Copy(source, copy, at);
            copy[at] = value;
            Array.Copy(source, at, copy, at + 1, source.Length - at);
            return copy;
        }
    }
}

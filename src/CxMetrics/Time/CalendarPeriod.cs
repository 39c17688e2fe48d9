using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace CxMetrics.Time;

/// <summary>
/// A calendar period (day, week, month, quarter or year) of local dates, <c>[Start, End)</c>. Periods are found for an
/// <see cref="Instant"/> by a <see cref="PeriodGrid"/> in an explicit <see cref="DateTimeZone"/>: the same instant can
/// fall in different days (or months) in different shops' zones, and the machine's zone is never used.
/// </summary>
/// <remarks>
/// At the ends of NodaTime's calendar (local dates −9998-01-01 to 9999-12-31) periods are cut, never an overflow: the first
/// week of −9998 starts on −9998-01-01 even when its week-start day lies before it; the last period (the day 9999-12-31,
/// its week, December, Q4 and the year 9999) has no representable end date (<see cref="HasEnd"/> is false, its
/// <see cref="ToInterval"/> has no end and it has no <see cref="Next"/>), and the first has no <see cref="Previous"/>. An
/// instant whose local date in a zone lies beyond the calendar (9999-12-31T23:00Z is in the year 10000 at UTC+14) falls
/// in the last (or first) period, whose interval is open on that side.
/// </remarks>
public readonly record struct CalendarPeriod : IComparable<CalendarPeriod>
{
    private readonly IsoDayOfWeek weekStart;

    private CalendarPeriod(PeriodUnit unit, LocalDate start, IsoDayOfWeek weekStart = IsoDayOfWeek.None)
    {
        Unit = unit;
        Start = start;
        this.weekStart = unit == PeriodUnit.Week ? weekStart : IsoDayOfWeek.None;
    }

    /// <summary>The length of the period.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The first local date of the period.</summary>
    public LocalDate Start { get; }

    /// <summary>The first day of the week for a week; <see cref="IsoDayOfWeek.None"/> for the other units.</summary>
    internal IsoDayOfWeek WeekStart => weekStart;

    /// <summary>
    /// Whether the period has an end date: false only for the last period of NodaTime's calendar, which runs to 9999-12-31
    /// and would end on a date after it.
    /// </summary>
    public bool HasEnd => Unit switch
    {
        PeriodUnit.Day => Start < LocalDate.MaxIsoValue,
        PeriodUnit.Week => Period.DaysBetween(Start, LocalDate.MaxIsoValue) >= DaysInWeek,
        PeriodUnit.Month => Start.Year < 9999 || Start.Month < 12,
        PeriodUnit.Quarter => Start.Year < 9999 || Start.Month < 10,
        _ => Start.Year < 9999,
    };

    /// <summary>The first local date after the period (exclusive end).</summary>
    /// <exception cref="InvalidOperationException">The period is the last of the calendar (<see cref="HasEnd"/> is false).</exception>
    public LocalDate End => !HasEnd
        ? throw new InvalidOperationException($"the period {this} is the last of the calendar: it runs to 9999-12-31 and has no end date after it.")
        : Unit switch
        {
            PeriodUnit.Day => Start.PlusDays(1),
            PeriodUnit.Week => Start.PlusDays(DaysInWeek),
            PeriodUnit.Month => Start.PlusMonths(1),
            PeriodUnit.Quarter => Start.PlusMonths(3),
            _ => Start.PlusYears(1),
        };

    /// <summary>Days from <see cref="Start"/> to the next week start: 7, or fewer for the first week of the calendar, cut at −9998-01-01.</summary>
    private int DaysInWeek => weekStart == IsoDayOfWeek.None ? 7 : 7 - (((int)Start.DayOfWeek - (int)weekStart + 7) % 7);

    /// <summary>The period of <paramref name="unit"/> that contains the local <paramref name="date"/>.</summary>
    /// <param name="date">A local date (ISO calendar).</param>
    /// <param name="unit">The period length.</param>
    /// <param name="weekStart">For weeks, the first day of the week (default Monday, as in ISO 8601).</param>
    /// <returns>The containing period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The unit or week start is not defined.</exception>
    public static CalendarPeriod Containing(LocalDate date, PeriodUnit unit, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        if (weekStart is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(weekStart), weekStart, "the week must start on a day Monday to Sunday.");
        }

        int intoWeek = ((int)date.DayOfWeek - (int)weekStart + 7) % 7;
        return unit switch
        {
            PeriodUnit.Day => new(unit, date),
            PeriodUnit.Week => new(unit, Period.DaysBetween(LocalDate.MinIsoValue, date) < intoWeek ? LocalDate.MinIsoValue : date.PlusDays(-intoWeek), weekStart),
            PeriodUnit.Month => new(unit, new LocalDate(date.Year, date.Month, 1)),
            PeriodUnit.Quarter => new(unit, new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1)),
            PeriodUnit.Year => new(unit, new LocalDate(date.Year, 1, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, $"unknown period unit {unit}."),
        };
    }

    /// <summary>
    /// The period that contains <paramref name="instant"/> as seen on the local calendar of <paramref name="zone"/>: the
    /// definition behind <see cref="PeriodGrid.Containing(Instant)"/>, the public (and cached) way to map instants.
    /// </summary>
    internal static CalendarPeriod Containing(Instant instant, DateTimeZone zone, PeriodUnit unit, IsoDayOfWeek weekStart)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Containing(LocalDateOf(instant, zone), unit, weekStart);
    }

    /// <summary>The period right after this one.</summary>
    /// <returns>The next period.</returns>
    /// <exception cref="InvalidOperationException">The period is the last of the calendar (<see cref="HasEnd"/> is false).</exception>
    public CalendarPeriod Next() => new(Unit, End, weekStart);

    /// <summary>The period right before this one.</summary>
    /// <returns>The previous period.</returns>
    /// <exception cref="InvalidOperationException">The period is the first of the calendar (it starts on −9998-01-01).</exception>
    public CalendarPeriod Previous() => Start == LocalDate.MinIsoValue
        ? throw new InvalidOperationException($"the period {this} is the first of the calendar: no period lies before −9998-01-01.")
        : Containing(Start.PlusDays(-1), Unit, weekStart == IsoDayOfWeek.None ? IsoDayOfWeek.Monday : weekStart);

    /// <summary>Every period from <paramref name="first"/> to <paramref name="last"/>, both included (none when last is before first); safe at the calendar's end.</summary>
    internal static IEnumerable<CalendarPeriod> Range(CalendarPeriod first, CalendarPeriod last)
    {
        if (last < first)
        {
            yield break;
        }

        for (var period = first; ; period = period.Next())
        {
            yield return period;
            if (period >= last || !period.HasEnd)
            {
                yield break;
            }
        }
    }

    /// <summary>The ISO week label (<c>2025-W01</c>), or <c>null</c> in the first weeks of the calendar, whose ISO week-year starts before −9998-01-01.</summary>
    private string? IsoWeekLabel()
    {
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $"{WeekYearRules.Iso.GetWeekYear(Start):0000}-W{WeekYearRules.Iso.GetWeekOfWeekYear(Start):00}");
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>, or the calendar's last (first) date when it lies beyond it.</summary>
    private static LocalDate LocalDateOf(Instant instant, DateTimeZone zone)
    {
        try
        {
            return instant.InZone(zone).Date;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return instant > NodaConstants.UnixEpoch ? LocalDate.MaxIsoValue : LocalDate.MinIsoValue;
        }
    }

    /// <summary>The instant a local day starts in a zone, or <c>null</c> when it lies beyond the range of instants.</summary>
    private static Instant? StartOfDay(DateTimeZone zone, LocalDate date)
    {
        try
        {
            return zone.AtStartOfDay(date).ToInstant();
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The number of periods from <paramref name="first"/> to <paramref name="last"/>, both included (0 when last is
    /// before first), computed from the dates alone — without enumerating them.
    /// </summary>
    internal static long CountFrom(CalendarPeriod first, CalendarPeriod last)
    {
        if (last < first)
        {
            return 0;
        }

        long months = ((((long)last.Start.Year * 12) + last.Start.Month) - (((long)first.Start.Year * 12) + first.Start.Month));
        return first.Unit switch
        {
            PeriodUnit.Day => Period.DaysBetween(first.Start, last.Start) + 1L,
            PeriodUnit.Week => (Period.DaysBetween(first.Start, last.Start) / 7) + 1L,
            PeriodUnit.Month => months + 1,
            PeriodUnit.Quarter => (months / 3) + 1,
            _ => (long)last.Start.Year - first.Start.Year + 1,
        };
    }

    /// <summary>Whether the local <paramref name="date"/> lies in the period.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when <c>Start ≤ date &lt; End</c>.</returns>
    public bool Contains(LocalDate date) => date >= Start && date < End;

    /// <summary>
    /// The instants the period covers in <paramref name="zone"/>: from the start of its first day to the start of the day
    /// after it (NodaTime's <see cref="DateTimeZone.AtStartOfDay"/>, so days that begin at 01:00 after a clock change are right).
    /// The first period of the calendar (starting −9998-01-01) has no start and the last (<see cref="HasEnd"/> false) no end
    /// (<see cref="Interval.HasStart"/>, <see cref="Interval.HasEnd"/>): they hold every instant whose local date lies beyond
    /// the calendar; so does a period whose boundary lies beyond the range of instants in <paramref name="zone"/>.
    /// </summary>
    /// <param name="zone">The shop's time zone.</param>
    /// <returns>The interval of instants.</returns>
    public Interval ToInterval(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new Interval(Start == LocalDate.MinIsoValue ? null : StartOfDay(zone, Start), HasEnd ? StartOfDay(zone, End) : null);
    }

    /// <inheritdoc/>
    public int CompareTo(CalendarPeriod other)
    {
        int byUnit = Unit.CompareTo(other.Unit);
        return byUnit != 0 ? byUnit : Start.CompareTo(other.Start);
    }

    /// <summary>Compares by unit, then start.</summary>
    /// <param name="left">Left period.</param>
    /// <param name="right">Right period.</param>
    /// <returns>Whether left sorts before right.</returns>
    public static bool operator <(CalendarPeriod left, CalendarPeriod right) => left.CompareTo(right) < 0;

    /// <summary>Compares by unit, then start.</summary>
    /// <param name="left">Left period.</param>
    /// <param name="right">Right period.</param>
    /// <returns>Whether left sorts after right.</returns>
    public static bool operator >(CalendarPeriod left, CalendarPeriod right) => left.CompareTo(right) > 0;

    /// <summary>Compares by unit, then start.</summary>
    /// <param name="left">Left period.</param>
    /// <param name="right">Right period.</param>
    /// <returns>Whether left sorts before or with right.</returns>
    public static bool operator <=(CalendarPeriod left, CalendarPeriod right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by unit, then start.</summary>
    /// <param name="left">Left period.</param>
    /// <param name="right">Right period.</param>
    /// <returns>Whether left sorts after or with right.</returns>
    public static bool operator >=(CalendarPeriod left, CalendarPeriod right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Formats the period the way analysts write it: <c>2024-03-29</c>, <c>2024-W13</c> (ISO week, for Monday weeks),
    /// <c>week of 2024-03-24</c> (other week starts, and the first week of the calendar, cut at −9998-01-01), <c>2024-03</c>,
    /// <c>2024-Q1</c>, <c>2024</c>. Years are absolute, ISO 8601 style: year 0 is <c>0000</c> and the year before it
    /// <c>-0001</c>, so every period has its own label.
    /// </summary>
    /// <returns>The label.</returns>
    public override string ToString() => Unit switch
    {
        PeriodUnit.Day => Start.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Week when Start.DayOfWeek == IsoDayOfWeek.Monday && IsoWeekLabel() is { } iso => iso,
        PeriodUnit.Week => "week of " + Start.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Month => Start.ToString("uuuu-MM", CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year:0000}-Q{((Start.Month - 1) / 3) + 1}"),
        _ => Start.Year.ToString("0000", CultureInfo.InvariantCulture),
    };
}

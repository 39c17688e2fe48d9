using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace CxMetrics.Time;

/// <summary>
/// A calendar period (day, week, month, quarter or year) of local dates, <c>[Start, End)</c>. Periods are found for an
/// <see cref="Instant"/> in an explicit <see cref="DateTimeZone"/>: the same instant can fall in different days (or
/// months) in different shops' zones, and the machine's zone is never used.
/// </summary>
public readonly record struct CalendarPeriod : IComparable<CalendarPeriod>
{
    private CalendarPeriod(PeriodUnit unit, LocalDate start)
    {
        Unit = unit;
        Start = start;
    }

    /// <summary>The length of the period.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>The first local date of the period.</summary>
    public LocalDate Start { get; }

    /// <summary>The first local date after the period (exclusive end).</summary>
    public LocalDate End => Unit switch
    {
        PeriodUnit.Day => Start.PlusDays(1),
        PeriodUnit.Week => Start.PlusWeeks(1),
        PeriodUnit.Month => Start.PlusMonths(1),
        PeriodUnit.Quarter => Start.PlusMonths(3),
        _ => Start.PlusYears(1),
    };

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

        return unit switch
        {
            PeriodUnit.Day => new(unit, date),
            PeriodUnit.Week => new(unit, date.PlusDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7))),
            PeriodUnit.Month => new(unit, new LocalDate(date.Year, date.Month, 1)),
            PeriodUnit.Quarter => new(unit, new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1)),
            PeriodUnit.Year => new(unit, new LocalDate(date.Year, 1, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, $"unknown period unit {unit}."),
        };
    }

    /// <summary>The period that contains <paramref name="instant"/> as seen on the local calendar of <paramref name="zone"/>.</summary>
    /// <param name="instant">The moment.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="unit">The period length.</param>
    /// <param name="weekStart">For weeks, the first day of the week.</param>
    /// <returns>The containing period.</returns>
    public static CalendarPeriod Containing(Instant instant, DateTimeZone zone, PeriodUnit unit, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Containing(instant.InZone(zone).Date, unit, weekStart);
    }

    /// <summary>The period right after this one.</summary>
    /// <returns>The next period.</returns>
    public CalendarPeriod Next() => new(Unit, End);

    /// <summary>The period right before this one.</summary>
    /// <returns>The previous period.</returns>
    public CalendarPeriod Previous() => Unit switch
    {
        PeriodUnit.Day => new(Unit, Start.PlusDays(-1)),
        PeriodUnit.Week => new(Unit, Start.PlusWeeks(-1)),
        PeriodUnit.Month => new(Unit, Start.PlusMonths(-1)),
        PeriodUnit.Quarter => new(Unit, Start.PlusMonths(-3)),
        _ => new(Unit, Start.PlusYears(-1)),
    };

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
    /// </summary>
    /// <param name="zone">The shop's time zone.</param>
    /// <returns>The interval of instants.</returns>
    public Interval ToInterval(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new Interval(zone.AtStartOfDay(Start).ToInstant(), zone.AtStartOfDay(End).ToInstant());
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
    /// <c>week of 2024-03-24</c> (other week starts), <c>2024-03</c>, <c>2024-Q1</c>, <c>2024</c>.
    /// </summary>
    /// <returns>The label.</returns>
    public override string ToString() => Unit switch
    {
        PeriodUnit.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Week when Start.DayOfWeek == IsoDayOfWeek.Monday => string.Create(
            CultureInfo.InvariantCulture,
            $"{WeekYearRules.Iso.GetWeekYear(Start):0000}-W{WeekYearRules.Iso.GetWeekOfWeekYear(Start):00}"),
        PeriodUnit.Week => "week of " + Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodUnit.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year:0000}-Q{((Start.Month - 1) / 3) + 1}"),
        _ => Start.Year.ToString("0000", CultureInfo.InvariantCulture),
    };
}

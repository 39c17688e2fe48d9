using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Time;

public class CalendarPeriodTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData(PeriodUnit.Day, "2024-03-29")]
    [InlineData(PeriodUnit.Week, "2024-W13")]
    [InlineData(PeriodUnit.Month, "2024-03")]
    [InlineData(PeriodUnit.Quarter, "2024-Q1")]
    [InlineData(PeriodUnit.Year, "2024")]
    public void Labels_read_the_way_analysts_write_them(PeriodUnit unit, string label) =>
        Assert.Equal(label, CalendarPeriod.Containing(new LocalDate(2024, 3, 29), unit).ToString());

    [Fact]
    public void Iso_week_label_uses_the_week_year()
    {
        // 2024-12-30 is Monday of ISO week 1 of 2025.
        Assert.Equal("2025-W01", CalendarPeriod.Containing(new LocalDate(2024, 12, 31), PeriodUnit.Week).ToString());
        var sundayWeek = CalendarPeriod.Containing(new LocalDate(2024, 3, 29), PeriodUnit.Week, IsoDayOfWeek.Sunday);
        Assert.Equal(new LocalDate(2024, 3, 24), sundayWeek.Start);
        Assert.Equal("week of 2024-03-24", sundayWeek.ToString());
    }

    [Fact]
    public void The_same_instant_falls_in_different_months_in_different_zones()
    {
        var instant = Instant.FromUtc(2024, 4, 1, 2, 30); // 04:30 in Berlin, 22:30 on 31 March in New York
        Assert.Equal("2024-04", CalendarPeriod.Containing(instant, Berlin, PeriodUnit.Month).ToString());
        Assert.Equal("2024-03", CalendarPeriod.Containing(instant, NewYork, PeriodUnit.Month).ToString());
    }

    [Fact]
    public void Interval_of_a_day_with_a_clock_change_is_23_hours()
    {
        var day = CalendarPeriod.Containing(new LocalDate(2024, 3, 31), PeriodUnit.Day);
        Assert.Equal(Duration.FromHours(23), day.ToInterval(Berlin).Duration);
    }

    [Fact]
    public void Quarter_starts_and_ends()
    {
        var q = CalendarPeriod.Containing(new LocalDate(2024, 8, 15), PeriodUnit.Quarter);
        Assert.Equal(new LocalDate(2024, 7, 1), q.Start);
        Assert.Equal(new LocalDate(2024, 10, 1), q.End);
        Assert.Equal("2024-Q4", q.Next().ToString());
        Assert.Equal("2024-Q2", q.Previous().ToString());
    }

    [Property]
    public Property Every_date_lies_in_its_period_and_periods_tile_the_calendar() =>
        Prop.ForAll(
            Gen.Choose(-100_000, 100_000).Select(d => new LocalDate(2000, 1, 1).PlusDays(d)).ToArbitrary(),
            Gen.Elements(Enum.GetValues<PeriodUnit>()).ToArbitrary(),
            Gen.Elements(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray()).ToArbitrary(),
            (date, unit, weekStart) =>
            {
                var p = CalendarPeriod.Containing(date, unit, weekStart);
                return p.Contains(date) && p.Next().Start == p.End && p.Next().Previous() == p
                    && CalendarPeriod.Containing(p.End.PlusDays(-1), unit, weekStart) == p && p < p.Next();
            });

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarPeriod.Containing(new LocalDate(2024, 1, 1), (PeriodUnit)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Week, IsoDayOfWeek.None));
        Assert.Throws<ArgumentNullException>(() => CalendarPeriod.Containing(Instant.FromUtc(2024, 1, 1, 0, 0), null!, PeriodUnit.Day));
    }

    [Property(MaxTest = 200)]
    public Property Count_from_first_to_last_equals_the_periods_enumerated(int startDay, byte span, PeriodUnit unit)
    {
        var u = (PeriodUnit)((int)unit % 5 + (unit < 0 ? 5 : 0)) is var v && Enum.IsDefined(v) ? v : PeriodUnit.Day;
        var first = CalendarPeriod.Containing(new LocalDate(2000, 1, 1).PlusDays(startDay % 20_000), u);
        var last = first;
        for (int i = 0; i < span; i++)
        {
            last = last.Next();
        }

        return (CalendarPeriod.CountFrom(first, last) == span + 1 && CalendarPeriod.CountFrom(last, first) == (span == 0 ? 1 : 0)).ToProperty();
    }
}

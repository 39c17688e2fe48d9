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
        Assert.Equal("2024-04", new PeriodGrid(Berlin, PeriodUnit.Month).Containing(instant).ToString());
        Assert.Equal("2024-03", new PeriodGrid(NewYork, PeriodUnit.Month).Containing(instant).ToString());
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
        Assert.Throws<ArgumentOutOfRangeException>("unit", () => CalendarPeriod.Containing(new LocalDate(2024, 1, 1), (PeriodUnit)99));
        Assert.Throws<ArgumentOutOfRangeException>("weekStart", () => CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Week, IsoDayOfWeek.None));
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

    private static readonly DateTimeZone[] EdgeZones =
    [
        DateTimeZone.Utc,
        DateTimeZone.ForOffset(Offset.FromHours(18)),
        DateTimeZone.ForOffset(Offset.FromHours(-18)),
        DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"],
        DateTimeZoneProviders.Tzdb["Etc/GMT+12"],
        Berlin,
        NewYork,
    ];

    [Theory]
    [InlineData(PeriodUnit.Day)]
    [InlineData(PeriodUnit.Week)]
    [InlineData(PeriodUnit.Month)]
    [InlineData(PeriodUnit.Quarter)]
    [InlineData(PeriodUnit.Year)]
    public void Last_period_of_the_calendar_is_formed_and_runs_to_the_end_of_time(PeriodUnit unit)
    {
        var instant = Instant.FromUtc(9999, 12, 31, 12, 0);

        var period = new PeriodGrid(DateTimeZone.Utc, unit).Containing(instant);
        var interval = period.ToInterval(DateTimeZone.Utc);

        Assert.False(period.HasEnd);
        Assert.True(interval.Contains(instant));
        Assert.True(interval.Contains(Instant.MaxValue));
        Assert.False(interval.HasEnd);
        Assert.Throws<InvalidOperationException>(() => period.Next());
        Assert.True(period.Previous() < period);
        Assert.NotEqual(period.Previous().ToString(), period.ToString());
    }

    [Fact]
    public void First_week_of_the_calendar_is_cut_at_its_first_day()
    {
        // -9998-01-01 is a Tuesday: the Monday of its week does not exist in NodaTime's calendar.
        var first = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week).Containing(Instant.MinValue);

        Assert.Equal(new LocalDate(-9998, 1, 1), first.Start);
        Assert.Equal(new LocalDate(-9998, 1, 6), first.End.PlusDays(-1));
        Assert.Equal("week of -9998-01-01", first.ToString());
        Assert.Equal(new LocalDate(-9998, 1, 7), first.Next().Start);
        Assert.Equal(first, first.Next().Previous());
        Assert.Throws<InvalidOperationException>(() => first.Previous());
        Assert.True(first.ToInterval(DateTimeZone.Utc).Contains(Instant.MinValue));
    }

    [Theory]
    [InlineData(-1, "-0001-06", "-0001-Q2", "-0001")]
    [InlineData(0, "0000-06", "0000-Q2", "0000")]
    [InlineData(2, "0002-06", "0002-Q2", "0002")]
    public void Labels_of_years_up_to_zero_carry_their_sign(int year, string month, string quarter, string label)
    {
        var date = new LocalDate(year, 6, 15);

        Assert.Equal(month, CalendarPeriod.Containing(date, PeriodUnit.Month).ToString());
        Assert.Equal(quarter, CalendarPeriod.Containing(date, PeriodUnit.Quarter).ToString());
        Assert.Equal(label, CalendarPeriod.Containing(date, PeriodUnit.Year).ToString());
        Assert.Equal(month + "-15", CalendarPeriod.Containing(date, PeriodUnit.Day).ToString());
    }

    [Fact]
    public void Nps_by_period_works_in_the_last_months_of_the_calendar()
    {
        global::CxMetrics.Surveys.SurveyResponse[] responses = [new("a", Instant.FromUtc(9999, 11, 15, 12, 0), 9), new("b", Instant.FromUtc(9999, 12, 31, 23, 0), 3)];

        var cells = global::CxMetrics.Surveys.Nps.ByPeriod(responses, new PeriodGrid(DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], PeriodUnit.Month));

        Assert.Equal(["9999-11", "9999-12"], cells.Select(c => c.Period.ToString()));
        Assert.Equal([1L, 1L], cells.Select(c => c.Count));
    }

    [Property(MaxTest = 2000)]
    public Property Every_instant_in_every_zone_has_a_period_that_contains_it()
    {
        long min = Instant.MinValue.ToUnixTimeTicks(), max = Instant.MaxValue.ToUnixTimeTicks();
        var anywhere = Gen.Choose(0, int.MaxValue).Select(x => min + (long)(x / (double)int.MaxValue * (max - min)));
        var nearStart = Gen.Choose(0, int.MaxValue).Select(x => min + (x * 20_000L)); // up to ~50 days in
        var nearEnd = Gen.Choose(0, int.MaxValue).Select(x => max - (x * 20_000L));
        var ticks = Gen.OneOf(anywhere, nearStart, nearEnd, Gen.Elements(min, max));
        var gen =
            from t in ticks
            from zone in Gen.Elements(EdgeZones)
            from unit in Gen.Elements(PeriodUnit.Day, PeriodUnit.Week, PeriodUnit.Month, PeriodUnit.Quarter, PeriodUnit.Year)
            from weekStart in Gen.Elements(IsoDayOfWeek.Monday, IsoDayOfWeek.Sunday)
            select (Instant: Instant.FromUnixTimeTicks(t), Zone: zone, Unit: unit, WeekStart: weekStart);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var p = new PeriodGrid(c.Zone, c.Unit, c.WeekStart).Containing(c.Instant);
            Assert.True(p.ToInterval(c.Zone).Contains(c.Instant), $"{p} in {c.Zone.Id} does not contain {c.Instant}");
            string label = p.ToString();
            if (p.HasEnd)
            {
                var next = p.Next();
                Assert.True(next > p);
                Assert.Equal(p, next.Previous());
                Assert.NotEqual(label, next.ToString());
                Assert.Equal(p.ToInterval(c.Zone).HasEnd ? p.ToInterval(c.Zone).End : Instant.MaxValue, next.ToInterval(c.Zone).HasStart ? next.ToInterval(c.Zone).Start : Instant.MaxValue);
                if (p.Start.Year >= 0 && !label.StartsWith("week of", StringComparison.Ordinal) == !next.ToString().StartsWith("week of", StringComparison.Ordinal))
                {
                    Assert.True(string.CompareOrdinal(label, next.ToString()) < 0, $"{label} sorts after {next}");
                }
            }

            if (p.Start != LocalDate.MinIsoValue)
            {
                var previous = p.Previous();
                Assert.True(previous < p);
                Assert.Equal(p, previous.Next());
                Assert.NotEqual(label, previous.ToString());
            }

            return true;
        });
    }
}

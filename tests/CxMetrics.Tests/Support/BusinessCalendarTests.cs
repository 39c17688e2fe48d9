using CxMetrics.Support;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Support;

public class BusinessCalendarTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static BusinessCalendar BerlinOffice(params LocalDate[] holidays) =>
        BusinessCalendar.Weekdays(Berlin, new LocalTime(9, 0), new LocalTime(17, 0), holidays);

    private static Instant At(DateTimeZone zone, int y, int m, int d, int h, int min = 0) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(zone).ToInstant();

    [Fact]
    public void Easter_weekend_reference_gives_two_and_a_half_business_hours_and_eighty_nine_and_a_half_calendar_hours()
    {
        var calendar = BerlinOffice(new LocalDate(2024, 4, 1));
        var created = At(Berlin, 2024, 3, 29, 16, 0);
        var answered = At(Berlin, 2024, 4, 2, 10, 30);

        Assert.Equal(Duration.FromMinutes(150), calendar.Between(created, answered));
        Assert.Equal(89.5, (answered - created).TotalHours);
    }

    [Fact]
    public void Without_the_holiday_easter_monday_counts_eight_hours()
    {
        var calendar = BerlinOffice();
        Assert.Equal(Duration.FromMinutes(150 + 480), calendar.Between(At(Berlin, 2024, 3, 29, 16), At(Berlin, 2024, 4, 2, 10, 30)));
    }

    [Fact]
    public void A_weekend_only_ticket_has_zero_business_time()
    {
        var calendar = BerlinOffice();
        var sat = At(Berlin, 2024, 3, 30, 10);
        var sun = At(Berlin, 2024, 3, 31, 20);
        Assert.Equal(Duration.Zero, calendar.Between(sat, sun));
        Assert.Equal(33, (sun - sat).TotalHours);
    }

    [Fact]
    public void A_zero_length_span_has_zero_business_time()
    {
        var calendar = BerlinOffice();
        var t = At(Berlin, 2024, 3, 27, 11);
        Assert.Equal(Duration.Zero, calendar.Between(t, t));
    }

    [Fact]
    public void Open_hours_spanning_the_spring_forward_gap_lose_the_skipped_hour()
    {
        // Open every day 00:00–06:00; on 2024-03-31 Berlin skips 02:00–03:00, so that night has 5 real hours.
        var calendar = new BusinessCalendar(Berlin, Enum.GetValues<IsoDayOfWeek>().Skip(1).Select(d => new WeeklyOpening(d, LocalTime.Midnight, new LocalTime(6, 0))));
        Assert.Equal(Duration.FromHours(5), calendar.Between(At(Berlin, 2024, 3, 30, 12), At(Berlin, 2024, 3, 31, 12)));
        Assert.Equal(Duration.FromHours(6), calendar.Between(At(Berlin, 2024, 3, 29, 12), At(Berlin, 2024, 3, 30, 12)));
    }

    [Fact]
    public void Open_hours_spanning_the_fall_back_overlap_count_the_repeated_hour_twice()
    {
        // On 2024-10-27 Berlin repeats 02:00–03:00: the night 00:00–06:00 lasts 7 real hours.
        var calendar = new BusinessCalendar(Berlin, Enum.GetValues<IsoDayOfWeek>().Skip(1).Select(d => new WeeklyOpening(d, LocalTime.Midnight, new LocalTime(6, 0))));
        Assert.Equal(Duration.FromHours(7), calendar.Between(At(Berlin, 2024, 10, 26, 12), At(Berlin, 2024, 10, 27, 12)));
    }

    [Fact]
    public void A_night_shift_crossing_midnight_counts_on_both_dates()
    {
        // Friday 22:00 – Saturday 06:00 only.
        var calendar = new BusinessCalendar(DateTimeZone.Utc, [new WeeklyOpening(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(6, 0))]);
        var fri = Instant.FromUtc(2024, 3, 1, 23, 0); // a Friday
        var sat = Instant.FromUtc(2024, 3, 2, 5, 0);
        Assert.Equal(Duration.FromHours(6), calendar.Between(fri, sat));
        Assert.Equal(Duration.FromHours(8), calendar.Between(Instant.FromUtc(2024, 3, 1, 0, 0), Instant.FromUtc(2024, 3, 3, 0, 0)));
        Assert.True(calendar.IsOpenAt(Instant.FromUtc(2024, 3, 2, 1, 0)));
        Assert.False(calendar.IsOpenAt(Instant.FromUtc(2024, 3, 2, 6, 0)));
    }

    [Fact]
    public void A_holiday_closes_the_night_shift_that_starts_on_it_including_after_midnight()
    {
        var calendar = new BusinessCalendar(DateTimeZone.Utc, [new WeeklyOpening(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(6, 0))], [new LocalDate(2024, 3, 1)]);
        Assert.Equal(Duration.Zero, calendar.Between(Instant.FromUtc(2024, 3, 1, 0, 0), Instant.FromUtc(2024, 3, 3, 0, 0)));
        Assert.False(calendar.IsOpenAt(Instant.FromUtc(2024, 3, 2, 1, 0)));
    }

    [Fact]
    public void A_sunday_night_shift_wraps_into_monday()
    {
        var calendar = new BusinessCalendar(DateTimeZone.Utc, [new WeeklyOpening(IsoDayOfWeek.Sunday, new LocalTime(20, 0), new LocalTime(4, 0))]);
        // 2024-03-03 is a Sunday.
        Assert.Equal(Duration.FromHours(8), calendar.Between(Instant.FromUtc(2024, 3, 3, 0, 0), Instant.FromUtc(2024, 3, 5, 0, 0)));
        Assert.Equal(Duration.FromHours(3), calendar.Between(Instant.FromUtc(2024, 3, 4, 1, 0), Instant.FromUtc(2024, 3, 4, 12, 0)));
        Assert.Equal(Duration.FromHours(8 * 52), calendar.Between(Instant.FromUtc(2024, 1, 1, 12, 0), Instant.FromUtc(2024, 12, 30, 12, 0)));
    }

    [Fact]
    public void Split_shifts_count_each_interval()
    {
        var calendar = new BusinessCalendar(DateTimeZone.Utc,
        [
            new WeeklyOpening(IsoDayOfWeek.Monday, new LocalTime(8, 0), new LocalTime(12, 0)),
            new WeeklyOpening(IsoDayOfWeek.Monday, new LocalTime(14, 0), new LocalTime(18, 0)),
        ]);
        Assert.Equal(Duration.FromHours(8), calendar.WeeklyOpenTime);
        Assert.Equal(Duration.FromHours(3), calendar.Between(Instant.FromUtc(2024, 3, 4, 11, 0), Instant.FromUtc(2024, 3, 4, 16, 0)));
    }

    [Fact]
    public void A_year_of_office_hours_matches_the_count_of_working_days()
    {
        // 2024 in Berlin: 262 weekdays; with two weekday holidays 260 days of 8 hours.
        var calendar = BerlinOffice(new LocalDate(2024, 4, 1), new LocalDate(2024, 12, 25), new LocalDate(2024, 12, 28));
        Assert.Equal(Duration.FromHours(260 * 8), calendar.Between(At(Berlin, 2024, 1, 1, 0), At(Berlin, 2025, 1, 1, 0)));
    }

    [Fact]
    public void Overlapping_opening_hours_are_rejected_with_both_intervals_named()
    {
        var ex = Assert.Throws<ArgumentException>("hours", () => new BusinessCalendar(DateTimeZone.Utc,
        [
            new WeeklyOpening(IsoDayOfWeek.Monday, new LocalTime(22, 0), new LocalTime(6, 0)),
            new WeeklyOpening(IsoDayOfWeek.Tuesday, new LocalTime(5, 0), new LocalTime(9, 0)),
        ]));
        Assert.Contains("Monday 22:00–06:00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tuesday 05:00–09:00", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>("hours", () => new BusinessCalendar(DateTimeZone.Utc, [new WeeklyOpening(IsoDayOfWeek.None, LocalTime.Noon, LocalTime.Midnight)]));
        Assert.Throws<ArgumentNullException>("zone", () => new BusinessCalendar(null!, []));
        var calendar = BusinessCalendar.AlwaysOpen(DateTimeZone.Utc);
        var ex = Assert.Throws<ArgumentOutOfRangeException>("end", () => calendar.Between(Instant.FromUtc(2024, 1, 2, 0, 0), Instant.FromUtc(2024, 1, 1, 0, 0)));
        Assert.Contains("before start", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_holidays_count_once()
    {
        var d = new LocalDate(2024, 4, 1);
        var calendar = BerlinOffice(d, d);
        Assert.Single(calendar.Holidays);
        Assert.Equal(Duration.Zero, calendar.Between(At(Berlin, 2024, 4, 1, 0), At(Berlin, 2024, 4, 2, 0)));
    }

    [Property(MaxTest = 300)]
    public Property Business_time_is_between_zero_and_calendar_time() =>
        Prop.ForAll(SupportGen.Calendars.ToArbitrary(), SupportGen.Spans.ToArbitrary(), (calendar, span) =>
        {
            var business = calendar.Between(span.Start, span.End);
            return business >= Duration.Zero && business <= span.End - span.Start;
        });

    [Property(MaxTest = 300)]
    public Property Business_time_is_additive_over_a_split_point() =>
        Prop.ForAll(SupportGen.Calendars.ToArbitrary(), SupportGen.Spans.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (calendar, span, at) =>
        {
            var mid = span.Start + Duration.FromTicks((span.End - span.Start).BclCompatibleTicks / 1000 * at);
            return calendar.Between(span.Start, span.End) == calendar.Between(span.Start, mid) + calendar.Between(mid, span.End);
        });

    [Property(MaxTest = 300)]
    public Property A_calendar_open_all_week_gives_calendar_time() =>
        Prop.ForAll(SupportGen.Zones.ToArbitrary(), SupportGen.Spans.ToArbitrary(), (zone, span) =>
            BusinessCalendar.AlwaysOpen(zone).Between(span.Start, span.End) == span.End - span.Start);

    [Property(MaxTest = 100)]
    public Property Business_time_equals_minute_by_minute_counting() =>
        Prop.ForAll(SupportGen.Calendars.ToArbitrary(), SupportGen.ShortSpans.ToArbitrary(), (calendar, span) =>
        {
            long minutes = 0;
            for (var t = span.Start; t < span.End; t += Duration.FromMinutes(1))
            {
                minutes += calendar.IsOpenAt(t) ? 1 : 0;
            }

            return calendar.Between(span.Start, span.End) == Duration.FromMinutes(minutes);
        });
}

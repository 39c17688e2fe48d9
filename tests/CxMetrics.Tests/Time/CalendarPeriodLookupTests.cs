using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Time;

public class CalendarPeriodLookupTests
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"];

    [Property(MaxTest = 300)]
    public Property Lookup_equals_direct_computation_in_any_order() =>
        Prop.ForAll(
            Gen.Choose(0, 4).ToArbitrary(),
            Gen.Elements(Enum.GetValues<PeriodUnit>()).ToArbitrary(),
            Gen.Choose(-2_000_000, 2_000_000).Select(m => Instant.FromUtc(2024, 3, 31, 0, 0).Plus(Duration.FromMinutes(m))).ArrayOf().ToArbitrary(),
            (zoneIndex, unit, instants) =>
            {
                var zone = DateTimeZoneProviders.Tzdb[Zones[zoneIndex]];
                var lookup = new CalendarPeriodLookup(zone, unit, IsoDayOfWeek.Sunday);
                return instants.All(t => lookup.Containing(t) == CalendarPeriod.Containing(t, zone, unit, IsoDayOfWeek.Sunday));
            });

    [Fact]
    public void Instants_either_side_of_a_month_boundary_in_the_zone()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var lookup = new CalendarPeriodLookup(berlin, PeriodUnit.Month);
        var boundary = new LocalDate(2024, 4, 1).AtStartOfDayInZone(berlin).ToInstant();
        Assert.Equal("2024-04", lookup.Containing(boundary).ToString());
        Assert.Equal("2024-03", lookup.Containing(boundary - Duration.Epsilon).ToString());
        Assert.Equal("2024-04", lookup.Containing(boundary).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarPeriodLookup(berlin, (PeriodUnit)42));
    }

    [Fact]
    public void Instants_at_the_ends_of_the_range_find_their_periods()
    {
        var zone = DateTimeZone.ForOffset(Offset.FromHours(18));
        var lookup = new CalendarPeriodLookup(zone, PeriodUnit.Month);

        var last = lookup.Containing(Instant.MaxValue);
        var first = lookup.Containing(Instant.MinValue);

        Assert.Equal("9999-12", last.ToString());
        Assert.Equal("-9998-01", first.ToString());
        Assert.Equal(last, lookup.Containing(Instant.MaxValue - Duration.FromHours(1)));
        Assert.Equal(2, lookup.Count);
    }
}

using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Orleans.Tests;

public sealed class TallyKeyTests
{
    private static readonly CalendarPeriod Day = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Day);

    [Fact]
    public void String_form_names_shop_metric_segment_unit_and_start()
    {
        var key = new TallyKey("shop-17", "nps", "mobile", Day);

        Assert.Equal("shop-17/nps/mobile/day:2026-11-23", key.ToString());
        Assert.Equal(key, TallyKey.Parse("shop-17/nps/mobile/day:2026-11-23"));
    }

    [Fact]
    public void Names_with_slashes_or_spaces_are_escaped_and_parse_back()
    {
        var key = new TallyKey("eu/de 1", "csat 1-5", "%vip", Day);

        Assert.Equal("eu%2Fde%201/csat%201-5/%25vip/day:2026-11-23", key.ToString());
        Assert.Equal(key, TallyKey.Parse(key.ToString()));
    }

    [Property(MaxTest = 200)]
    public Property Parse_inverts_ToString_for_any_names_and_period() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<NonWhiteSpaceString>(),
            ArbMap.Default.ArbFor<NonWhiteSpaceString>(),
            Gen.Choose(0, 4).Zip(Gen.Choose(0, 3000)).ToArbitrary(),
            (shop, segment, period) =>
            {
                var (unit, offset) = period;
                var key = new TallyKey(shop.Get, "nps", segment.Get, CalendarPeriod.Containing(new LocalDate(2024, 1, 1).PlusDays(offset), (PeriodUnit)unit, IsoDayOfWeek.Sunday));
                return TallyKey.Parse(key.ToString()) == key && TallyKey.Parse(key.ToString()).ToString() == key.ToString();
            });

    [Fact]
    public void A_week_splits_into_its_seven_days_and_a_quarter_into_three_months()
    {
        var week = new TallyKey("s", "nps", "all", CalendarPeriod.Containing(new LocalDate(2026, 11, 25), PeriodUnit.Week));
        var quarter = new TallyKey("s", "nps", "all", CalendarPeriod.Containing(new LocalDate(2026, 11, 25), PeriodUnit.Quarter));

        IReadOnlyList<TallyKey> days = week.Split(PeriodUnit.Day);

        Assert.Equal(7, days.Count);
        Assert.Equal("s/nps/all/day:2026-11-23", days[0].ToString());
        Assert.Equal("s/nps/all/day:2026-11-29", days[6].ToString());
        Assert.Equal(["s/nps/all/month:2026-10-01", "s/nps/all/month:2026-11-01", "s/nps/all/month:2026-12-01"], quarter.Split(PeriodUnit.Month).Select(k => k.ToString()));
        Assert.Throws<ArgumentException>("unit", () => quarter.WithPeriod(CalendarPeriod.Containing(new LocalDate(2026, 11, 1), PeriodUnit.Month)).Split(PeriodUnit.Week));
    }

    [Theory]
    [InlineData("shop/nps/all", "four parts")]
    [InlineData("shop/nps/all/day-2026-11-23", "unit:start")]
    [InlineData("shop/nps/all/fortnight:2026-11-23", "fortnight")]
    [InlineData("shop/nps/all/day:2026-13-01", "not an ISO date")]
    [InlineData("shop/nps/all/month:2026-11-02", "cannot start on 2026-11-02")]
    [InlineData("/nps/all/day:2026-11-23", "shop")]
    [InlineData("shop/%20/all/day:2026-11-23", "blank")]
    public void Malformed_text_is_rejected_with_a_message_naming_the_part(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TallyKey.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_names_are_rejected()
    {
        Assert.Throws<ArgumentException>("shop", () => new TallyKey(" ", "nps", "all", Day));
        Assert.Throws<ArgumentException>("metric", () => new TallyKey("s", "", "all", Day));
    }
}

using CxMetrics.Support;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Charts.Tests;

public class BacklogChartTests
{
    private static BacklogResult Weeks() => new()
    {
        Tickets = 40,
        AsOf = Instant.FromUtc(2025, 1, 20, 0, 0),
        AgeEdges = [Duration.FromDays(1), Duration.FromDays(7)],
        Cells =
        [
            Cell(new LocalDate(2025, 1, 6), created: 20, open: 8, [5, 3, 0]),
            Cell(new LocalDate(2025, 1, 13), created: 20, open: 11, [4, 5, 2]),
        ],
    };

    private static BacklogCell Cell(LocalDate monday, long created, long open, long[] ages) => new()
    {
        Period = CalendarPeriod.Containing(monday, PeriodUnit.Week),
        CountedAt = monday.PlusDays(7).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(),
        IsComplete = true,
        Created = created,
        Solved = created - open,
        Reopened = 0,
        Open = open,
        OpenByAge = ages,
    };

    [Fact]
    public void Stacks_the_open_tickets_by_age_band_and_draws_the_created_line()
    {
        var doc = SvgAssert.WellFormed(Weeks().ToSvg());
        var texts = SvgAssert.Texts(doc);
        Assert.Contains("open, age 0–1d", texts);
        Assert.Contains("open, age > 7d", texts);
        Assert.Contains("created in the period", texts);
        Assert.True(SvgAssert.Stroked(doc, Palette.SeriesColor(1)) >= 1);
        Assert.Contains("open at the last period's end 11 (0–1d: 4, 1d–7d: 5, > 7d: 2)", SvgAssert.Description(doc), StringComparison.Ordinal);
        Assert.NotEmpty(Weeks().ToPng());
    }

    [Fact]
    public void No_periods_give_a_placeholder()
    {
        var doc = SvgAssert.WellFormed((Weeks() with { Cells = [] }).ToSvg());
        Assert.Equal("No periods.", SvgAssert.Description(doc));
    }
}

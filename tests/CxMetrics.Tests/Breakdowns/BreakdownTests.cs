using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Breakdowns;

public class BreakdownTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static SurveyResponse R(string segment, int day, int? score, string? channel = null) =>
        new("c", Instant.FromUtc(2024, 1, 1, 12, 0).Plus(Duration.FromDays(day)), score) { Segment = segment, Channel = channel };

    [Fact]
    public void By_segment_gives_one_cell_per_key_in_key_order_with_small_cells_flagged()
    {
        var responses = Enumerable.Range(0, 40).Select(i => R("retail", i, i % 11))
            .Concat(Enumerable.Range(0, 5).Select(i => R("b2b", i, 10)))
            .Append(R("retail", 1, null));
        var cells = Nps.By(responses, r => r.Segment);
        Assert.Equal(["b2b", "retail"], cells.Select(c => c.Key));
        Assert.True(cells[0].IsSmallCell);
        Assert.False(cells[1].IsSmallCell);
        Assert.Equal(5, cells[0].Count);
        Assert.Equal(100, cells[0].Result.Score);
        Assert.Equal(1, cells[1].Result.Unanswered);
        Assert.Equal(40, cells[1].Count);
    }

    [Fact]
    public void Null_keys_form_their_own_cell_last()
    {
        var cells = Rating.By([R("x", 0, 5, "email"), R("x", 0, 1, null), R("x", 0, 4, "chat")], r => r.Channel, CsatScale.OneToFive);
        Assert.Equal(["chat", "email", null], cells.Select(c => c.Key));
        Assert.Equal(0.0, cells[2].Result.Score);
    }

    [Fact]
    public void By_month_fills_gaps_and_compares_with_the_previous_month()
    {
        var responses = new[]
        {
            R("s", 0, 10), R("s", 1, 0),          // January: NPS 0
            R("s", 70, 10), R("s", 71, 10),       // March: NPS 100 (February empty)
        };
        var cells = Nps.ByPeriod(responses, new PeriodGrid(Berlin, PeriodUnit.Month), new SurveyOptions { MinimumCellSize = 2 });
        Assert.Equal(["2024-01", "2024-02", "2024-03"], cells.Select(c => c.Period.ToString()));
        Assert.Null(cells[0].ChangeFromPrevious);
        Assert.Equal(0, cells[1].Count);
        Assert.True(cells[1].IsSmallCell);
        Assert.Null(cells[1].Result.Score);
        Assert.Null(cells[1].ChangeFromPrevious!.Difference);
        Assert.Null(cells[2].ChangeFromPrevious!.Difference);
        Assert.False(cells[0].IsSmallCell);
    }

    [Fact]
    public void Period_change_carries_its_significance()
    {
        var jan = Enumerable.Range(0, 200).Select(i => R("s", i % 28, i < 60 ? 5 : 3));
        var feb = Enumerable.Range(0, 200).Select(i => R("s", 31 + (i % 28), i < 140 ? 5 : 3));
        var cells = Rating.ByPeriod(jan.Concat(feb), CsatScale.OneToFive, new PeriodGrid(Berlin, PeriodUnit.Month));
        ProportionComparison change = cells[1].ChangeFromPrevious!;
        Assert.Equal(0.4, change.Difference!.Value, 12);
        Assert.True(change.IsSignificantAt(0.001));
    }

    [Fact]
    public void Two_keys_at_once_segment_by_month()
    {
        var responses = new[] { R("a", 0, 10), R("b", 0, 0), R("a", 40, 9) };
        var cells = Nps.By(responses, r => (r.Segment, new PeriodGrid(Berlin, PeriodUnit.Month).Containing(r.AnsweredAt)));
        Assert.Equal(3, cells.Count);
        Assert.Equal(("a", "2024-01"), (cells[0].Key.Segment, cells[0].Key.Item2.ToString()));
    }

    [Property]
    public Property Cells_add_up_to_the_whole() =>
        Prop.ForAll(
            Gen.Choose(0, 10).Zip(Gen.Elements("a", "b", "c", "d")).ArrayOf().ToArbitrary(),
            items =>
            {
                var responses = items.Select((x, i) => R(x.Item2, i % 90, x.Item1)).ToArray();
                var cells = Nps.By(responses, r => r.Segment);
                var merged = new NpsTally();
                foreach (var c in cells)
                {
                    merged.Merge(NpsTally.FromCounts(c.Result.Promoters, c.Result.Passives, c.Result.Detractors));
                }

                var periods = Nps.ByPeriod(responses, new PeriodGrid(Berlin, PeriodUnit.Week));
                return Nps.From(merged) == Nps.Of(responses) && periods.Sum(p => p.Count) == responses.Length
                    && periods.Zip(periods.Skip(1)).All(p => p.First.Period.Next() == p.Second.Period);
            });

    [Fact]
    public void Key_by_period_grid_aligns_periods_across_keys()
    {
        var responses = new[] { R("a", 0, 10), R("b", 40, 0), R("a", 70, 9) };
        var grid = Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(Berlin, PeriodUnit.Month));
        Assert.Equal(["a", "b"], grid.Select(s => s.Key));
        Assert.All(grid, s => Assert.Equal(["2024-01", "2024-02", "2024-03"], s.Periods.Select(c => c.Period.ToString())));
        Assert.Equal(2, grid[0].Count);
        Assert.Null(grid[0].Periods[1].Result.Score);
        Assert.Equal(-100, grid[1].Periods[1].Result.Score);
    }

    [Property(MaxTest = 200)]
    public Property Key_by_period_equals_period_breakdown_of_each_key() =>
        Prop.ForAll(
            Gen.Choose(0, 10).Zip(Gen.Elements("a", "b", "c")).Zip(Gen.Choose(0, 400)).ArrayOf().ToArbitrary(),
            items =>
            {
                var responses = items.Select(x => R(x.Item1.Item2, x.Item2, x.Item1.Item1)).ToArray();
                var grid = Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(Berlin, PeriodUnit.Month));
                return grid.All(series =>
                {
                    var own = Nps.ByPeriod(responses.Where(r => r.Segment == series.Key), new PeriodGrid(Berlin, PeriodUnit.Month));
                    var trimmed = series.Periods.SkipWhile(c => c.Count == 0).Take(own.Count).ToArray();
                    return own.Zip(trimmed).All(p => p.First.Period == p.Second.Period && p.First.Result == p.Second.Result)
                        && series.Count == own.Sum(c => c.Count);
                }) && grid.Sum(s => s.Count) == responses.Length;
            });

    [Fact]
    public void By_period_refuses_a_span_beyond_max_periods_naming_it()
    {
        SurveyResponse[] responses = [new("a", Instant.FromUtc(2000, 1, 1, 12, 0), 9), new("b", Instant.FromUtc(2100, 6, 1, 12, 0), 3)];

        var ex = Assert.Throws<ArgumentOutOfRangeException>("options", () => Nps.ByPeriod(responses, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day)));

        Assert.Contains("from 2000-01-01 to 2100-06-01", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPeriods", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1206, Nps.ByPeriod(responses, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month)).Count);
        Assert.Equal(Period.DaysBetween(new LocalDate(2000, 1, 1), new LocalDate(2100, 6, 1)) + 1, Nps.ByPeriod(responses, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day), new SurveyOptions { MaxPeriods = 40_000 }).Count);
    }

    [Fact]
    public void By_key_and_period_refuses_a_span_beyond_max_periods()
    {
        SurveyResponse[] responses = [new("a", Instant.FromUtc(2024, 1, 1, 12, 0), 9) { Segment = "x" }, new("b", Instant.FromUtc(2024, 4, 10, 12, 0), 3) { Segment = "y" }];

        var ex = Assert.Throws<ArgumentOutOfRangeException>("options", () => Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day), new SurveyOptions { MaxPeriods = 100 }));

        Assert.Contains("the data spans 101 days", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day), new SurveyOptions { MaxPeriods = 101 }).Count);
    }

    [Fact]
    public void One_outlying_date_fails_fast_instead_of_listing_millennia_of_days()
    {
        SurveyResponse[] responses = [new("a", Instant.FromUtc(1000, 1, 1, 12, 0), 9), new("b", Instant.FromUtc(9000, 1, 1, 12, 0), 3)];
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<ArgumentOutOfRangeException>("options", () => Nps.ByPeriod(responses, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day)));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Interval = NodaTime.Interval;

namespace CxMetrics.Tests.Retention;

/// <summary>
/// The hand-worked month (March 2024, UTC, 31 days): c1..c10 live since February; c1 cancels on 10 March, c2 on 20 March;
/// n1 starts 5 March; n2 starts 15 March and cancels 25 March (joined and churned); n3 starts 31 March.
/// S = 10, N = 3, joined-and-churned = 1, churned = 3, live at the end = 10.
/// </summary>
public class CustomerChurnTests
{
    private static readonly DateTimeZone Utc = DateTimeZone.Utc;
    private static readonly CalendarPeriod March = CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Month);

    private static Instant Day(int month, int day) => Instant.FromUtc(2024, month, day, 0, 0);

    private static SubscriptionHistory Month()
    {
        var events = new List<SubscriptionEvent>();
        for (int i = 1; i <= 10; i++)
        {
            events.Add(SubscriptionEvent.Started($"s{i}", $"c{i}", Day(2, 1), 10m, "EUR"));
        }

        events.Add(SubscriptionEvent.Cancelled("s1", "c1", Day(3, 10)));
        events.Add(SubscriptionEvent.Cancelled("s2", "c2", Day(3, 20)));
        events.Add(SubscriptionEvent.Started("t1", "n1", Day(3, 5), 10m, "EUR"));
        events.Add(SubscriptionEvent.Started("t2", "n2", Day(3, 15), 10m, "EUR"));
        events.Add(SubscriptionEvent.Cancelled("t2", "n2", Day(3, 25)));
        events.Add(SubscriptionEvent.Started("t3", "n3", Day(3, 31), 10m, "EUR"));
        return SubscriptionHistory.Replay(events);
    }

    private static ChurnResult Churn(ChurnDenominator denominator, SamePeriodChurnPolicy policy) =>
        CustomerChurn.Of(Month(), March, Utc, new ChurnOptions { Denominator = denominator, SamePeriod = policy });

    [Fact]
    public void Counts_of_the_worked_month()
    {
        var r = Churn(ChurnDenominator.StartOfPeriod, SamePeriodChurnPolicy.Exclude);
        Assert.Equal(10, r.StartCustomers);
        Assert.Equal(3, r.NewCustomers);
        Assert.Equal(1, r.JoinedAndChurned);
        Assert.Equal(3, r.ChurnedCustomers);
        Assert.Equal(10, r.EndCustomers);
    }

    [Theory]
    [InlineData(SamePeriodChurnPolicy.Exclude, 2, 10)]
    [InlineData(SamePeriodChurnPolicy.Include, 3, 11)]
    public void Start_of_period_is_churned_over_customers_at_the_start(SamePeriodChurnPolicy policy, long numerator, double denominator)
    {
        var r = Churn(ChurnDenominator.StartOfPeriod, policy);
        Assert.Equal(numerator, r.Numerator);
        Assert.Equal(denominator, r.DenominatorValue);
        Assert.Equal(numerator / denominator, r.Rate!.Value, 12);
        Assert.Equal(Proportion.FromCounts(numerator, (long)denominator).Interval, r.Interval);
    }

    [Theory]
    [InlineData(SamePeriodChurnPolicy.Exclude, 2, 12)]
    [InlineData(SamePeriodChurnPolicy.Include, 3, 13)]
    public void Start_plus_new_divides_by_start_and_new_customers(SamePeriodChurnPolicy policy, long numerator, double denominator)
    {
        var r = Churn(ChurnDenominator.StartPlusNew, policy);
        Assert.Equal(numerator, r.Numerator);
        Assert.Equal(denominator, r.DenominatorValue);
        Assert.Equal(numerator / denominator, r.Rate!.Value, 12);
    }

    [Fact]
    public void Sum_of_daily_rates_adds_each_days_churn_among_that_days_customers()
    {
        // Exclude: 10 March 1 of 11 (c1..c10, n1); 20 March 1 of 10 (c2..c10, n1).
        var exclude = Churn(ChurnDenominator.SumOfDailyRates, SamePeriodChurnPolicy.Exclude);
        Assert.Equal((1.0 / 11) + (1.0 / 10), exclude.Rate!.Value, 12);
        Assert.Equal(2, exclude.Numerator);
        Assert.Equal(exclude.Numerator / exclude.Rate.Value, exclude.DenominatorValue, 9);

        // Include: n2 counts from 15 March: 20 March 1 of 11, 25 March 1 of 10.
        var include = Churn(ChurnDenominator.SumOfDailyRates, SamePeriodChurnPolicy.Include);
        Assert.Equal((2.0 / 11) + (1.0 / 10), include.Rate!.Value, 12);
        Assert.Equal(3, include.Numerator);
    }

    [Fact]
    public void Customer_days_rate_is_events_per_exposure_scaled_to_the_period()
    {
        // Exposure: c1 9 d, c2 19 d, c3..c10 8 × 31 d, n1 27 d, n3 1 d = 304 customer-days.
        var exclude = Churn(ChurnDenominator.CustomerDays, SamePeriodChurnPolicy.Exclude);
        Assert.Equal(304, exclude.CustomerDays, 9);
        Assert.Equal(304.0 / 31, exclude.DenominatorValue, 9);
        Assert.Equal(2 * 31.0 / 304, exclude.Rate!.Value, 12);

        // Include adds n2's 10 days and its churn.
        var include = Churn(ChurnDenominator.CustomerDays, SamePeriodChurnPolicy.Include);
        Assert.Equal(3 * 31.0 / 314, include.Rate!.Value, 12);
    }

    [Fact]
    public void Pause_is_not_churn()
    {
        var history = SubscriptionHistory.Replay(
        [
            SubscriptionEvent.Started("s", "c", Day(2, 1), 10m, "EUR"),
            SubscriptionEvent.Paused("s", "c", Day(3, 3)),
            SubscriptionEvent.Started("s2", "d", Day(2, 2), 5m, "EUR"),
            SubscriptionEvent.Skipped("s2", "d", Day(3, 4)),
        ]);
        var r = CustomerChurn.Of(history, March, Utc, new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude });
        Assert.Equal(0, r.Numerator);
        Assert.Equal(2, r.EndCustomers);
        Assert.Equal(0.0, r.Rate!.Value);
    }

    [Fact]
    public void No_customers_gives_no_estimate()
    {
        var r = CustomerChurn.Of([], March, Utc, new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Include });
        Assert.Null(r.Rate);
        Assert.Null(r.Interval);
        Assert.Contains("no estimate", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_30_days_interval_works_like_stripe()
    {
        var r = CustomerChurn.Of(Month(), new Interval(Day(3, 1), Day(3, 31)), new ChurnOptions { Denominator = ChurnDenominator.StartPlusNew, SamePeriod = SamePeriodChurnPolicy.Include });
        Assert.Equal(3.0 / 12, r.Rate!.Value, 12); // n3 starts 31 March, outside the 30 days
    }

    [Property(MaxTest = 200)]
    public Property Share_rates_are_in_0_1_and_inside_their_interval() =>
        Prop.ForAll(RetentionGen.Subscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var period = CalendarPeriod.Containing(new LocalDate(2024, 2, 1), PeriodUnit.Month);
            foreach (var denominator in new[] { ChurnDenominator.StartOfPeriod, ChurnDenominator.StartPlusNew })
            {
                foreach (var policy in new[] { SamePeriodChurnPolicy.Exclude, SamePeriodChurnPolicy.Include })
                {
                    var r = CustomerChurn.Of(history, period, Utc, new ChurnOptions { Denominator = denominator, SamePeriod = policy });
                    if (r.Rate is { } rate && !(rate >= 0 && rate <= 1 && r.Interval!.Value.Contains(rate) && r.Numerator <= r.DenominatorValue))
                    {
                        return false;
                    }
                }
            }

            var daily = CustomerChurn.Of(history, period, Utc, new ChurnOptions { Denominator = ChurnDenominator.SumOfDailyRates, SamePeriod = SamePeriodChurnPolicy.Include });
            var exposure = CustomerChurn.Of(history, period, Utc, new ChurnOptions { Denominator = ChurnDenominator.CustomerDays, SamePeriod = SamePeriodChurnPolicy.Include });
            return daily.Rate is null or >= 0 && exposure.Rate is null or >= 0;
        });

    private static string Segment(string customer) => customer is "c1" or "c2" or "c3" or "c4" or "c5" or "n1" ? "A" : "B";

    [Theory]
    [InlineData(ChurnDenominator.StartOfPeriod, SamePeriodChurnPolicy.Exclude, 2, 5, 0, 5)]
    [InlineData(ChurnDenominator.StartOfPeriod, SamePeriodChurnPolicy.Include, 2, 5, 1, 6)]
    [InlineData(ChurnDenominator.StartPlusNew, SamePeriodChurnPolicy.Exclude, 2, 6, 0, 6)]
    [InlineData(ChurnDenominator.StartPlusNew, SamePeriodChurnPolicy.Include, 2, 6, 1, 7)]
    public void Churn_by_segment_splits_the_worked_month(ChurnDenominator denominator, SamePeriodChurnPolicy policy, long aChurned, double aBase, long bChurned, double bBase)
    {
        // A = c1..c5 and n1 (c1, c2 churn); B = c6..c10, n2 (joined and churned) and n3 (starts on the 31st).
        var cells = CustomerChurn.By(Month(), Segment, March, Utc, new ChurnOptions { Denominator = denominator, SamePeriod = policy } with { MinimumCellSize = 6 });
        Assert.Equal(["A", "B"], cells.Select(c => c.Key));
        Assert.Equal((aChurned, aBase), (cells[0].Result.Numerator, cells[0].Result.DenominatorValue));
        Assert.Equal((bChurned, bBase), (cells[1].Result.Numerator, cells[1].Result.DenominatorValue));
        Assert.Equal((long)aBase, cells[0].Count);
        Assert.Equal(aBase < 6, cells[0].IsSmallCell);
        var whole = Churn(denominator, policy);
        Assert.Equal(whole.Numerator, cells.Sum(c => c.Result.Numerator));
        Assert.Equal(whole.DenominatorValue, cells.Sum(c => c.Result.DenominatorValue));
    }

    [Fact]
    public void Churn_by_period_lists_every_month_and_compares_with_the_one_before()
    {
        // January: nobody yet (listed, no estimate). February: c1..c10 start on 1 Feb (new, none at the start).
        // March: the worked month, 2 of 12 (start + new, joined-and-churned excluded). April: n3 and c3..c10, n1 live, nobody churns.
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartPlusNew, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var cells = CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2024, 4, 1), PeriodUnit.Month), options with { MinimumCellSize = 11 });
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], cells.Select(c => c.Period.ToString()));
        Assert.Null(cells[0].Result.Rate);
        Assert.Equal(0, cells[0].Count);
        Assert.True(cells[0].IsSmallCell);
        Assert.Null(cells[0].ChangeFromPrevious);
        Assert.Equal(0.0, cells[1].Result.Rate);
        Assert.Equal(10, cells[1].Count);
        Assert.Null(cells[1].ChangeFromPrevious!.Difference); // January has no estimate
        Assert.Equal(2.0 / 12, cells[2].Result.Rate!.Value, 12);
        Assert.False(cells[2].IsSmallCell);
        var change = cells[2].ChangeFromPrevious!;
        Assert.Equal(2.0 / 12, change.Difference!.Value, 12);
        Assert.Equal(Proportion.Compare(Proportion.FromCounts(2, 12), Proportion.FromCounts(0, 10)).PValue, change.PValue);
        Assert.Equal(0.0, cells[3].Result.Rate);
        Assert.Equal(10, cells[3].Result.StartCustomers);
        Assert.Equal(-2.0 / 12, cells[3].ChangeFromPrevious!.Difference!.Value, 12);
    }

    [Fact]
    public void Churn_by_period_rejects_mixed_units_and_reversed_ranges()
    {
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var week = CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Week);
        Assert.Throws<ArgumentException>("last", () => CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, March.Unit), March, week, options));
        Assert.Throws<ArgumentException>("last", () => CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, March.Unit), March, March.Previous(), options));
    }

    [Fact]
    public void Revenue_churn_by_period_chains_ending_into_starting_mrr()
    {
        var cells = RevenueChurn.ByPeriod(Month(), new PeriodGrid(Utc, PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2024, 2, 1), PeriodUnit.Month), CalendarPeriod.Containing(new LocalDate(2024, 4, 1), PeriodUnit.Month));
        Assert.Equal(3, cells.Count);
        Assert.Equal(0m, cells[0].Result.StartingMrr);
        Assert.Null(cells[0].Result.GrossMrrChurnRate);
        Assert.Equal(100m, cells[0].Result.NewMrr);
        Assert.Equal(cells[0].Result.EndingMrr, cells[1].Result.StartingMrr);
        Assert.Equal(30m, cells[1].Result.ChurnedMrr); // c1, c2 and n2
        Assert.Equal(30.0 / 100, cells[1].Result.GrossMrrChurnRate!.Value, 12); // churned MRR of the period over MRR at its start
        Assert.Equal(cells[1].Result.EndingMrr, cells[2].Result.StartingMrr);
    }

    [Property(MaxTest = 100)]
    public Property Segment_numerators_and_denominators_add_up_to_the_whole() =>
        Prop.ForAll(RetentionGen.Subscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            var period = CalendarPeriod.Containing(new LocalDate(2024, 2, 1), PeriodUnit.Month);
            foreach (ChurnDenominator denominator in Enum.GetValues<ChurnDenominator>())
            {
                foreach (var policy in new[] { SamePeriodChurnPolicy.Exclude, SamePeriodChurnPolicy.Include })
                {
                    var options = new ChurnOptions { Denominator = denominator, SamePeriod = policy };
                    var whole = CustomerChurn.Of(history, period, Utc, options);
                    var cells = CustomerChurn.By(history, c => c is "s0" or "s3" ? "x" : c == "s1" ? null : "y", period, Utc, options);
                    bool additive = denominator != ChurnDenominator.SumOfDailyRates;
                    if (cells.Sum(c => c.Result.Numerator) != whole.Numerator
                        || cells.Sum(c => c.Count) != CustomerChurn.CustomersAtRisk(whole)
                        || cells.Sum(c => c.Result.StartCustomers) != whole.StartCustomers
                        || cells.Sum(c => c.Result.NewCustomers) != whole.NewCustomers
                        || cells.Sum(c => c.Result.ChurnedCustomers) != whole.ChurnedCustomers
                        || cells.Sum(c => c.Result.EndCustomers) != whole.EndCustomers
                        || Math.Abs(cells.Sum(c => c.Result.CustomerDays) - whole.CustomerDays) > 1e-6
                        || (additive && Math.Abs(cells.Sum(c => c.Result.DenominatorValue) - whole.DenominatorValue) > 1e-9)
                        || cells.Any(c => c.Result.Rate is < 0 || (denominator is ChurnDenominator.StartOfPeriod or ChurnDenominator.StartPlusNew && c.Result.Rate is > 1)))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    private static readonly CalendarPeriod January = CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month);
    private static readonly CalendarPeriod April = CalendarPeriod.Containing(new LocalDate(2024, 4, 1), PeriodUnit.Month);

    [Fact]
    public void Churn_by_segment_and_period_is_the_grid_of_the_worked_months()
    {
        // A = c1..c5, n1; B = c6..c10, n2, n3 (start + new, joined-and-churned excluded).
        // January: nobody (listed, n = 0). February: 5 new in each, nobody churns. March: A 2 of 6, B 0 of 6 (the By split).
        // April: A has c3..c5 and n1 at the start (4), B c6..c10 and n3 (6); nobody churns.
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartPlusNew, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var grid = CustomerChurn.ByKeyAndPeriod(Month(), Segment, new PeriodGrid(Utc, January.Unit), January, April, options with { MinimumCellSize = 6 });
        Assert.Equal(["A", "B"], grid.Select(s => s.Key));
        foreach (var series in grid)
        {
            Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], series.Periods.Select(c => c.Period.ToString()));
            Assert.Equal(series.Periods.Sum(c => c.Count), series.Count);
        }

        Assert.Equal([0L, 5, 6, 4], grid[0].Periods.Select(c => c.Count));
        Assert.Equal([0L, 5, 6, 6], grid[1].Periods.Select(c => c.Count));
        Assert.Equal([true, true, false, true], grid[0].Periods.Select(c => c.IsSmallCell));
        Assert.Null(grid[0].Periods[0].Result.Rate);
        Assert.Null(grid[0].Periods[0].ChangeFromPrevious);
        Assert.Equal((2L, 6.0), (grid[0].Periods[2].Result.Numerator, grid[0].Periods[2].Result.DenominatorValue));
        Assert.Equal((0L, 6.0), (grid[1].Periods[2].Result.Numerator, grid[1].Periods[2].Result.DenominatorValue));
        Assert.Equal(Proportion.Compare(Proportion.FromCounts(2, 6), Proportion.FromCounts(0, 5)), grid[0].Periods[2].ChangeFromPrevious);
        Assert.Equal(15, grid[0].Count);
        Assert.Equal(17, grid[1].Count);

        var byPeriod = CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, January.Unit), January, April, options);
        Assert.Equal(byPeriod.Sum(c => c.Count), grid.Sum(s => s.Count));
    }

    [Fact]
    public void Churn_grid_renders_every_cell_totals_and_empty_periods_with_escaped_segment_names()
    {
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartPlusNew, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var grid = CustomerChurn.ByKeyAndPeriod(Month(), c => Segment(c) == "A" ? "<A&>" : "B", new PeriodGrid(Utc, January.Unit), January, April, options with { MinimumCellSize = 6 });
        string md = grid.ToReport("Churn by segment and month").ToMarkdown();
        string html = grid.ToReport("Churn by segment and month").ToHtml();
        Internal.RenderingAssert.WellFormed(md, html);
        Assert.StartsWith("**Churn by segment and month**\n\n| key | period | n | small n | result | change from previous |", md, StringComparison.Ordinal);
        Assert.Contains("| <A&> | 2024-03 | 6 | no | 33.33% (95% CI [", md, StringComparison.Ordinal);
        Assert.Contains("| B | 2024-01 | 0 | yes | no estimate (no customers at risk; StartPlusNew, Exclude) | — |", md, StringComparison.Ordinal);
        Assert.Contains("Totals over all periods: <A&>: n = 15; B: n = 17.", md, StringComparison.Ordinal);
        Assert.Contains("Periods without data in any key (listed with n = 0): 2024-01.", md, StringComparison.Ordinal);
        Assert.Contains("&lt;A&amp;&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<A&>", html, StringComparison.Ordinal);
        Assert.Equal(4 * 2, html.Split("<tr>").Length - 1 - 1 - 2); // header row + two notes besides the 8 cells
    }

    [Fact]
    public void Churn_grid_rejects_mixed_units_and_reversed_ranges()
    {
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var week = CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Week);
        Assert.Throws<ArgumentException>("last", () => CustomerChurn.ByKeyAndPeriod(Month(), Segment, new PeriodGrid(Utc, March.Unit), March, week, options));
        Assert.Throws<ArgumentException>("last", () => CustomerChurn.ByKeyAndPeriod(Month(), Segment, new PeriodGrid(Utc, March.Unit), March, March.Previous(), options));
    }

    [Property(MaxTest = 50)]
    public Property Churn_grid_cells_are_the_segment_cells_and_add_up_to_the_period_totals() =>
        Prop.ForAll(RetentionGen.Subscriptions, events =>
        {
            var history = SubscriptionHistory.Replay(events);
            Func<string, string?> key = c => c is "s0" or "s3" ? "x" : c == "s1" ? null : "y";
            foreach (ChurnDenominator denominator in Enum.GetValues<ChurnDenominator>())
            {
                foreach (var policy in new[] { SamePeriodChurnPolicy.Exclude, SamePeriodChurnPolicy.Include })
                {
                    var options = new ChurnOptions { Denominator = denominator, SamePeriod = policy };
                    var grid = CustomerChurn.ByKeyAndPeriod(history, key, new PeriodGrid(Utc, January.Unit), January, April, options with { MinimumCellSize = 2 });
                    var byPeriod = CustomerChurn.ByPeriod(history, new PeriodGrid(Utc, January.Unit), January, April, options with { MinimumCellSize = 2 });
                    bool additive = denominator != ChurnDenominator.SumOfDailyRates;
                    if (grid.Any(s => s.Periods.Count != byPeriod.Count || s.Count != s.Periods.Sum(c => c.Count)))
                    {
                        return false;
                    }

                    for (int p = 0; p < byPeriod.Count; p++)
                    {
                        var whole = byPeriod[p];
                        var cells = grid.Select(s => s.Periods[p]).ToList();
                        var segments = CustomerChurn.By(history, key, whole.Period, Utc, options with { MinimumCellSize = 2 });
                        if (cells.Any(c => c.Period != whole.Period)
                            || !cells.Select(c => (c.Result, c.Count, c.IsSmallCell)).SequenceEqual(segments.Select(c => (c.Result, c.Count, c.IsSmallCell)))
                            || cells.Sum(c => c.Count) != whole.Count
                            || cells.Sum(c => c.Result.Numerator) != whole.Result.Numerator
                            || cells.Sum(c => c.Result.StartCustomers) != whole.Result.StartCustomers
                            || cells.Sum(c => c.Result.NewCustomers) != whole.Result.NewCustomers
                            || cells.Sum(c => c.Result.EndCustomers) != whole.Result.EndCustomers
                            || cells.Sum(c => c.Result.ChurnedCustomers) != whole.Result.ChurnedCustomers
                            || cells.Sum(c => c.Result.JoinedAndChurned) != whole.Result.JoinedAndChurned
                            || Math.Abs(cells.Sum(c => c.Result.CustomerDays) - whole.Result.CustomerDays) > 1e-6
                            || (additive && Math.Abs(cells.Sum(c => c.Result.DenominatorValue) - whole.Result.DenominatorValue) > 1e-9))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        });

    [Fact]
    public void A_range_of_millennia_of_days_is_refused_at_once_naming_it()
    {
        // One outlying date (a year 1000 typed for 2024) made the churn series list 2.9 million days, and the tool hung.
        var options = new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude };
        var first = CalendarPeriod.Containing(new LocalDate(1000, 1, 1), PeriodUnit.Day);
        var last = CalendarPeriod.Containing(new LocalDate(9000, 1, 1), PeriodUnit.Day);

        var churn = Assert.Throws<ArgumentOutOfRangeException>("last", () => CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, first.Unit), first, last, options));
        var revenue = Assert.Throws<ArgumentOutOfRangeException>("last", () => RevenueChurn.ByPeriod(Month(), new PeriodGrid(Utc, first.Unit), first, last));

        foreach (var e in new[] { churn, revenue })
        {
            Assert.Contains("spans 2,921,941 days, from 1000-01-01 to 9000-01-01", e.Message, StringComparison.Ordinal);
            Assert.Contains("split the range", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(10_000, CustomerChurn.ByPeriod(Month(), new PeriodGrid(Utc, first.Unit), first, CalendarPeriod.Containing(new LocalDate(1000, 1, 1).PlusDays(9_999), PeriodUnit.Day), options).Count);
    }
}

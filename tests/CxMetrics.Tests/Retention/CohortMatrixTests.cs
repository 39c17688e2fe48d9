using System.Globalization;
using System.Text;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class CohortMatrixTests
{
    private static readonly Instant Apr1 = Instant.FromUtc(2024, 4, 1, 0, 0);
    private static readonly PeriodGrid MonthlyUtcGrid = new(DateTimeZone.Utc, PeriodUnit.Month);

    private static readonly CohortOptions MonthlyUtc = CohortOptions.Default;

    private static Order O(string customer, int month, int day, decimal amount) => new(customer, Instant.FromUtc(2024, month, day, 12, 0), amount, "EUR");

    private static Order[] Worked() =>
    [
        O("a", 1, 5, 10m), O("a", 2, 3, 20m), O("a", 3, 9, 5m),
        O("b", 1, 20, 30m), O("b", 3, 1, 10m),
        O("c", 2, 10, 15m),
        O("d", 2, 28, 5m), O("d", 3, 2, 5m), O("d", 4, 2, 99m),
    ];

    [Fact]
    public void Worked_monthly_matrix_counts_revenue_and_unobservable_cells()
    {
        var m = Cohorts.Of(Worked(), Apr1, MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(["2024-01", "2024-02"], m.Cohorts.Select(c => c.ToString()));
        Assert.Equal([2L, 2L], m.Sizes);
        Assert.Equal(3, m.Columns);
        Assert.Equal([2L, 1L, 2L], m.Active[0]);
        Assert.Equal([2L, 2L, 2L], m.Unbounded[0]);
        Assert.Equal([2L, 1L, null], m.Active[1]);
        Assert.Equal([2L, 1L, null], m.Unbounded[1]);
        Assert.Equal([40m, 20m, 15m], m.Revenue[0]);
        Assert.Equal([20m, 5m, null], m.Revenue[1]);
        Assert.Equal(1, m.OrdersAfterAsOf);
        Assert.Equal(0.5, m.Retention(0, 1));
        Assert.Equal(0.5, m.RevenueRetention(0, 1));
        Assert.Null(m.Retention(1, 2));
        Assert.Equal(0.5, m.RetentionEstimate(0, 1)!.Value);
    }

    [Fact]
    public void Current_period_is_not_observable_yet()
    {
        var m = Cohorts.Of(Worked(), Instant.FromUtc(2024, 3, 15, 0, 0), MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(2, m.Columns);
        Assert.Equal([2L, 1L], m.Active[0]);
        Assert.Equal([2L, 2L], m.Unbounded[0]); // b's March order happened: unbounded counts it at offset 1
        Assert.Equal([2L, null], m.Active[1]);
    }

    [Fact]
    public void Cohorts_are_local_periods_of_the_shops_zone()
    {
        var order = new Order("late", Instant.FromUtc(2024, 1, 31, 23, 30), 1m, "EUR");
        var utc = Cohorts.Of([order], Apr1, MonthlyUtcGrid, MonthlyUtc);
        var berlin = Cohorts.Of([order], Apr1, new PeriodGrid(DateTimeZoneProviders.Tzdb["Europe/Berlin"], PeriodUnit.Month), MonthlyUtc);
        Assert.Equal("2024-01", utc.Cohorts[0].ToString());
        Assert.Equal("2024-02", berlin.Cohorts[0].ToString());
    }

    [Fact]
    public void Elapsed_windows_count_from_each_customers_first_order()
    {
        // a: 5 Jan, 3 Feb (29 days later: window 0), 9 Mar (64 days: window 2).
        var options = MonthlyUtc with { ElapsedWindow = Duration.FromDays(30) };
        var m = Cohorts.Of(Worked(), Apr1, MonthlyUtcGrid, options);
        Assert.Equal(2, m.Columns); // January cohort: (1 April − 1 February) / 30 days = 1.97 → windows 0 and 1 complete
        Assert.Equal([2L, 1L], m.Active[0]); // b (20 Jan → 1 Mar = 41 days) is active in window 1
        Assert.Equal([2L, 2L], m.Unbounded[0]);
        Assert.Equal([2L, null], m.Active[1]);
    }

    [Fact]
    public void Weekly_cohorts_respect_the_week_start()
    {
        var sunday = new Order("s", Instant.FromUtc(2024, 3, 3, 12, 0), 1m, "EUR"); // a Sunday
        var iso = Cohorts.Of([sunday], Apr1, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week), MonthlyUtc);
        var us = Cohorts.Of([sunday], Apr1, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week, IsoDayOfWeek.Sunday), MonthlyUtc);
        Assert.Equal(new LocalDate(2024, 2, 26), iso.Cohorts[0].Start);
        Assert.Equal(new LocalDate(2024, 3, 3), us.Cohorts[0].Start);
    }

    [Fact]
    public void Bracket_retention_counts_customers_active_in_any_offset_of_the_bracket()
    {
        var m = Cohorts.Of(Worked(), Apr1, MonthlyUtcGrid, MonthlyUtc with { Brackets = [new CohortBracket(1, 2), new CohortBracket(2, 5)] });
        Assert.Equal([2L, null], m.BracketActive[0]);
        Assert.Equal(1.0, m.BracketRetention(0, 0));
        Assert.Equal([null, null], m.BracketActive[1]);
    }

    [Fact]
    public void Signup_cohorts_include_customers_without_orders()
    {
        var accumulator = new CohortTally();
        foreach (var order in Worked())
        {
            accumulator.Add(order);
        }

        accumulator.AddSignup("a", Instant.FromUtc(2024, 1, 2, 0, 0));
        accumulator.AddSignup("z", Instant.FromUtc(2024, 1, 3, 0, 0));
        var m = Cohorts.From(accumulator, Apr1, MonthlyUtcGrid, MonthlyUtc with { Anchor = CohortAnchor.Signup });
        Assert.Single(m.Cohorts);
        Assert.Equal(2, m.Sizes[0]);
        Assert.Equal([1L, 1L, 1L], m.Active[0]);
        Assert.Equal(3, m.CustomersWithoutAnchor); // b, c, d
    }

    [Fact]
    public void Mixed_currencies_are_rejected()
    {
        Order[] orders = [O("a", 1, 1, 1m), new Order("b", Apr1, 1m, "USD")];
        Assert.Throws<InvalidOperationException>(() => Cohorts.Of(orders, Apr1, MonthlyUtcGrid, MonthlyUtc));
    }

    [Fact]
    public void A_tiny_elapsed_window_is_refused_before_memory_runs_out()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("options", () => Cohorts.Of(Worked(), Apr1, MonthlyUtcGrid, MonthlyUtc with { ElapsedWindow = Duration.FromMinutes(1) }));
        Assert.Contains("offsets", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_by_segment_builds_one_matrix_per_segment()
    {
        var orders = Worked().Select(o => new Order(o.CustomerId, o.PlacedAt, o.Amount, o.Currency) { Segment = o.CustomerId is "a" or "b" ? "vip" : null }).ToArray();
        var cells = Cohorts.By(orders, o => o.Segment, Apr1, MonthlyUtcGrid, MonthlyUtc with { MinimumCellSize = 3 });
        Assert.Equal(["vip", null], cells.Select(c => c.Key));
        Assert.Equal([2L, 1L, 2L], cells[0].Result.Active[0]);
        Assert.Equal(2, cells[1].Count);
        Assert.True(cells[1].IsSmallCell);
    }

    [Fact]
    public void Revenue_beyond_exact_128_bit_sums_falls_back_to_decimal_additions()
    {
        // 3.96e28 plus 1e-10 needs a 39-digit mantissa: decimal addition rounds it away, and so must the matrix.
        decimal big = decimal.MaxValue / 2;
        Order[] orders = [O("a", 1, 5, big), O("a", 1, 6, 0.0000000001m), O("b", 1, 7, 2.50m), O("b", 2, 7, 1.5m)];
        var m = Cohorts.Of(orders, Apr1, MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(big + 0.0000000001m + 2.50m, m.Revenue[0][0]);
        Assert.Equal("1.5", m.Revenue[0][1]!.Value.ToString(CultureInfo.InvariantCulture));
        var exact = Cohorts.Of([O("a", 1, 5, 1.5m), O("b", 1, 6, 2.25m), O("c", 1, 7, 3m)], Apr1, MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal("6.75", exact.Revenue[0][0]!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Revenue_beyond_the_decimal_range_throws_a_clear_overflow()
    {
        Order[] orders = [O("a", 1, 5, decimal.MaxValue), O("b", 1, 6, decimal.MaxValue)];

        var ex = Assert.Throws<OverflowException>(() => Cohorts.Of(orders, Apr1, MonthlyUtcGrid, MonthlyUtc));

        Assert.Contains("order amounts in a cohort cell", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_orders_give_an_empty_matrix()
    {
        var m = Cohorts.Of([], Apr1, MonthlyUtcGrid, MonthlyUtc);
        Assert.Empty(m.Cohorts);
        Assert.Equal(0, m.Columns);
    }

    [Fact]
    public void Cdnow_sample_monthly_cohorts()
    {
        var orders = Cdnow.Orders();
        var asOf = Instant.FromUtc(1998, 7, 1, 0, 0);
        var m = Cohorts.Of(orders, asOf, MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(["1997-01", "1997-02", "1997-03"], m.Cohorts.Select(c => c.ToString()));
        Assert.Equal(2357, m.Sizes.Sum());
        Assert.Equal(18, m.Columns);
        Assert.Equal(m.Sizes, m.Active.Select(row => row[0]!.Value));

        // Against a naive recomputation: distinct customers per (cohort month, months since) and revenue.
        var first = orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.Min(o => o.PlacedAt));
        static int Month(Instant t) => (t.InUtc().Year * 12) + t.InUtc().Month;
        for (int r = 0; r < m.Cohorts.Count; r++)
        {
            int cohortMonth = (m.Cohorts[r].Start.Year * 12) + m.Cohorts[r].Start.Month;
            for (int k = 0; k < m.Columns; k++)
            {
                var cell = orders.Where(o => Month(first[o.CustomerId]) == cohortMonth && Month(o.PlacedAt) - cohortMonth == k).ToList();
                long? expected = cohortMonth + k < Month(asOf) ? cell.Select(o => o.CustomerId).Distinct().Count() : null;
                Assert.Equal(expected, m.Active[r][k]);
                Assert.Equal(expected is null ? null : cell.Sum(o => o.Amount), m.Revenue[r][k]);
            }
        }

        // Retention after the first month is low and stays low: a well-known feature of CDNOW.
        Assert.InRange(m.Retention(0, 1)!.Value, 0.05, 0.30);
        Assert.True(m.UnboundedRetention(0, 17) <= m.UnboundedRetention(0, 1));
    }

    [Property(MaxTest = 200)]
    public Property Matrix_does_not_depend_on_input_order() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
            Canon(Cohorts.Of(x.Orders, RetentionGen.AsOf, MonthlyUtcGrid, MonthlyUtc)) == Canon(Cohorts.Of(RetentionGen.Shuffle(x.Orders, x.Seed), RetentionGen.AsOf, MonthlyUtcGrid, MonthlyUtc)));

    [Property(MaxTest = 200)]
    public Property Shard_merge_equals_whole() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var random = new Random(x.Seed);
            var shards = new[] { new CohortTally(), new CohortTally(), new CohortTally() };
            var whole = new CohortTally();
            foreach (var order in x.Orders)
            {
                shards[random.Next(3)].Add(order);
                whole.Add(order);
            }

            var merged = new CohortTally().Merge(shards[2]).Merge(shards[0]).Merge(new CohortTally()).Merge(shards[1]);
            var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week);
            var options = MonthlyUtc with { Brackets = [new CohortBracket(1, 4)] };
            var elapsed = MonthlyUtc with { ElapsedWindow = Duration.FromDays(7) };
            return Canon(Cohorts.From(merged, RetentionGen.AsOf, grid, options)) == Canon(Cohorts.From(whole, RetentionGen.AsOf, grid, options))
                && Canon(Cohorts.From(merged, RetentionGen.AsOf, MonthlyUtcGrid, elapsed)) == Canon(Cohorts.From(whole, RetentionGen.AsOf, MonthlyUtcGrid, elapsed));
        });

    [Property(MaxTest = 200)]
    public Property Unbounded_is_at_least_n_period_and_never_rises() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week), MonthlyUtc), (MonthlyUtcGrid, MonthlyUtc with { ElapsedWindow = Duration.FromDays(10) }) })
            {
                var m = Cohorts.Of(x.Orders, RetentionGen.AsOf, grid, options);
                for (int r = 0; r < m.Cohorts.Count; r++)
                {
                    for (int k = 0; k < m.Columns; k++)
                    {
                        if (m.Unbounded[r][k] is { } u && (u < m.Active[r][k] || u > m.Sizes[r] || (k > 0 && u > m.Unbounded[r][k - 1])))
                        {
                            return false;
                        }

                        if (m.Retention(r, k) is { } share && share is < 0 or > 1)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 40)]
    public Property Calendar_matrix_equals_a_naive_reference() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            // Amounts with mixed scales (5, 5.0, 5.00, 5.000) so revenue sums must keep each cell's own decimal scale.
            var random = new Random(x.Seed);
            var orders = x.Orders.Select(o => new Order(o.CustomerId, o.PlacedAt, decimal.Round(o.Amount, random.Next(0, 3)) * (random.Next(2) == 0 ? 1.0m : 1.000m), "EUR")).ToArray();
            var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
            var stJohns = DateTimeZoneProviders.Tzdb["America/St_Johns"];
            foreach (var (grid, options) in new[]
            {
                (new PeriodGrid(berlin, PeriodUnit.Month), MonthlyUtc with { Brackets = [new CohortBracket(1, 2)] }),
                (new PeriodGrid(stJohns, PeriodUnit.Week, IsoDayOfWeek.Sunday), MonthlyUtc),
                (new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day), MonthlyUtc), // more than 64 periods: the general path (on fewer orders, to keep the reference quick)
            })
            {
                if (grid.Unit == PeriodUnit.Day)
                {
                    orders = orders[..Math.Min(orders.Length, 12)];
                }

                string expected = Reference(orders, grid, options, RetentionGen.AsOf);
                if (Canon(Cohorts.Of(orders, RetentionGen.AsOf, grid, options)) != expected)
                {
                    return false;
                }

                // The columnar path, with a dictionary that repeats ids (so several codes are one customer).
                string[] dictionary = [.. orders.Select(o => o.CustomerId).Distinct(), .. orders.Select(o => o.CustomerId).Distinct()];
                int[] codes = [.. orders.Select((o, i) => Array.IndexOf(dictionary, o.CustomerId) + (i % 2 == 0 ? 0 : dictionary.Length / 2))];
                var columnar = Cohorts.Of(dictionary, codes, [.. orders.Select(o => o.PlacedAt)], [.. orders.Select(o => o.Amount)], "EUR", RetentionGen.AsOf, grid, options);
                if (Canon(columnar) != expected)
                {
                    return false;
                }
            }

            return true;
        });

    /// <summary>The matrix by brute force: each order's local date in the zone (NodaTime), its period by CalendarPeriod, distinct customers and sums by LINQ.</summary>
    private static string Reference(Order[] orders, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        CalendarPeriod P(Instant t) => CalendarPeriod.Containing(t.InZone(grid.Zone).Date, grid.Unit, grid.WeekStart);
        var used = orders.Where(o => o.PlacedAt <= asOf).ToArray();
        var text = new StringBuilder();
        if (used.Length == 0)
        {
            return text.Append("||0|").Append(orders.Length).ToString();
        }

        // Number the periods from the earliest order's to the as-of's; an offset is a difference of numbers.
        var number = new Dictionary<CalendarPeriod, int>();
        var ends = new List<Instant>();
        var first = P(used.Min(o => o.PlacedAt));
        for (var p = first; p <= P(asOf); p = p.Next())
        {
            number[p] = number.Count;
            ends.Add(p.ToInterval(grid.Zone).End);
        }

        var period = used.Select(o => number[P(o.PlacedAt)]).ToArray();
        var cohortOf = used.Select((o, i) => (o.CustomerId, period[i])).GroupBy(x => x.CustomerId).ToDictionary(g => g.Key, g => g.Min(x => x.Item2));
        int rows = cohortOf.Values.Max() + 1;
        int columns = Math.Max(1, ends.Count(e => e <= asOf));
        bool Observable(int row, int k) => row + k < ends.Count && ends[row + k] <= asOf;
        var cells = Enumerable.Range(0, used.Length).Select(i => (Row: cohortOf[used[i].CustomerId], K: period[i] - cohortOf[used[i].CustomerId], Order: used[i])).ToArray();
        string Count(IEnumerable<(int Row, int K, Order Order)> xs) => xs.Select(x => x.Order.CustomerId).Distinct().Count().ToString(CultureInfo.InvariantCulture);
        string Row(int r, Func<int, string> cell) => string.Join(',', Enumerable.Range(0, columns).Select(k => Observable(r, k) ? cell(k) : "-"));
        text.Append(string.Join(',', Enumerable.Range(0, rows).Select(r => number.Single(n => n.Value == r).Key))).Append('|')
            .Append(string.Join(',', Enumerable.Range(0, rows).Select(r => cohortOf.Values.Count(v => v == r)))).Append('|').Append(columns).Append('|').Append(orders.Length - used.Length);
        for (int r = 0; r < rows; r++)
        {
            text.Append('|').Append(Row(r, k => Count(cells.Where(x => x.Row == r && x.K == k))));
        }

        for (int r = 0; r < rows; r++)
        {
            text.Append('|').Append(Row(r, k => Count(cells.Where(x => x.Row == r && x.K >= k))));
        }

        for (int r = 0; r < rows; r++)
        {
            text.Append('|').Append(string.Join(',', options.Brackets.Select(b => b.Last < columns && Observable(r, b.Last)
                ? Count(cells.Where(x => x.Row == r && x.K >= b.First && x.K <= b.Last)) : "-")));
        }

        for (int r = 0; r < rows; r++)
        {
            text.Append('|').Append(Row(r, k => cells.Where(x => x.Row == r && x.K == k).Sum(x => x.Order.Amount).ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    private static string Canon(CohortMatrix m)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', m.Cohorts)).Append('|').Append(string.Join(',', m.Sizes)).Append('|').Append(m.Columns).Append('|').Append(m.OrdersAfterAsOf);
        foreach (var rows in new[] { m.Active, m.Unbounded, m.BracketActive })
        {
            foreach (var row in rows)
            {
                text.Append('|').Append(string.Join(',', row.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "-")));
            }
        }

        foreach (var row in m.Revenue)
        {
            text.Append('|').Append(string.Join(',', row.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "-")));
        }

        return text.ToString();
    }

    [Fact]
    public void Pooled_retention_weights_cohorts_by_size_and_leaves_out_those_not_yet_observable()
    {
        var m = Cohorts.Of(Worked(), Apr1, MonthlyUtcGrid, MonthlyUtc);

        // +1: Jan 1 of 2, Feb 1 of 2; +2: only Jan is observable (2 of 2), Feb's cell is in the future, not 0%.
        Assert.Equal(0.5, m.PooledRetention(1));
        Assert.Equal(1.0, m.PooledRetention(2));
        Assert.Null(m.PooledRetention(3));
        Assert.Equal(4, m.PooledRetentionEstimate(1)!.Count);
        Assert.Equal(2, m.PooledRetentionEstimate(2)!.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.PooledRetention(-1));
    }

    [Property(MaxTest = 100)]
    public Property Pooled_retention_is_the_size_weighted_mean_of_the_observable_cohorts() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var m = Cohorts.Of(x.Orders, RetentionGen.AsOf, MonthlyUtcGrid, MonthlyUtc);
            for (int k = 0; k <= m.Columns; k++)
            {
                double weighted = 0, weight = 0, low = 1, high = 0;
                for (int r = 0; r < m.Cohorts.Count; r++)
                {
                    if (k < m.Columns && m.Retention(r, k) is { } share)
                    {
                        weighted += share * m.Sizes[r];
                        weight += m.Sizes[r];
                        low = Math.Min(low, share);
                        high = Math.Max(high, share);
                    }
                }

                double? pooled = m.PooledRetention(k);
                if (weight == 0 ? pooled is not null : pooled is not { } p || Math.Abs(p - (weighted / weight)) > 1e-12 || p < low - 1e-12 || p > high + 1e-12)
                {
                    return false;
                }
            }

            return true;
        });
}

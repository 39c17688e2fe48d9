using System.Globalization;
using System.Text;
using CxMetrics.Commerce;
using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class CohortTallyTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    [Fact]
    public void Column_batches_are_atomic_and_name_the_bad_position()
    {
        var accumulator = new CohortTally();
        var ex = Assert.Throws<ArgumentOutOfRangeException>("amounts", () => accumulator.AddRange(["a", "b"], [T0, T0], [1m, -2m], "EUR"));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, accumulator.OrderCount);
        Assert.Throws<ArgumentOutOfRangeException>("customerCodes", () => accumulator.AddRange(["a"], [0, 1], [T0, T0], [1m, 1m], "EUR"));
        Assert.Throws<ArgumentException>("placedAt", () => accumulator.AddRange(["a"], [T0, T0], [1m, 1m], "EUR"));
        Assert.Equal(0, accumulator.OrderCount);
    }

    [Fact]
    public void Columnar_matrix_rejects_bad_codes_and_the_signup_anchor()
    {
        var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month);
        var options = CohortOptions.Default;
        var ex = Assert.Throws<ArgumentOutOfRangeException>("customerCodes", () => Cohorts.Of(["a"], [0, 3], [T0, T0], [1m, 1m], "EUR", T0, grid, options));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("options", () => Cohorts.Of(["a"], [0], [T0], [1m], "EUR", T0, grid, options with { Anchor = CohortAnchor.Signup }));
    }

    [Fact]
    public void Merging_accumulators_in_different_currencies_is_rejected()
    {
        var eur = new CohortTally();
        eur.Add(new Order("a", T0, 1m, "EUR"));
        var usd = new CohortTally();
        usd.Add(new Order("a", T0, 1m, "USD"));
        Assert.Throws<InvalidOperationException>(() => eur.Merge(usd));
    }

    [Property(MaxTest = 100)]
    public Property Encoded_strings_and_single_orders_give_the_same_matrix() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var grid = new PeriodGrid(DateTimeZoneProviders.Tzdb["America/St_Johns"], PeriodUnit.Week, IsoDayOfWeek.Sunday);
            var options = CohortOptions.Default;
            var single = new CohortTally();
            foreach (var order in x.Orders)
            {
                single.Add(order);
            }

            var ids = x.Orders.Select(o => o.CustomerId).Distinct().ToArray();
            var encoded = new CohortTally();
            encoded.AddRange(ids, x.Orders.Select(o => Array.IndexOf(ids, o.CustomerId)).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR");
            var strings = new CohortTally();
            strings.AddRange(x.Orders.Select(o => o.CustomerId).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR");

            var direct = Cohorts.Of(ids, x.Orders.Select(o => Array.IndexOf(ids, o.CustomerId)).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR", RetentionGen.AsOf, grid, options);
            var a = Cohorts.From(single, RetentionGen.AsOf, grid, options);
            var b = Cohorts.From(encoded, RetentionGen.AsOf, grid, options);
            var c = Cohorts.From(strings, RetentionGen.AsOf, grid, options);

            // Cohort sizes against a naive group-by of first orders by local week (St John's is UTC−3:30 / −2:30).
            var naive = x.Orders.Where(o => o.PlacedAt <= RetentionGen.AsOf).GroupBy(o => o.CustomerId)
                .Select(g => CalendarPeriod.Containing(g.Min(o => o.PlacedAt).InZone(grid.Zone).Date, PeriodUnit.Week, IsoDayOfWeek.Sunday))
                .GroupBy(p => p).ToDictionary(g => g.Key, g => (long)g.Count());
            bool sizesMatch = a.Cohorts.Select((p, i) => (p, i)).All(t => naive.GetValueOrDefault(t.p) == a.Sizes[t.i]) && naive.Values.Sum() == a.Sizes.Sum();
            return sizesMatch
                && a.Sizes.SequenceEqual(b.Sizes) && a.Sizes.SequenceEqual(c.Sizes)
                && a.Active.Zip(b.Active).All(r => r.First.SequenceEqual(r.Second))
                && a.Sizes.SequenceEqual(direct.Sizes) && a.OrdersAfterAsOf == direct.OrdersAfterAsOf
                && a.Unbounded.Zip(direct.Unbounded).All(r => r.First.SequenceEqual(r.Second))
                && a.Revenue.Zip(direct.Revenue).All(r => r.First.SequenceEqual(r.Second))
                && a.Revenue.Zip(c.Revenue).All(r => r.First.SequenceEqual(r.Second));
        });

    [Property(MaxTest = 100)]
    public Property Dictionary_encoded_single_orders_give_the_matrix_of_orders() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            // The dictionary grows as a reader's does, but its codes are in reverse order of first sight (not the accumulator's own order).
            var orders = MixedScales(x.Orders, x.Seed);
            var distinct = orders.Select(o => o.CustomerId).Distinct().Reverse().ToList();
            var dictionary = new List<string>();
            var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary); // trusted: no id index while only its codes add
            var codes = new Dictionary<string, int>();
            bool same = true;
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (WeeklyStJohnsGrid, WeeklyStJohns) })
            {
                var byOrder = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
                var encoded = new CohortTally(grid, RetentionGen.AsOf);
                var unbound = new CohortTally();
                foreach (var o in orders)
                {
                    if (!codes.TryGetValue(o.CustomerId, out int code))
                    {
                        code = distinct.IndexOf(o.CustomerId);
                        codes.Add(o.CustomerId, code);
                        while (dictionary.Count <= code)
                        {
                            dictionary.Add(distinct[dictionary.Count]);
                        }
                    }

                    encoded.Add(distinctDictionary, code, o.PlacedAt, o.Amount, o.Currency); // trusted as distinct
                    unbound.Add(dictionary, code, o.PlacedAt, o.Amount, o.Currency);
                }

                same &= Canon(Cohorts.From(encoded, RetentionGen.AsOf, grid, options)) == Canon(Cohorts.From(byOrder, RetentionGen.AsOf, grid, options))
                    && Canon(Cohorts.From(unbound, RetentionGen.AsOf, grid, options)) == Canon(Cohorts.From(byOrder, RetentionGen.AsOf, grid, options))
                    && encoded.CustomerCount == byOrder.CustomerCount && encoded.OrderCount == orders.Length;
            }

            return same;
        });

    [Property(MaxTest = 100)]
    public Property Batches_of_dictionary_encoded_orders_give_the_matrix_of_orders() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            // Batches of random size (across the fold's run of 64) with a dictionary that grows between them as a reader's
            // does, into bound accumulators (with the as-of) and an unbound one.
            var orders = MixedScales(x.Orders, x.Seed);
            int size = 1 + (x.Seed % 150);
            var dictionary = new List<string>();
            var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary);
            bool same = true;
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (WeeklyStJohnsGrid, WeeklyStJohns) })
            {
                var byOrder = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
                var batched = new CohortTally(grid, RetentionGen.AsOf);
                var unbound = new CohortTally();
                dictionary.Clear();
                for (int from = 0; from < orders.Length; from += size)
                {
                    var batch = orders.Skip(from).Take(size).ToArray();
                    foreach (var o in batch.Where(o => !dictionary.Contains(o.CustomerId)))
                    {
                        dictionary.Add(o.CustomerId);
                    }

                    int[] codes = [.. batch.Select(o => dictionary.IndexOf(o.CustomerId))];
                    Instant[] placed = [.. batch.Select(o => o.PlacedAt)];
                    decimal[] amounts = [.. batch.Select(o => o.Amount)];
                    batched.AddRange(distinctDictionary, codes, placed, amounts, "EUR");
                    unbound.AddRange((IReadOnlyList<string>)dictionary, codes, placed, amounts, "EUR");
                }

                string expected = Canon(Cohorts.From(byOrder, RetentionGen.AsOf, grid, options));
                same &= Canon(Cohorts.From(batched, RetentionGen.AsOf, grid, options)) == expected
                    && Canon(Cohorts.From(unbound, RetentionGen.AsOf, grid, options)) == expected
                    && batched.CustomerCount == byOrder.CustomerCount && batched.OrderCount == orders.Length && unbound.OrderCount == orders.Length;
            }

            return same;
        });

    [Fact]
    public void A_refused_batch_adds_nothing()
    {
        IReadOnlyList<string> ids = ["a", "b", ""];
        foreach (var accumulator in new[] { new CohortTally(MonthlyUtcGrid), new CohortTally() })
        {
            accumulator.AddRange(ids, [0], [T0], [5m], "EUR");
            Assert.Throws<ArgumentOutOfRangeException>("amounts", () => accumulator.AddRange(ids, [1, 0, 1], [T0, T0, T0], [1m, -2m, 3m], "EUR"));
            Assert.Throws<ArgumentOutOfRangeException>("customerCodes", () => accumulator.AddRange(ids, [1, 3], [T0, T0], [1m, 1m], "EUR"));
            Assert.Throws<ArgumentException>("customerDictionary", () => accumulator.AddRange(ids, [1, 2], [T0, T0], [1m, 1m], "EUR"));
            Assert.Throws<InvalidOperationException>(() => accumulator.AddRange(ids, [1], [T0], [1m], "USD"));
            Assert.Equal(1, accumulator.CustomerCount);
            Assert.Equal(1, accumulator.OrderCount);
        }
    }

    [Property(MaxTest = 100)]
    public Property Code_id_and_second_dictionary_adds_mixed_in_one_accumulator_give_the_matrix_of_orders() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            // Each order arrives at random by code of one dictionary, by code of a copy of it (another reference), by
            // Order, or by id column; the id -> index dictionary is then built part way through.
            var orders = MixedScales(x.Orders, x.Seed);
            var dictionary = orders.Select(o => o.CustomerId).Distinct().Reverse().ToArray();
            var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary); // trusted: no id index while only its codes add
            var copy = dictionary.ToArray();
            bool same = true;
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (WeeklyStJohnsGrid, WeeklyStJohns) })
            {
                var byOrder = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
                var bound = new CohortTally(grid, RetentionGen.AsOf);
                var unbound = new CohortTally();
                var random = new Random(x.Seed);
                foreach (var o in orders)
                {
                    int way = random.Next(4);
                    foreach (var accumulator in new[] { bound, unbound })
                    {
                        switch (way)
                        {
                            case 0:
                                accumulator.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                                break;
                            case 1:
                                accumulator.Add(copy, Array.IndexOf(copy, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                                break;
                            case 2:
                                accumulator.Add(o);
                                break;
                            default:
                                accumulator.AddRange([o.CustomerId], [o.PlacedAt], [o.Amount], o.Currency);
                                break;
                        }
                    }
                }

                var expected = Canon(Cohorts.From(byOrder, RetentionGen.AsOf, grid, options));
                same &= Canon(Cohorts.From(bound, RetentionGen.AsOf, grid, options)) == expected
                    && Canon(Cohorts.From(unbound, RetentionGen.AsOf, grid, options)) == expected
                    && bound.CustomerCount == byOrder.CustomerCount && unbound.CustomerCount == byOrder.CustomerCount && unbound.OrderCount == orders.Length;
            }

            return same;
        });

    [Property(MaxTest = 100)]
    public Property Merge_after_code_adds_gives_the_matrix_of_orders() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            // Two shards filled by code only are merged (both ways), and more orders then arrive by code into the merged one.
            var orders = MixedScales(x.Orders, x.Seed);
            var dictionary = orders.Select(o => o.CustomerId).Distinct().ToArray();
            var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary); // trusted: no id index while only its codes add
            int third = orders.Length / 3;
            bool same = true;
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (WeeklyStJohnsGrid, WeeklyStJohns) })
            {
                var byOrder = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
                CohortTally Shard(IEnumerable<Order> part)
                {
                    var shard = new CohortTally(grid, RetentionGen.AsOf);
                    foreach (var o in part)
                    {
                        shard.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                    }

                    return shard;
                }

                var a = Shard(orders.Take(third));
                var b = Shard(orders.Skip(third).Take(third));
                var ab = a.Clone().Merge(b);
                var ba = b.Clone().Merge(a);
                foreach (var o in orders.Skip(2 * third))
                {
                    ab.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                    ba.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                }

                var expected = Canon(Cohorts.From(byOrder, RetentionGen.AsOf, grid, options));
                same &= Canon(Cohorts.From(ab, RetentionGen.AsOf, grid, options)) == expected && Canon(Cohorts.From(ba, RetentionGen.AsOf, grid, options)) == expected
                    && ab.CustomerCount == byOrder.CustomerCount && ba.CustomerCount == byOrder.CustomerCount;
            }

            return same;
        });

    [Fact]
    public void Code_adds_pseudonymise_each_new_customer_once_as_id_adds_do()
    {
        var pseudonymiser = new IdPseudonymiser(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        string[] dictionary = ["a", "b"];
        var byCode = new CohortTally { Pseudonymiser = pseudonymiser };
        byCode.Add(dictionary, 1, T0, 1m, "EUR");
        byCode.Add(dictionary, 0, T0, 2m, "EUR");
        byCode.Add(dictionary, 1, T0 + Duration.FromDays(40), 3m, "EUR");
        byCode.Add(new Order("a", T0 + Duration.FromDays(40), 4m, "EUR")); // the id path finds the pseudonymised customer
        Assert.Equal(2, byCode.CustomerCount);
        Assert.Equal(pseudonymiser.Pseudonymise("b"), byCode.CustomerId(0));
        Assert.Equal(pseudonymiser.Pseudonymise("a"), byCode.CustomerId(1));
        var byOrder = new CohortTally { Pseudonymiser = pseudonymiser };
        byOrder.Add(new Order("b", T0, 1m, "EUR"));
        byOrder.Add(new Order("a", T0, 2m, "EUR"));
        byOrder.Add(new Order("b", T0 + Duration.FromDays(40), 3m, "EUR"));
        byOrder.Add(new Order("a", T0 + Duration.FromDays(40), 4m, "EUR"));
        var asOf = T0 + Duration.FromDays(70);
        Assert.Equal(Canon(Cohorts.From(byOrder, asOf, MonthlyUtcGrid, MonthlyUtc)), Canon(Cohorts.From(byCode, asOf, MonthlyUtcGrid, MonthlyUtc)));
    }

    [Fact]
    public void A_dictionary_that_repeats_an_id_counts_that_customer_once()
    {
        // A plain list is not trusted to be distinct: both codes of "a" are one customer, as orders by id would be.
        string[] ids = ["a", "b", "a"];
        var byCode = new CohortTally(MonthlyUtcGrid, T0 + Duration.FromDays(100));
        byCode.Add(ids, 0, T0, 1m, "EUR");
        byCode.Add(ids, 1, T0, 2m, "EUR");
        byCode.Add(ids, 2, T0 + Duration.FromDays(40), 3m, "EUR");
        var byOrder = new CohortTally(MonthlyUtcGrid, T0 + Duration.FromDays(100));
        byOrder.Add(new Order("a", T0, 1m, "EUR"));
        byOrder.Add(new Order("b", T0, 2m, "EUR"));
        byOrder.Add(new Order("a", T0 + Duration.FromDays(40), 3m, "EUR"));
        Assert.Equal(2, byCode.CustomerCount);
        Assert.Equal(Canon(Cohorts.From(byOrder, T0 + Duration.FromDays(100), MonthlyUtcGrid, MonthlyUtc)), Canon(Cohorts.From(byCode, T0 + Duration.FromDays(100), MonthlyUtcGrid, MonthlyUtc)));
    }

    [Fact]
    public void Dictionary_encoded_orders_are_checked()
    {
        var accumulator = new CohortTally();
        string[] ids = ["a", " ", "b"];
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => accumulator.Add(ids, 2, T0, -1m, "EUR"));
        Assert.Equal(0, accumulator.CustomerCount);
        Assert.Throws<ArgumentOutOfRangeException>("customerCode", () => accumulator.Add(ids, 3, T0, 1m, "EUR"));
        Assert.Throws<ArgumentException>("customerDictionary", () => accumulator.Add(ids, 1, T0, 1m, "EUR"));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => accumulator.Add(ids, 0, T0, -1m, "EUR"));
        accumulator.Add(ids, 0, T0, 1m, "EUR");
        Assert.Throws<InvalidOperationException>(() => accumulator.Add(ids, 0, T0, 1m, "USD"));
        Assert.Equal(1, accumulator.OrderCount);
        Assert.Equal(1, accumulator.CustomerCount);
    }

    private static readonly PeriodGrid MonthlyUtcGrid = new(DateTimeZone.Utc, PeriodUnit.Month);

    private static readonly CohortOptions MonthlyUtc = new CohortOptions { Brackets = [new CohortBracket(1, 3)] };

    private static readonly PeriodGrid WeeklyStJohnsGrid = new(DateTimeZoneProviders.Tzdb["America/St_Johns"], PeriodUnit.Week, IsoDayOfWeek.Sunday);

    private static readonly CohortOptions WeeklyStJohns = CohortOptions.Default;

    /// <summary>The generated orders with amounts at scales 0 to 4 (so exact sums must keep the largest scale), shuffled.</summary>
    private static Order[] MixedScales(Order[] orders, int seed)
    {
        var random = new Random(seed);
        var scaled = orders.Select(o => new Order(o.CustomerId, o.PlacedAt, random.Next(5) switch
        {
            0 => decimal.Round(o.Amount, 0),
            1 => o.Amount * 1.0m,
            2 => o.Amount,
            3 => o.Amount * 1.000m,
            _ => o.Amount + 0.0001m,
        }, o.Currency)).ToArray();
        return RetentionGen.Shuffle(scaled, seed);
    }

    private static CohortTally Fill(CohortTally accumulator, IEnumerable<Order> orders)
    {
        foreach (var order in orders)
        {
            accumulator.Add(order);
        }

        return accumulator;
    }

    [Property(MaxTest = 200)]
    public Property Bound_accumulator_gives_the_matrix_of_every_order() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var orders = MixedScales(x.Orders, x.Seed);
            var unbound = Fill(new CohortTally(), orders);
            bool same = true;
            foreach (var (grid, options) in new[] { (MonthlyUtcGrid, MonthlyUtc), (WeeklyStJohnsGrid, WeeklyStJohns), (new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Day), MonthlyUtc) })
            {
                // As-of bound up front (orders after it counted, not kept), and no as-of (the matrix at the latest order).
                var bound = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
                var open = Fill(new CohortTally(grid), orders);
                var latest = orders.Length == 0 ? RetentionGen.Origin : orders.Max(o => o.PlacedAt);
                same &= Canon(Cohorts.From(bound, RetentionGen.AsOf, grid, options)) == Canon(Cohorts.From(unbound, RetentionGen.AsOf, grid, options))
                    && Canon(Cohorts.From(open, latest, grid, options)) == Canon(Cohorts.From(unbound, latest, grid, options))
                    && bound.OrderCount == orders.Length && bound.CustomerCount == unbound.CustomerCount;
            }

            return same;
        });

    [Property(MaxTest = 200)]
    public Property Bound_shard_merge_equals_whole_in_any_order() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var orders = MixedScales(x.Orders, x.Seed);
            var random = new Random(x.Seed);
            var grid = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week);
            var options = MonthlyUtc;
            var shards = new[] { new CohortTally(grid, RetentionGen.AsOf), new CohortTally(grid, RetentionGen.AsOf), new CohortTally() };
            foreach (var order in orders)
            {
                shards[random.Next(3)].Add(order);
            }

            var whole = Fill(new CohortTally(grid, RetentionGen.AsOf), orders);
            var reversed = Fill(new CohortTally(grid, RetentionGen.AsOf), orders.Reverse());

            // Bound shards merge by customer and period; an unbound shard's orders are binned on the way in.
            var merged = new CohortTally(grid, RetentionGen.AsOf).Merge(shards[1]).Merge(shards[2]).Merge(shards[0]);
            string expected = Canon(Cohorts.From(whole, RetentionGen.AsOf, grid, options));
            return expected == Canon(Cohorts.From(merged, RetentionGen.AsOf, grid, options))
                && expected == Canon(Cohorts.From(reversed, RetentionGen.AsOf, grid, options))
                && expected == Canon(Cohorts.From(whole.Clone(), RetentionGen.AsOf, grid, options))
                && expected == Canon(Cohorts.From(Fill(new CohortTally(), orders), RetentionGen.AsOf, grid, options))
                && merged.OrderCount == whole.OrderCount;
        });

    [Fact]
    public void Bound_accumulator_keeps_one_row_per_customer_and_period()
    {
        var accumulator = new CohortTally(MonthlyUtcGrid);
        accumulator.AddRange(["a", "a", "a", "b"], [T0, T0 + Duration.FromDays(3), T0 + Duration.FromDays(40), T0], [1.5m, 2m, 3m, 4m], "EUR");
        Assert.Equal(4, accumulator.OrderCount);
        var m = Cohorts.From(accumulator, T0 + Duration.FromDays(70), MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(2, m.Sizes[0]);
        Assert.Equal(7.5m, m.Revenue[0][0]);
        Assert.Equal("7.5", m.Revenue[0][0]!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, m.Active[0][1]);
    }

    [Fact]
    public void Sums_that_would_round_stay_apart()
    {
        // 28 decimal places: the sum of the two has no room for all digits, so decimal addition would round; the rows stay
        // apart and the matrix adds them exactly as the unbound accumulator does.
        var amounts = new[] { 0.1234567890123456789012345678m, 9.1234567890123456789012345678m };
        var bound = new CohortTally(MonthlyUtcGrid);
        var unbound = new CohortTally();
        foreach (var a in amounts)
        {
            bound.Add(new Order("a", T0, a, "EUR"));
            unbound.Add(new Order("a", T0, a, "EUR"));
        }

        var asOf = T0 + Duration.FromDays(40);
        Assert.Equal(Canon(Cohorts.From(unbound, asOf, MonthlyUtcGrid, MonthlyUtc)), Canon(Cohorts.From(bound, asOf, MonthlyUtcGrid, MonthlyUtc)));
    }

    [Fact]
    public void Bound_accumulator_refuses_what_it_cannot_answer()
    {
        Assert.Equal("grid", Assert.Throws<ArgumentNullException>("grid", () => new CohortTally(null!)).ParamName);
        var bound = new CohortTally(MonthlyUtcGrid, T0 + Duration.FromDays(30));
        bound.Add(new Order("a", T0 + Duration.FromDays(10), 1m, "EUR"));
        bound.Add(new Order("a", T0 + Duration.FromDays(31), 1m, "EUR"));
        Assert.Throws<ArgumentException>("grid", () => Cohorts.From(bound, T0 + Duration.FromDays(30), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week), MonthlyUtc));
        Assert.Throws<ArgumentException>("grid", () => Cohorts.From(bound, T0 + Duration.FromDays(30), MonthlyUtcGrid, MonthlyUtc with { ElapsedWindow = Duration.FromDays(7) }));
        Assert.Throws<ArgumentOutOfRangeException>("asOf", () => Cohorts.From(bound, T0 + Duration.FromDays(5), MonthlyUtcGrid, MonthlyUtc));
        Assert.Throws<ArgumentOutOfRangeException>("asOf", () => Cohorts.From(bound, T0 + Duration.FromDays(31), MonthlyUtcGrid, MonthlyUtc));
        Assert.Equal(1, Cohorts.From(bound, T0 + Duration.FromDays(30), MonthlyUtcGrid, MonthlyUtc).OrdersAfterAsOf);
        Assert.Throws<ArgumentException>("other", () => new CohortTally().Merge(bound));
        Assert.Throws<ArgumentException>("other", () => new CohortTally(MonthlyUtcGrid).Merge(bound));
        Assert.Throws<NotSupportedException>(() => TallyFormat.ToBytes(bound));
    }

    [Fact]
    public void Breakdown_cells_given_twice_merge_bound_accumulators()
    {
        var a = new CohortTally(MonthlyUtcGrid);
        a.Add(new Order("a", T0, 1m, "EUR"));
        var b = new CohortTally(MonthlyUtcGrid);
        b.Add(new Order("b", T0 + Duration.FromDays(35), 2m, "EUR"));
        var cells = Cohorts.By(new[] { new KeyValuePair<string, CohortTally>("k", a), new KeyValuePair<string, CohortTally>("k", b) }, T0 + Duration.FromDays(70), MonthlyUtcGrid, MonthlyUtc);
        Assert.Equal(2, cells.Single().Count);
        Assert.Equal([1L, 1L], cells.Single().Result.Sizes);
        Assert.Equal(1, a.CustomerCount);
    }

    private static string Canon(CohortMatrix m)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', m.Cohorts)).Append('|').Append(string.Join(',', m.Sizes)).Append('|').Append(m.Columns).Append('|').Append(m.OrdersAfterAsOf).Append('|').Append(m.Currency);
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
}

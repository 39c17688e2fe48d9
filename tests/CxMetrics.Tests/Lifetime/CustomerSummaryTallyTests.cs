using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class CustomerSummaryTallyTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Order At(string id, int month, int day, decimal amount, int hour = 12, string currency = "EUR") =>
        new(id, new LocalDateTime(2024, month, day, hour, 0).InZoneLeniently(Zone).ToInstant(), amount, currency);

    [Fact]
    public void Cdnow_summary_reproduces_the_published_table_exactly()
    {
        var summary = CdnowFixture.Summary;
        var expected = CdnowFixture.Csv("cdnow_customers_summary.csv");
        Assert.Equal(2357, summary.Customers.Count);
        Assert.Equal(0, summary.AcquiredAfterCalibration);
        var byId = summary.Customers.ToDictionary(c => c.CustomerId);
        foreach (var row in expected)
        {
            var c = byId[row[0]];
            Assert.Equal(int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), c.Frequency);
            Assert.Equal(CdnowFixture.D(row[2]), Math.Round(c.Recency, 2));
            Assert.Equal(CdnowFixture.D(row[3]), Math.Round(c.Age, 2));
        }
    }

    [Fact]
    public void Cdnow_mean_repeat_spend_matches_the_published_zbar_within_a_cent()
    {
        var byId = CdnowFixture.Summary.Customers.ToDictionary(c => c.CustomerId);
        int repeatBuyers = 0;
        foreach (var row in CdnowFixture.Csv("cdnow_customers_summary_with_transactions.csv"))
        {
            var c = byId[row[0]];
            Assert.Equal(CdnowFixture.D(row[4]), c.MeanRepeatSpend ?? 0, 0.0100001);
            repeatBuyers += c.Frequency > 0 ? 1 : 0;
        }

        Assert.Equal(946, repeatBuyers);
    }

    [Fact]
    public void Cdnow_calibration_and_holdout_totals_match_the_data_readme()
    {
        var customers = CdnowFixture.Summary.Customers;
        Assert.Equal(2457, customers.Sum(c => c.Frequency));
        Assert.Equal(1411, customers.Count(c => c.Frequency == 0));
        Assert.Equal(1882, customers.Sum(c => c.HoldoutFrequency!.Value));
    }

    [Fact]
    public void Same_day_purchases_merge_into_one_transaction_in_the_shop_zone()
    {
        // 23:30 and 00:30 Berlin time are two days in Berlin even though both are the same UTC date (22:30, 23:30 UTC).
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c", 3, 1, 10m));
        tally.Add(At("c", 3, 1, 5m, hour: 18));
        tally.Add(At("c", 3, 8, 20m, hour: 23));
        tally.Add(At("c", 3, 9, 30m, hour: 0));
        var c = Assert.Single(CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15), TimeUnit = TimeUnit.Day }).Customers);
        Assert.Equal(2, c.Frequency);
        Assert.Equal(8, c.Recency);
        Assert.Equal(14, c.Age);
        Assert.Equal(25.0, c.MeanRepeatSpend);
        Assert.Equal(65m, c.CalibrationSpend);
    }

    [Fact]
    public void Customer_without_repeat_has_no_mean_repeat_spend_rather_than_zero()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c", 3, 1, 10m));
        var c = Assert.Single(CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) }).Customers);
        Assert.Equal(0, c.Frequency);
        Assert.Null(c.MeanRepeatSpend);
        Assert.Null(c.HoldoutFrequency);
    }

    [Fact]
    public void Customers_first_buying_after_calibration_are_counted_not_dropped()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("early", 3, 1, 10m));
        tally.Add(At("late", 4, 1, 10m));
        var summary = CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) });
        Assert.Single(summary.Customers);
        Assert.Equal(1, summary.AcquiredAfterCalibration);
    }

    [Fact]
    public void Week_merging_counts_distinct_weeks()
    {
        var tally = new CustomerSummaryTally(Zone, PeriodUnit.Week);
        tally.Add(At("c", 3, 4, 10m)); // Monday
        tally.Add(At("c", 3, 6, 10m)); // same week
        tally.Add(At("c", 3, 12, 10m)); // next week
        var c = Assert.Single(CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 31) }).Customers);
        Assert.Equal(1, c.Frequency);
        Assert.Equal(1.0, c.Recency);
    }

    [Fact]
    public void Mixed_currencies_are_rejected()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c", 3, 1, 10m));
        var e = Assert.Throws<InvalidOperationException>(() => tally.Add(At("c", 3, 2, 10m, currency: "USD")));
        Assert.Contains("USD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Holdout_before_calibration_is_rejected()
    {
        var tally = new CustomerSummaryTally(Zone);
        Assert.Throws<ArgumentException>("options", () => CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15), HoldoutEnd = new LocalDate(2024, 3, 1) }));
    }

    [Fact]
    public void Merging_zones_that_differ_is_rejected()
    {
        var berlin = new CustomerSummaryTally(Zone);
        var utc = new CustomerSummaryTally(DateTimeZone.Utc);
        Assert.Throws<ArgumentException>("other", () => berlin.Merge(utc));
    }

    [Property(MaxTest = 100)]
    public Property Merge_of_shards_equals_the_whole() =>
        Prop.ForAll(
            Gen.Choose(0, 5).Zip(Gen.Choose(0, 400)).Zip(Gen.Choose(0, 9999)).ArrayOf().ToArbitrary(),
            Gen.Choose(1, 4).ToArbitrary(),
            (rows, shards) =>
            {
                // Orders of 6 customers over ~400 days in Berlin, hours varying so some cross midnight; spread over shards by position.
                var orders = rows.Select((r, i) => new Order($"c{r.Item1.Item1}", Instant.FromUtc(2024, 1, 1, 0, 0).Plus(Duration.FromHours((r.Item1.Item2 * 24) + (r.Item2 % 24))), r.Item2 / 100m, "EUR")).ToArray();
                var whole = new CustomerSummaryTally(Zone);
                whole.AddRange(orders);
                var merged = new CustomerSummaryTally(Zone);
                for (int s = 0; s < shards; s++)
                {
                    var shard = new CustomerSummaryTally(Zone);
                    shard.AddRange(orders.Where((_, i) => i % shards == s));
                    merged.Merge(shard);
                }

                var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 9, 30), HoldoutEnd = new LocalDate(2025, 3, 1) };
                var a = CustomerBase.From(whole, options);
                var b = CustomerBase.From(merged, options);
                return a.Customers.SequenceEqual(b.Customers) && a.AcquiredAfterCalibration == b.AcquiredAfterCalibration && whole.OrderCount == merged.OrderCount;
            });

    [Fact]
    public void Empty_tally_is_the_identity_of_merge()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c", 3, 1, 10m));
        tally.Merge(new CustomerSummaryTally(Zone));
        var empty = new CustomerSummaryTally(Zone).Merge(tally);
        var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) };
        Assert.Equal(CustomerBase.From(tally, options).Customers, CustomerBase.From(empty, options).Customers);
        Assert.Empty(CustomerBase.From(new CustomerSummaryTally(Zone), options).Customers);
    }

    [Fact]
    public void Sum_beyond_the_decimal_range_throws_naming_the_customer()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c-huge", 3, 1, decimal.MaxValue));

        var ex = Assert.Throws<OverflowException>(() => tally.Add(At("c-huge", 3, 1, decimal.MaxValue, hour: 18)));

        Assert.Contains("order amounts of customer 'c-huge'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_base_summary_overflow_names_the_customer()
    {
        Order[] orders = [At("c-huge", 3, 1, decimal.MaxValue), At("c-huge", 3, 1, decimal.MaxValue, hour: 18), At("c-ok", 3, 1, 1m)];

        var ex = Assert.Throws<OverflowException>(() => CustomerBase.Of(orders, Zone, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) }));

        Assert.Contains("customer 'c-huge'", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Spend_of_amounts_up_to_the_read_bound_is_the_exact_sum()
    {
        // The CSV readers accept |amount| <= 10^15 with any number of decimals that fit; a customer's spend must stay exact.
        var amount =
            from units in Gen.Choose(0, 1_000_000)
            from scale in Gen.Choose(0, 9)
            from atBound in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
            select atBound ? 1_000_000_000_000_000m : units * (decimal)Math.Pow(10, scale) / 1000m;
        return Prop.ForAll(Gen.ListOf(amount).Select(l => l.Take(500).ToArray()).Where(a => a.Length > 0).ToArbitrary(), amounts =>
        {
            var tally = new CustomerSummaryTally(Zone);
            for (int i = 0; i < amounts.Length; i++)
            {
                tally.Add(At("c", 3, 1 + (i % 10), amounts[i]));
            }

            var c = Assert.Single(CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) }).Customers);
            decimal expected = 0;
            foreach (decimal a in amounts)
            {
                expected += a;
            }

            return c.CalibrationSpend == expected;
        });
    }

    [Property(MaxTest = 100)]
    public Property Batches_of_dictionary_encoded_orders_give_the_summaries_of_orders() =>
        Prop.ForAll(
            Gen.Choose(0, 300).Zip(Gen.Choose(0, 500)).Zip(Gen.Choose(0, 99_999)).ArrayOf().Zip(Gen.Choose(1, 150)).ToArbitrary(),
            x =>
            {
                // Batches of random size (across the fold's run of 64): each with a dictionary of its own whose codes differ
                // from the last batch's (new ids are put first), so customers are found by id; and a trusted dictionary that
                // grows between batches as a reader's does.
                var (rows, size) = x;
                var orders = rows.Select(r => new Order($"c{r.Item1.Item1}", Instant.FromUtc(2024, 1, 1, 0, 0).Plus(Duration.FromHours((r.Item1.Item2 * 24) + (r.Item2 % 37))), r.Item2 / 100m, "EUR")).ToArray();
                var dictionary = new List<string>();
                var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary);
                var byOrder = new CustomerSummaryTally(Zone);
                byOrder.AddRange(orders);
                var batched = new CustomerSummaryTally(Zone);
                for (int from = 0; from < orders.Length; from += size)
                {
                    var batch = orders.Skip(from).Take(size).ToArray();
                    foreach (var o in batch.Where(o => !dictionary.Contains(o.CustomerId)))
                    {
                        dictionary.Insert(0, o.CustomerId);
                    }

                    int[] codes = [.. batch.Select(o => dictionary.IndexOf(o.CustomerId))];
                    var list = new List<string>(dictionary);
                    batched.AddRange(list, codes, [.. batch.Select(o => o.PlacedAt)], [.. batch.Select(o => o.Amount)], "EUR");
                }

                var grown = new CustomerSummaryTally(Zone);
                dictionary.Clear();
                for (int from = 0; from < orders.Length; from += size)
                {
                    var batch = orders.Skip(from).Take(size).ToArray();
                    foreach (var o in batch.Where(o => !dictionary.Contains(o.CustomerId)))
                    {
                        dictionary.Add(o.CustomerId);
                    }

                    grown.AddRange(distinctDictionary, [.. batch.Select(o => dictionary.IndexOf(o.CustomerId))], [.. batch.Select(o => o.PlacedAt)], [.. batch.Select(o => o.Amount)], "EUR");
                }

                var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 9, 30), HoldoutEnd = new LocalDate(2025, 3, 1) };
                var a = CustomerBase.From(byOrder, options);
                var b = CustomerBase.From(batched, options);
                var c = CustomerBase.From(grown, options);
                return a.Customers.SequenceEqual(b.Customers) && a.Customers.SequenceEqual(c.Customers) && a.AcquiredAfterCalibration == c.AcquiredAfterCalibration
                    && byOrder.OrderCount == batched.OrderCount && byOrder.OrderCount == grown.OrderCount && byOrder.CustomerCount == grown.CustomerCount
                    && grown.Currency == (orders.Length == 0 ? null : "EUR");
            });

    [Fact]
    public void A_refused_batch_adds_nothing()
    {
        string[] ids = ["a", "b", ""];
        var at = Instant.FromUtc(2024, 3, 1, 12, 0);
        var tally = new CustomerSummaryTally(Zone);
        tally.AddRange(ids, [0], [at], [5m], "EUR");
        Assert.Throws<ArgumentOutOfRangeException>("amounts", () => tally.AddRange(ids, [1, 0, 1], [at, at, at], [1m, -2m, 3m], "EUR"));
        Assert.Throws<ArgumentOutOfRangeException>("customerCodes", () => tally.AddRange(ids, [1, 3], [at, at], [1m, 1m], "EUR"));
        Assert.Throws<ArgumentException>("customerDictionary", () => tally.AddRange(ids, [1, 2], [at, at], [1m, 1m], "EUR"));
        Assert.Throws<InvalidOperationException>(() => tally.AddRange(ids, [1], [at], [1m], "USD"));
        Assert.Throws<ArgumentException>("placedAt", () => tally.AddRange(ids, [1, 1], [at], [1m, 1m], "EUR"));
        Assert.Equal(1, tally.CustomerCount);
        Assert.Equal(1, tally.OrderCount);
        var summary = CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 12, 31) });
        Assert.Equal(5m, Assert.Single(summary.Customers).CalibrationSpend);
    }

    [Property(MaxTest = 100)]
    public Property Dictionary_encoded_orders_give_the_summaries_of_orders() =>
        Prop.ForAll(
            Gen.Choose(0, 7).Zip(Gen.Choose(0, 500)).Zip(Gen.Choose(0, 99_999)).ArrayOf().ToArbitrary(),
            rows =>
            {
                // Codes are the customer number reversed (7 - n): not the tally's order of first sight.
                var orders = rows.Select(r => new Order($"c{r.Item1.Item1}", Instant.FromUtc(2024, 1, 1, 0, 0).Plus(Duration.FromHours((r.Item1.Item2 * 24) + (r.Item2 % 37))), r.Item2 / 100m, "EUR")).ToArray();
                string[] dictionary = Enumerable.Range(0, 8).Select(n => $"c{7 - n}").ToArray();
                var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary); // trusted: no id index while only its codes add
                var byOrder = new CustomerSummaryTally(Zone);
                byOrder.AddRange(orders);
                var encoded = new CustomerSummaryTally(Zone);
                foreach (var o in orders)
                {
                    encoded.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                }

                var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 9, 30), HoldoutEnd = new LocalDate(2025, 3, 1) };
                var a = CustomerBase.From(byOrder, options);
                var b = CustomerBase.From(encoded, options);
                return a.Customers.SequenceEqual(b.Customers) && a.AcquiredAfterCalibration == b.AcquiredAfterCalibration
                    && byOrder.OrderCount == encoded.OrderCount && byOrder.CustomerCount == encoded.CustomerCount && encoded.Currency == (orders.Length == 0 ? null : "EUR");
            });

    [Property(MaxTest = 100)]
    public Property Code_and_id_adds_mixed_in_one_tally_and_merged_give_the_summaries_of_orders() =>
        Prop.ForAll(
            Gen.Choose(0, 7).Zip(Gen.Choose(0, 500)).Zip(Gen.Choose(0, 99_999)).ArrayOf().ToArbitrary(),
            rows =>
            {
                // Each order arrives by code of one dictionary, by code of a copy (another reference) or by Order; a
                // second tally takes its first half by code only and its second half after merging a code-only shard.
                var orders = rows.Select(r => new Order($"c{r.Item1.Item1}", Instant.FromUtc(2024, 1, 1, 0, 0).Plus(Duration.FromHours((r.Item1.Item2 * 24) + (r.Item2 % 37))), r.Item2 / 100m, "EUR")).ToArray();
                string[] dictionary = Enumerable.Range(0, 8).Select(n => $"c{7 - n}").ToArray();
                var distinctDictionary = new CxMetrics.Tests.Internal.CustomerCodeMapTests.DistinctIds(dictionary); // trusted: no id index while only its codes add
                string[] copy = dictionary.ToArray();
                var byOrder = new CustomerSummaryTally(Zone);
                byOrder.AddRange(orders);
                var mixed = new CustomerSummaryTally(Zone);
                for (int i = 0; i < orders.Length; i++)
                {
                    var o = orders[i];
                    switch (rows[i].Item2 % 3)
                    {
                        case 0:
                            mixed.Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                            break;
                        case 1:
                            mixed.Add(copy, Array.IndexOf(copy, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                            break;
                        default:
                            mixed.Add(o);
                            break;
                    }
                }

                int half = orders.Length / 2;
                var first = new CustomerSummaryTally(Zone);
                var shard = new CustomerSummaryTally(Zone);
                for (int i = 0; i < orders.Length; i++)
                {
                    var o = orders[i];
                    (i < half ? first : shard).Add(distinctDictionary, Array.IndexOf(dictionary, o.CustomerId), o.PlacedAt, o.Amount, o.Currency);
                }

                var merged = first.Clone().Merge(shard);
                var reversed = shard.Clone().Merge(first);
                var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 9, 30), HoldoutEnd = new LocalDate(2025, 3, 1) };
                var expected = CustomerBase.From(byOrder, options);
                return new[] { mixed, merged, reversed }.All(t =>
                {
                    var s = CustomerBase.From(t, options);
                    return s.Customers.SequenceEqual(expected.Customers) && s.AcquiredAfterCalibration == expected.AcquiredAfterCalibration
                        && t.OrderCount == byOrder.OrderCount && t.CustomerCount == byOrder.CustomerCount;
                });
            });

    [Fact]
    public void Code_adds_are_pseudonymised_as_id_adds_are()
    {
        var pseudonymiser = new CxMetrics.Portable.IdPseudonymiser(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        string[] dictionary = ["a", "b"];
        var byCode = new CustomerSummaryTally(Zone) { Pseudonymiser = pseudonymiser };
        byCode.Add(dictionary, 1, At("b", 1, 1, 1m).PlacedAt, 1m, "EUR");
        byCode.Add(dictionary, 0, At("a", 1, 2, 2m).PlacedAt, 2m, "EUR");
        byCode.Add(dictionary, 1, At("b", 2, 1, 3m).PlacedAt, 3m, "EUR");
        byCode.Add(At("a", 3, 1, 4m));
        var byOrder = new CustomerSummaryTally(Zone) { Pseudonymiser = pseudonymiser };
        byOrder.AddRange([At("b", 1, 1, 1m), At("a", 1, 2, 2m), At("b", 2, 1, 3m), At("a", 3, 1, 4m)]);
        var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 12, 31) };
        var a = CustomerBase.From(byOrder, options);
        var b = CustomerBase.From(byCode, options);
        Assert.Equal(2, byCode.CustomerCount);
        Assert.True(a.Customers.SequenceEqual(b.Customers));
        Assert.Contains(b.Customers, c => c.CustomerId == pseudonymiser.Pseudonymise("a"));
        Assert.DoesNotContain(b.Customers, c => c.CustomerId == "a" || c.CustomerId == "b");
    }

    [Fact]
    public void A_dictionary_that_repeats_an_id_counts_that_customer_once()
    {
        // A plain list is not trusted to be distinct: both codes of "a" are one customer, as orders by id would be.
        string[] ids = ["a", "b", "a"];
        var at = Instant.FromUtc(2024, 1, 1, 0, 0);
        var byCode = new CustomerSummaryTally(Zone);
        byCode.Add(ids, 0, at, 1m, "EUR");
        byCode.Add(ids, 1, at, 2m, "EUR");
        byCode.Add(ids, 2, at + Duration.FromDays(40), 3m, "EUR");
        var byOrder = new CustomerSummaryTally(Zone);
        byOrder.AddRange([new Order("a", at, 1m, "EUR"), new Order("b", at, 2m, "EUR"), new Order("a", at + Duration.FromDays(40), 3m, "EUR")]);
        Assert.Equal(2, byCode.CustomerCount);
        var options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 6, 30) };
        Assert.Equal(CustomerBase.From(byOrder, options).Customers, CustomerBase.From(byCode, options).Customers);
    }

    [Fact]
    public void Dictionary_encoded_orders_are_checked()
    {
        var tally = new CustomerSummaryTally(Zone);
        string[] ids = ["a", ""];
        var at = Instant.FromUtc(2024, 1, 1, 0, 0);
        Assert.Throws<ArgumentOutOfRangeException>("customerCode", () => tally.Add(ids, -1, at, 1m, "EUR"));
        Assert.Throws<ArgumentException>("customerDictionary", () => tally.Add(ids, 1, at, 1m, "EUR"));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => tally.Add(ids, 0, at, -1m, "EUR"));
        tally.Add(ids, 0, at, 1m, "EUR");
        Assert.Throws<InvalidOperationException>(() => tally.Add(ids, 0, at, 1m, "USD"));
        Assert.Equal(1, tally.OrderCount);
        Assert.Equal(1, tally.CustomerCount);
    }

    [Property(MaxTest = 200)]
    public Property Flat_layout_gives_the_summaries_of_a_dictionary_per_customer() =>
        Prop.ForAll(
            Gen.Choose(0, 7).Zip(Gen.Choose(0, 500)).Zip(Gen.Choose(0, 99_999)).ArrayOf().ToArbitrary(),
            Gen.Choose(1, 5).Zip(Gen.Choose(0, 2)).ToArbitrary(),
            Gen.Choose(0, 500).Zip(Gen.Choose(0, 120)).ToArbitrary(),
            (rows, setup, cut) =>
            {
                // Orders of 8 customers over ~500 days, hours spread so many fall on the same local day and some cross
                // midnight; arrival order is the generated order (not time order), dealt over shards round-robin or in runs.
                var zone = setup.Item2 switch { 0 => Zone, 1 => DateTimeZone.Utc, _ => DateTimeZoneProviders.Tzdb["Pacific/Auckland"] };
                var orders = rows.Select(r => new Order($"c{r.Item1.Item1}", Instant.FromUtc(2024, 1, 1, 0, 0).Plus(Duration.FromHours((r.Item1.Item2 * 24) + (r.Item2 % 37))), r.Item2 / 100m, "EUR")).ToArray();
                int shards = setup.Item1;
                var merged = new CustomerSummaryTally(zone);
                for (int s = 0; s < shards; s++)
                {
                    var shard = new CustomerSummaryTally(zone);
                    shard.AddRange(orders.Where((_, i) => (rows.Length < 20 ? i % shards : i * shards / Math.Max(1, orders.Length)) == s));
                    merged.Merge(shard);
                }

                var calibrationEnd = new LocalDate(2024, 1, 1).PlusDays(cut.Item1);
                var options = new CustomerSummaryOptions { CalibrationEnd = calibrationEnd, HoldoutEnd = cut.Item2 == 0 ? null : calibrationEnd.PlusDays(cut.Item2) };
                var reference = ReferenceSummary(orders, zone, options);
                var flat = CustomerBase.From(merged, options);
                var rfm = flat.ToRfmData();
                var referenceRfm = RfmData.From(reference.Customers);
                return flat.Customers.SequenceEqual(reference.Customers) && flat.AcquiredAfterCalibration == reference.AcquiredAfterCalibration
                    && rfm.Frequency.SequenceEqual(referenceRfm.Frequency) && rfm.Recency.SequenceEqual(referenceRfm.Recency) && rfm.Age.SequenceEqual(referenceRfm.Age)
                    && rfm.Weight.SequenceEqual(referenceRfm.Weight)
                    && merged.OrderCount == orders.Length && merged.CustomerCount == orders.Select(o => o.CustomerId).Distinct().Count();
            });

    [Fact]
    public void Out_of_order_same_day_sum_beyond_the_decimal_range_throws_on_summary_naming_the_customer()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("c-huge", 3, 1, decimal.MaxValue));
        tally.Add(At("c-huge", 3, 2, 1m));
        tally.Add(At("c-huge", 3, 1, decimal.MaxValue, hour: 18));

        var ex = Assert.Throws<OverflowException>(() => CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 15) }));

        Assert.Contains("order amounts of customer 'c-huge'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orders_arriving_out_of_time_order_are_summarised_by_date_with_same_day_amounts_added()
    {
        var tally = new CustomerSummaryTally(Zone);
        tally.Add(At("b", 3, 5, 5m));
        tally.Add(At("a", 3, 9, 1m));
        tally.Add(At("a", 3, 1, 2m));
        tally.Add(At("a", 3, 9, 4m, hour: 20));
        tally.Add(At("a", 3, 4, 8m));

        var summary = CustomerBase.From(tally, new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 3, 31), TimeUnit = TimeUnit.Day });

        Assert.Equal(["a", "b"], summary.Customers.Select(c => c.CustomerId));
        var a = summary.Customers[0];
        Assert.Equal((new LocalDate(2024, 3, 1), 2, 8.0, 15m), (a.FirstPurchase, a.Frequency, a.Recency, a.CalibrationSpend));
        Assert.Equal(6.5, a.MeanRepeatSpend);
    }

    /// <summary>The tally as it was: a dictionary of period amounts per customer, summarised customer by customer.</summary>
    private static CustomerBaseSummary ReferenceSummary(Order[] orders, DateTimeZone zone, CustomerSummaryOptions options)
    {
        var customers = new Dictionary<string, Dictionary<LocalDate, decimal>>(StringComparer.Ordinal);
        foreach (var o in orders)
        {
            var day = o.PlacedAt.InZone(zone).Date;
            if (!customers.TryGetValue(o.CustomerId, out var periods))
            {
                customers[o.CustomerId] = periods = [];
            }

            periods[day] = periods.GetValueOrDefault(day) + o.Amount;
        }

        var result = new List<CustomerSummary>();
        int later = 0;
        foreach (var id in customers.Keys.Order(StringComparer.Ordinal))
        {
            var dates = customers[id].Keys.Order().ToArray();
            var amounts = dates.Select(d => customers[id][d]).ToArray();
            if (CustomerSummaryTally.SummarizeCustomer(id, dates, amounts, options, options.TimeUnit.Days) is { } c)
            {
                result.Add(c);
            }
            else
            {
                later++;
            }
        }

        return new CustomerBaseSummary { Customers = result, AcquiredAfterCalibration = later, Currency = orders.Length > 0 ? "EUR" : null, Options = options };
    }
}

using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Surveys;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Breakdowns;

/// <summary>
/// Breakdowns built from tallies counted elsewhere (a streamed file, shards) against the breakdowns of the responses or
/// orders themselves: <c>Nps.By</c>/<c>ByPeriod</c>, <c>Rating.By</c>/<c>ByPeriod</c> over tallies and <c>Cohorts.By</c>
/// over accumulators.
/// </summary>
public class TallyBreakdownTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Instant Origin = Instant.FromUtc(2024, 1, 1, 12, 0);

    /// <summary>(score or null, key index 0–3 where 3 is no key, day 0–400, shard 0–2).</summary>
    private static Arbitrary<(int? Score, int Key, int Day, int Shard)[]> Items(int min, int max) =>
        Gen.Choose(min, max).Select(s => (int?)s).Or(Gen.Constant((int?)null))
            .Zip(Gen.Choose(0, 3)).Zip(Gen.Choose(0, 400)).Zip(Gen.Choose(0, 2))
            .Select(x => (x.Item1.Item1.Item1, x.Item1.Item1.Item2, x.Item1.Item2, x.Item2))
            .ArrayOf().ToArbitrary();

    private static readonly string?[] Keys = ["b", "a", "c", null];

    private static SurveyResponse Response((int? Score, int Key, int Day, int Shard) x) =>
        new("c", Origin.Plus(Duration.FromHours(x.Day * 23)), x.Score) { Segment = Keys[x.Key] };

    /// <summary>One tally per key and shard, in the order first seen (so a key usually comes as several tallies).</summary>
    private static List<KeyValuePair<TKey, TTally>> Sharded<TKey, TTally>(
        (int? Score, int Key, int Day, int Shard)[] items, Func<(int? Score, int Key, int Day, int Shard), TKey> key, Func<TTally> create, Action<TTally, SurveyResponse> add)
    {
        var cells = new List<(TKey Key, int Shard, TTally Tally)>();
        foreach (var x in items)
        {
            var k = key(x);
            int i = cells.FindIndex(c => EqualityComparer<TKey>.Default.Equals(c.Key, k) && c.Shard == x.Shard);
            if (i < 0)
            {
                cells.Add((k, x.Shard, create()));
                i = cells.Count - 1;
            }

            add(cells[i].Tally, Response(x));
        }

        return [.. cells.Select(c => new KeyValuePair<TKey, TTally>(c.Key, c.Tally))];
    }

    private static CalendarPeriod Month((int? Score, int Key, int Day, int Shard) x) => new PeriodGrid(Berlin, PeriodUnit.Month).Containing(Response(x).AnsweredAt);

    [Property(MaxTest = 300)]
    public Property Nps_by_key_and_by_period_from_tallies_equal_the_breakdowns_of_the_responses() =>
        Prop.ForAll(Items(0, 10), items =>
        {
            var responses = items.Select(Response).ToArray();
            var options = new SurveyOptions { MinimumCellSize = 3 };
            var byKey = Nps.By(Sharded(items, x => Keys[x.Key], static () => new NpsTally(), static (t, r) => t.Add(r)), options);
            var byPeriod = Nps.ByPeriod(Sharded(items, Month, static () => new NpsTally(), static (t, r) => t.Add(r)), options);
            return byKey.SequenceEqual(Nps.By(responses, r => r.Segment, options))
                && byPeriod.SequenceEqual(Nps.ByPeriod(responses, new PeriodGrid(Berlin, PeriodUnit.Month), options));
        });

    [Property(MaxTest = 300)]
    public Property Csat_by_key_and_by_period_from_tallies_equal_the_breakdowns_of_the_responses() =>
        Prop.ForAll(Items(1, 5), items =>
        {
            var responses = items.Select(Response).ToArray();
            var byKey = Rating.By(Sharded(items, x => Keys[x.Key], static () => new RatingTally(CsatScale.OneToFive), static (t, r) => t.Add(r)));
            var byPeriod = Rating.ByPeriod(Sharded(items, Month, static () => new RatingTally(CsatScale.OneToFive), static (t, r) => t.Add(r)));
            return SameCells(byKey, Rating.By(responses, r => r.Segment, CsatScale.OneToFive)) && SamePeriods(byPeriod, Rating.ByPeriod(responses, CsatScale.OneToFive, new PeriodGrid(Berlin, PeriodUnit.Month)));
        });

    [Property(MaxTest = 200)]
    public Property Ces_by_period_from_tallies_equals_the_breakdown_of_the_responses() =>
        Prop.ForAll(Items(1, 7), items =>
        {
            var responses = items.Select(Response).ToArray();
            var byPeriod = Rating.ByPeriod(Sharded(items, Month, static () => new RatingTally(CesScale.Agreement1To7), static (t, r) => t.Add(r)));
            return SamePeriods(byPeriod, Rating.ByPeriod(responses, CesScale.Agreement1To7, new PeriodGrid(Berlin, PeriodUnit.Month)))
                && SameCells(Rating.By(Sharded(items, x => Keys[x.Key], static () => new RatingTally(CesScale.Agreement1To7), static (t, r) => t.Add(r))), Rating.By(responses, r => r.Segment, CesScale.Agreement1To7));
        });

    [Fact]
    public void The_given_tallies_are_not_changed_when_a_key_comes_twice()
    {
        var first = NpsTally.FromCounts(3, 1, 1);
        var second = NpsTally.FromCounts(0, 0, 2);
        var cells = Nps.By([new KeyValuePair<string, NpsTally>("a", first), new("a", second)]);
        Assert.Equal(7, cells[0].Count);
        Assert.Equal(3, first.Promoters + first.Passives - first.Detractors);
        Assert.Equal(2, second.Count);
    }

    [Fact]
    public void Periods_of_different_units_are_refused()
    {
        var month = CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month);
        var week = CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Week);
        var ex = Assert.Throws<ArgumentException>("tallies", () => Nps.ByPeriod([new(month, NpsTally.FromCounts(1, 0, 0)), new KeyValuePair<CalendarPeriod, NpsTally>(week, NpsTally.FromCounts(1, 0, 0))]));
        Assert.Contains("one calendar", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Nps.ByPeriod([]));
        Assert.Empty(Rating.By(Array.Empty<KeyValuePair<string, RatingTally>>()));
    }

    [Property(MaxTest = 100)]
    public Property Cohort_matrices_by_key_from_accumulators_equal_those_of_the_orders() =>
        Prop.ForAll(
            Gen.Choose(0, 30).Zip(Gen.Choose(0, 500)).Zip(Gen.Choose(0, 2)).Zip(Gen.Choose(1, 9)).ArrayOf().ToArbitrary(),
            items =>
            {
                var orders = items.Select(x => new Order($"c{x.Item1.Item1.Item1}", Origin.Plus(Duration.FromHours(x.Item1.Item1.Item2 * 31)), x.Item2, "EUR") { Segment = Keys[x.Item1.Item2] }).ToArray();
                var grid = new PeriodGrid(Berlin, PeriodUnit.Month);
                var options = CohortOptions.Default;
                var asOf = Origin.Plus(Duration.FromDays(600));
                // Half of each key's orders in one accumulator, half in another: the key comes twice.
                var accumulators = new List<KeyValuePair<string?, CohortTally>>();
                foreach (var half in new[] { orders.Where((_, i) => i % 2 == 0), orders.Where((_, i) => i % 2 == 1) })
                {
                    foreach (var group in half.GroupBy(o => o.Segment))
                    {
                        var accumulator = new CohortTally();
                        foreach (var o in group)
                        {
                            accumulator.Add(o);
                        }

                        accumulators.Add(new(group.Key, accumulator));
                    }
                }

                var fromAccumulators = Cohorts.By(accumulators, asOf, grid, options with { MinimumCellSize = 3 });
                var fromOrders = Cohorts.By(orders, o => o.Segment, asOf, grid, options with { MinimumCellSize = 3 });
                return fromAccumulators.Count == fromOrders.Count && fromAccumulators.Zip(fromOrders).All(p =>
                    p.First.Key == p.Second.Key && p.First.Count == p.Second.Count && p.First.IsSmallCell == p.Second.IsSmallCell
                    && Same(p.First.Result, p.Second.Result));
            });

    /// <summary>Rating results are records holding a histogram list, which records compare by reference: compare it by content.</summary>
    private static bool Same(RatingResult a, RatingResult b) =>
        a.Histogram.SequenceEqual(b.Histogram) && a with { Histogram = [] } == b with { Histogram = [] };

    private static bool SameCells(IReadOnlyList<CxMetrics.Breakdowns.BreakdownCell<string?, RatingResult>> a, IReadOnlyList<CxMetrics.Breakdowns.BreakdownCell<string?, RatingResult>> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Key == p.Second.Key && p.First.Count == p.Second.Count && p.First.IsSmallCell == p.Second.IsSmallCell && Same(p.First.Result, p.Second.Result));

    private static bool SamePeriods<TChange>(IReadOnlyList<CxMetrics.Breakdowns.PeriodCell<RatingResult, TChange>> a, IReadOnlyList<CxMetrics.Breakdowns.PeriodCell<RatingResult, TChange>> b)
        where TChange : class =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Period == p.Second.Period && p.First.Count == p.Second.Count && p.First.IsSmallCell == p.Second.IsSmallCell
            && Same(p.First.Result, p.Second.Result) && Equals(p.First.ChangeFromPrevious, p.Second.ChangeFromPrevious));

    private static bool Same(CohortMatrix a, CohortMatrix b) =>
        a.Cohorts.SequenceEqual(b.Cohorts) && a.Sizes.SequenceEqual(b.Sizes) && a.Columns == b.Columns
        && a.Active.SelectMany(r => r).SequenceEqual(b.Active.SelectMany(r => r))
        && a.Revenue.SelectMany(r => r).SequenceEqual(b.Revenue.SelectMany(r => r))
        && a.OrdersAfterAsOf == b.OrdersAfterAsOf && a.Currency == b.Currency;
}

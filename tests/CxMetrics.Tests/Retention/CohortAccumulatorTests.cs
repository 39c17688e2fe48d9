using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class CohortAccumulatorTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    [Fact]
    public void Column_batches_are_atomic_and_name_the_bad_position()
    {
        var accumulator = new CohortAccumulator();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.AddRange(["a", "b"], [T0, T0], [1m, -2m], "EUR"));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'b'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, accumulator.OrderCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => accumulator.AddRange(["a"], [0, 1], [T0, T0], [1m, 1m], "EUR"));
        Assert.Throws<ArgumentException>(() => accumulator.AddRange(["a"], [T0, T0], [1m, 1m], "EUR"));
        Assert.Equal(0, accumulator.OrderCount);
    }

    [Fact]
    public void Columnar_matrix_rejects_bad_codes_and_the_signup_anchor()
    {
        var options = new CohortOptions { Period = PeriodUnit.Month, Zone = DateTimeZone.Utc };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CohortMatrix.Of(["a"], [0, 3], [T0, T0], [1m, 1m], "EUR", options, T0));
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CohortMatrix.Of(["a"], [0], [T0], [1m], "EUR", options with { Anchor = CohortAnchor.Signup }, T0));
    }

    [Fact]
    public void Merging_accumulators_in_different_currencies_is_rejected()
    {
        var eur = new CohortAccumulator();
        eur.Add(new Order("a", T0, 1m, "EUR"));
        var usd = new CohortAccumulator();
        usd.Add(new Order("a", T0, 1m, "USD"));
        Assert.Throws<InvalidOperationException>(() => eur.Merge(usd));
    }

    [Property(MaxTest = 100)]
    public Property Encoded_strings_and_single_orders_give_the_same_matrix() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var options = new CohortOptions { Period = PeriodUnit.Week, Zone = DateTimeZoneProviders.Tzdb["America/St_Johns"], WeekStart = IsoDayOfWeek.Sunday };
            var single = new CohortAccumulator();
            foreach (var order in x.Orders)
            {
                single.Add(order);
            }

            var ids = x.Orders.Select(o => o.CustomerId).Distinct().ToArray();
            var encoded = new CohortAccumulator();
            encoded.AddRange(ids, x.Orders.Select(o => Array.IndexOf(ids, o.CustomerId)).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR");
            var strings = new CohortAccumulator();
            strings.AddRange(x.Orders.Select(o => o.CustomerId).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR");

            var direct = CohortMatrix.Of(ids, x.Orders.Select(o => Array.IndexOf(ids, o.CustomerId)).ToArray(), x.Orders.Select(o => o.PlacedAt).ToArray(), x.Orders.Select(o => o.Amount).ToArray(), "EUR", options, RetentionGen.AsOf);
            var a = CohortMatrix.From(single, options, RetentionGen.AsOf);
            var b = CohortMatrix.From(encoded, options, RetentionGen.AsOf);
            var c = CohortMatrix.From(strings, options, RetentionGen.AsOf);

            // Cohort sizes against a naive group-by of first orders by local week (St John's is UTC−3:30 / −2:30).
            var naive = x.Orders.Where(o => o.PlacedAt <= RetentionGen.AsOf).GroupBy(o => o.CustomerId)
                .Select(g => CalendarPeriod.Containing(g.Min(o => o.PlacedAt), options.Zone, PeriodUnit.Week, IsoDayOfWeek.Sunday))
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
}

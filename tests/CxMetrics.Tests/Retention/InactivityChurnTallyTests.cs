using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class InactivityChurnTallyTests
{
    private static readonly Duration Window = Duration.FromDays(20);

    private static Order O(string customer, int month, int day) => new(customer, Instant.FromUtc(2024, month, day, 12, 0), 10m, "EUR");

    private static InactivityChurnTally Tally(IEnumerable<Order> orders, Duration window, Instant? asOf = null)
    {
        var tally = new InactivityChurnTally(window, asOf);
        foreach (var o in orders)
        {
            tally.Add(o);
        }

        return tally;
    }

    [Fact]
    public void A_customer_who_lapses_and_returns_is_active_only_inside_each_spell()
    {
        // Orders on 1 Jan and 1 Mar with a 20-day window: active 1–21 Jan and 1–21 Mar, churned in between.
        var tally = Tally([O("x", 1, 1), O("x", 3, 1), O("y", 1, 1)], Window);
        Assert.Equal(new InactivityChurnCounts(2, 0, 2, 0), tally.CountsAt(Instant.FromUtc(2024, 2, 10, 0, 0)));
        Assert.Equal(new InactivityChurnCounts(2, 1, 1, 0), tally.CountsAt(Instant.FromUtc(2024, 3, 10, 0, 0)));
        Assert.Equal(new InactivityChurnCounts(2, 0, 0, 2), tally.CountsAt(Instant.FromUtc(2024, 1, 10, 0, 0)));
        Assert.Equal(new InactivityChurnCounts(0, 0, 0, 0), tally.CountsAt(Instant.FromUtc(2023, 12, 31, 0, 0)));
    }

    [Fact]
    public void Orders_after_the_as_of_are_counted_apart_and_not_kept()
    {
        var asOf = Instant.FromUtc(2024, 2, 1, 0, 0);
        var tally = Tally([O("x", 1, 1), O("x", 3, 1), O("z", 3, 2)], Window, asOf);
        var r = InactivityChurn.From(tally, asOf);
        Assert.Equal(2, r.OrdersAfterAsOf);
        Assert.Equal(1, r.Customers);
        Assert.Equal(1, r.Churned);
        Assert.Throws<ArgumentOutOfRangeException>("at", () => tally.CountsAt(asOf + Duration.FromDays(1)));
    }

    [Fact]
    public void Judging_a_tally_before_its_latest_order_is_refused_as_the_orders_between_are_not_counted()
    {
        var tally = Tally([O("x", 1, 1), O("x", 3, 1)], Window);
        Assert.Throws<ArgumentOutOfRangeException>("asOf", () => InactivityChurn.From(tally, Instant.FromUtc(2024, 2, 1, 0, 0)));
    }

    [Fact]
    public void Tallies_of_different_windows_do_not_merge() =>
        Assert.Throws<ArgumentException>("other", () => new InactivityChurnTally(Window).Merge(new InactivityChurnTally(Duration.FromDays(30))));

    [Property(MaxTest = 300)]
    public Property Judged_at_any_instant_the_tally_equals_inactivity_churn_of_the_orders() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(-10, 220).ToArbitrary(), (x, days, at) =>
        {
            var window = Duration.FromDays(days);
            var instant = RetentionGen.Origin + Duration.FromDays(at);
            var expected = InactivityChurn.Of(x.Orders, window, instant);
            var c = Tally(x.Orders, window).CountsAt(instant);
            var asOfTally = Tally(x.Orders, window, instant);
            var r = InactivityChurn.From(asOfTally, instant);
            return c == new InactivityChurnCounts(expected.Customers, expected.Active, expected.Churned, expected.Pending)
                && r == expected;
        });

    [Property(MaxTest = 300)]
    public Property Spells_equal_the_spells_of_the_orders_at_the_as_of_or_the_latest_order() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, Gen.Choose(1, 60).ToArbitrary(), Gen.Choose(-10, 220).ToArbitrary(), (x, days, at) =>
        {
            var window = Duration.FromDays(days);
            var asOf = RetentionGen.Origin + Duration.FromDays(at);
            var latest = x.Orders.Length == 0 ? asOf : x.Orders.Max(o => o.PlacedAt);
            return Tally(x.Orders, window, asOf).Spells().SequenceEqual(CustomerSpells.Of(x.Orders, window, asOf))
                && Tally(x.Orders, window).Spells().SequenceEqual(CustomerSpells.Of(x.Orders, window, latest));
        });

    [Property(MaxTest = 200)]
    public Property Merged_shards_in_any_order_equal_the_tally_of_the_whole() =>
        Prop.ForAll(RetentionGen.OrdersWithSeed, x =>
        {
            var random = new Random(x.Seed);
            var shuffled = x.Orders.OrderBy(_ => random.Next()).ToArray();
            int cut = shuffled.Length == 0 ? 0 : random.Next(shuffled.Length + 1);
            var merged = Tally(shuffled[cut..], Window).Merge(Tally(shuffled[..cut], Window));
            var whole = Tally(x.Orders, Window);
            bool same = merged.Customers == whole.Customers && merged.Orders == whole.Orders && merged.Latest == whole.Latest && merged.Earliest == whole.Earliest;
            for (int d = -5; d <= 220 && same; d += 5)
            {
                var t = RetentionGen.Origin + Duration.FromDays(d);
                same = merged.CountsAt(t) == whole.CountsAt(t);
            }

            return same;
        });
}

using CxMetrics.Commerce;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class ValueAtStakeTests
{
    private static CartEvent S(string key, CartEventKind kind, double minute, decimal? value, string segment) =>
        new(key, kind, At(minute), value, value is null ? null : "EUR") { Segment = segment };

    private static readonly CartEvent[] Events =
    [
        S("a", CartEventKind.ItemAdded, 0, 5m, "new"), S("a", CartEventKind.ItemAdded, 1, 10m, "new"), // latest value 10
        S("b", CartEventKind.ItemAdded, 0, 20m, "new"),
        S("c", CartEventKind.ItemAdded, 0, 60m, "vip"),
        S("d", CartEventKind.ItemAdded, 0, null, "vip"),
        S("e", CartEventKind.ItemAdded, 0, 50m, "vip"), S("e", CartEventKind.Purchase, 2, 50m, "vip"),
        S("f", CartEventKind.ItemAdded, 100, 100m, "vip"), // pending at minute 110
    ];

    [Fact]
    public void Value_at_stake_sums_the_latest_values_of_abandoned_carts_only()
    {
        var r = ValueAtStake.From(CartTally.Of(Events), At(110));
        Assert.Equal(4, r.Abandoned);
        Assert.Equal(1, r.WithoutValue);
        Assert.Equal(90m, r.Total);
        Assert.Equal("EUR", r.Currency);
        Assert.Equal(20, r.Distribution.Median);
        Assert.Equal(3, r.Distribution.Count);
        Assert.Equal(30, r.Distribution.Mean!.Value, 12);
    }

    [Fact]
    public void Value_at_stake_per_segment()
    {
        var cells = ValueAtStake.By(CartTally.Of(Events), o => o.Segment, At(110));
        Assert.Equal(["new", "vip"], cells.Select(c => c.Key));
        Assert.Equal(30m, cells[0].Result.Total);
        Assert.Equal(60m, cells[1].Result.Total);
        Assert.Equal(1, cells[1].Result.WithoutValue);
    }

    [Fact]
    public void Mixed_currencies_across_abandoned_carts_are_rejected()
    {
        var events = new[] { new CartEvent("a", CartEventKind.ItemAdded, At(0), 1m, "EUR"), new CartEvent("b", CartEventKind.ItemAdded, At(0), 1m, "GBP") };
        var ex = Assert.Throws<InvalidOperationException>(() => ValueAtStake.From(CartTally.Of(events), At(100)));
        Assert.Contains("mixed currencies", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Total_equals_the_sum_over_segments() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, (events, minute) =>
        {
            var tally = CartTally.Of(events);
            var whole = ValueAtStake.From(tally, CartGen.At(minute));
            var cells = ValueAtStake.By(tally, o => o.Device, CartGen.At(minute));
            return cells.Sum(c => c.Result.Total) == whole.Total && cells.Sum(c => c.Result.Abandoned) == whole.Abandoned
                && whole.Total >= 0 && whole.WithoutValue <= whole.Abandoned;
        });
}

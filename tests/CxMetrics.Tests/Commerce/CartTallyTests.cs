using CxMetrics.Commerce;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class CartTallyTests
{
    [Fact]
    public void One_carts_events_split_over_shards_merge_into_one_purchased_cart()
    {
        var shardA = CartTally.Of([E("a", CartEventKind.ItemAdded, 0, 20m)]);
        var shardB = CartTally.Of([E("a", CartEventKind.Purchase, 5, 20m)]);
        Assert.Equal(CartStatus.Abandoned, shardA.Evaluate(At(600)).Single().Status);
        Assert.Equal(CartStatus.PurchaseWithoutCart, shardB.Evaluate(At(600)).Single().Status);
        var merged = shardA.Clone().Merge(shardB);
        Assert.Equal(CartStatus.Purchased, merged.Evaluate(At(600)).Single().Status);
        Assert.Equal(1, merged.Units);
        Assert.Equal(2, merged.EventsAdded);
    }

    [Fact]
    public void The_same_event_in_two_shards_is_a_duplicate_after_merging()
    {
        var a = CartTally.Of([E("a", CartEventKind.ItemAdded, 0, 5m)]);
        var b = CartTally.Of([E("a", CartEventKind.ItemAdded, 0, 5m)]);
        var merged = a.Merge(b);
        Assert.Equal(1, merged.DuplicateEvents);
        Assert.Equal(1, merged.Evaluate(At(1)).Single().Events);
    }

    [Fact]
    public void Two_items_at_the_same_instant_are_not_duplicates()
    {
        var tally = CartTally.Of(
        [
            new CartEvent("s", CartEventKind.Purchase, At(0)) { ItemId = "1517085" },
            new CartEvent("s", CartEventKind.Purchase, At(0)) { ItemId = "461689" },
        ]);
        Assert.Equal(0, tally.DuplicateEvents);
    }

    [Fact]
    public void Merging_into_itself_is_refused()
    {
        var t = new CartTally();
        Assert.Throws<ArgumentException>("other", () => t.Merge(t));
    }

    [Fact]
    public void Attributes_come_from_the_earliest_event_that_has_them()
    {
        var tally = CartTally.Of(
        [
            new CartEvent("a", CartEventKind.Purchase, At(9)) { Channel = "app", Device = "mobile" },
            new CartEvent("a", CartEventKind.ItemAdded, At(1)) { Channel = "web" },
        ]);
        var o = tally.Evaluate(At(10)).Single();
        Assert.Equal("web", o.Channel);
        Assert.Equal("mobile", o.Device);
        Assert.Null(o.Segment);
    }

    [Fact]
    public void Many_events_of_one_unit_still_find_duplicates()
    {
        var events = Enumerable.Range(0, 100).Select(i => E("a", CartEventKind.ItemAdded, i)).ToList();
        events.Add(E("a", CartEventKind.ItemAdded, 42));
        var tally = CartTally.Of(events);
        Assert.Equal(1, tally.DuplicateEvents);
        Assert.Equal(100, tally.Evaluate(At(1000)).Single().Events);
    }

    [Property]
    public Property Merge_of_shards_evaluates_as_the_whole() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, ArbMap.Default.ArbFor<int>(), (events, minute, seed) =>
        {
            var shuffled = CartGen.Shuffle(events, seed);
            var (left, right) = SurveyGen.SplitAt(shuffled, seed);
            var whole = CartTally.Of(events);
            var a = CartTally.Of(left);
            var b = CartTally.Of(right);
            var ab = a.Clone().Merge(b);
            var ba = b.Clone().Merge(a);
            var asOf = CartGen.At(minute);
            string expected = Describe(whole.Evaluate(asOf));
            return Describe(ab.Evaluate(asOf)) == expected
                && Describe(ba.Evaluate(asOf)) == expected
                && ab.DuplicateEvents == whole.DuplicateEvents
                && ab.EventsAdded == whole.EventsAdded
                && Describe(Funnel.From(ab, asOf)) == Describe(Funnel.From(whole, asOf))
                && CartRecovery.From(ab, asOf) == CartRecovery.From(whole, asOf);
        });

    [Property]
    public Property Empty_tally_is_the_identity_of_merge() =>
        Prop.ForAll(CartGen.Events, events =>
        {
            var t = CartTally.Of(events);
            return Describe(t.Clone().Merge(new CartTally()).Evaluate(CartGen.At(300))) == Describe(t.Evaluate(CartGen.At(300)))
                && Describe(new CartTally().Merge(t).Evaluate(CartGen.At(300))) == Describe(t.Evaluate(CartGen.At(300)));
        });

    [Property]
    public Property Input_order_does_not_change_any_outcome() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, ArbMap.Default.ArbFor<int>(), (events, minute, seed) =>
            Describe(CartTally.Of(events).Evaluate(CartGen.At(minute))) == Describe(CartTally.Of(CartGen.Shuffle(events, seed)).Evaluate(CartGen.At(minute))));
}

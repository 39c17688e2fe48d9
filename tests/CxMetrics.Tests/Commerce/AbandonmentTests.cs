using System.Text.Json;
using CxMetrics.Commerce;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class AbandonmentTests
{
    [Fact]
    public void Hundred_carts_fifty_purchases_is_fifty_percent_abandonment()
    {
        var events = Enumerable.Range(0, 100).SelectMany(i => i < 50
            ? new[] { E($"c{i}", CartEventKind.ItemAdded, 0), E($"c{i}", CartEventKind.Purchase, 5) }
            : new[] { E($"c{i}", CartEventKind.ItemAdded, 0) });
        var r = Abandonment.Of(events, At(120));
        Assert.Equal(0.5, r.Rate.Value);
        Assert.Equal(100, r.Units);
        Assert.Equal(50, r.Purchased);
        Assert.Equal(0, r.Pending);
        Assert.Equal(AnalysisUnit.Cart, r.Unit);
        Assert.Equal(Duration.FromMinutes(30), r.InactivityTimeout);
        Assert.False(r.Anomalies!.Any);
        // Wilson 95% for 50/100: [0.4038, 0.5962].
        Assert.Equal(0.4038, r.Rate.Interval!.Value.Lower, 0.00005);
        Assert.Equal(0.5962, r.Rate.Interval!.Value.Upper, 0.00005);
    }

    [Fact]
    public void From_counts_is_one_minus_purchases_over_decided_carts_with_pending_apart()
    {
        var r = Abandonment.FromCounts(purchased: 300, abandoned: 700, pending: 25);
        Assert.Equal(0.70, r.Rate.Value!.Value, 12);
        Assert.Equal(1025, r.Units);
        Assert.Equal(1000, r.Rate.Count);
        Assert.Contains("cart abandonment by cart 70.00%", r.ToString(), StringComparison.Ordinal);
        Assert.Contains("25 pending", r.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cart_is_pending_until_the_time_out_has_fully_passed_at_the_as_of_instant()
    {
        var events = new[] { E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.ItemAdded, 10) };
        var options = new CartOptions { InactivityTimeout = Duration.FromMinutes(30) };

        var before = Abandonment.Of(events, At(40).Minus(Duration.FromTicks(1)), options: options);
        Assert.Equal(1, before.Pending);
        Assert.Equal(0, before.Abandoned);
        Assert.Null(before.Rate.Value); // pending is never reported as 0% or 100%

        var at = Abandonment.Of(events, At(40), options: options);
        Assert.Equal(0, at.Pending);
        Assert.Equal(1, at.Abandoned);
        Assert.Equal(1.0, at.Rate.Value);
    }

    [Fact]
    public void A_reminder_does_not_reset_the_inactivity_clock()
    {
        var events = new[] { E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.ReminderSent, 29) };
        Assert.Equal(1, Abandonment.Of(events, At(30)).Abandoned);
    }

    [Fact]
    public void Checkout_abandonment_counts_only_units_that_began_checkout()
    {
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 0),
            E("b", CartEventKind.ItemAdded, 0), E("b", CartEventKind.CheckoutStarted, 1),
            E("c", CartEventKind.ItemAdded, 0), E("c", CartEventKind.CheckoutStarted, 1), E("c", CartEventKind.Purchase, 2),
        };
        var cart = Abandonment.Of(events, At(600));
        var checkout = Abandonment.Of(events, At(600), AbandonmentScope.Checkout);
        Assert.Equal(2.0 / 3, cart.Rate.Value!.Value, 12);
        Assert.Equal(0.5, checkout.Rate.Value);
        Assert.Equal(AbandonmentScope.Checkout, checkout.Scope);
    }

    [Fact]
    public void A_purchase_without_a_cart_is_counted_as_an_anomaly_and_kept_out_of_the_rate()
    {
        var events = new[]
        {
            E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.Purchase, 1),
            E("b", CartEventKind.Purchase, 0),
            E("c", CartEventKind.Purchase, 0), E("c", CartEventKind.ItemAdded, 3), // cart event only after the purchase
            E("d", CartEventKind.ReminderSent, 0),
        };
        var r = Abandonment.Of(events, At(600));
        Assert.Equal(1, r.Units);
        Assert.Equal(0.0, r.Rate.Value);
        Assert.Equal(2, r.Anomalies!.PurchasesWithoutCart);
        Assert.Equal(1, r.Anomalies.UnitsWithoutCartActivity);
        var outcomes = CartTally.Of(events).Evaluate(At(600));
        Assert.Equal(CartStatus.PurchaseWithoutCart, outcomes.Single(o => o.Key == "b").Status);
        Assert.Equal(CartStatus.NoCartActivity, outcomes.Single(o => o.Key == "d").Status);
    }

    [Fact]
    public void Duplicates_are_ignored_and_counted_and_out_of_order_arrivals_are_reordered_and_counted()
    {
        var events = new[]
        {
            E("a", CartEventKind.Purchase, 5), E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.Purchase, 5),
            E("b", CartEventKind.ItemAdded, 0),
        };
        var r = Abandonment.Of(events, At(600));
        Assert.Equal(1, r.Purchased); // reordered: add at 0, purchase at 5
        Assert.Equal(1, r.Abandoned);
        Assert.Equal(1, r.Anomalies!.DuplicateEvents);
        Assert.Equal(1, r.Anomalies.OutOfOrderArrivals);
        Assert.Contains("1 duplicate events", r.Anomalies.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_currencies_within_a_unit_are_rejected_naming_the_event()
    {
        var tally = new CartTally();
        tally.Add(new CartEvent("a", CartEventKind.ItemAdded, At(0), 10m, "EUR"));
        var ex = Assert.Throws<InvalidOperationException>(() => tally.Add(new CartEvent("a", CartEventKind.ItemAdded, At(1), 12m, "USD") { Id = "e-7" }));
        Assert.Contains("e-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_has_no_estimate()
    {
        var r = Abandonment.Of([], At(0));
        Assert.Equal(0, r.Units);
        Assert.Null(r.Rate.Value);
        Assert.Null(r.Rate.Interval);
    }

    [Fact]
    public void By_device_gives_a_cell_per_device_and_segments_can_be_compared()
    {
        var events = new List<CartEvent>();
        for (int i = 0; i < 200; i++)
        {
            string device = i % 2 == 0 ? "mobile" : "desktop";
            events.Add(E($"c{i}", CartEventKind.ItemAdded, 0, device: device));
            // desktop buys 3 of 4, mobile 1 of 4.
            if ((device == "desktop" && i % 8 != 1) || (device == "mobile" && i % 8 == 0))
            {
                events.Add(E($"c{i}", CartEventKind.Purchase, 3));
            }
        }

        var tally = CartTally.Of(events);
        var cells = Abandonment.By(tally, o => o.Device, At(600));
        Assert.Equal(["desktop", "mobile"], cells.Select(c => c.Key));
        Assert.Equal(0.25, cells[0].Result.Rate.Value);
        Assert.Equal(0.75, cells[1].Result.Rate.Value);
        Assert.Equal(100, cells[0].Count);
        var cmp = Abandonment.Compare(cells[1].Result, cells[0].Result);
        Assert.Equal(0.5, cmp.Difference!.Value, 12);
        Assert.True(cmp.IsSignificantAt(0.001));
    }

    [Fact]
    public void By_period_uses_the_shops_zone_fills_gaps_and_tests_each_period_against_the_previous()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
        var jan = Instant.FromUtc(2024, 1, 15, 12, 0);
        var febInBerlin = Instant.FromUtc(2024, 1, 31, 23, 30);
        var apr = Instant.FromUtc(2024, 4, 2, 12, 0);
        var events = new[]
        {
            new CartEvent("a", CartEventKind.ItemAdded, jan), new CartEvent("a", CartEventKind.Purchase, jan.Plus(Duration.FromMinutes(3))),
            new CartEvent("b", CartEventKind.ItemAdded, febInBerlin),
            new CartEvent("c", CartEventKind.ItemAdded, apr),
        };
        var cells = Abandonment.ByPeriod(CartTally.Of(events), Instant.FromUtc(2024, 6, 1, 0, 0), new PeriodGrid(berlin, PeriodUnit.Month));
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04"], cells.Select(c => c.Period.ToString()));
        Assert.Equal(0.0, cells[0].Result.Rate.Value);
        Assert.Equal(1.0, cells[1].Result.Rate.Value);
        Assert.Null(cells[2].Result.Rate.Value);
        Assert.Equal(1.0, cells[1].ChangeFromPrevious!.Difference);
        Assert.NotNull(cells[1].ChangeFromPrevious!.PValue);
    }

    [Fact]
    public void Results_serialise_to_json()
    {
        string json = JsonSerializer.Serialize(Abandonment.Of([E("a", CartEventKind.ItemAdded, 0)], At(60)));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1.0, doc.RootElement.GetProperty("Rate").GetProperty("Value").GetDouble());
        Assert.Equal(1800, doc.RootElement.GetProperty("InactivityTimeout").GetProperty("TotalSeconds").GetDouble());
        Assert.Equal(0, doc.RootElement.GetProperty("Anomalies").GetProperty("DuplicateEvents").GetInt64());
        string funnel = JsonSerializer.Serialize(Funnel.FromCounts([10, 5]));
        Assert.Contains("\"OverallAbandonment\":0.5", funnel, StringComparison.Ordinal);
    }

    [Property]
    public Property Rates_and_intervals_stay_in_0_1_and_counts_add_up() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, (events, minute) =>
        {
            var tally = CartTally.Of(events);
            var outcomes = tally.Evaluate(CartGen.At(minute));
            bool ok = true;
            foreach (var scope in new[] { AbandonmentScope.Cart, AbandonmentScope.Checkout })
            {
                var r = Abandonment.From(tally, CartGen.At(minute), scope);
                ok &= r.Rate.Value is null || (r.Rate.Value >= 0 && r.Rate.Value <= 1 && r.Rate.Interval!.Value.Lower >= 0 && r.Rate.Interval.Value.Upper <= 1);
                ok &= r.Rate.Count == r.Purchased + r.Abandoned;
            }

            var cart = Abandonment.From(tally, CartGen.At(minute));
            return ok && cart.Units + cart.Anomalies!.PurchasesWithoutCart + cart.Anomalies.UnitsWithoutCartActivity == outcomes.Count;
        });

    [Property]
    public Property Input_order_does_not_change_the_rate() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, ArbMap.Default.ArbFor<int>(), (events, minute, seed) =>
        {
            var a = Abandonment.Of(events, CartGen.At(minute));
            var b = Abandonment.Of(CartGen.Shuffle(events, seed), CartGen.At(minute));
            return a with { Anomalies = null } == b with { Anomalies = null }
                && a.Anomalies! with { OutOfOrderArrivals = 0 } == b.Anomalies! with { OutOfOrderArrivals = 0 };
        });
}

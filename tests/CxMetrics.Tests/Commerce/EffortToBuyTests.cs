using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class EffortToBuyTests
{
    private static readonly CartEvent[] Events =
    [
        E("a", CartEventKind.ItemAdded, 0, device: "desktop"), E("a", CartEventKind.ItemAdded, 2), E("a", CartEventKind.ReminderSent, 2.5),
        E("a", CartEventKind.CheckoutStarted, 3), E("a", CartEventKind.Purchase, 10), E("a", CartEventKind.ItemAdded, 20), // after the purchase
        E("b", CartEventKind.ItemAdded, 0, device: "mobile"), E("b", CartEventKind.Purchase, 1),
        E("c", CartEventKind.ItemAdded, 0, device: "mobile"),
    ];

    [Fact]
    public void Effort_counts_customer_events_and_time_from_first_cart_event_to_purchase()
    {
        var r = EffortToBuy.From(CartTally.Of(Events), At(600));
        Assert.Equal(2, r.Purchases);
        Assert.Equal(3, r.Events.Median); // 4 and 2 events (the reminder and the later add are not counted)
        Assert.Equal(4, r.Events.Max);
        Assert.Equal(60, r.Seconds.Min);
        Assert.Equal(600, r.Seconds.Max);
        Assert.Equal(330, r.Seconds.Median!.Value, 9);
    }

    [Fact]
    public void Effort_per_device_and_per_day_in_the_shops_zone()
    {
        var tally = CartTally.Of(Events);
        var byDevice = EffortToBuy.By(tally, o => o.Device, At(600));
        Assert.Equal(["desktop", "mobile"], byDevice.Select(c => c.Key));
        Assert.Equal(600, byDevice[0].Result.Seconds.Median);
        Assert.Equal(2, byDevice[1].Result.Events.Median);

        var byDay = EffortToBuy.ByPeriod(tally, At(600), new PeriodGrid(DateTimeZoneProviders.Tzdb["Europe/Berlin"], PeriodUnit.Day));
        Assert.Single(byDay);
        Assert.Equal("2024-05-06", byDay[0].Period.ToString());
        Assert.Equal(2, byDay[0].Count);
    }

    [Fact]
    public void No_purchases_give_empty_distributions()
    {
        var r = EffortToBuy.From(CartTally.Of([E("a", CartEventKind.ItemAdded, 0)]), At(600));
        Assert.Equal(0, r.Purchases);
        Assert.Null(r.Events.Median);
        Assert.Null(r.Seconds.Median);
    }
}

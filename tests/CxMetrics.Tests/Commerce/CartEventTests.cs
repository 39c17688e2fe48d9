using CxMetrics.Commerce;
using NodaTime;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class CartEventTests
{
    [Fact]
    public void Invalid_events_are_rejected_with_the_unit_named()
    {
        Assert.Throws<ArgumentException>("key", () => new CartEvent(" ", CartEventKind.ItemAdded, At(0)));
        var negative = Assert.Throws<ArgumentOutOfRangeException>("value", () => new CartEvent("cart-9", CartEventKind.ItemAdded, At(0), -1m, "EUR"));
        Assert.Contains("cart-9", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("currency", () => new CartEvent("c", CartEventKind.ItemAdded, At(0), 1m));
        Assert.Throws<ArgumentException>("currency", () => new CartEvent("c", CartEventKind.ItemAdded, At(0), 1m, "eur"));
        Assert.Throws<ArgumentException>("currency", () => new CartEvent("c", CartEventKind.ItemAdded, At(0), null, "EUR"));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => new CartEvent("c", (CartEventKind)42, At(0)));
    }

    [Fact]
    public void Reminders_are_not_customer_activity()
    {
        Assert.False(new CartEvent("c", CartEventKind.ReminderSent, At(0)).IsCustomerActivity);
        Assert.True(new CartEvent("c", CartEventKind.RecoveredThroughReminder, At(0)).IsCustomerActivity);
    }

    [Fact]
    public void Funnel_steps_and_options_are_validated()
    {
        Assert.Throws<ArgumentException>("kinds", () => new FunnelStep("x"));
        Assert.Throws<ArgumentException>("kinds", () => new FunnelStep("x", CartEventKind.ReminderSent));
        Assert.Throws<ArgumentException>("kinds", () => new FunnelStep("x", CartEventKind.Purchase, CartEventKind.Purchase));
        Assert.Throws<ArgumentException>("Steps", () => new CartOptions { Steps = [new FunnelStep("only", CartEventKind.Purchase)] });
        Assert.Throws<ArgumentException>("Steps", () => new CartOptions
        {
            Steps = [new FunnelStep("a", CartEventKind.ItemAdded), new FunnelStep("b", CartEventKind.ItemAdded, CartEventKind.Purchase)],
        });
        Assert.Throws<ArgumentOutOfRangeException>("InactivityTimeout", () => new CartOptions { InactivityTimeout = Duration.Zero });
        Assert.Throws<ArgumentOutOfRangeException>("RecoveryWindow", () => new CartOptions { RecoveryWindow = Duration.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>("ConfidenceLevel", () => new CartOptions { ConfidenceLevel = 1 });
        Assert.True(FunnelStep.Defaults[0].IsReachedBy(CartEventKind.Created));
        Assert.False(FunnelStep.Defaults[0].IsReachedBy(CartEventKind.Purchase));
    }
}

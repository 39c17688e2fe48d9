using CxMetrics.Commerce;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class CartRecoveryTests
{
    private const double Day = 24 * 60;

    [Fact]
    public void Reference_700_abandoned_500_reminded_50_recovered_gives_7_14_and_10_percent()
    {
        var r = CartRecovery.FromCounts(abandoned: 700, reminded: 500, recovered: 50);
        Assert.Equal(0.0714, r.ShareOfAbandoned.Value!.Value, 4);
        Assert.Equal(0.10, r.ShareOfReminded.Value!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>("abandoned", () => CartRecovery.FromCounts(400, 500, 50));
        Assert.Throws<ArgumentOutOfRangeException>("reminded", () => CartRecovery.FromCounts(700, 40, 50));
    }

    [Fact]
    public void Recovery_counts_purchases_within_the_window_after_the_first_reminder()
    {
        var events = new[]
        {
            E("r1", CartEventKind.ItemAdded, 0, 30m), E("r1", CartEventKind.ReminderSent, 60), E("r1", CartEventKind.Purchase, 120),
            E("r2", CartEventKind.ItemAdded, 0, 40m), E("r2", CartEventKind.ReminderSent, 60),
            E("r3", CartEventKind.ItemAdded, 0),
            E("r4", CartEventKind.ItemAdded, 0), E("r4", CartEventKind.ReminderSent, 60), E("r4", CartEventKind.Purchase, 60 + (8 * Day)),
            E("r5", CartEventKind.ItemAdded, 0), E("r5", CartEventKind.Purchase, 5),
            E("r6", CartEventKind.ItemAdded, 0), E("r6", CartEventKind.ReminderSent, (10 * Day) - Day),
        };
        var r = CartRecovery.From(CartTally.Of(events), At(10 * Day));
        Assert.Equal(4, r.Abandoned);
        Assert.Equal(3, r.Reminded);
        Assert.Equal(1, r.Recovered);
        Assert.Equal(1, r.Pending);
        Assert.Equal(0.25, r.ShareOfAbandoned.Value);
        Assert.Equal(1.0 / 3, r.ShareOfReminded.Value!.Value, 12);
        Assert.Equal(30m, r.RecoveredRevenue);
        Assert.Equal("EUR", r.Currency);
        Assert.Equal(Duration.FromDays(7), r.RecoveryWindow);
    }

    [Fact]
    public void The_window_end_is_inclusive()
    {
        var options = new CartOptions { RecoveryWindow = Duration.FromHours(24) };
        CartEvent[] Events(double purchaseMinute) =>
        [
            E("a", CartEventKind.ItemAdded, 0), E("a", CartEventKind.ReminderSent, 60), E("a", CartEventKind.Purchase, purchaseMinute),
        ];
        Assert.Equal(1, CartRecovery.From(CartTally.Of(Events(60 + Day)), At(3 * Day), options).Recovered);
        Assert.Equal(0, CartRecovery.From(CartTally.Of(Events(60 + Day + (1.0 / 60))), At(3 * Day), options).Recovered);
    }

    [Fact]
    public void A_recovered_through_reminder_event_stands_for_the_purchase()
    {
        var events = new[] { E("a", CartEventKind.ItemAdded, 0, 12m), E("a", CartEventKind.ReminderSent, 60), E("a", CartEventKind.RecoveredThroughReminder, 90) };
        var tally = CartTally.Of(events);
        Assert.Equal(CartStatus.Purchased, tally.Evaluate(At(Day)).Single().Status);
        var r = CartRecovery.From(tally, At(Day));
        Assert.Equal(1, r.Recovered);
        Assert.Equal(12m, r.RecoveredRevenue);
    }

    [Fact]
    public void Empty_input_has_no_estimates()
    {
        var r = CartRecovery.From(new CartTally(), At(0));
        Assert.Null(r.ShareOfAbandoned.Value);
        Assert.Null(r.ShareOfReminded.Value);
        Assert.Null(r.Currency);
    }

    [Property]
    public Property Shares_are_in_0_1_and_recovered_of_abandoned_never_exceeds_recovered_of_reminded() =>
        Prop.ForAll(CartGen.Events, CartGen.AsOfMinute, (events, minute) =>
        {
            var r = CartRecovery.From(CartTally.Of(events), CartGen.At(minute), new CartOptions { RecoveryWindow = Duration.FromHours(2) });
            return r.Recovered <= r.Reminded && r.Reminded <= r.Abandoned
                && (r.ShareOfAbandoned.Value is null || (r.ShareOfAbandoned.Value >= 0 && r.ShareOfAbandoned.Value <= 1))
                && (r.ShareOfReminded.Value is null || r.ShareOfAbandoned.Value <= r.ShareOfReminded.Value + 1e-15);
        });
}

using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class SubscriptionHistoryTests
{
    private static readonly Instant Feb1 = Instant.FromUtc(2024, 2, 1, 0, 0);
    private static readonly Instant Mar1 = Instant.FromUtc(2024, 3, 1, 0, 0);

    [Fact]
    public void Cancel_before_start_is_rejected_naming_subscription_and_customer()
    {
        var ex = Assert.Throws<ArgumentException>("events", () => SubscriptionHistory.Replay([SubscriptionEvent.Cancelled("sub-7", "cust-3", Feb1)]));
        Assert.Contains("sub-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cust-3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not started", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_without_pause_and_second_start_are_rejected()
    {
        Assert.Throws<ArgumentException>("events", () => SubscriptionHistory.Replay(
            [SubscriptionEvent.Started("s", "c", Feb1, 10m, "EUR"), SubscriptionEvent.Resumed("s", "c", Mar1)]));
        var ex = Assert.Throws<ArgumentException>("events", () => SubscriptionHistory.Replay(
            [SubscriptionEvent.Started("s", "c", Feb1, 10m, "EUR"), SubscriptionEvent.Cancelled("s", "c", Mar1), SubscriptionEvent.Started("s", "c", Mar1 + Duration.FromDays(1), 10m, "EUR")]));
        Assert.Contains("reactivate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_moving_to_another_customer_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>("events", () => SubscriptionHistory.Replay(
            [SubscriptionEvent.Started("s", "c1", Feb1, 10m, "EUR"), SubscriptionEvent.Cancelled("s", "c2", Mar1)]));
        Assert.Contains("c1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("c2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mixed_currencies_are_rejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SubscriptionHistory.Replay(
            [SubscriptionEvent.Started("s1", "c1", Feb1, 10m, "EUR"), SubscriptionEvent.Started("s2", "c2", Feb1, 10m, "USD")]));
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_mrr_is_rejected_naming_the_subscription() =>
        Assert.Contains("s-1", Assert.Throws<ArgumentOutOfRangeException>("mrr", () => SubscriptionEvent.Started("s-1", "c", Feb1, -5m, "EUR")).Message, StringComparison.Ordinal);

    [Fact]
    public void Swapping_plans_at_the_same_instant_is_a_plan_move_not_churn()
    {
        var history = SubscriptionHistory.Replay(
        [
            SubscriptionEvent.Started("old", "c", Feb1, 10m, "EUR"),
            SubscriptionEvent.Cancelled("old", "c", Mar1),
            SubscriptionEvent.Started("new", "c", Mar1, 25m, "EUR"),
        ]);
        Assert.Single(history.Spells);
        Assert.Equal([MrrMovementKind.New, MrrMovementKind.Expansion], history.Ledger.Select(m => m.Kind));
        Assert.Equal(25m, history.MrrJustBefore("c", Mar1 + Duration.FromDays(1)));
    }

    [Fact]
    public void Pause_and_skip_keep_the_customer_and_move_no_mrr()
    {
        var history = SubscriptionHistory.Replay(
        [
            SubscriptionEvent.Started("s", "c", Feb1, 10m, "EUR"),
            SubscriptionEvent.Skipped("s", "c", Feb1 + Duration.FromDays(3)),
            SubscriptionEvent.Paused("s", "c", Feb1 + Duration.FromDays(5)),
            SubscriptionEvent.Resumed("s", "c", Mar1),
        ]);
        Assert.Single(history.Spells);
        Assert.Null(history.Spells[0].To);
        Assert.Single(history.Ledger);
    }

    [Fact]
    public void Cancelled_then_reactivated_customer_has_two_spells_and_a_reactivation()
    {
        var history = SubscriptionHistory.Replay(
        [
            SubscriptionEvent.Reactivated("s", "c", Mar1 + Duration.FromDays(10), 12m, "EUR"),
            SubscriptionEvent.Cancelled("s", "c", Mar1),
            SubscriptionEvent.Started("s", "c", Feb1, 10m, "EUR"),
        ]);
        Assert.Equal(2, history.Spells.Count);
        Assert.Equal([MrrMovementKind.New, MrrMovementKind.Churn, MrrMovementKind.Reactivation], history.Ledger.Select(m => m.Kind));
    }

    [Fact]
    public void Mrr_beyond_the_decimal_range_throws_naming_the_customer()
    {
        var ex = Assert.Throws<OverflowException>(() => SubscriptionHistory.Replay(
            [SubscriptionEvent.Started("s1", "cust-huge", Feb1, decimal.MaxValue, "EUR"), SubscriptionEvent.Started("s2", "cust-huge", Mar1, decimal.MaxValue, "EUR")]));

        Assert.Contains("MRR of customer 'cust-huge'", ex.Message, StringComparison.Ordinal);
    }
}

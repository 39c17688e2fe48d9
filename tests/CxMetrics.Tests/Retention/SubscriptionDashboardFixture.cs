using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Tests.Retention;

/// <summary>
/// The worked shop of the subscription dashboard tests (UTC, 2024): c1 starts on basic at 10 and moves to pro at 30 in
/// February; c2 pays 30 for pro from January and cancels in February; c3 trials pro from 1 February and converts at 30 on
/// the 15th; c4 trials basic and lets it expire; c5 starts a basic trial on 25 February that is still running.
/// </summary>
internal static class SubscriptionDashboardFixture
{
    public static Instant Day(int month, int day) => Instant.FromUtc(2024, month, day, 0, 0);

    public static SubscriptionEvent[] Events { get; } =
    [
        SubscriptionEvent.Started("a", "c1", Day(1, 5), 10m, "EUR", "basic", "month", "smb"),
        SubscriptionEvent.PlanChanged("a", "c1", Day(2, 10), 30m, "EUR", "pro", "month", "smb"),
        SubscriptionEvent.Started("b", "c2", Day(1, 10), 30m, "EUR", "pro", "year", "enterprise"),
        SubscriptionEvent.Cancelled("b", "c2", Day(2, 20)),
        SubscriptionEvent.TrialStarted("c", "c3", Day(2, 1), "pro", "month", "smb"),
        SubscriptionEvent.Started("c", "c3", Day(2, 15), 30m, "EUR", "pro", "month", "smb"),
        SubscriptionEvent.TrialStarted("d", "c4", Day(2, 3), "basic", "month", "smb"),
        SubscriptionEvent.Cancelled("d", "c4", Day(2, 17)),
        SubscriptionEvent.TrialStarted("e", "c5", Day(2, 25), "basic", "month", "smb"),
    ];

    public static SubscriptionHistory History => SubscriptionHistory.Replay(Events);
}

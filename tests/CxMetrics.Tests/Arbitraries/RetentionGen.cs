using CxMetrics.Commerce;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for retention: orders of a few customers over half a year, and valid subscription histories.</summary>
public static class RetentionGen
{
    /// <summary>The first instant generated.</summary>
    public static Instant Origin { get; } = Instant.FromUtc(2024, 1, 1, 0, 0);

    /// <summary>An as-of instant inside the generated span, so some orders come after it.</summary>
    public static Instant AsOf { get; } = Instant.FromUtc(2024, 6, 15, 0, 0);

    /// <summary>One order of customers c0..c24 within 2024-01-01 + 200 days, amount 0–100.00 EUR.</summary>
    public static Gen<Order> Order { get; } =
        from customer in Gen.Choose(0, 24)
        from minutes in Gen.Choose(0, 200 * 24 * 60)
        from cents in Gen.Choose(0, 10_000)
        select new Order($"c{customer}", Origin + Duration.FromMinutes(minutes), cents / 100m, "EUR");

    /// <summary>Arrays of orders paired with a seed for shuffles and shard splits.</summary>
    public static Arbitrary<(Order[] Orders, int Seed)> OrdersWithSeed { get; } =
        Order.ArrayOf().Zip(Gen.Choose(0, int.MaxValue)).ToArbitrary();

    /// <summary>
    /// Valid subscription events: each of up to 8 subscriptions (owned by customers s0..s4) walks the life-cycle state
    /// machine with random steps at increasing instants over about four months.
    /// </summary>
    public static Arbitrary<SubscriptionEvent[]> Subscriptions { get; } =
        Gen.Choose(0, int.MaxValue).ArrayOf(8).Zip(Gen.Choose(0, 8)).Select(x => Build(x.Item1, x.Item2)).ToArbitrary();

    private static SubscriptionEvent[] Build(int[] seeds, int count)
    {
        var events = new List<SubscriptionEvent>();
        for (int s = 0; s < count; s++)
        {
            var random = new Random(seeds[s]);
            string sub = $"sub{s}", customer = $"s{s % 5}";
            var t = Origin + Duration.FromHours(random.Next(0, 24 * 60));
            events.Add(SubscriptionEvent.Started(sub, customer, t, random.Next(0, 5) * 10m, "EUR"));
            string state = "active";
            int steps = random.Next(0, 6);
            for (int i = 0; i < steps; i++)
            {
                t += Duration.FromHours(random.Next(1, 24 * 20));
                int pick = random.Next(0, 3);
                (var e, state) = state switch
                {
                    "active" => pick switch
                    {
                        0 => (SubscriptionEvent.Cancelled(sub, customer, t), "cancelled"),
                        1 => (SubscriptionEvent.Paused(sub, customer, t), "paused"),
                        _ => (SubscriptionEvent.PlanChanged(sub, customer, t, random.Next(0, 5) * 10m, "EUR"), "active"),
                    },
                    "paused" => pick == 0 ? (SubscriptionEvent.Cancelled(sub, customer, t), "cancelled") : (SubscriptionEvent.Resumed(sub, customer, t), "active"),
                    _ => (SubscriptionEvent.Reactivated(sub, customer, t, random.Next(1, 5) * 10m, "EUR"), "active"),
                };
                events.Add(e);
            }
        }

        return [.. events];
    }

    /// <summary>
    /// Valid subscription events with plan, billing interval and segment labels and free trials: each of up to 10
    /// subscriptions (customers l0..l5) may start on a trial that converts, expires or is still running, then walks the
    /// life cycle with plan changes that may move it to another plan, interval or segment. Prices repeat across plans and
    /// customers, and some events share an instant, so ties and plan moves at one instant are exercised.
    /// </summary>
    public static Arbitrary<SubscriptionEvent[]> LabelledSubscriptions { get; } =
        Gen.Choose(0, int.MaxValue).ArrayOf(10).Zip(Gen.Choose(0, 10)).Select(x => BuildLabelled(x.Item1, x.Item2)).ToArbitrary();

    private static readonly string?[] Plans = ["basic", "pro", "team", null];
    private static readonly string?[] Intervals = ["month", "year", null];
    private static readonly string?[] Segments = ["smb", "enterprise", null];

    private static SubscriptionEvent[] BuildLabelled(int[] seeds, int count)
    {
        var events = new List<SubscriptionEvent>();
        for (int s = 0; s < count; s++)
        {
            var random = new Random(seeds[s]);
            // Subscription ids are unique to the draw (shards hold whole subscriptions, as SubscriptionTally.Merge asks: events of
            // one subscription at one instant from two shards have no order of their own); customers are shared across draws.
            string sub = $"ls{seeds[0]:x}-{s}", customer = $"l{s % 6}";
            string? Plan() => Plans[random.Next(Plans.Length)];
            string? Interval() => Intervals[random.Next(Intervals.Length)];
            string? Segment() => Segments[random.Next(Segments.Length)];
            decimal Price() => random.Next(0, 4) * 10m;
            // Whole days, so different subscriptions of a customer often share an instant.
            var t = Origin + Duration.FromDays(random.Next(0, 60));
            if (random.Next(3) == 0)
            {
                events.Add(SubscriptionEvent.TrialStarted(sub, customer, t, Plan(), Interval(), Segment()));
                t += Duration.FromDays(random.Next(0, 20));
                int outcome = random.Next(3);
                if (outcome == 0)
                {
                    events.Add(SubscriptionEvent.Cancelled(sub, customer, t));
                    continue;
                }

                if (outcome == 1)
                {
                    continue;
                }
            }

            events.Add(SubscriptionEvent.Started(sub, customer, t, Price(), "EUR", Plan(), Interval(), Segment()));
            string state = "active";
            int steps = random.Next(0, 6);
            for (int i = 0; i < steps; i++)
            {
                t += Duration.FromDays(random.Next(0, 25));
                int pick = random.Next(0, 3);
                (var e, state) = state switch
                {
                    "active" => pick switch
                    {
                        0 => (SubscriptionEvent.Cancelled(sub, customer, t), "cancelled"),
                        1 => (SubscriptionEvent.Paused(sub, customer, t), "paused"),
                        _ => (SubscriptionEvent.PlanChanged(sub, customer, t, Price(), "EUR", Plan(), Interval(), Segment()), "active"),
                    },
                    "paused" => pick == 0 ? (SubscriptionEvent.Cancelled(sub, customer, t), "cancelled") : (SubscriptionEvent.Resumed(sub, customer, t), "active"),
                    _ => (SubscriptionEvent.Reactivated(sub, customer, t, Price() + 10m, "EUR", Plan(), Interval(), Segment()), "active"),
                };
                events.Add(e);
            }
        }

        return [.. events];
    }

    /// <summary>A deterministic shuffle.</summary>
    public static T[] Shuffle<T>(T[] items, int seed)
    {
        var copy = (T[])items.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}

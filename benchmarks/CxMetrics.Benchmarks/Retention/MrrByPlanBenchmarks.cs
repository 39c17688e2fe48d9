using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// MRR and paying customers by plan for one month, on 1,000,000 subscriptions (about 1.6 M events: a start on one of six
/// plans, a plan change for a third, which moves half of those to another plan, a cancellation for a quarter) of 400,000
/// customers, from a replayed <see cref="SubscriptionHistory"/>. Baseline: the naive way — LINQ <c>GroupBy</c> subscription,
/// find each subscription's last event before the month's start and before its end (its plan and MRR then), then
/// <c>GroupBy</c> plan and customer to sum MRR and count paying customers. Measured: <see cref="RevenueChurn.By{TKey}(SubscriptionHistory, Func{SubscriptionEvent, TKey}, Interval, RevenueChurnOptions?)"/>,
/// which replays the events once per customer into a keyed MRR ledger and also classifies every movement (new, expansion,
/// contraction, churn, reactivation). Both give the same starting and ending MRR and paying customers per plan (compared
/// in the set-up).
/// </summary>
[MemoryDiagnoser]
public class MrrByPlanBenchmarks
{
    private static readonly Instant Origin = Instant.FromUtc(2024, 1, 1, 0, 0);
    private static readonly Interval March = new(Instant.FromUtc(2025, 3, 1, 0, 0), Instant.FromUtc(2025, 4, 1, 0, 0));
    private SubscriptionEvent[] events = [];
    private SubscriptionHistory history = null!;

    public static IEnumerable<int> SubscriptionSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(SubscriptionSizes))]
    public int Subscriptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(19);
        string[] plans = ["starter", "basic", "pro", "team", "business", "enterprise"];
        int customers = Math.Max(1, Subscriptions * 2 / 5);
        var all = new List<SubscriptionEvent>(Subscriptions * 2);
        for (int s = 0; s < Subscriptions; s++)
        {
            string subscription = $"s{s}", customer = $"c{random.Next(customers)}";
            int plan = random.Next(plans.Length);
            var at = Origin + Duration.FromMinutes(random.Next(450 * 24 * 60));
            all.Add(SubscriptionEvent.Started(subscription, customer, at, 10 + plan * 20, "EUR", plans[plan]));
            if (random.Next(3) == 0)
            {
                at += Duration.FromMinutes(1 + random.Next(60 * 24 * 60));
                int next = random.Next(2) == 0 ? plan : random.Next(plans.Length);
                all.Add(SubscriptionEvent.PlanChanged(subscription, customer, at, 10 + next * 20 + random.Next(3) * 5, "EUR", plans[next]));
            }

            if (random.Next(4) == 0)
            {
                all.Add(SubscriptionEvent.Cancelled(subscription, customer, at + Duration.FromDays(1 + random.Next(90))));
            }
        }

        events = [.. all];
        history = SubscriptionHistory.Replay(events);
        var naive = Naive();
        var measured = Keyed().Select(c => (c.Key, c.Result.StartingMrr, c.Result.EndingMrr, c.Result.EndingPayingCustomers)).ToList();
        if (!naive.SequenceEqual(measured))
        {
            throw new InvalidOperationException($"MRR by plan disagrees: naive {string.Join("; ", naive)} / keyed {string.Join("; ", measured)}.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ: last event per subscription before start / end, GroupBy plan (naive)")]
    public List<(string? Plan, decimal Starting, decimal Ending, long Paying)> Naive()
    {
        // Each subscription's (plan, MRR) just before an instant: its last plan-setting event, or 0 after a cancel.
        static (string? Plan, decimal Mrr)? StateBefore(IEnumerable<SubscriptionEvent> subscription, Instant t)
        {
            var last = subscription.Where(e => e.At < t).LastOrDefault();
            if (last is null)
            {
                return null;
            }

            var labelled = subscription.Where(e => e.At < t && e.Mrr is not null).Last();
            return (labelled.Plan, last.Kind == SubscriptionEventKind.Cancel ? 0m : labelled.Mrr!.Value);
        }

        var bySubscription = events.GroupBy(e => e.SubscriptionId, StringComparer.Ordinal)
            .Select(g => (Customer: g.First().CustomerId, Start: StateBefore(g.OrderBy(e => e.At), March.Start), End: StateBefore(g.OrderBy(e => e.At), March.End)))
            .ToList();
        var starting = bySubscription.Where(s => s.Start is not null).GroupBy(s => s.Start!.Value.Plan).ToDictionary(g => g.Key ?? string.Empty, g => g.Sum(s => s.Start!.Value.Mrr));
        var ending = bySubscription.Where(s => s.End is not null).GroupBy(s => s.End!.Value.Plan)
            .ToDictionary(g => g.Key ?? string.Empty, g => (Mrr: g.Sum(s => s.End!.Value.Mrr), Paying: (long)g.GroupBy(s => s.Customer).Count(c => c.Sum(s => s.End!.Value.Mrr) > 0)));
        return [.. starting.Keys.Union(ending.Keys).Order(StringComparer.Ordinal)
            .Select(p => ((string?)p, starting.GetValueOrDefault(p), ending.GetValueOrDefault(p).Mrr, ending.GetValueOrDefault(p).Paying))];
    }

    [Benchmark(Description = "RevenueChurn.By(history, e => e.Plan, month)")]
    public IReadOnlyList<CxMetrics.Breakdowns.BreakdownCell<string?, RevenueChurnResult>> Keyed() => RevenueChurn.By(history, e => e.Plan, March);
}

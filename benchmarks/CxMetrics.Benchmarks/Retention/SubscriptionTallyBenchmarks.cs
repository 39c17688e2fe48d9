using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Collecting 1,000,000 subscription events (about 250,000 subscriptions of 200,000 customers over two years: a start,
/// plan changes, pauses and resumes, a cancellation for some) from four shards into the replay order that
/// <see cref="SubscriptionHistory.From"/> reads. Baseline: the naive way — concatenate the shards, check with LINQ
/// <c>GroupBy</c> subscription that each belongs to one customer and <c>Distinct</c> that MRR is in one currency, then
/// <c>OrderBy</c> customer, instant and subscription. Measured: <see cref="SubscriptionTally.Of"/> per shard (the owner
/// and currency checks at <c>Add</c>, one dictionary lookup per event), merged with <see cref="SubscriptionTally.Merge"/>,
/// and its <see cref="SubscriptionTally.Events"/> (the tally keeps events as columns and makes each record again when it is
/// read, so the measured method reads every event once). Both give equal ordered events (compared in the set-up).
/// </summary>
[MemoryDiagnoser]
public class SubscriptionTallyBenchmarks
{
    private static readonly Instant Origin = Instant.FromUtc(2024, 1, 1, 0, 0);
    private SubscriptionEvent[][] shards = [];

    public static IEnumerable<int> EventSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(EventSizes))]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(31);
        int customers = Math.Max(1, Events / 5);
        var all = new List<SubscriptionEvent>(Events + 8);
        for (int s = 0; all.Count < Events; s++)
        {
            string subscription = $"s{s}", customer = $"c{random.Next(customers)}";
            var at = Origin + Duration.FromMinutes(random.Next(600 * 24 * 60));
            all.Add(SubscriptionEvent.Started(subscription, customer, at, 10 + random.Next(5) * 10, "EUR"));
            int more = random.Next(6);
            for (int k = 0; k < more; k++)
            {
                at += Duration.FromMinutes(1 + random.Next(20 * 24 * 60));
                all.Add((k % 3) switch
                {
                    0 => SubscriptionEvent.PlanChanged(subscription, customer, at, 10 + random.Next(5) * 10, "EUR"),
                    1 => SubscriptionEvent.Paused(subscription, customer, at),
                    _ => SubscriptionEvent.Resumed(subscription, customer, at),
                });
            }

            if (random.NextDouble() < 0.3)
            {
                all.Add(SubscriptionEvent.Cancelled(subscription, customer, at + Duration.FromDays(1 + random.Next(60))));
            }
        }

        // Shards by customer, so events of one subscription at one instant stay in one shard.
        shards = [.. Enumerable.Range(0, 4).Select(i => all.Where(e => (e.CustomerId.GetHashCode(StringComparison.Ordinal) & 3) == i).ToArray())];
        var naive = Naive();
        var tally = Tally();
        if (naive.Count != tally.Count || Enumerable.Range(0, naive.Count).Any(i => !naive[i].Equals(tally[i])))
        {
            throw new InvalidOperationException($"the ordered events disagree ({naive.Count} naive, {tally.Count} tally).");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ: owner + currency checks, OrderBy (naive)")]
    public IReadOnlyList<SubscriptionEvent> Naive()
    {
        var all = shards.SelectMany(s => s).ToList();
        if (all.GroupBy(e => e.SubscriptionId, StringComparer.Ordinal).Any(g => g.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            throw new InvalidOperationException("a subscription moves to another customer.");
        }

        if (all.Where(e => e.Currency is not null).Select(e => e.Currency).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new InvalidOperationException("MRR is in more than one currency.");
        }

        return [.. all.OrderBy(e => e.CustomerId, StringComparer.Ordinal).ThenBy(e => e.At).ThenBy(e => e.SubscriptionId, StringComparer.Ordinal)];
    }

    [Benchmark(Description = "SubscriptionTally.Of per shard + Merge, Events")]
    public IReadOnlyList<SubscriptionEvent> Tally()
    {
        var whole = new SubscriptionTally();
        foreach (var shard in shards)
        {
            whole.Merge(SubscriptionTally.Of(shard));
        }

        return [.. whole.Events];
    }
}

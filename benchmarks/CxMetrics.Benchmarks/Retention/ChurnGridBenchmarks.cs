using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Customer churn by segment × month (<see cref="CustomerChurn.ByKeyAndPeriod"/>) over 24 months of subscription events of
/// 100,000 customers in 10 segments (about a third cancel, a tenth of those come back). Baseline: the naive way a caller
/// would build the grid without it — filter the events per segment, replay each subset and call
/// <see cref="CustomerChurn.ByPeriod"/> on it. Both start from the events (one replay against one per segment) and give the
/// same cells (the property tests prove the cell identities).
/// </summary>
[MemoryDiagnoser]
public class ChurnGridBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly ChurnOptions Options = new() { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Exclude };
    private static readonly CalendarPeriod First = CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month);
    private static readonly CalendarPeriod Last = CalendarPeriod.Containing(new LocalDate(2025, 12, 1), PeriodUnit.Month);
    private SubscriptionEvent[] events = [];

    public static IEnumerable<int> CustomerSizes => BenchmarkSize.One(100_000);

    [ParamsSource(nameof(CustomerSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var origin = Instant.FromUtc(2023, 6, 1, 0, 0);
        var list = new List<SubscriptionEvent>(Customers * 2);
        for (int c = 0; c < Customers; c++)
        {
            string id = $"c{c}", subscription = $"s{c}";
            var start = origin + Duration.FromMinutes(random.Next(900 * 24 * 60));
            list.Add(SubscriptionEvent.Started(subscription, id, start, 20m, "EUR"));
            if (random.Next(3) == 0)
            {
                var cancel = start + Duration.FromMinutes(random.Next(1, 300 * 24 * 60));
                list.Add(SubscriptionEvent.Cancelled(subscription, id, cancel));
                if (random.Next(10) == 0)
                {
                    list.Add(SubscriptionEvent.Reactivated(subscription, id, cancel + Duration.FromDays(random.Next(1, 90)), 20m, "EUR"));
                }
            }
        }

        events = [.. list];
    }

    private static int Segment(string customerId) => customerId.Length > 1 ? customerId[^1] - '0' : 0;

    [Benchmark(Baseline = true, Description = "filter + replay + ByPeriod per segment (naive)")]
    public int PerSegment()
    {
        int cells = 0;
        foreach (var group in events.GroupBy(e => Segment(e.CustomerId)))
        {
            cells += CustomerChurn.ByPeriod(SubscriptionHistory.Replay(group), new PeriodGrid(Zone, First.Unit), First, Last, Options).Count;
        }

        return cells;
    }

    [Benchmark(Description = "CustomerChurn.ByKeyAndPeriod")]
    public int Grid() => CustomerChurn.ByKeyAndPeriod(SubscriptionHistory.Replay(events), Segment, new PeriodGrid(Zone, First.Unit), First, Last, Options).Sum(s => s.Periods.Count);
}

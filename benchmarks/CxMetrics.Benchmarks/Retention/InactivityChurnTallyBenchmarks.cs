using BenchmarkDotNet.Attributes;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Inactivity churn (90-day window) of 1,000,000 orders of 100,000 customers over two years, judged at the end of each of
/// the 24 months — the trend rows of <c>cxmetrics churn</c> on orders. Baseline: the naive way — for each month end, LINQ
/// <c>GroupBy</c> customer over the orders placed by then; a customer whose first order is at least a window old counts as
/// active when one of their orders lies in the last window. Also measured: <see cref="InactivityChurn.Of(IEnumerable{Order}, Duration, Instant, RepeatPurchaseOptions?)"/>
/// from the order list per month end, and <see cref="InactivityChurnTally"/> filled once (one pass over the orders, memory
/// per customer) and judged 24 times with <see cref="InactivityChurnTally.CountsAt"/>. All three give the same active
/// counts (compared in the set-up).
/// </summary>
[MemoryDiagnoser]
public class InactivityChurnTallyBenchmarks
{
    private static readonly Duration Window = Duration.FromDays(90);
    private static readonly Instant Origin = Instant.FromUtc(2024, 1, 1, 0, 0);
    private Order[] orders = [];
    private Instant[] monthEnds = [];

    public static IEnumerable<int> OrderSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(OrderSizes))]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        int customers = Math.Max(1, Orders / 10);
        orders = new Order[Orders];
        for (int i = 0; i < Orders; i++)
        {
            orders[i] = new Order($"c{random.Next(customers)}", Origin + Duration.FromMinutes(random.Next(730 * 24 * 60)), 10m, "EUR");
        }

        monthEnds = [.. Enumerable.Range(1, 24).Select(m => new LocalDate(2024, 1, 1).PlusMonths(m).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant())];
        long naive = Naive(), list = List(), tally = Tally();
        if (naive != list || list != tally)
        {
            throw new InvalidOperationException($"active counts disagree: naive {naive}, list {list}, tally {tally}.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy customer per month end (naive)")]
    public long Naive()
    {
        long active = 0;
        foreach (var at in monthEnds)
        {
            active += orders.Where(o => o.PlacedAt <= at).GroupBy(o => o.CustomerId).Count(g => g.Min(o => o.PlacedAt) <= at - Window && g.Any(o => o.PlacedAt > at - Window));
        }

        return active;
    }

    [Benchmark(Description = "InactivityChurn.Of(list) per month end")]
    public long List()
    {
        long active = 0;
        foreach (var at in monthEnds)
        {
            active += InactivityChurn.Of(orders, Window, at).Active;
        }

        return active;
    }

    [Benchmark(Description = "InactivityChurnTally: one pass, CountsAt per month end")]
    public long Tally()
    {
        var tally = new InactivityChurnTally(Window);
        foreach (var order in orders)
        {
            tally.Add(order.CustomerId, order.PlacedAt);
        }

        long active = 0;
        foreach (var at in monthEnds)
        {
            active += tally.CountsAt(at).Active;
        }

        return active;
    }
}

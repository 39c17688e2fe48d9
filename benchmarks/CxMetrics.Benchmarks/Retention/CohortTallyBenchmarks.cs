using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Memory of the cohort accumulator as the <c>cohorts</c> command fills it: 10 million orders of 1 million customers over
/// 24 months in time order (each customer orders on about five days of their active months), string customer ids, then
/// the monthly matrix. Baseline: the accumulator that keeps every order (customer, instant, amount), the form the tool used
/// before; ours: the accumulator bound to the monthly grid, one row per customer and month. Allocated bytes are what each
/// keeps (chunked columns are never copied), so the MemoryDiagnoser column is the comparison.
/// </summary>
[MemoryDiagnoser]
public class CohortTallyBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly Instant Start = Instant.FromUtc(2023, 1, 1, 0, 0);
    private static readonly Instant AsOf = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static readonly PeriodGrid MonthlyGrid = new(Zone, PeriodUnit.Month);

    private static readonly CohortOptions Monthly = CohortOptions.Default;
    private string[] customerIds = [];
    private Instant[] placedAt = [];
    private decimal[] amounts = [];

    public static IEnumerable<int> OrdersSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(OrdersSizes))]
    public int Orders { get; set; }

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        var ids = new string[Customers];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "c" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        }

        // Each customer arrives at a random moment and orders within an exponential lifetime (mean 300 days) after it.
        long span = (AsOf - Start).BclCompatibleTicks;
        var arrival = new long[Customers];
        var life = new long[Customers];
        for (int i = 0; i < Customers; i++)
        {
            arrival[i] = (long)(random.NextDouble() * span);
            life[i] = Math.Min(span - arrival[i], (long)(-300 * Math.Log(1 - random.NextDouble()) * TimeSpan.TicksPerDay));
        }

        var ticks = new long[Orders];
        var who = new int[Orders];
        for (int i = 0; i < Orders; i++)
        {
            int c = i < Customers ? i : random.Next(Customers);
            who[i] = c;
            ticks[i] = arrival[c] + (i < Customers ? 0 : (long)(random.NextDouble() * life[c]));
        }

        Array.Sort(ticks, who);
        customerIds = new string[Orders];
        placedAt = new Instant[Orders];
        amounts = new decimal[Orders];
        for (int i = 0; i < Orders; i++)
        {
            customerIds[i] = ids[who[i]];
            placedAt[i] = Start + Duration.FromTicks(ticks[i]);
            amounts[i] = random.Next(500, 20_000) / 100m;
        }
    }

    [Benchmark(Baseline = true, Description = "every order kept (unbound)")]
    public int EveryOrder()
    {
        var accumulator = new CohortTally();
        accumulator.AddRange(customerIds, placedAt, amounts, "EUR");
        return Cohorts.From(accumulator, AsOf, MonthlyGrid, Monthly).Columns;
    }

    [Benchmark(Description = "customer × month rows (bound)")]
    public int CustomerMonths()
    {
        var accumulator = new CohortTally(MonthlyGrid);
        accumulator.AddRange(customerIds, placedAt, amounts, "EUR");
        return Cohorts.From(accumulator, AsOf, MonthlyGrid, Monthly).Columns;
    }
}

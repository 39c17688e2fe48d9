using BenchmarkDotNet.Attributes;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The CLV customer summary of 2,000,000 orders of 200,000 customers (two years, amounts in cents, about one order in
/// twenty on the same day as the customer's previous one), folded order by order and summarised. Baseline: the tally as it
/// was before the flat layout — a <c>Dictionary&lt;LocalDate, decimal&gt;</c> per customer, each customer's days sorted
/// at summary time. Beside it the flat columnar <see cref="CustomerSummaryTally"/> on the orders in time order (the
/// common case: every purchase appends) and on the same orders shuffled (every customer's rows sorted at summary time).
/// </summary>
[MemoryDiagnoser]
public class CustomerSummaryTallyBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly CustomerSummaryOptions Options = new() { CalibrationEnd = new LocalDate(2025, 6, 30), HoldoutEnd = new LocalDate(2025, 12, 31) };
    private Order[] inTimeOrder = [];
    private Order[] shuffled = [];

    public static IEnumerable<int> OrdersSizes => BenchmarkSize.One(2_000_000);

    [ParamsSource(nameof(OrdersSizes))]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        int customers = Math.Max(1, Orders / 10);
        var ids = Enumerable.Range(0, customers).Select(c => $"C{c:D7}").ToArray();
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        var orders = new Order[Orders];
        long span = 730L * NodaConstants.TicksPerDay;
        for (int i = 0; i < Orders; i++)
        {
            int c = random.Next(customers);
            var at = start.Plus(Duration.FromTicks(span * i / Orders));
            orders[i] = new Order(ids[c], at, random.Next(100, 20_000) / 100m, "EUR");
            if (i > 0 && random.Next(20) == 0)
            {
                orders[i] = new Order(orders[i - 1].CustomerId, at, orders[i].Amount, "EUR");
            }
        }

        inTimeOrder = orders;
        shuffled = (Order[])orders.Clone();
        random.Shuffle(shuffled);
    }

    [Benchmark(Baseline = true, Description = "dictionary per customer (naive, the tally before)")]
    public int DictionaryPerCustomer()
    {
        var customers = new Dictionary<string, Dictionary<LocalDate, decimal>>(StringComparer.Ordinal);
        foreach (var order in inTimeOrder)
        {
            var day = order.PlacedAt.InZone(Zone).Date;
            if (!customers.TryGetValue(order.CustomerId, out var periods))
            {
                customers[order.CustomerId] = periods = [];
            }

            periods[day] = periods.TryGetValue(day, out decimal sum) ? sum + order.Amount : order.Amount;
        }

        var ids = customers.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        var result = new List<CustomerSummary>(ids.Length);
        foreach (string id in ids)
        {
            var periods = customers[id];
            var dates = periods.Keys.ToArray();
            Array.Sort(dates);
            var amounts = new decimal[dates.Length];
            for (int i = 0; i < dates.Length; i++)
            {
                amounts[i] = periods[dates[i]];
            }

            if (CustomerSummaryTally.SummarizeCustomer(id, dates, amounts, Options, Options.TimeUnit.Days) is { } summary)
            {
                result.Add(summary);
            }
        }

        return result.Count;
    }

    [Benchmark(Description = "flat tally, orders in time order")]
    public int FlatInTimeOrder() => Flat(inTimeOrder);

    [Benchmark(Description = "flat tally, orders shuffled")]
    public int FlatShuffled() => Flat(shuffled);

    private static int Flat(Order[] orders)
    {
        var tally = new CustomerSummaryTally(Zone);
        foreach (var order in orders)
        {
            tally.Add(order);
        }

        return CustomerBase.From(tally, Options).Customers.Count;
    }
}

using BenchmarkDotNet.Attributes;
using CxMetrics.Acquisition;
using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Acquisition;

/// <summary>
/// An acquisition read-out of 1 million acquired customers (5 sources, 2 years of monthly cohorts) and 3 million orders,
/// as of the end of the data. Baseline: LINQ — group the orders by customer for each customer's first order and revenue
/// within 30/90/365 days, join, group by (source, month) and count the 30-day first-purchase share and revenue per
/// customer (no intervals, no Kaplan–Meier). Ours: <see cref="CustomerAcquisition.Of(IEnumerable{AcquiredCustomer}, IEnumerable{Order}, Instant, PeriodGrid, AcquisitionOptions?)"/>,
/// tally and full read-out (Wilson intervals, revenue horizons, per-source Kaplan–Meier curves).
/// </summary>
[MemoryDiagnoser]
public class AcquisitionBenchmarks
{
    private static readonly string[] Sources = ["search", "social", "email", "affiliate", "display"];
    private static readonly Instant Origin = Instant.FromUtc(2023, 1, 1, 0, 0);
    private static readonly PeriodGrid Monthly = new(DateTimeZone.Utc, PeriodUnit.Month);
    private AcquiredCustomer[] customers = [];
    private Order[] orders = [];
    private Instant asOf;

    public static IEnumerable<int> CustomerSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomerSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20);
        customers = new AcquiredCustomer[Customers];
        for (int i = 0; i < customers.Length; i++)
        {
            customers[i] = new AcquiredCustomer("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Origin + Duration.FromMinutes(random.Next(0, 730 * 24 * 60)), Sources[random.Next(Sources.Length)]);
        }

        orders = new Order[3 * Customers];
        for (int i = 0; i < orders.Length; i++)
        {
            var c = customers[random.Next(customers.Length / 3)]; // a third of the customers buy, three... nine orders each on average
            orders[i] = new Order(c.CustomerId, c.AcquiredAt + Duration.FromMinutes(random.Next(0, 400 * 24 * 60)), 10m + random.Next(0, 9000) / 100m, "EUR");
        }

        asOf = Origin + Duration.FromDays(731);
    }

    [Benchmark(Baseline = true, Description = "LINQ group-join-group (naive, shares and revenue only)")]
    public int Linq()
    {
        var byCustomer = orders.Where(o => o.PlacedAt <= asOf).GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        return customers
            .Where(c => c.AcquiredAt <= asOf)
            .Select(c =>
            {
                var own = byCustomer.TryGetValue(c.CustomerId, out var list) ? list : [];
                var first = own.Count == 0 ? (Instant?)null : own.Min(o => o.PlacedAt);
                return (c.Source, Month: Monthly.Containing(c.AcquiredAt), c.AcquiredAt, First: first,
                    R30: own.Where(o => o.PlacedAt <= c.AcquiredAt + Duration.FromDays(30)).Sum(o => o.Amount),
                    R90: own.Where(o => o.PlacedAt <= c.AcquiredAt + Duration.FromDays(90)).Sum(o => o.Amount),
                    R365: own.Where(o => o.PlacedAt <= c.AcquiredAt + Duration.FromDays(365)).Sum(o => o.Amount));
            })
            .GroupBy(x => (x.Source, x.Month))
            .Select(g =>
            {
                var judged = g.Where(x => x.AcquiredAt + Duration.FromDays(30) <= asOf).ToList();
                double share = judged.Count == 0 ? double.NaN : judged.Count(x => x.First is { } f && f <= x.AcquiredAt + Duration.FromDays(30)) / (double)judged.Count;
                return (share, g.Average(x => x.R30), g.Average(x => x.R90), g.Average(x => x.R365));
            })
            .Count();
    }

    [Benchmark(Description = "CustomerAcquisition.Of (tally + full read-out)")]
    public int Readout() => CustomerAcquisition.Of(customers, orders, asOf, Monthly).Cohorts.Count;
}

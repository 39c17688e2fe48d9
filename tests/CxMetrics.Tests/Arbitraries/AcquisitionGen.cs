using System.Globalization;
using CxMetrics.Acquisition;
using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>Seeded random acquisition data for the acquisition properties (core and JSON tests).</summary>
public static class AcquisitionGen
{
    private static readonly PeriodGrid Monthly = new(DateTimeZone.Utc, PeriodUnit.Month);

    /// <summary>Random customers over 2024 (four sources and none), orders (some of unknown customers), spend per source and month.</summary>
    public static (List<AcquiredCustomer> Customers, List<Order> Orders, List<AcquisitionSpend> Spend, Instant AsOf) Random(int seed)
    {
        var rng = new Random(seed);
        string?[] sources = ["search", "social", "email", "affiliate", null];
        var origin = Instant.FromUtc(2024, 1, 1, 0, 0);
        int n = rng.Next(0, 60);
        var customers = new List<AcquiredCustomer>();
        var orders = new List<Order>();
        for (int i = 0; i < n; i++)
        {
            string id = "c" + rng.Next(0, 50).ToString(CultureInfo.InvariantCulture); // repeated ids: acquired twice
            customers.Add(new AcquiredCustomer(id, origin + Duration.FromMinutes(rng.Next(0, 400 * 24 * 60)), sources[rng.Next(sources.Length)]));
        }

        int m = rng.Next(0, 120);
        for (int i = 0; i < m; i++)
        {
            string id = "c" + rng.Next(0, 60).ToString(CultureInfo.InvariantCulture);
            orders.Add(new Order(id, origin + Duration.FromMinutes(rng.Next(-20 * 24 * 60, 420 * 24 * 60)), rng.Next(0, 20000) / 100m, "EUR"));
        }

        var spend = new List<AcquisitionSpend>();
        for (int i = rng.Next(0, 10); i > 0; i--)
        {
            spend.Add(new AcquisitionSpend(sources[rng.Next(4)]!, Monthly.Containing(origin + Duration.FromDays(rng.Next(0, 400))), rng.Next(0, 100000) / 100m, "EUR"));
        }

        return (customers, orders, spend, origin + Duration.FromDays(rng.Next(-10, 420)));
    }

}

using CxMetrics.Acquisition;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// The generator of the bundled shop's synthetic sign-ups and acquisition spend (<c>samples/shop/signups.csv</c> and
/// <c>acquisition_spend.csv</c>, written by <see cref="BundledShop"/>), consistent with the folder's CDNOW orders: every
/// CDNOW customer signs up at their first order minus a random gap (an exponential number of days whose mean depends on
/// the source, so some buy on the day they sign up), through a source drawn with fixed weights; visitors who sign up and
/// never buy (ids <c>S00001</c>, …) are added per source so that each source converts at its own rate, signing up
/// uniformly over CDNOW's acquisition quarter (December 1996 to March 1997). The spend per source and month is the number
/// signed up times the source's cost per sign-up, with ±20% noise, in USD. One seed, so the files are reproducible.
/// </summary>
internal static class AcquisitionGenerator
{
    /// <summary>Source, weight among buyers, mean days from sign-up to first order, non-buyers per buyer, cost per sign-up.</summary>
    private static readonly (string Name, double Weight, double MeanGapDays, double NonBuyersPerBuyer, decimal CostPerSignup)[] Sources =
    [
        ("search", 0.40, 6, 1.5, 4.00m),
        ("social", 0.25, 20, 4.0, 1.50m),
        ("email", 0.15, 3, 0.8, 0.30m),
        ("affiliate", 0.20, 10, 2.0, 3.20m),
    ];

    private static readonly PeriodGrid Monthly = new(DateTimeZone.Utc, PeriodUnit.Month);

    public static (IReadOnlyList<AcquiredCustomer> Signups, IReadOnlyList<AcquisitionSpend> Spend) Generate(IEnumerable<Order> orders, ulong seed = 1997)
    {
        var random = new SplitMix64(seed);
        var firstOrder = new SortedDictionary<string, Instant>(StringComparer.Ordinal);
        foreach (var o in orders)
        {
            if (!firstOrder.TryGetValue(o.CustomerId, out var at) || o.PlacedAt < at)
            {
                firstOrder[o.CustomerId] = o.PlacedAt;
            }
        }

        double[] weights = [.. Sources.Select(s => s.Weight)];
        var signups = new List<AcquiredCustomer>();
        var buyers = new int[Sources.Length];
        foreach (var (customer, first) in firstOrder)
        {
            int s = random.Pick(weights);
            buyers[s]++;
            double gapDays = -Sources[s].MeanGapDays * Math.Log(1 - random.NextDouble());
            var at = first - Duration.FromMinutes(Math.Floor(gapDays * 24 * 60));
            signups.Add(new AcquiredCustomer(customer, at, Sources[s].Name, Campaign(s, at)));
        }

        var start = Instant.FromUtc(1996, 12, 1, 0, 0);
        int minutes = (int)(Instant.FromUtc(1997, 4, 1, 0, 0) - start).TotalMinutes;
        int next = 1;
        for (int s = 0; s < Sources.Length; s++)
        {
            int nonBuyers = (int)Math.Round(buyers[s] * Sources[s].NonBuyersPerBuyer);
            for (int i = 0; i < nonBuyers; i++)
            {
                var at = start + Duration.FromMinutes(random.NextInt(minutes));
                signups.Add(new AcquiredCustomer($"S{next++:D5}", at, Sources[s].Name, Campaign(s, at)));
            }
        }

        signups.Sort((a, b) => a.AcquiredAt.CompareTo(b.AcquiredAt) is var c && c != 0 ? c : string.CompareOrdinal(a.CustomerId, b.CustomerId));
        var spend = new List<AcquisitionSpend>();
        foreach (var group in signups.GroupBy(c => (Source: Array.FindIndex(Sources, s => s.Name == c.Source), Period: Monthly.Containing(c.AcquiredAt)))
            .OrderBy(g => g.Key.Source).ThenBy(g => g.Key.Period))
        {
            decimal noise = 0.8m + (0.4m * (decimal)random.NextDouble());
            spend.Add(new AcquisitionSpend(Sources[group.Key.Source].Name, group.Key.Period, Math.Round(group.Count() * Sources[group.Key.Source].CostPerSignup * noise, 2), "USD"));
        }

        return (signups, spend);
    }

    /// <summary>Search and social run one campaign a month; email and affiliate sign-ups have none.</summary>
    private static string? Campaign(int source, Instant at) =>
        source <= 1 ? Sources[source].Name + "-" + Monthly.Containing(at).Start.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture) : null;
}

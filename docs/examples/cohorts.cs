#:project ../../src/CxMetrics/CxMetrics.csproj
// Cohort walk-through on the CDNOW sample (samples/cdnow): dotnet run docs/examples/cohorts.cs
//
// CDNOW: 6,919 purchases by 2,357 customers who first bought in the first quarter of 1997 (Fader & Hardie's sample;
// see samples/cdnow/ATTRIBUTION.md). Here: monthly cohorts by first purchase, retention per month since then,
// a repeat-purchase view, and the Kaplan–Meier curve of the time to a second purchase.
using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Time;
using NodaTime;

var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
var orders = Cdnow.Orders(args.Length > 0 ? args[0] : Cdnow.DefaultPath(), zone);
var asOf = Instant.FromUtc(1998, 7, 1, 0, 0); // the day after the data ends
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{orders.Count} orders by {orders.Select(o => o.CustomerId).Distinct().Count()} customers\n"));

// 1. The monthly cohort matrix: the share of each cohort that ordered again k months after its first month.
var matrix = Cohorts.Of(orders, asOf, new PeriodGrid(zone, PeriodUnit.Month), CohortOptions.Default);
Console.WriteLine(matrix.ToReport().ToMarkdown());

// 2. Repeat buying over the whole 18 months: 90-day inactivity churn as of the end of the data.
Console.WriteLine(InactivityChurn.Of(orders, Duration.FromDays(90), asOf).ToReport().ToMarkdown());

// 3. Time to the second purchase in whole weeks, censored at the as-of for customers who never came back
//    (a second order on the first day counts as week 0).
var firstTwo = orders.GroupBy(o => o.CustomerId).Select(g => g.OrderBy(o => o.PlacedAt).Take(2).ToArray()).ToArray();
double[] weeks = [.. firstTwo.Select(p => Math.Floor(Math.Round(((p.Length > 1 ? p[1].PlacedAt : asOf) - p[0].PlacedAt).TotalDays) / 7))];
bool[] returned = [.. firstTwo.Select(p => p.Length > 1)];
Console.WriteLine(KaplanMeier.Fit(weeks, returned).ToReport().ToMarkdown());

/// <summary>Reads the CDNOW purchase log: customer id, date (yyyyMMdd), CDs bought, dollar value — space separated.</summary>
internal static class Cdnow
{
    /// <summary>The bundled sample, found from this file's folder (dotnet run sets EntryPointFileDirectoryPath for
    /// file-based apps; [CallerFilePath] would not do, since CI builds map source paths to /_/).</summary>
    public static string DefaultPath()
    {
        string here = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "cdnow", "CDNOW_sample.txt");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("samples/cdnow/CDNOW_sample.txt not found above " + here + "; pass the file's path as the first argument.");
    }

    public static List<Order> Orders(string path, DateTimeZone zone)
    {
        var orders = new List<Order>();
        foreach (string line in File.ReadLines(path))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            var placed = date.At(new LocalTime(12, 0)).InZoneLeniently(zone).ToInstant();
            orders.Add(new Order(f[1], placed, decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD"));
        }

        return orders;
    }
}

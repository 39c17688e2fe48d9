#:project ../../src/CxMetrics/CxMetrics.csproj
// Customer lifetime value on the CDNOW sample (samples/cdnow): dotnet run docs/examples/clv.cs
//
// The classic set-up of Fader, Hardie & Lee (2005): calibrate on purchases up to 1997-09-30 (39 weeks), fit BG/NBD for
// the number of future purchases and Gamma-Gamma for their value, then value each customer over the next 12 months.
using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using NodaTime;

var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
var orders = Cdnow.Orders(args.Length > 0 ? args[0] : Cdnow.DefaultPath(), zone);

// 1. Recency / frequency / monetary value per customer, in weeks, with a holdout to check the forecast against.
var summary = CustomerBase.Of(orders, zone, new CustomerSummaryOptions
{
    CalibrationEnd = new LocalDate(1997, 9, 30),
    HoldoutEnd = new LocalDate(1998, 6, 30),
});
Console.WriteLine(summary.ToReport().ToMarkdown());

// 2. BG/NBD: the paper reports r = 0.243, α = 4.414, a = 0.793, b = 2.426 (LL −9,582.4). Check the status before use.
var purchases = BetaGeoNbd.Fit(summary);
Console.WriteLine(purchases.ToReport().ToMarkdown());
if (!purchases.Diagnostics.IsConverged)
{
    Console.Error.WriteLine($"BG/NBD did not converge: {purchases.Diagnostics}");
    return 1;
}

// 3. Gamma-Gamma on repeat buyers' mean spend: the value side.
var spend = GammaGamma.Fit(summary);
Console.WriteLine(spend.ToReport().ToMarkdown());
if (!spend.Diagnostics.IsConverged)
{
    Console.Error.WriteLine($"Gamma-Gamma did not converge: {spend.Diagnostics}");
    return 1;
}

// 4. Holdout check: predicted vs actual repeat purchases in the 39 holdout weeks, over all customers.
double predicted = 0, actual = 0;
foreach (var c in summary.Customers)
{
    predicted += purchases.ConditionalExpectedPurchases(39, c.Frequency, c.Recency, c.Age);
    actual += c.HoldoutFrequency ?? 0;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Holdout (39 weeks): predicted {predicted:0} repeat purchases, actual {actual:0}.\n"));

// 5. 12-month CLV per customer (1% monthly discount), the top five.
var top = summary.Customers
    .Select(c => (c.CustomerId, Clv: DiscountedClv.DiscreteMonthly(
        purchases, c.Frequency, c.Recency, c.Age, spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0), months: 12, monthlyDiscountRate: 0.01),
        PAlive: purchases.ProbabilityAlive(c.Frequency, c.Recency, c.Age)))
    .OrderByDescending(x => x.Clv)
    .Take(5);
Console.WriteLine("| customer | P(alive) | 12-month CLV (USD) |\n| --- | ---: | ---: |");
foreach (var (id, clv, alive) in top)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {alive:0.000} | {clv:0.00} |"));
}

return 0;

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

using System.Globalization;
using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

/// <summary>Reads the bundled CDNOW sample (samples/cdnow) into orders and the published summaries (simple line splitting).</summary>
public static class CdnowFixture
{
    /// <summary>The zone the CDNOW dates are placed in (any fixed zone works; dates are local dates).</summary>
    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>Calibration end of the papers: 1997-09-30 (39 weeks after 1997-01-01).</summary>
    public static LocalDate CalibrationEnd { get; } = new(1997, 9, 30);

    private static readonly Lazy<Order[]> LazyOrders = new(ReadOrders);
    private static readonly Lazy<CustomerBaseSummary> LazySummary = new(() =>
        CustomerBase.Of(Orders, Zone, new CustomerSummaryOptions { CalibrationEnd = CalibrationEnd, HoldoutEnd = new LocalDate(1998, 6, 30) }));

    /// <summary>The 6,919 purchases.</summary>
    public static Order[] Orders => LazyOrders.Value;

    /// <summary>The calibration summary with the 39-week holdout.</summary>
    public static CustomerBaseSummary Summary => LazySummary.Value;

    /// <summary>Path of a file in samples/cdnow.</summary>
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", file);

    /// <summary>Rows of a CSV with a header, split on commas.</summary>
    public static string[][] Csv(string file) =>
        [.. File.ReadAllLines(PathOf(file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    /// <summary>Parses a double invariantly.</summary>
    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static Order[] ReadOrders()
    {
        var orders = new List<Order>();
        foreach (string line in File.ReadAllLines(PathOf("CDNOW_sample.txt")))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            var instant = date.At(new LocalTime(12, 0)).InZoneLeniently(Zone).ToInstant();
            orders.Add(new Order(int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), instant, decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD"));
        }

        return [.. orders];
    }
}

using System.Globalization;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Tests.Retention;

/// <summary>Reads the bundled CDNOW sample (samples/cdnow, see its ATTRIBUTION.md) into orders: one per line, at noon UTC of its day.</summary>
internal static class Cdnow
{
    public static Order[] Orders()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "samples", "cdnow", "CDNOW_sample.txt");
        return [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select((line, i) =>
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var date = LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture));
            return new Order(f[1], date.At(new LocalTime(12, 0)).InUtc().ToInstant(), decimal.Parse(f[4], CultureInfo.InvariantCulture), "USD") { Id = $"line {i + 1}" };
        })];
    }
}

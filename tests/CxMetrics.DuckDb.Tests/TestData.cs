using System.Globalization;
using System.Text;
using CxMetrics.Commerce;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.DuckDb.Tests;

/// <summary>Deterministic survey answers and orders written to CSV in a temporary folder, plus the same rows in memory.</summary>
internal sealed class TestData : IDisposable
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly string[] Segments = ["new", "returning", "vip", "b2b, wholesale"];

    public TestData() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cxmetrics-duckdb-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string file) => Path.Combine(Folder, file);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Survey answers spread over 2024–2025 (both DST changes included), some unanswered, as (segment, time, score).</summary>
    public static List<(string? Segment, Instant At, int? Score)> Answers(int count, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        var rows = new List<(string?, Instant, int?)>(count);
        for (int i = 0; i < count; i++)
        {
            var at = start + Duration.FromSeconds(random.NextInt64(0, 2L * 365 * 86_400));
            string? segment = random.Next(10) == 0 ? null : Segments[random.Next(Segments.Length)];
            int? score = random.Next(20) == 0 ? null : random.Next(11);
            rows.Add((segment, at, score));
        }

        // Answers a second either side of local midnight on the spring-forward and fall-back days, and of a month end.
        foreach (var local in new[] { new LocalDateTime(2024, 3, 31, 0, 0), new LocalDateTime(2024, 10, 27, 0, 0), new LocalDateTime(2025, 1, 1, 0, 0), new LocalDateTime(2024, 12, 1, 0, 0) })
        {
            var midnight = local.InZoneLeniently(Berlin).ToInstant();
            rows.Add(("vip", midnight - Duration.FromSeconds(1), 9));
            rows.Add(("vip", midnight, 3));
        }

        return rows;
    }

    /// <summary>Writes answers as CSV with offsets in a mix of zones (the instant is what counts).</summary>
    public string WriteAnswers(string file, IEnumerable<(string? Segment, Instant At, int? Score)> rows, IEnumerable<string>? extraLines = null)
    {
        var text = new StringBuilder("response_id,segment,answered_at,score\n");
        int id = 0;
        var pattern = OffsetDateTimePattern.ExtendedIso;
        var offsets = new[] { Offset.Zero, Offset.FromHours(1), Offset.FromHoursAndMinutes(-5, -30), Offset.FromHours(9) };
        foreach (var (segment, at, score) in rows)
        {
            string when = pattern.Format(at.WithOffset(offsets[id % offsets.Length]));
            text.Append(CultureInfo.InvariantCulture, $"r{id++},{Quote(segment)},{when},{score}\n");
        }

        foreach (string line in extraLines ?? [])
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(PathOf(file), text.ToString());
        return PathOf(file);
    }

    /// <summary>Orders of <paramref name="customers"/> customers in 2024–2025, amounts with cents, all in EUR.</summary>
    public static List<Order> Orders(int count, int customers, int seed)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        var orders = new List<Order>(count);
        for (int i = 0; i < count; i++)
        {
            string customer = "c" + random.Next(customers).ToString(CultureInfo.InvariantCulture);
            var at = start + Duration.FromSeconds(random.NextInt64(0, 2L * 365 * 86_400));
            decimal amount = random.Next(0, 50_000) / 100m;
            orders.Add(new Order(customer, at, amount, "EUR"));
        }

        return orders;
    }

    public string WriteOrders(string file, IEnumerable<Order> orders, IEnumerable<string>? extraLines = null)
    {
        var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
        int id = 0;
        foreach (var order in orders)
        {
            string when = InstantPattern.ExtendedIso.Format(order.PlacedAt);
            text.Append(CultureInfo.InvariantCulture, $"o{id++},{Quote(order.CustomerId)},{when},{order.Amount},{order.Currency}\n");
        }

        foreach (string line in extraLines ?? [])
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(PathOf(file), text.ToString());
        return PathOf(file);
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

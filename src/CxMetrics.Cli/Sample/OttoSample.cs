using System.Globalization;
using System.Text.Json;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// Reads the bundled OTTO session events (<c>samples/otto/otto_train_sample.jsonl</c>, CC BY 4.0) as cart events: each
/// OTTO session (a user's 4-week history) is split into visits at gaps of <see cref="VisitGap"/>; <c>carts</c> become
/// <see cref="CartEventKind.ItemAdded"/>, <c>orders</c> <see cref="CartEventKind.Purchase"/>, keyed by visit. Clicks are
/// counted, not converted (they are not cart events).
/// </summary>
internal static class OttoSample
{
    /// <summary>A visit ends after 30 minutes without events (GA4's default session time-out).</summary>
    public static readonly Duration VisitGap = Duration.FromMinutes(30);

    /// <summary>The end of OTTO's training window, 2022-08-28 22:00 UTC: the as-of instant of the sample.</summary>
    public static readonly Instant AsOf = Instant.FromUtc(2022, 8, 28, 22, 0);

    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "samples", "otto", "otto_train_sample.jsonl");

    public static OttoEvents Load() => Parse(File.ReadLines(Path));

    public static OttoEvents Parse(IEnumerable<string> lines)
    {
        var events = new List<CartEvent>();
        int sessions = 0, visits = 0, clicks = 0, lineNumber = 0;
        foreach (string line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            long session = doc.RootElement.GetProperty("session").GetInt64();
            sessions++;
            long previous = long.MinValue;
            int visit = 0;
            foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
            {
                long ts = e.GetProperty("ts").GetInt64();
                if (previous != long.MinValue && Duration.FromMilliseconds(ts - previous) >= VisitGap)
                {
                    visit++;
                }

                previous = ts;
                string type = e.GetProperty("type").GetString() ?? string.Empty;
                var kind = type switch
                {
                    "carts" => CartEventKind.ItemAdded,
                    "orders" => CartEventKind.Purchase,
                    "clicks" => (CartEventKind?)null,
                    _ => throw new FormatException($"line {lineNumber}: unknown OTTO event type '{type}'."),
                };
                if (kind is null)
                {
                    clicks++;
                    continue;
                }

                events.Add(new CartEvent(string.Create(CultureInfo.InvariantCulture, $"{session}-v{visit}"), kind.Value, Instant.FromUnixTimeMilliseconds(ts))
                {
                    ItemId = e.GetProperty("aid").GetInt64().ToString(CultureInfo.InvariantCulture),
                });
            }

            visits += visit + 1;
        }

        return new OttoEvents(events, sessions, visits, clicks);
    }
}

/// <summary>The converted sample: cart events, and how many sessions, visits and (unused) clicks were read.</summary>
internal sealed record OttoEvents(IReadOnlyList<CartEvent> Events, int Sessions, int Visits, int Clicks);

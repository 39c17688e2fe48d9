using System.Text.Json;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Tests.Commerce;

/// <summary>
/// End to end on real events: the bundled OTTO sample (samples/otto, CC BY 4.0), split into visits at 30-minute gaps.
/// The expected counts were computed independently with a short Python script over the same file.
/// </summary>
public class OttoSampleTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2022, 8, 28, 22, 0);

    private static readonly CartOptions Options = new()
    {
        Unit = AnalysisUnit.Session,
        Steps = [new FunnelStep("add to cart", CartEventKind.ItemAdded), new FunnelStep("purchase", CartEventKind.Purchase)],
    };

    private static List<CartEvent> Load()
    {
        var events = new List<CartEvent>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "otto", "otto_train_sample.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            long session = doc.RootElement.GetProperty("session").GetInt64();
            long previous = long.MinValue;
            int visit = 0;
            foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
            {
                long ts = e.GetProperty("ts").GetInt64();
                visit += previous != long.MinValue && ts - previous >= 30 * 60 * 1000 ? 1 : 0;
                previous = ts;
                string type = e.GetProperty("type").GetString()!;
                if (type == "clicks")
                {
                    continue;
                }

                var kind = type == "carts" ? CartEventKind.ItemAdded : CartEventKind.Purchase;
                events.Add(new CartEvent($"{session}-v{visit}", kind, Instant.FromUnixTimeMilliseconds(ts)) { ItemId = e.GetProperty("aid").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }
        }

        return events;
    }

    [Fact]
    public void Otto_visits_give_21_carts_4_purchases_and_one_purchase_without_cart()
    {
        var events = Load();
        Assert.Equal(62, events.Count); // 52 carts + 10 orders
        var tally = CartTally.Of(events);
        Assert.Equal(22, tally.Units);
        Assert.Equal(0, tally.DuplicateEvents); // two orders at one instant are two articles, not duplicates

        var abandonment = Abandonment.From(tally, AsOf, options: Options);
        Assert.Equal(4, abandonment.Purchased);
        Assert.Equal(17, abandonment.Abandoned);
        Assert.Equal(0, abandonment.Pending);
        Assert.Equal(17.0 / 21, abandonment.Rate.Value!.Value, 12);
        Assert.Equal(1, abandonment.Anomalies!.PurchasesWithoutCart);

        var funnel = Funnel.From(tally, AsOf, Options);
        Assert.Equal([21L, 4], funnel.Steps.Select(s => s.Reached));
        Assert.Equal(17.0 / 21, funnel.OverallAbandonment!.Value, 12);
        Assert.Equal(AnalysisUnit.Session, funnel.Unit);
    }
}

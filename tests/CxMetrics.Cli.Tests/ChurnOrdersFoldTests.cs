using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Commerce;
using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>churn on orders folded into inactivity-churn tallies gives the tables the list of orders gives.</summary>
public sealed class ChurnOrdersFoldTests
{
    private static Order[] Orders()
    {
        var random = new Random(3);
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        return [.. Enumerable.Range(0, 3000).Select(i => new Order($"c{random.Next(300)}", start + Duration.FromHours(random.Next(0, 24 * 400)), 10m, "EUR")
            { Channel = random.Next(4) switch { 0 => null, 1 => "web", _ => "app" } })];
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2024-09-15T00:00:00Z")]
    public void Headline_keys_and_trend_equal_inactivity_churn_of_the_list(string? asOfText)
    {
        var orders = Orders();
        Instant? given = asOfText is null ? null : NodaTime.Text.InstantPattern.General.Parse(asOfText).Value;
        var window = Duration.FromDays(45);
        var s = new CliSettings { Segment = "channel", AsOf = given, Family = new FamilySettings { Window = window } };
        var doc = new ReportDocument("churn", "test");
        ChurnCommand.Orders(doc, RecordStream<Order>.InMemory(orders), s);

        var asOf = given ?? orders.Max(o => o.PlacedAt);
        Assert.Equal(InactivityChurn.Of(orders, window, asOf), doc.Results["inactivityChurn"]);
        var byKey = doc.Tables[1].Rows;
        var expectedKeys = orders.GroupBy(o => o.Channel).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedKeys.Select(g => g.Key ?? "(none)"), byKey.Select(r => r[0].ToString()));
        for (int i = 0; i < expectedKeys.Count; i++)
        {
            var r = InactivityChurn.Of(expectedKeys[i], window, asOf);
            Assert.Equal(Format.Count(r.Churned).ToString(), byKey[i][3].ToString());
            Assert.Equal(Format.Count(r.Pending).ToString(), byKey[i][5].ToString());
        }

        var trend = doc.Tables[2].Rows;
        Assert.True(trend.Count > 6);
        foreach (var row in trend)
        {
            var end = NodaTime.Text.LocalDatePattern.Iso.Parse(row[0].ToString()).Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            var r = InactivityChurn.Of(orders, window, end);
            Assert.Equal((Format.Count(r.Churned).ToString(), Format.Count(r.Rate.Count).ToString(), Format.Count(r.Pending).ToString(), Format.Number(r.Rate.Value * 100)), (row[3].ToString(), row[4].ToString(), row[5].ToString(), row[1].ToString()));
        }
    }
}

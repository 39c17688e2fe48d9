using System.Globalization;
using System.Text;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Cli.Output;
using CxMetrics.Retention;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// churn and survival on subscription events fold the file into a <see cref="SubscriptionTally"/> as it is read: their
/// results equal the list-based computation (all events in a list, replayed, each period judged) on random event logs.
/// </summary>
public sealed class SubscriptionFoldTests : IDisposable
{
    private static readonly Instant Origin = Instant.FromUtc(2024, 1, 1, 0, 0);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-subfold-" + Guid.NewGuid().ToString("N"));

    public SubscriptionFoldTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A valid random log: per customer one subscription started, then upgrades, downgrades, cancels and reactivations; lines shuffled.</summary>
    private static string Log(int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        int customers = random.Next(1, 25);
        for (int c = 0; c < customers; c++)
        {
            var at = Origin + Duration.FromMinutes(random.Next(0, 300 * 24 * 60));
            decimal mrr = random.Next(1, 10) * 10;
            bool live = true;
            lines.Add(Line(c, "start", at, mrr));
            for (int k = random.Next(0, 5); k > 0; k--)
            {
                at += Duration.FromMinutes(random.Next(1, 60 * 24 * 60));
                if (!live)
                {
                    mrr = random.Next(1, 10) * 10;
                    lines.Add(Line(c, "reactivate", at, mrr));
                    live = true;
                }
                else if (random.Next(3) == 0)
                {
                    lines.Add(Line(c, "cancel", at, null));
                    live = false;
                }
                else
                {
                    bool up = random.Next(2) == 0 || mrr <= 10;
                    mrr += up ? 10 : -10;
                    lines.Add(Line(c, up ? "upgrade" : "downgrade", at, mrr));
                }
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        return "subscription_id,customer_id,event,at,mrr,currency\n" + string.Join("\n", lines) + "\n";

        static string Line(int c, string kind, Instant at, decimal? mrr) =>
            string.Create(CultureInfo.InvariantCulture, $"s{c},c{c},{kind},{InstantPattern(at)},{mrr},{(mrr is null ? string.Empty : "EUR")}");

        static string InstantPattern(Instant at) => NodaTime.Text.InstantPattern.ExtendedIso.Format(at);
    }

    [Property(MaxTest = 40)]
    public Property Churn_and_survival_from_the_folded_tally_equal_the_list_based_results(int seed, bool givenAsOf)
    {
        string file = Path.Combine(folder, $"subscriptions-{seed}-{givenAsOf}.csv");
        File.WriteAllText(file, Log(seed), new UTF8Encoding(false));
        var settings = new CliSettings { AsOf = givenAsOf ? Origin + Duration.FromDays(200) : null };

        // Streamed: the command's own path.
        var data = new ShopData();
        var tally = data.Subscriptions(file, settings);
        var doc = new ReportDocument("churn", "test");
        ChurnCommand.Subscriptions(doc, tally, settings);
        var lifetimes = SurvivalCommand.FromSubscriptions("test", tally, settings);

        // List-based: every event in a list, replayed, the periods from the first event's to the one before the as-of.
        var list = new List<SubscriptionEvent>();
        list.AddRange(MappedRead.Subscriptions(file, settings));
        var history = SubscriptionHistory.Replay(list);
        var asOf = AsOfRule.Resolve(settings.AsOf, list.Max(e => e.At));
        var grid = settings.Grid;
        var first = grid.Containing(list.Min(e => e.At));
        var current = grid.Containing(asOf);
        var options = new ChurnOptions { Denominator = settings.Family.Denominator, SamePeriod = settings.Family.SamePeriod, ConfidenceLevel = settings.ConfidenceLevel };
        var churn = current > first ? CustomerChurn.ByPeriod(history, grid, first, current.Previous(), options).Select(c => c.Result.ToString()).ToList() : [];
        var revenue = current > first ? RevenueChurn.ByPeriod(history, grid, first, current.Previous()).Select(c => c.Result.ToString()).ToList() : [];
        var km = new KaplanMeierTally();
        foreach (var spell in history.Spells.GroupBy(s => s.CustomerId).Select(g => g.First()).Where(s => s.From <= asOf))
        {
            km.Add(spell.ObservedAt(asOf, Duration.FromDays(1)));
        }

        var streamedChurn = ((List<ChurnResult>)doc.Results["churn"]).Select(c => c.ToString()).ToList();
        var streamedRevenue = ((List<RevenueChurnResult>)doc.Results["revenueChurn"]).Select(c => c.ToString()).ToList();
        var streamedKm = KaplanMeier.From(lifetimes.Tallies["all"]).ToString();
        return (streamedChurn.SequenceEqual(churn) && streamedRevenue.SequenceEqual(revenue) && streamedKm == KaplanMeier.From(km).ToString()
                && tally.EventCount == list.Count && tally.Latest == list.Max(e => e.At))
            .Label($"churn {string.Join("; ", streamedChurn)}\nvs {string.Join("; ", churn)}");
    }

    [Fact]
    public void A_refused_event_still_reads_the_whole_file_before_the_error()
    {
        string file = Path.Combine(folder, "subscriptions.csv");
        File.WriteAllText(file, "subscription_id,customer_id,event,at,mrr,currency\ns1,c1,start,2025-01-01T10:00:00Z,10,EUR\ns1,c2,cancel,2025-01-05T10:00:00Z,,\ns2,c3,start,2025-01-06T10:00:00Z,10,EUR\ns3,c4,start,2025-01-07T10:00:00Z,oops,EUR\n");
        var data = new ShopData();
        var error = Assert.Throws<ArgumentException>(() => data.Subscriptions(file, new CliSettings()));
        Assert.Contains("belongs to customer 'c1'", error.Message, StringComparison.Ordinal);
        var account = Assert.Single(data.Reports);
        Assert.Equal(4, account.RowsRead);
        Assert.Equal(1, account.RowsRejected);
    }
}

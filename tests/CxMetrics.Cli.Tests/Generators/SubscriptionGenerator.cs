using CxMetrics.Internal;
using System.Globalization;
using System.Text;
using CxMetrics.Cli.Sample;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>The generator of the bundled subscription events (<see cref="SubscriptionSample"/>): see there for what they hold.</summary>
internal static class SubscriptionGenerator
{
    public const string Header = "subscription_id,customer_id,event,at,mrr,currency";

    private static readonly decimal[] Plans = [9m, 19m, 49m];

    private static DateTimeZone Zone => SubscriptionSample.Zone;

    public static string GenerateCsv(ulong seed = SubscriptionSample.Seed)
    {
        var random = new SplitMix64(seed);
        var pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");
        var rows = new List<(Instant At, string Line)>();
        var first = new LocalDate(2024, 1, 1);
        int subscriptionId = 0;
        for (int c = 1; c <= 240; c++)
        {
            string customer = string.Create(CultureInfo.InvariantCulture, $"C{c:D4}");
            int subscriptions = random.NextDouble() < 0.12 ? 2 : 1;
            for (int s = 0; s < subscriptions; s++)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"S{++subscriptionId:D4}");
                var day = first.PlusDays(random.NextInt(700) + (s * 30));
                int plan = random.Pick([0.5, 0.35, 0.15]);
                var state = "live";
                Add(id, customer, day, "start", Plans[plan]);
                for (var month = day.PlusMonths(1); month < new LocalDate(2026, 1, 1); month = month.PlusMonths(1))
                {
                    var at = month.PlusDays(random.NextInt(28));
                    if (at >= new LocalDate(2026, 1, 1))
                    {
                        break;
                    }

                    double u = random.NextDouble();
                    switch (state)
                    {
                        case "live" when u < 0.03:
                            Add(id, customer, at, "cancel", null);
                            state = "cancelled";
                            break;
                        case "live" when u < 0.06 && plan < 2:
                            Add(id, customer, at, "upgrade", Plans[++plan]);
                            break;
                        case "live" when u < 0.075 && plan > 0:
                            Add(id, customer, at, "downgrade", Plans[--plan]);
                            break;
                        case "live" when u < 0.095:
                            Add(id, customer, at, "pause", null);
                            state = "paused";
                            break;
                        case "live" when u < 0.13:
                            Add(id, customer, at, "skip", null);
                            break;
                        case "paused" when u < 0.1:
                            Add(id, customer, at, "cancel", null);
                            state = "cancelled";
                            break;
                        case "paused" when u < 0.6:
                            Add(id, customer, at, "resume", null);
                            state = "live";
                            break;
                        case "cancelled" when u < 0.04:
                            plan = random.Pick([0.6, 0.3, 0.1]);
                            Add(id, customer, at, "reactivate", Plans[plan]);
                            state = "live";
                            break;
                    }
                }
            }
        }

        rows.Sort((a, b) => a.At.CompareTo(b.At) != 0 ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Line, b.Line));
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.Line).Append('\n');
        }

        return text.ToString();

        void Add(string id, string customer, LocalDate date, string kind, decimal? mrr)
        {
            var local = date.At(new LocalTime(6 + random.NextInt(16), random.NextInt(60)));
            var zoned = local.InZoneLeniently(Zone);
            string amount = mrr is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty;
            string currency = mrr is null ? string.Empty : "EUR";
            rows.Add((zoned.ToInstant(), $"{id},{customer},{kind},{pattern.Format(zoned.ToOffsetDateTime())},{amount},{currency}"));
        }
    }
}

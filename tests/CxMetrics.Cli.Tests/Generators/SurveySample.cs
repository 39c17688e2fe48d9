using CxMetrics.Internal;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// The generator of the bundled survey answers (<c>samples/shop/nps.csv</c>, <c>csat.csv</c>, <c>ces.csv</c>, written by
/// <see cref="BundledShop"/>): a year (2025) of survey answers of a fictional online shop in Europe/Berlin, generated
/// deterministically. No open NPS / CSAT / CES answer data exists, so this is synthetic by design: an NPS survey after
/// delivery, CSAT on product, delivery and service touchpoints, and CES 2.0 after support contacts, with patterns an
/// analyst would look for (NPS improving through the year, delivery satisfaction dipping in the Christmas peak, chat
/// support easier than email, about 4% of items left unanswered).
/// </summary>
internal static class SurveySample
{
    public const ulong Seed = 20250101;

    public static DateTimeZone Zone { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly string[] Channels = ["email", "in-app", "sms"];
    private static readonly string[] Segments = ["new", "returning", "vip"];
    private static readonly string[] SupportChannels = ["chat", "email", "phone"];

    public static SurveySet Generate(ulong seed = Seed)
    {
        var random = new SplitMix64(seed);
        var start = new LocalDate(2025, 1, 1).AtStartOfDayInZone(Zone).ToInstant();
        var nps = new List<SurveyResponse>();
        var csat = new List<SurveyResponse>();
        var ces = new List<SurveyResponse>();
        int id = 0;
        for (int day = 0; day < 365; day++)
        {
            var date = new LocalDate(2025, 1, 1).PlusDays(day);
            double yearShare = day / 365.0;
            bool peak = date.Month == 12 || (date.Month == 11 && date.Day >= 20);
            int answers = 12 + random.NextInt(10) + (peak ? 10 : 0);
            for (int k = 0; k < answers; k++)
            {
                var at = start.Plus(Duration.FromDays(day)).Plus(Duration.FromSeconds(random.NextInt(86_400)));
                string customer = $"C{random.NextInt(4000):D5}";
                string segment = Segments[random.Pick([0.45, 0.45, 0.10])];
                string channel = Channels[random.Pick([0.6, 0.3, 0.1])];
                double lift = (yearShare * 1.2) + (segment == "vip" ? 1.0 : segment == "new" ? -0.4 : 0) - (peak ? 0.6 : 0);
                nps.Add(new SurveyResponse(customer, at, Unanswered(random) ? null : NpsScore(random, lift))
                {
                    Id = $"n-{++id}", Channel = channel, Segment = segment, Touchpoint = "delivery",
                });

                string touchpoint = new[] { "product", "delivery", "service" }[random.NextInt(3)];
                double csatLift = touchpoint == "delivery" && peak ? -1.0 : touchpoint == "product" ? 0.3 : 0;
                csat.Add(new SurveyResponse(customer, at.Plus(Duration.FromMinutes(5)), Unanswered(random) ? null : Rating(random, 1, 5, 3.9 + csatLift + (yearShare * 0.2)))
                {
                    Id = $"s-{id}", Channel = channel, Segment = segment, Touchpoint = touchpoint,
                });

                if (random.NextDouble() < 0.3)
                {
                    string support = SupportChannels[random.Pick([0.5, 0.35, 0.15])];
                    double ease = support switch { "chat" => 5.6, "phone" => 5.2, _ => 4.6 };
                    ces.Add(new SurveyResponse(customer, at.Plus(Duration.FromHours(2)), Unanswered(random) ? null : Rating(random, 1, 7, ease))
                    {
                        Id = $"e-{id}", Channel = support, Segment = segment, Touchpoint = "service",
                    });
                }
            }
        }

        return new SurveySet(nps, csat, ces);
    }

    private static bool Unanswered(SplitMix64 random) => random.NextDouble() < 0.04;

    /// <summary>A 0–10 answer: a mixture of detractor, passive and promoter tendencies shifted by <paramref name="lift"/>.</summary>
    private static int NpsScore(SplitMix64 random, double lift)
    {
        double promoter = Math.Exp(0.2 + (0.5 * lift)), passive = 1.0, detractor = Math.Exp(-0.5 - (0.5 * lift));
        return random.Pick([detractor, passive, promoter]) switch
        {
            0 => random.Pick([0.03, 0.02, 0.04, 0.08, 0.1, 0.3, 0.43]),
            1 => 7 + random.NextInt(2),
            _ => 9 + (random.NextDouble() < 0.55 ? 1 : 0),
        };
    }

    /// <summary>A rating on min..max around <paramref name="centre"/>, rounded from a triangular draw.</summary>
    private static int Rating(SplitMix64 random, int min, int max, double centre)
    {
        double x = centre + ((random.NextDouble() + random.NextDouble() - 1) * (max - min) * 0.55);
        return Math.Clamp((int)Math.Round(x), min, max);
    }
}

/// <summary>The three survey streams of the sample.</summary>
internal sealed record SurveySet(IReadOnlyList<SurveyResponse> Nps, IReadOnlyList<SurveyResponse> Csat, IReadOnlyList<SurveyResponse> Ces);

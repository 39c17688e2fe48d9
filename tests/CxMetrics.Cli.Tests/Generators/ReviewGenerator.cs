using System.Globalization;
using System.Text;
using CxMetrics.Internal;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// The generator of the bundled synthetic reviews (<c>samples/shop/reviews.csv</c>, written by <see cref="BundledShop"/>;
/// no open data set of a shop's reviews across sites exists): a fictional shop in Europe/Berlin, 2025, with four stores
/// reviewed on Google (1–5) and Yelp (1–5) and 60 products reviewed on Trustpilot (1–5) and on its own site (0–10).
/// Each store and product has its own quality; product popularity falls off steeply, so many products have few reviews
/// (what the ranking's prior is for). The store opened in Cologne in June serves badly for its first months. The shop
/// answers most negative reviews, faster from July on (a reply process is introduced), and few of the others; reviews
/// near the year's end may be answered only in January 2026 (after the report's as-of).
/// </summary>
internal static class ReviewGenerator
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly OffsetDateTimePattern Local = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");

    private static readonly (string Name, double Quality, int OpensMonth)[] Stores =
        [("store-berlin", 0.78, 1), ("store-hamburg", 0.70, 1), ("store-munich", 0.84, 1), ("store-cologne", 0.62, 6)];

    /// <summary>Source, scale and weight of a review: Google and Yelp review stores, Trustpilot and the shop's site products.</summary>
    private static readonly (string Source, int Min, int Max, bool Stores, double Weight)[] Sources =
        [("Google", 1, 5, true, 0.35), ("Yelp", 1, 5, true, 0.10), ("Trustpilot", 1, 5, false, 0.25), ("on-site", 0, 10, false, 0.30)];

    public static string GenerateCsv(ulong seed = 20250301, int count = 3_200)
    {
        var random = new SplitMix64(seed);
        var start = new LocalDateTime(2025, 1, 1, 0, 0).InZoneLeniently(Zone).ToInstant();
        var end = new LocalDateTime(2026, 1, 1, 0, 0).InZoneLeniently(Zone).ToInstant();
        double[] productQuality = [.. Enumerable.Range(0, 60).Select(_ => 0.35 + (0.6 * random.NextDouble()))];
        double[] weights = [.. Sources.Select(s => s.Weight)];
        var text = new StringBuilder("review_id,source,item,rating,scale,created_at,replied_at\n");
        var rows = new List<(Instant Created, string Line)>(count);
        for (int i = 0; i < count; i++)
        {
            var source = Sources[random.Pick(weights)];
            var created = start + Duration.FromSeconds((long)(random.NextDouble() * (end - start).TotalSeconds));
            int month = created.InZone(Zone).Month;
            string item;
            double quality;
            if (source.Stores)
            {
                var store = Stores[random.NextInt(Stores.Length)];
                if (month < store.OpensMonth)
                {
                    store = Stores[0];
                }

                item = store.Name;

                // Cologne's first months: long queues and missing orders, better from September on.
                quality = store.Name == "store-cologne" && month < 9 ? 0.40 : store.Quality;
            }
            else
            {
                // Popularity ~ u³: a few bestsellers, a long tail of products with a handful of reviews.
                int product = Math.Min(59, (int)(60 * Math.Pow(random.NextDouble(), 3)));
                item = $"sku-{product + 1:D3}";
                quality = productQuality[product];
            }

            double latent = Math.Clamp(quality + (0.28 * Normal(random)), 0, 1);
            int rating = source.Min + (int)Math.Round(latent * (source.Max - source.Min));
            int range = source.Max - source.Min;
            bool negative = rating <= source.Min + (range / 4);
            bool improved = month >= 7;
            double replyChance = negative ? (improved ? 0.92 : 0.70) : 0.15;
            string replied = string.Empty;
            if (random.NextDouble() < replyChance)
            {
                double meanHours = negative ? (improved ? 9 : 30) : 48;
                var reply = created + Duration.FromMinutes(Math.Round(-meanHours * 60 * Math.Log(1 - random.NextDouble())));
                replied = Local.Format(reply.InZone(Zone).ToOffsetDateTime());
            }

            string scale = string.Create(CultureInfo.InvariantCulture, $"{source.Min}-{source.Max}");
            rows.Add((created, string.Create(CultureInfo.InvariantCulture, $"{source.Source},{item},{rating},{scale},{Local.Format(created.InZone(Zone).ToOffsetDateTime())},{replied}")));
        }

        int id = 0;
        foreach (var (_, line) in rows.OrderBy(r => r.Created))
        {
            text.Append(CultureInfo.InvariantCulture, $"R{++id:D5},{line}\n");
        }

        return text.ToString();
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(SplitMix64 random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

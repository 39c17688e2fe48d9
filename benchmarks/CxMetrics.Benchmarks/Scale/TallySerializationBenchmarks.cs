using BenchmarkDotNet.Attributes;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Benchmarks.Scale;

/// <summary>
/// One serialise → deserialise round trip of a representative tally of each kind, in the JSON form (baseline: the text form a
/// service would naively ship) and the binary form. Sizes (bytes per tally) are printed once in the setup and recorded in
/// docs/performance-scale.md. Kinds: nps and rating (fixed size); kaplan-meier with 1,000 distinct times; quantile-sketch of
/// 200,000 values; conversion per visitor with 10,000 visitors; support of 5,000 tickets, cohort and customer-summary of 10,000 orders; cart of 20,000 events of 2,000 carts.
/// </summary>
[MemoryDiagnoser]
public class TallySerializationBenchmarks
{
    private object tally = null!;
    private Func<byte[], object> fromBytes = null!;
    private Func<string, object> fromJson = null!;

    [Params("nps", "rating", "kaplan-meier", "quantile-sketch", "conversion", "support", "cohort", "customer-summary", "cart")]
    public string Kind { get; set; } = "nps";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        switch (Kind)
        {
            case "nps":
                Use(NpsTally.FromCounts(412_345, 301_234, 286_421, 1_234));
                break;
            case "rating":
                Use(RatingTally.FromCounts(CsatScale.OneToFive, [1_200, 3_400, 12_000, 45_000, 60_000], 321));
                break;
            case "kaplan-meier":
                var km = new KaplanMeierTally();
                for (int i = 0; i < 20_000; i++)
                {
                    km.Add(random.Next(1_000), random.Next(4) > 0);
                }

                Use(km);
                break;
            case "quantile-sketch":
                var sketch = new QuantileSketch();
                for (int i = 0; i < 200_000; i++)
                {
                    sketch.Add(Math.Exp(random.NextDouble() * 12));
                }

                Use(sketch);
                break;
            case "conversion":
                var conversion = new ConversionTally(ConversionUnit.Visitor);
                foreach (var s in ScaleData.Sessions(30_000, 10_000))
                {
                    conversion.Add(s);
                }

                Use(conversion);
                break;
            case "support":
                Use(SupportTally.Of(SupportTimes.Of(ScaleData.Tickets(5_000), ScaleData.Office, Instant.FromUtc(2024, 7, 1, 0, 0))));
                break;
            case "cohort":
                var cohort = new CohortTally();
                foreach (var o in ScaleData.Orders(10_000, 3_000))
                {
                    cohort.Add(o);
                }

                Use(cohort);
                break;
            case "cart":
                Use(CartTally.Of(ScaleData.CartEvents(20_000, 2_000)));
                break;
            default:
                var summary = new CustomerSummaryTally(ScaleData.Berlin);
                summary.AddRange(ScaleData.Orders(10_000, 3_000));
                Use(summary);
                break;
        }

        Console.WriteLine($"// {Kind}: {TallyFormat.ToBytes(tally).Length} bytes binary, {TallyFormat.ToJson(tally).Length} characters JSON");
    }

    [Benchmark(Baseline = true, Description = "JSON round trip")]
    public object JsonRoundTrip() => fromJson(TallyFormat.ToJson(tally));

    [Benchmark(Description = "binary round trip")]
    public object BinaryRoundTrip() => fromBytes(TallyFormat.ToBytes(tally));

    [Benchmark(Description = "binary write only")]
    public int BinaryWrite() => TallyFormat.ToBytes(tally).Length;

    private void Use<T>(T value)
        where T : class
    {
        tally = value;
        fromBytes = b => TallyFormat.FromBytes<T>(b);
        fromJson = j => TallyFormat.FromJson<T>(j);
    }
}

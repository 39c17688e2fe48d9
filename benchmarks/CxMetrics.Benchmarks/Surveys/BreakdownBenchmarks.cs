using BenchmarkDotNet.Attributes;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Benchmarks.Surveys;

/// <summary>
/// NPS of 10 million typed responses broken down by 50 segments × 24 months in Europe/Berlin. Baseline: LINQ GroupBy
/// on (segment, local year-month) and a per-group NPS. Ours: <see cref="Nps.By{TKey}(IEnumerable{SurveyResponse}, Func{SurveyResponse, TKey}, SurveyOptions?)"/> with a tuple key, the period computed per response (a new grid each time, so nothing is cached) or found by one
/// <see cref="PeriodGrid"/> (its cached period table).
/// </summary>
[MemoryDiagnoser]
public class BreakdownBenchmarks
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private SurveyResponse[] responses = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var segments = Enumerable.Range(0, 50).Select(i => $"segment-{i:D2}").ToArray();
        var customers = Enumerable.Range(0, 1000).Select(i => $"C{i:D5}").ToArray();
        var start = Instant.FromUtc(2024, 1, 1, 0, 0);
        long span = Duration.FromDays(731).BclCompatibleTicks;
        responses = new SurveyResponse[Count];
        for (int i = 0; i < responses.Length; i++)
        {
            var at = start.Plus(Duration.FromTicks((long)(random.NextDouble() * span)));
            responses[i] = new SurveyResponse(customers[random.Next(customers.Length)], at, random.Next(0, 11)) { Segment = segments[random.Next(50)] };
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy (naive)")]
    public int Linq() => responses
        .GroupBy(r => (r.Segment, Month: r.AnsweredAt.InZone(Zone).Date.ToYearMonth()))
        .Select(g => 100.0 * (g.Count(r => r.Score >= 9) - g.Count(r => r.Score <= 6)) / g.Count())
        .Count();

    [Benchmark(Description = "Nps.By, a new grid per response")]
    public int Breakdown() =>
        Nps.By(responses, r => (r.Segment, new PeriodGrid(Zone, PeriodUnit.Month).Containing(r.AnsweredAt))).Count;

    [Benchmark(Description = "Nps.By, one PeriodGrid")]
    public int BreakdownWithLookup()
    {
        var months = new PeriodGrid(Zone, PeriodUnit.Month);
        return Nps.By(responses, r => (r.Segment, months.Containing(r.AnsweredAt))).Count;
    }

    [Benchmark(Description = "Nps.ByKeyAndPeriod (dense grid)")]
    public int Grid() => Nps.ByKeyAndPeriod(responses, r => r.Segment, new PeriodGrid(Zone, PeriodUnit.Month)).Count;
}

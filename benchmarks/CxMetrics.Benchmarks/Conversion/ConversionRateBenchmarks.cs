using BenchmarkDotNet.Attributes;
using CxMetrics.Conversion;
using NodaTime;

namespace CxMetrics.Benchmarks.Conversion;

/// <summary>
/// Conversion per visitor by device over 5 million sessions of 1 million visitors. Baseline: LINQ GroupBy device, then
/// distinct visitors and converting visitors per group. Ours: <see cref="ConversionRate.By{TKey}"/> with Wilson intervals.
/// </summary>
[MemoryDiagnoser]
public class ConversionRateBenchmarks
{
    private static readonly string[] Devices = ["desktop", "mobile", "tablet"];
    private Session[] sessions = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(5_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(9);
        var visitors = Enumerable.Range(0, BenchmarkSize.Of(1_000_000)).Select(i => $"v{i}").ToArray();
        var start = Instant.FromUtc(2025, 1, 1, 0, 0);
        sessions = new Session[Count];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new Session(visitors[random.Next(visitors.Length)], start + Duration.FromMinutes(random.Next(500_000)), random.NextDouble() < 0.03)
            {
                Device = Devices[random.Next(3)],
            };
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy + Distinct (naive)")]
    public int Linq() => sessions
        .GroupBy(s => s.Device)
        .Select(g => (Visitors: g.Select(s => s.VisitorId).Distinct().Count(), Converted: g.Where(s => s.Converted).Select(s => s.VisitorId).Distinct().Count()))
        .Count();

    [Benchmark(Description = "ConversionRate.By (per visitor)")]
    public int ByDevice() => ConversionRate.By(sessions, s => s.Device, ConversionUnit.Visitor).Count;

    [Benchmark(Description = "ConversionRate.By (per session)")]
    public int ByDevicePerSession() => ConversionRate.By(sessions, s => s.Device, ConversionUnit.Session).Count;
}

using BenchmarkDotNet.Attributes;
using CxMetrics.Experiments;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Benchmarks.Experiments;

/// <summary>
/// A read-out over 10 million per-customer observations in 20 segments × 4 arms. Baseline: LINQ GroupBy on
/// (segment, arm) computing each cell's conversion rate and mean revenue (no tests, no adjustment). Ours: the full
/// read-out (SRM check, Wilson/Newcombe/log-ratio intervals, z and Welch tests, Holm adjustment, best arm).
/// </summary>
[MemoryDiagnoser]
public class ExperimentReadoutBenchmarks
{
    private static readonly string[] Arms = ["control", "10% off", "15% off", "free shipping"];
    private ExperimentObservation[] observations = [];
    private ExperimentDesign design = null!;

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(10_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var segments = Enumerable.Range(0, 20).Select(i => $"segment-{i:D2}").ToArray();
        observations = new ExperimentObservation[Count];
        for (int i = 0; i < observations.Length; i++)
        {
            int arm = random.Next(4);
            bool converted = random.NextDouble() < 0.10 + (0.005 * arm);
            observations[i] = new ExperimentObservation("c", Arms[arm], segments[random.Next(20)], OutcomeStatus.Observed, converted, converted ? 20 + (random.NextDouble() * 80) : 0);
        }

        design = new ExperimentDesign
        {
            ControlArm = "control",
            PlannedSplit = Arms.ToDictionary(a => a, _ => 0.25),
            OutcomeWindow = Duration.FromDays(30),
            Adjustment = MultipleComparisonMethod.Holm,
        };
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy (naive, rates only)")]
    public int Linq() => observations
        .GroupBy(o => (o.Segment, o.Arm))
        .Select(g => (Rate: g.Count(o => o.Converted) / (double)g.Count(), Revenue: g.Average(o => o.Revenue)))
        .Count();

    [Benchmark(Description = "Experiment.Of (full read-out)")]
    public int Readout() => Experiment.Of(observations, design).Segments.Count;
}

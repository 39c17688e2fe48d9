using BenchmarkDotNet.Attributes;
using CxMetrics.Experiments;

namespace CxMetrics.Benchmarks.Experiments;

/// <summary>
/// The sufficient statistic of an experiment read-out over 2,000,000 per-customer observations in 20 segments × 4 arms
/// (a tenth still pending). Baseline: the naive way — LINQ <c>GroupBy</c> on (segment, arm), then per cell <c>Count</c>
/// the pending, observed and converted customers and compute the revenue mean and M₂ with <c>Average</c> and <c>Sum</c>
/// (two passes over the cell). Measured: <see cref="ExperimentTally.Of"/> (one pass, counts and Welford moments in place)
/// and four shards tallied separately and merged with <see cref="ExperimentTally.Merge"/> (the shape of a sharded service).
/// All three give the same conversion and pending counts, and the same M₂ to 1e-9 (compared in the set-up).
/// </summary>
[MemoryDiagnoser]
public class ExperimentTallyBenchmarks
{
    private static readonly string[] Arms = ["control", "10% off", "15% off", "free shipping"];
    private ExperimentObservation[] observations = [];
    private double lastM2;

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(2_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(21);
        var segments = Enumerable.Range(0, 20).Select(i => $"segment-{i:D2}").ToArray();
        observations = new ExperimentObservation[Count];
        for (int i = 0; i < observations.Length; i++)
        {
            int arm = random.Next(4);
            var status = random.NextDouble() < 0.1 ? OutcomeStatus.Pending : OutcomeStatus.Observed;
            bool converted = status == OutcomeStatus.Observed && random.NextDouble() < 0.10 + (0.005 * arm);
            observations[i] = new ExperimentObservation($"c{i}", Arms[arm], segments[random.Next(20)], status, converted, converted ? 20 + (random.NextDouble() * 80) : 0);
        }

        long naive = Naive(), tally = Tally(), sharded = Sharded();
        if (naive != tally || tally != sharded)
        {
            throw new InvalidOperationException($"conversion counts disagree: naive {naive}, tally {tally}, sharded {sharded}.");
        }

        double m2 = ExperimentTally.Of(observations).Cells.Sum(c => c.RevenueSumOfSquaredDeviations);
        if (Math.Abs(m2 - lastM2) > 1e-9 * Math.Abs(lastM2))
        {
            throw new InvalidOperationException($"revenue M2 disagrees: naive {lastM2}, tally {m2}.");
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy (segment, arm), counts + mean + M2 (naive)")]
    public long Naive()
    {
        long converted = 0, pending = 0;
        double m2Sum = 0;
        foreach (var g in observations.GroupBy(o => (o.Segment, o.Arm)))
        {
            var observed = g.Where(o => o.Status != OutcomeStatus.Pending).ToList();
            pending += g.Count(o => o.Status == OutcomeStatus.Pending);
            double mean = observed.Count == 0 ? 0 : observed.Average(o => o.Revenue);
            m2Sum += observed.Sum(o => (o.Revenue - mean) * (o.Revenue - mean));
            converted += observed.Count(o => o.Converted);
        }

        lastM2 = m2Sum;
        return converted + (pending << 32);
    }

    [Benchmark(Description = "ExperimentTally.Of (one pass)")]
    public long Tally() => Checksum(ExperimentTally.Of(observations));

    [Benchmark(Description = "4 shards: ExperimentTally.Of each + Merge")]
    public long Sharded()
    {
        int shard = observations.Length / 4;
        var whole = new ExperimentTally();
        for (int s = 0; s < 4; s++)
        {
            int end = s == 3 ? observations.Length : (s + 1) * shard;
            whole.Merge(ExperimentTally.Of(new ArraySegment<ExperimentObservation>(observations, s * shard, end - (s * shard))));
        }

        return Checksum(whole);
    }

    private static long Checksum(ExperimentTally tally)
    {
        long converted = 0, pending = 0;
        foreach (var cell in tally.Cells)
        {
            converted += cell.Converted;
            pending += cell.Pending;
        }

        return converted + (pending << 32);
    }
}

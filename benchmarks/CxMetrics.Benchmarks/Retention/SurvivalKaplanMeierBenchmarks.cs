using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Kaplan–Meier over 1,000,000 customers (R's <c>survfit</c> takes about 2.4 s on this machine). Durations are either
/// whole days of tenure (0..1095, heavy ties, like real subscription data) or continuous (almost all distinct).
/// Baseline: the naive LINQ way (GroupBy time, OrderBy, then a running product). Beside it: sorting (time, event) pairs
/// with <c>Array.Sort</c> and one sweep; our span fast path (radix sort of packed keys); and the mergeable tally path.
/// </summary>
[MemoryDiagnoser]
public class SurvivalKaplanMeierBenchmarks
{
    private double[] durations = [];
    private bool[] events = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [Params("days", "continuous")]
    public string Durations { get; set; } = "days";

    [GlobalSetup]
    public void Setup() => (durations, events) = Lifetimes(Count, Durations == "days");

    /// <summary>
    /// The input: exponential-ish lifetimes (mean 700 days) administratively censored by a uniform follow-up of up to 3
    /// years (1095 days), seed 42, in whole days or not (also exported for the peer scripts).
    /// </summary>
    internal static (double[] Durations, bool[] Events) Lifetimes(int count, bool wholeDays)
    {
        var random = new Random(42);
        var durations = new double[count];
        var events = new bool[count];
        for (int i = 0; i < count; i++)
        {
            double life = -Math.Log(1 - random.NextDouble()) * 700;
            double followUp = random.NextDouble() * 1095;
            double observed = Math.Min(life, followUp);
            durations[i] = wholeDays ? Math.Floor(observed) : observed;
            events[i] = life <= followUp;
        }

        return (durations, events);
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy + OrderBy (naive)")]
    public double Linq()
    {
        var groups = durations.Zip(events, (t, e) => (t, e))
            .GroupBy(x => x.t)
            .Select(g => (Time: g.Key, Events: g.Count(x => x.e), Total: g.Count()))
            .OrderBy(g => g.Time)
            .ToList();
        double atRisk = durations.Length, survival = 1, greenwood = 0;
        var curve = new List<(double, double, double)>(groups.Count);
        foreach (var g in groups)
        {
            if (g.Events > 0 && atRisk > g.Events)
            {
                survival *= 1 - (g.Events / atRisk);
                greenwood += g.Events / (atRisk * (atRisk - g.Events));
            }

            curve.Add((g.Time, survival, survival * Math.Sqrt(greenwood)));
            atRisk -= g.Total;
        }

        return curve[^1].Item2;
    }

    [Benchmark(Description = "Array.Sort pairs + sweep")]
    public double SortPairs()
    {
        var keys = durations.ToArray();
        var flags = events.ToArray();
        Array.Sort(keys, flags);
        double atRisk = keys.Length, survival = 1, greenwood = 0;
        int i = 0;
        while (i < keys.Length)
        {
            int j = i, d = 0;
            while (j < keys.Length && keys[j] == keys[i])
            {
                d += flags[j] ? 1 : 0;
                j++;
            }

            if (d > 0 && atRisk > d)
            {
                survival *= 1 - (d / atRisk);
                greenwood += d / (atRisk * (atRisk - d));
            }

            atRisk -= j - i;
            i = j;
        }

        return survival;
    }

    [Benchmark(Description = "KaplanMeier.Fit(span) radix")]
    public double? Fit() => KaplanMeier.Fit(durations, events).Steps[^1].StandardError;

    [Benchmark(Description = "KaplanMeierTally.AddRange + From")]
    public double? Tally()
    {
        var tally = new KaplanMeierTally();
        tally.AddRange(durations, events);
        return KaplanMeier.From(tally).Steps[^1].StandardError;
    }
}

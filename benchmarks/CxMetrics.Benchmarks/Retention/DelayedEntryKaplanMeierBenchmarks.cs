using BenchmarkDotNet.Attributes;
using CxMetrics.Retention;

namespace CxMetrics.Benchmarks.Retention;

/// <summary>
/// Kaplan–Meier with delayed entry (left truncation, R's <c>Surv(entry, exit, event)</c>) over 1,000,000 customers:
/// customers who joined up to three years before the data begins enter at the data's start (their tenure then), the
/// others at 0; exits in whole days (heavy ties) or continuous. Baseline: the naive LINQ way (GroupBy exit time, GroupBy
/// entry time, OrderBy, then a running risk set). Beside it: <c>Array.Sort</c> of exits and of entries with one merged
/// sweep; our span fast path (radix sort of packed exit keys and of entry keys, merged); and the mergeable tally path.
/// </summary>
[MemoryDiagnoser]
public class DelayedEntryKaplanMeierBenchmarks
{
    private double[] entries = [];
    private double[] exits = [];
    private bool[] events = [];

    public static IEnumerable<int> CountSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CountSizes))]
    public int Count { get; set; }

    [Params("days", "continuous")]
    public string Durations { get; set; } = "days";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        entries = new double[Count];
        exits = new double[Count];
        events = new bool[Count];
        for (int i = 0; i < Count; i++)
        {
            // Half the customers joined before the export starts: they enter at their tenure on its first day.
            double entry = random.NextDouble() < 0.5 ? random.NextDouble() * 1095 : 0;
            double life = -Math.Log(1 - random.NextDouble()) * 700;
            double followUp = random.NextDouble() * 1095;
            double exit = entry + Math.Min(life, followUp);
            bool churned = life <= followUp;
            if (Durations == "days")
            {
                entry = Math.Floor(entry);
                exit = Math.Max(entry + 1, Math.Floor(exit));
            }

            entries[i] = entry;
            exits[i] = exit;
            events[i] = churned;
        }
    }

    [Benchmark(Baseline = true, Description = "LINQ GroupBy exits and entries + OrderBy (naive)")]
    public double Linq()
    {
        var leaving = exits.Zip(events, (t, e) => (t, e)).GroupBy(x => x.t)
            .Select(g => (Time: g.Key, Events: g.Count(x => x.e), Total: g.Count())).OrderBy(g => g.Time).ToList();
        var joining = entries.Where(e => e > 0).GroupBy(e => e).Select(g => (Time: g.Key, Count: g.Count())).OrderBy(g => g.Time).ToList();
        double atRisk = entries.Count(e => e == 0), survival = 1, greenwood = 0;
        int j = 0;
        foreach (var g in leaving)
        {
            while (j < joining.Count && joining[j].Time < g.Time)
            {
                atRisk += joining[j++].Count;
            }

            if (g.Events > 0 && atRisk > g.Events)
            {
                survival *= 1 - (g.Events / atRisk);
                greenwood += g.Events / (atRisk * (atRisk - g.Events));
            }

            atRisk -= g.Total;
        }

        return survival * Math.Sqrt(greenwood);
    }

    [Benchmark(Description = "Array.Sort exits and entries + merged sweep")]
    public double SortPairs()
    {
        var keys = exits.ToArray();
        var flags = events.ToArray();
        Array.Sort(keys, flags);
        var starts = entries.Where(e => e > 0).ToArray();
        Array.Sort(starts);
        double atRisk = keys.Length - starts.Length, survival = 1, greenwood = 0;
        int i = 0, k = 0;
        while (i < keys.Length)
        {
            while (k < starts.Length && starts[k] < keys[i])
            {
                atRisk++;
                k++;
            }

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

        return survival * Math.Sqrt(greenwood);
    }

    [Benchmark(Description = "KaplanMeier.Fit(entries, exits, events) radix")]
    public double? Fit() => KaplanMeier.Fit(entries, exits, events).Steps[^1].StandardError;

    [Benchmark(Description = "KaplanMeierTally.AddRange(entries, …) + From")]
    public double? Tally()
    {
        var tally = new KaplanMeierTally();
        tally.AddRange(entries, exits, events);
        return KaplanMeier.From(tally).Steps[^1].StandardError;
    }
}

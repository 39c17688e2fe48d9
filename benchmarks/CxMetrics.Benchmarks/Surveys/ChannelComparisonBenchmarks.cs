using BenchmarkDotNet.Attributes;
using CxMetrics.Statistics;
using CxMetrics.Surveys;

namespace CxMetrics.Benchmarks.Surveys;

/// <summary>
/// NPS by 1,000 channels compared at once: the χ² test of the 3 × 1,000 table and all 499,500 pairs with Holm-adjusted
/// p-values, from per-channel tallies (as merged from shards or a database <c>GROUP BY</c>). Baseline: the obvious loop —
/// each pair's two NPS results computed from their tallies again, compared, the p-values adjusted by a LINQ sort, the χ²
/// by LINQ sums over the table. Ours: <see cref="Nps.Compare{TKey}(IReadOnlyList{Breakdowns.BreakdownCell{TKey, NpsResult}}, MultipleComparisonMethod, SurveyOptions?)"/>
/// on <see cref="Nps.By{TKey}(IEnumerable{KeyValuePair{TKey, NpsTally}}, SurveyOptions?)"/> (each channel's result once).
/// </summary>
[MemoryDiagnoser]
public class ChannelComparisonBenchmarks
{
    private KeyValuePair<string, NpsTally>[] tallies = [];

    public static IEnumerable<int> ChannelCounts => BenchmarkSize.One(1_000);

    [ParamsSource(nameof(ChannelCounts))]
    public int Channels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20);
        tallies = [.. Enumerable.Range(0, Channels).Select(i => KeyValuePair.Create($"channel-{i:D4}", NpsTally.FromCounts(random.Next(20, 400), random.Next(20, 300), random.Next(20, 300))))];
    }

    [Benchmark(Baseline = true, Description = "pairs from tallies, LINQ Holm and χ² (naive)")]
    public int Naive()
    {
        var p = new List<(int I, int J, NpsComparison Comparison)>();
        for (int i = 0; i < tallies.Length; i++)
        {
            for (int j = i + 1; j < tallies.Length; j++)
            {
                p.Add((i, j, Nps.Compare(Nps.From(tallies[i].Value), Nps.From(tallies[j].Value))));
            }
        }

        var ranked = p.Select((x, index) => (index, x.Comparison.PValue ?? 1)).OrderBy(x => x.Item2).ToList();
        var adjusted = new Dictionary<int, double>();
        double running = 0;
        for (int rank = 0; rank < ranked.Count; rank++)
        {
            running = Math.Max(running, Math.Min(1, (ranked.Count - rank) * ranked[rank].Item2));
            adjusted[ranked[rank].index] = running;
        }

        var rows = new Func<NpsTally, double>[] { t => t.Promoters, t => t.Passives, t => t.Detractors };
        double total = tallies.Sum(t => (double)t.Value.Count);
        double chi = rows.Sum(row => tallies.Sum(t =>
        {
            double expected = tallies.Sum(u => row(u.Value)) * t.Value.Count / total;
            return (row(t.Value) - expected) * (row(t.Value) - expected) / expected;
        }));
        return adjusted.Count(a => a.Value < 0.05) + (chi > 0 ? 1 : 0);
    }

    [Benchmark(Description = "Nps.Compare(Nps.By(tallies)), Holm")]
    public int Compare() => Nps.Compare(Nps.By(tallies)).SignificantPairs().Count;
}

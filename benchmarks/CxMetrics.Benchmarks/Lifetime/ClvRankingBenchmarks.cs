using BenchmarkDotNet.Attributes;
using CxMetrics.Cli.Commands;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The top 10 of 1,000,000 simulated customers (CDNOW BG/NBD estimates, mean repeat spend log-normal) by 12-month
/// discounted value, as <c>cxmetrics clv --top</c> ranks them. Baseline: value every customer (twelve monthly model
/// evaluations each), sort all of them and take ten (the command before). Beside it <see cref="CustomerValue.Top"/>:
/// a bounded heap, with a one-evaluation upper bound that skips customers who cannot enter it. Same list (tests).
/// </summary>
[MemoryDiagnoser]
public class ClvRankingBenchmarks
{
    private const int Top = 10;
    private List<CustomerSummary> customers = [];
    private BetaGeoNbdModel model = null!;
    private GammaGammaModel spend = null!;
    private CustomerBaseSummary summary = null!;

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = BetaGeoNbd.Fit(LifetimeData.Cdnow());
        var data = LifetimeData.Simulated(Customers);
        summary = LifetimeData.WithSpend(data);
        customers = [.. summary.Customers];
        var repeat = customers.Where(c => c.Frequency > 0).ToList();
        spend = GammaGamma.Fit(repeat.Select(c => (double)c.Frequency).ToArray(), repeat.Select(c => c.MeanRepeatSpend!.Value).ToArray());
    }

    [Benchmark(Baseline = true, Description = "value and sort every customer (naive, the command before)")]
    public double RankEveryone() => customers
        .Select((c, i) => (Customer: c, Index: i, Spend: spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0)))
        .Select(r => (r.Customer, r.Index, r.Spend, Clv: DiscountedClv.DiscreteMonthly(model, r.Customer.Frequency, r.Customer.Recency, r.Customer.Age, r.Spend, 12, 0.01)))
        .OrderByDescending(r => r.Clv)
        .ThenBy(r => r.Customer.CustomerId, StringComparer.Ordinal)
        .Take(Top)
        .Last().Clv;

    [Benchmark(Description = "bounded heap with a one-evaluation bound")]
    public double BoundedHeap() => CustomerValue.Top(summary, model, spend, Top, 12, 0.01).Rows[^1].Value;
}

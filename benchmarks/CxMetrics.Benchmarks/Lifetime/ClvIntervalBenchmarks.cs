using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// Intervals for every customer's P(alive), expected purchases and 12-month discounted value, and for the base total, from
/// 200 parameter draws (issue 18 §2: 1,000,000 customers in at most 5 s on 2 cores). Customers simulated from the CDNOW
/// BG/NBD estimates over 84 daily cohorts (107,175 distinct (x, t_x, T) rows in 1,000,000), mean repeat spend log-normal;
/// both models fitted to them. Baseline: for each draw a model with its parameters and every customer valued through the
/// public per-customer methods (twelve monthly evaluations each), then each customer's percentiles by sorting (same
/// numbers, a test holds them equal). Beside it <see cref="CustomerValueIntervals.Of"/>: Hessians and draws, then the
/// draws evaluated on the distinct rows (the ₂F₁ once per distinct (x, T), P(alive) once per row) in parallel blocks.
/// </summary>
[MemoryDiagnoser]
public class ClvIntervalBenchmarks
{
    // 200 draws; a smoke run (CI's dry pass, timings thrown away) takes 20, as its naive baseline was half of that pass.
    private static readonly int Draws = BenchmarkSize.Smoke ? 20 : 200;
    private CustomerBaseSummary summary = null!;
    private BetaGeoNbdModel model = null!;
    private GammaGammaModel spend = null!;
    private CustomerValueIntervals.Columns columns = null!;
    private double[]?[] purchaseDraws = [];
    private double[]?[] spendDraws = [];

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = LifetimeData.Simulated(Customers);
        summary = LifetimeData.WithSpend(data);
        model = BetaGeoNbd.Fit(summary);
        spend = GammaGamma.Fit(summary);
        columns = CustomerValueIntervals.Columns.Of(summary);
        (purchaseDraws, spendDraws) = CustomerValueIntervals.Draws(summary, model, spend, new CustomerValueIntervalOptions { Draws = Draws });
    }

    [Benchmark(Baseline = true, Description = "per draw, every customer through the public methods; sort per customer (naive)")]
    public double PerCustomerLoop() =>
        CustomerValueIntervals.NaiveValueUpperBounds(columns, model, spend, purchaseDraws, spendDraws, 12, 0.01, DiscountedClv.WeeksPerMonth, 0.95)[^1];

    [Benchmark(Description = "CustomerValueIntervals.Of: distinct rows, (x, T) groups, parallel blocks")]
    public double DistinctRows() => CustomerValueIntervals.Of(summary, model, spend, options: new CustomerValueIntervalOptions { Draws = Draws }).TotalValueUpper;
}

using BenchmarkDotNet.Attributes;
using CxMetrics.Lifetime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// Predictions for 1,000,000 customers from the CDNOW BG/NBD and Pareto/NBD fits: expected purchases in the next 39
/// weeks and P(alive). Baseline: the per-customer BG/NBD call in a loop (a ₂F₁ series per customer). Beside it: the
/// span overload, which evaluates the ₂F₁ once per distinct (x, T); P(alive) alone; Pareto/NBD expected purchases.
/// </summary>
[MemoryDiagnoser]
public class PredictionBenchmarks
{
    private RfmData data = null!;
    private BetaGeoNbdModel bgnbd = null!;
    private ParetoNbdModel pnbd = null!;
    private double[] destination = [];

    public static IEnumerable<int> CustomersSizes => BenchmarkSize.One(1_000_000);

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cdnow = LifetimeData.Cdnow();
        bgnbd = BetaGeoNbd.Fit(cdnow);
        pnbd = ParetoNbd.Fit(cdnow);
        data = LifetimeData.Simulated(Customers);
        destination = new double[data.Count];
    }

    [Benchmark(Baseline = true, Description = "BG/NBD E[Y(39)] per-customer loop (naive)")]
    public double PerCustomer()
    {
        var x = data.Frequency;
        var tx = data.Recency;
        var t = data.Age;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += bgnbd.ConditionalExpectedPurchases(39, x[i], tx[i], t[i]);
        }

        return sum;
    }

    [Benchmark(Description = "BG/NBD E[Y(39)] span overload")]
    public double Bulk()
    {
        bgnbd.ConditionalExpectedPurchases(39, data, destination);
        return destination[^1];
    }

    [Benchmark(Description = "BG/NBD P(alive) span overload")]
    public double Alive()
    {
        bgnbd.ProbabilityAlive(data, destination);
        return destination[^1];
    }

    [Benchmark(Description = "Pareto/NBD E[Y(39)] span overload")]
    public double Pareto()
    {
        pnbd.ConditionalExpectedPurchases(39, data, destination);
        return destination[^1];
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Benchmarks.Lifetime;

/// <summary>
/// The fit diagnostics of issue 18 §1 on 1,000,000 customers (simulated from the CDNOW BG/NBD estimates over 84 daily
/// cohorts, <see cref="LifetimeData.WithHoldout"/>: a per-customer tally with a 39-week holdout; BG/NBD fitted to its
/// calibration summary). Each diagnostic beside a naive per-customer baseline that gives the same numbers through the
/// model's public per-customer methods, each pair in its own category with the naive one as baseline:
/// calibration/holdout (<see cref="CalibrationHoldout.Of"/>: E[Y(t*) | x, t_x, T] once per distinct row — naive: once per
/// customer), the repeat-purchase histogram (<see cref="RepeatPurchaseHistogram.Of"/>: P(X(T) = n) once per distinct age —
/// naive: per customer), tracking (<see cref="PurchaseTracking.From"/>: E[X(t)] once per first-purchase day and period —
/// naive: per customer and period; at full size that is tens of millions of ₂F₁ series and takes minutes) and the
/// frequency × recency matrices (<see cref="FrequencyRecencyMatrix.Of(CustomerBaseSummary, IPurchaseModel, double)"/>: the
/// ₂F₁ once per row of the grid — naive: the largest x and T by LINQ and every cell through the public methods).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FitDiagnosticsBenchmarks
{
    private CustomerSummaryTally tally = null!;
    private CustomerSummaryOptions options = null!;
    private CustomerBaseSummary summary = null!;
    private BetaGeoNbdModel model = null!;

    // A smoke run (CI's dry pass, timings thrown away) takes 2,000 customers, not the usual hundredth: the naive tracking
    // baseline alone took ≈ 9 s of that pass at 10,000.
    public static IEnumerable<int> CustomersSizes => [BenchmarkSize.Smoke ? 2_000 : 1_000_000];

    [ParamsSource(nameof(CustomersSizes))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (tally, options) = LifetimeData.WithHoldout(LifetimeData.Simulated(Customers));
        summary = CustomerBase.From(tally, options);
        model = BetaGeoNbd.Fit(summary);
        if (!model.Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the benchmark's BG/NBD fit did not converge: {model}");
        }
    }

    [BenchmarkCategory("Holdout")]
    [Benchmark(Baseline = true, Description = "calibration/holdout: E[Y(t*)] per customer (naive)")]
    public double HoldoutPerCustomer()
    {
        double horizon = 273 / 7.0, total = 0;
        var expected = new double[CalibrationHoldout.DefaultLastBin + 1];
        foreach (var c in summary.Customers)
        {
            double e = model.ConditionalExpectedPurchases(horizon, c.Frequency, c.Recency, c.Age);
            expected[Math.Min(c.Frequency, CalibrationHoldout.DefaultLastBin)] += e;
            total += e;
        }

        return total;
    }

    [BenchmarkCategory("Holdout")]
    [Benchmark(Description = "CalibrationHoldout.Of: distinct rows")]
    public double Holdout() => CalibrationHoldout.Of(summary, model).ExpectedPurchases;

    [BenchmarkCategory("Histogram")]
    [Benchmark(Baseline = true, Description = "repeat-purchase histogram: P(X(T) = n) per customer (naive)")]
    public double HistogramPerCustomer()
    {
        int last = CalibrationHoldout.DefaultLastBin;
        var expected = new double[last + 1];
        foreach (var c in summary.Customers)
        {
            double below = 0;
            for (int n = 0; n < last; n++)
            {
                double p = model.ProbabilityOfPurchases(n, c.Age);
                below += p;
                expected[n] += p;
            }

            expected[last] += Math.Max(0, 1 - below);
        }

        return expected[0];
    }

    [BenchmarkCategory("Histogram")]
    [Benchmark(Description = "RepeatPurchaseHistogram.Of: distinct ages")]
    public double Histogram() => RepeatPurchaseHistogram.Of(summary, model).Bins[0].Expected;

    [BenchmarkCategory("Tracking")]
    [Benchmark(Baseline = true, Description = "tracking: E[X(t)] per customer and week (naive)")]
    public double TrackingPerCustomer()
    {
        // The weeks of PurchaseTracking: from the earliest first purchase to the holdout end, each customer's expectation at every week's last day.
        var firsts = new List<LocalDate>(summary.Customers.Count);
        tally.ForEachCustomer((_, dates, _) =>
        {
            if (dates[0] <= options.CalibrationEnd)
            {
                firsts.Add(dates[0]);
            }
        });
        var start = firsts.Min();
        int lastOffset = Period.DaysBetween(start, options.HoldoutEnd!.Value);
        int periods = (lastOffset / 7) + 1;
        var cumulative = new double[periods];
        foreach (var first in firsts)
        {
            int offset = Period.DaysBetween(start, first);
            for (int k = 0; k < periods; k++)
            {
                int end = k == periods - 1 ? lastOffset : Math.Min((7 * (k + 1)) - 1, lastOffset);
                if (end >= offset)
                {
                    cumulative[k] += model.ExpectedPurchases((end - offset) / 7.0);
                }
            }
        }

        return cumulative[^1];
    }

    [BenchmarkCategory("Tracking")]
    [Benchmark(Description = "PurchaseTracking.From: per first-purchase day")]
    public double Tracking() => PurchaseTracking.From(tally, model, options).Periods[^1].CumulativeExpected;

    [BenchmarkCategory("Matrix")]
    [Benchmark(Baseline = true, Description = "frequency x recency: LINQ maxima, every cell through the public methods (naive)")]
    public double MatrixPerCell()
    {
        int maxFrequency = summary.Customers.Max(c => c.Frequency);
        double age = summary.Customers.Max(c => c.Age), sum = 0;
        for (int x = 0; x <= maxFrequency; x++)
        {
            for (int j = 0; j <= (int)Math.Floor(age); j++)
            {
                sum += model.ConditionalExpectedPurchases(1, x, j, age) + model.ProbabilityAlive(x, j, age);
            }
        }

        return sum;
    }

    [BenchmarkCategory("Matrix")]
    [Benchmark(Description = "FrequencyRecencyMatrix.Of: the 2F1 once per row")]
    public double Matrix() => FrequencyRecencyMatrix.Of(summary, model).ExpectedPurchases[^1][^1];
}

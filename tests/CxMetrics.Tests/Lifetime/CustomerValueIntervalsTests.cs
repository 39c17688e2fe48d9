using CxMetrics.Internal;
using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class CustomerValueIntervalsTests
{
    private static readonly Lazy<(BetaGeoNbdModel Purchases, GammaGammaModel Spend)> Models =
        new(() => (BetaGeoNbd.Fit(CdnowFixture.Summary), GammaGamma.Fit(CdnowFixture.Summary)));

    private static readonly Lazy<CustomerValueIntervalResult> LazyDraws = new(() =>
        CustomerValueIntervals.Of(CdnowFixture.Summary, Models.Value.Purchases, Models.Value.Spend));

    [Fact]
    public void Points_are_the_plug_in_predictions_of_customer_value()
    {
        var (bg, gg) = Models.Value;
        var plain = CustomerValue.Of(CdnowFixture.Summary, bg, gg);
        var result = LazyDraws.Value;
        Assert.Equal(plain.Rows.Count, result.Rows.Count);
        for (int i = 0; i < plain.Rows.Count; i++)
        {
            var expected = plain.Rows[i];
            var row = result.Rows[i];
            Assert.Equal(expected.CustomerId, row.CustomerId);
            Assert.Equal(expected.ProbabilityAlive, row.ProbabilityAlive, 12);
            Assert.Equal(expected.ExpectedPurchases, row.ExpectedPurchases, 12);
            Assert.Equal(expected.ExpectedSpend, row.ExpectedSpend, 9);
            Assert.Equal(expected.Value, row.Value, 9);
        }

        Assert.Equal(plain.TotalValue, result.TotalValue, 6);
        Assert.Equal(200, result.Draws);
        Assert.Equal(CustomerValueIntervalMethod.ParameterDraws, result.Method);
    }

    public static TheoryData<string> PurchaseModels => ["bgnbd", "mbg", "pareto"];

    [Theory]
    [MemberData(nameof(PurchaseModels))]
    public void Every_interval_contains_its_plug_in_point_for_every_purchase_model(string name)
    {
        var summary = CdnowFixture.Summary;
        IPurchaseModel model = name switch
        {
            "bgnbd" => Models.Value.Purchases,
            "mbg" => ModifiedBetaGeoNbd.Fit(summary.ToRfmData()),
            _ => ParetoNbd.Fit(summary),
        };
        Assert.True(model.Diagnostics.IsConverged);
        var result = CustomerValueIntervals.Of(summary, model, Models.Value.Spend, options: new CustomerValueIntervalOptions { Draws = 100, Seed = 7 });
        AssertContained(result);
        Assert.True(result.TotalValueUpper > result.TotalValueLower);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_on_any_number_of_cores_and_another_seed_differs()
    {
        var (bg, gg) = Models.Value;
        var options = new CustomerValueIntervalOptions { Draws = 50, Seed = 42 };
        var one = CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, options: options, degreeOfParallelism: 1);
        var all = CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, options: options);
        Assert.Equal(one.Rows, all.Rows);
        Assert.Equal(one with { Rows = all.Rows }, all);
        var other = CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, options: options with { Seed = 43 });
        Assert.NotEqual(one.TotalValueLower, other.TotalValueLower);
    }

    [Fact]
    public void The_base_total_interval_is_far_narrower_than_the_sum_of_the_customers_bounds()
    {
        var result = LazyDraws.Value;
        Assert.InRange(result.TotalValue, result.TotalValueLower, result.TotalValueUpper);
        Assert.InRange(result.TotalExpectedPurchases, result.TotalExpectedPurchasesLower, result.TotalExpectedPurchasesUpper);
        double summedLower = result.Rows.Sum(r => r.ValueLower), summedUpper = result.Rows.Sum(r => r.ValueUpper);
        Assert.True(summedLower <= result.TotalValueLower && summedUpper >= result.TotalValueUpper);
        Assert.True(result.TotalValueUpper - result.TotalValueLower < 0.9 * (summedUpper - summedLower));
    }

    [Fact]
    public void Intervals_shrink_as_the_customer_base_grows()
    {
        var small = Simulated(1_000, 3);
        var large = Simulated(16_000, 3);
        var options = new CustomerValueIntervalOptions { Draws = 100, Seed = 5 };
        var a = CustomerValueIntervals.Of(small, BetaGeoNbd.Fit(small), GammaGamma.Fit(small), options: options);
        var b = CustomerValueIntervals.Of(large, BetaGeoNbd.Fit(large), GammaGamma.Fit(large), options: options);
        AssertContained(a);
        AssertContained(b);

        // Sixteen times the customers: the parameters' standard errors fall by about four, and so do the relative widths.
        Assert.True(RelativeWidth(b.TotalValue, b.TotalValueLower, b.TotalValueUpper) < 0.5 * RelativeWidth(a.TotalValue, a.TotalValueLower, a.TotalValueUpper));
        Assert.True(MedianWidth(b) < 0.5 * MedianWidth(a));
    }

    [Fact]
    public void The_bootstrap_refits_each_resample_and_agrees_with_the_parameter_draws_on_the_total()
    {
        var (bg, gg) = Models.Value;
        var options = new CustomerValueIntervalOptions { Method = CustomerValueIntervalMethod.Bootstrap, Draws = 40, Seed = 3 };
        var boot = CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, options: options);
        Assert.Equal(CustomerValueIntervalMethod.Bootstrap, boot.Method);
        Assert.InRange(boot.UsableDraws, 30, 40);
        Assert.InRange(boot.TotalValue, boot.TotalValueLower, boot.TotalValueUpper);
        var draws = LazyDraws.Value;
        double bootWidth = boot.TotalValueUpper - boot.TotalValueLower, drawWidth = draws.TotalValueUpper - draws.TotalValueLower;
        Assert.InRange(bootWidth / drawWidth, 0.4, 2.5);
        var again = CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, options: options);
        Assert.Equal(boot.Rows, again.Rows);
        Assert.Equal(boot, again with { Rows = boot.Rows });
    }

    [Fact]
    public void Settings_out_of_range_are_rejected_naming_the_argument()
    {
        var (bg, gg) = Models.Value;
        Assert.Throws<ArgumentOutOfRangeException>("Draws", () => new CustomerValueIntervalOptions { Draws = 9 });
        Assert.Throws<ArgumentOutOfRangeException>("degreeOfParallelism", () => CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, degreeOfParallelism: 0));
        Assert.Throws<ArgumentNullException>("summary", () => CustomerValueIntervals.Of(null!, bg, gg));
        Assert.Throws<ArgumentException>("purchaseModel", () => CustomerValueIntervals.Of(CdnowFixture.Summary, new Unsupported(bg), gg));
        var failed = bg with { Diagnostics = bg.Diagnostics with { Status = FitStatus.Boundary } };
        Assert.Throws<InvalidOperationException>(() => CustomerValueIntervals.Of(CdnowFixture.Summary, failed, gg));
    }

    [Fact]
    public void The_naive_per_customer_loop_of_the_benchmark_gives_the_same_upper_bounds()
    {
        var summary = Simulated(600, 11);
        var bg = BetaGeoNbd.Fit(summary);
        var gg = GammaGamma.Fit(summary);
        var options = new CustomerValueIntervalOptions { Draws = 30, Seed = 9 };
        var (purchase, spend) = CustomerValueIntervals.Draws(summary, bg, gg, options);
        var naive = CustomerValueIntervals.NaiveValueUpperBounds(CustomerValueIntervals.Columns.Of(summary), bg, gg, purchase, spend, 12, 0.01, DiscountedClv.WeeksPerMonth, 0.95);
        var result = CustomerValueIntervals.Of(summary, bg, gg, options: options);
        for (int i = 0; i < naive.Length; i++)
        {
            Assert.Equal(naive[i], result.Rows[i].ValueUpper, 1e-9 * Math.Max(1, naive[i]));
        }
    }

    [Property(MaxTest = 200)]
    public Property Selection_gives_the_type_7_quantile_of_the_sorted_sample() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(i => i / 8.0)).Where(a => a.Length > 0).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (sample, percent) =>
        {
            double p = percent / 100.0;
            double expected = Quantile.Of(sample, p)!.Value;
            return Math.Abs(Select.Linear(sample.ToArray(), p) - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
        });

    internal static void AssertContained(CustomerValueIntervalResult result)
    {
        foreach (var r in result.Rows)
        {
            Assert.InRange(r.ProbabilityAlive, r.ProbabilityAliveLower, r.ProbabilityAliveUpper);
            Assert.InRange(r.ExpectedPurchases, r.ExpectedPurchasesLower, r.ExpectedPurchasesUpper);
            Assert.InRange(r.ExpectedSpend, r.ExpectedSpendLower, r.ExpectedSpendUpper);
            Assert.InRange(r.Value, r.ValueLower, r.ValueUpper);
        }

        Assert.InRange(result.TotalValue, result.TotalValueLower, result.TotalValueUpper);
    }

    private static double RelativeWidth(double point, double lower, double upper) => (upper - lower) / point;

    private static double MedianWidth(CustomerValueIntervalResult result) =>
        Quantile.Median([.. result.Rows.Select(r => RelativeWidth(r.Value, r.ValueLower, r.ValueUpper))])!.Value;

    /// <summary>
    /// A simulated shop in weeks: BG/NBD purchases with the CDNOW estimates over ages of 27–39 weeks on a daily grid, and
    /// repeat spend from the gamma-gamma process (p = 6.25, q = 3.74, γ = 15.44, the CDNOW estimates).
    /// </summary>
    internal static CustomerBaseSummary Simulated(int customers, int seed)
    {
        var random = new Random(seed);
        var ages = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            ages[i] = 27 + random.Next(0, 12 * 7 + 1) / 7.0;
        }

        var data = BetaGeoNbd.Simulate(0.243, 4.414, 0.793, 2.426, ages, seed, resolution: 1.0 / 7);
        var list = new List<CustomerSummary>(customers);
        for (int i = 0; i < customers; i++)
        {
            int x = (int)data.Frequency[i];
            double nu = MathNet.Numerics.Distributions.Gamma.Sample(random, 3.74, 15.44);
            double sum = 0;
            for (int j = 0; j < x; j++)
            {
                sum += MathNet.Numerics.Distributions.Gamma.Sample(random, 6.25, nu);
            }

            list.Add(new CustomerSummary
            {
                CustomerId = $"C{i:D6}",
                FirstPurchase = new LocalDate(2024, 1, 1),
                Frequency = x,
                Recency = data.Recency[i],
                Age = data.Age[i],
                MeanRepeatSpend = x > 0 ? sum / x : null,
                CalibrationSpend = (decimal)Math.Round(sum, 2),
            });
        }

        return new CustomerBaseSummary { Customers = list, AcquiredAfterCalibration = 0, Currency = "USD", Options = new CustomerSummaryOptions { CalibrationEnd = new LocalDate(2024, 10, 1) } };
    }

    private sealed class Unsupported(IPurchaseModel inner) : IPurchaseModel
    {
        public FitDiagnostics Diagnostics => inner.Diagnostics;

        public double ExpectedPurchases(double t) => inner.ExpectedPurchases(t);

        public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age) => inner.ConditionalExpectedPurchases(t, frequency, recency, age);

        public double ProbabilityAlive(double frequency, double recency, double age) => inner.ProbabilityAlive(frequency, recency, age);

        public double ProbabilityOfPurchases(int n, double t) => inner.ProbabilityOfPurchases(n, t);
    }
}

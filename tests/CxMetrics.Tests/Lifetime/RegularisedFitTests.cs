using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Tests.Lifetime;

public class RegularisedFitTests
{
    public static TheoryData<int> ShopSizes => [50, 200, 1_000];

    [Fact]
    public void Maximum_likelihood_is_the_default_and_the_regularised_preset_has_sigma_2()
    {
        Assert.Null(FitOptions.Default.PriorScale);
        Assert.Equal(2, FitOptions.Regularised.PriorScale);
        Assert.Equal(FitOptions.Default.MaxEvaluations, FitOptions.Regularised.MaxEvaluations);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_prior_scale_that_is_not_finite_and_positive_is_rejected(double sigma) =>
        Assert.Throws<ArgumentOutOfRangeException>("PriorScale", () => new FitOptions { PriorScale = sigma });

    [Theory]
    [MemberData(nameof(ShopSizes))]
    public void Small_shops_get_finite_estimates_and_predictions_from_every_regularised_model(int customers)
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            var summary = CustomerValueIntervalsTests.Simulated(customers, seed);
            var rfm = summary.ToRfmData();
            IPurchaseModel[] models =
            [
                BetaGeoNbd.Fit(rfm, FitOptions.Regularised),
                ModifiedBetaGeoNbd.Fit(rfm, FitOptions.Regularised),
                ParetoNbd.Fit(rfm, FitOptions.Regularised),
            ];
            foreach (var model in models)
            {
                Assert.True(model.Diagnostics.IsConverged, $"{customers} customers, seed {seed}: {model}");
                Assert.StartsWith("MAP", model.Diagnostics.Method, StringComparison.Ordinal);
                Assert.Contains("regularised", model.Diagnostics.Message, StringComparison.Ordinal);
                Assert.True(double.IsFinite(model.Diagnostics.LogLikelihood!.Value));
                double expected = model.ConditionalExpectedPurchases(52, 2, 20, 30);
                Assert.True(double.IsFinite(expected) && expected > 0, $"{model}");
                Assert.InRange(model.ProbabilityAlive(2, 20, 30), 0, 1);
            }

            var spend = GammaGamma.Fit(summary, FitOptions.Regularised);
            Assert.True(spend.Diagnostics.IsConverged, $"{customers} customers, seed {seed}: {spend}");
            Assert.True(spend.ExpectedSpend is > 0 and < double.PositiveInfinity);
        }
    }

    [Fact]
    public void Where_maximum_likelihood_gives_nothing_on_a_small_shop_the_regularised_fit_gives_a_number()
    {
        // Over the 5 × 3 simulated small shops, maximum likelihood leaves some BG/NBD fits without usable parameters
        // (a, b run off together: every customer the same dropout probability); the MAP fits above all converge.
        int failed = 0;
        foreach (int customers in new[] { 50, 200 })
        {
            for (int seed = 1; seed <= 5; seed++)
            {
                var rfm = CustomerValueIntervalsTests.Simulated(customers, seed).ToRfmData();
                failed += BetaGeoNbd.Fit(rfm).Diagnostics.IsConverged && ParetoNbd.Fit(rfm).Diagnostics.IsConverged ? 0 : 1;
            }
        }

        Assert.True(failed > 0);
    }

    [Fact]
    public void On_a_large_base_the_map_estimate_equals_the_maximum_likelihood_one_to_three_significant_figures()
    {
        var rfm = CustomerValueIntervalsTests.Simulated(100_000, 21).ToRfmData();
        var mle = BetaGeoNbd.Fit(rfm);
        var map = BetaGeoNbd.Fit(rfm, FitOptions.Regularised);
        Assert.True(mle.Diagnostics.IsConverged && map.Diagnostics.IsConverged);
        foreach (var (a, b) in new[] { (mle.R, map.R), (mle.Alpha, map.Alpha), (mle.A, map.A), (mle.B, map.B) })
        {
            Assert.True(Math.Abs(a.Value - b.Value) <= 5e-4 * Math.Abs(a.Value), $"{a} vs {b}");
        }

        var mlePareto = ParetoNbd.Fit(rfm);
        var mapPareto = ParetoNbd.Fit(rfm, FitOptions.Regularised);
        Assert.True(mlePareto.Diagnostics.IsConverged && mapPareto.Diagnostics.IsConverged);
        foreach (var (a, b) in new[] { (mlePareto.R, mapPareto.R), (mlePareto.Alpha, mapPareto.Alpha), (mlePareto.S, mapPareto.S), (mlePareto.Beta, mapPareto.Beta) })
        {
            Assert.True(Math.Abs(a.Value - b.Value) <= 5e-4 * Math.Abs(a.Value), $"{a} vs {b}");
        }

        // The reported LL is the log-likelihood at the MAP estimate: no higher than the maximum.
        Assert.True(map.Diagnostics.LogLikelihood <= mle.Diagnostics.LogLikelihood + 1e-6);
    }

    [Fact]
    public void A_regularised_small_shop_gets_intervals_that_contain_its_points()
    {
        var summary = CustomerValueIntervalsTests.Simulated(200, 2);
        var bg = BetaGeoNbd.Fit(summary, FitOptions.Regularised);
        var gg = GammaGamma.Fit(summary, FitOptions.Regularised);
        var result = CustomerValueIntervals.Of(summary, bg, gg, options: new CustomerValueIntervalOptions { Draws = 100, Seed = 4 });
        CustomerValueIntervalsTests.AssertContained(result);
        var boot = CustomerValueIntervals.Of(summary, bg, gg, options: new CustomerValueIntervalOptions { Method = CustomerValueIntervalMethod.Bootstrap, Draws = 20, Seed = 4 });
        // A resample may leave gamma-gamma with q ≤ 1 (an infinite mean spend) or a refit without a certified optimum: such
        // draws are dropped and counted, never used.
        Assert.InRange(boot.UsableDraws, 15, 20);
        CustomerValueIntervalsTests.AssertContained(boot);
    }
}

using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Statistics;

namespace CxMetrics.Tests.Lifetime;

public class ModifiedBetaGeoNbdTests
{
    private static readonly Lazy<ModifiedBetaGeoNbdModel> Cdnow = new(() => ModifiedBetaGeoNbd.Fit(CdnowFixture.Summary.ToRfmData()));

    [Fact]
    public void Cdnow_fit_is_a_stationary_point_by_an_independent_gradient()
    {
        var m = Cdnow.Value;
        var customers = CdnowFixture.Summary.Customers;
        double gradient = StationaryPoint.GradientNorm(p => customers.Sum(c => ModifiedBetaGeoNbd.LogLikelihood(p[0], p[1], p[2], p[3], c.Frequency, c.Recency, c.Age)), m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value);
        Assert.True(gradient < 1e-5, $"gradient {gradient:G3} at {m}");
    }

    [Fact]
    public void Cdnow_fit_converges_and_fits_at_least_as_well_as_BG_NBD()
    {
        // MBG/NBD nests no BG/NBD parameter value but on CDNOW fits about as well (lifetimes' ModifiedBetaGeoFitter LL ≈ −9582.1).
        var m = Cdnow.Value;
        Assert.True(m.Diagnostics.Status == FitStatus.Converged, m.ToString());
        Assert.InRange(m.Diagnostics.LogLikelihood!.Value, -9583.0, -9581.0);
    }

    [Fact]
    public void Customer_without_repeat_purchase_may_be_dead()
    {
        var m = Cdnow.Value;
        double alive = m.ProbabilityAlive(0, 0, 38.86);
        Assert.True(alive < 1 && alive > 0, $"P(alive) = {alive}");
    }

    [Fact]
    public void Compressed_likelihood_equals_the_sum_of_individual_ones()
    {
        var m = Cdnow.Value;
        var data = CdnowFixture.Summary.ToRfmData();
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            sum += ModifiedBetaGeoNbd.LogLikelihood(m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value, data.Frequency[i], data.Recency[i], data.Age[i]);
        }

        Assert.Equal(sum, m.Diagnostics.LogLikelihood!.Value, 1e-6);
    }

    [Fact]
    public void Purchase_count_distribution_sums_to_one_and_matches_the_mean()
    {
        var m = Cdnow.Value;
        double total = 0, mean = 0;
        for (int n = 0; n < 400; n++)
        {
            double p = m.ProbabilityOfPurchases(n, 39);
            total += p;
            mean += n * p;
        }

        Assert.Equal(1.0, total, 1e-9);
        Assert.Equal(m.ExpectedPurchases(39), mean, 1e-6);
    }

    [Fact]
    public void Dert_equals_the_discounted_sum_of_the_conditional_expectation_increments()
    {
        var m = Cdnow.Value;
        double delta = DiscountedClv.ContinuousRate(0.15, 52);
        double dert = m.DiscountedExpectedResidualTransactions(delta, 0, 0, 38.86);
        double sum = 0, previous = 0, from = 0;
        foreach (var (h, to) in new[] { (0.5, 520.0), (5.0, 10_400.0) })
        {
            for (double end = from + h; end <= to + 1e-9; end += h)
            {
                double cumulative = m.ConditionalExpectedPurchases(end, 0, 0, 38.86);
                sum += Math.Exp(-delta * (end - (h / 2))) * (cumulative - previous);
                previous = cumulative;
            }

            from = to;
        }

        Assert.Equal(sum, dert, sum * 2e-4);
    }

    [Fact]
    public void Simulated_customers_recover_the_parameters_within_three_standard_errors()
    {
        double[] truth = [0.5, 6, 0.9, 1.6];
        var data = ModifiedBetaGeoNbd.Simulate(truth[0], truth[1], truth[2], truth[3], customers: 50_000, age: 39, seed: 5, resolution: 1.0 / 7);
        var m = ModifiedBetaGeoNbd.Fit(data);
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        for (int i = 0; i < 4; i++)
        {
            var e = new[] { m.R, m.Alpha, m.A, m.B }[i];
            Assert.True(Math.Abs(e.Value - truth[i]) < 3 * e.StandardError!.Value, $"{e} vs true {truth[i]}");
        }
    }
}

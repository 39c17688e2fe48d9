using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Statistics;

namespace CxMetrics.Tests.Lifetime;

public class GammaGammaTests
{
    private static double Round3(double v) => Math.Round(v, 2 - (int)Math.Floor(Math.Log10(Math.Abs(v))));

    // Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value": 946 CDNOW repeat buyers, p = 6.25, q = 3.74, γ = 15.44, LL = −4055.9.
    [Fact]
    public void Cdnow_repeat_buyers_reproduce_Fader_Hardie_2013()
    {
        var m = GammaGamma.Fit(CdnowFixture.Summary);
        Assert.True(m.Diagnostics.Status == FitStatus.Converged, m.ToString());
        Assert.Equal(946, m.Diagnostics.Customers);
        Assert.Equal(Round3(6.25), Round3(m.P.Value));
        Assert.Equal(Round3(3.74), Round3(m.Q.Value));
        Assert.Equal(Round3(15.44), Round3(m.Gamma.Value));
        Assert.Equal(-4055.9, m.Diagnostics.LogLikelihood!.Value, 0.05);
        Assert.All([m.P, m.Q, m.Gamma], e => Assert.True(e.StandardError > 0));
    }

    [Fact]
    public void Cdnow_fit_is_a_stationary_point_by_an_independent_gradient()
    {
        var m = GammaGamma.Fit(CdnowFixture.Summary);
        var buyers = CdnowFixture.Summary.Customers.Where(c => c.Frequency > 0).ToArray();
        double gradient = StationaryPoint.GradientNorm(p => buyers.Sum(c => GammaGamma.LogLikelihood(p[0], p[1], p[2], c.Frequency, c.MeanRepeatSpend!.Value)), m.P.Value, m.Q.Value, m.Gamma.Value);
        Assert.True(gradient < 1e-5, $"gradient {gradient:G3} at {m}");
    }

    [Fact]
    public void Published_zbar_column_gives_the_same_fit()
    {
        var rows = CdnowFixture.Csv("cdnow_customers_summary_with_transactions.csv").Where(r => r[1] != "0").ToArray();
        var m = GammaGamma.Fit(rows.Select(r => CdnowFixture.D(r[1])).ToArray(), rows.Select(r => CdnowFixture.D(r[4])).ToArray());
        Assert.Equal(6.25, m.P.Value, 0.005);
        Assert.Equal(3.74, m.Q.Value, 0.005);
        Assert.Equal(-4055.9, m.Diagnostics.LogLikelihood!.Value, 0.05);
    }

    [Fact]
    public void Conditional_spend_is_a_weighted_average_of_population_and_own_mean()
    {
        var m = GammaGamma.Fit(CdnowFixture.Summary);
        double population = m.ExpectedSpend!.Value;
        Assert.Equal(population, m.ConditionalExpectedSpend(0, 0), 12);
        double own = 100;
        double e = m.ConditionalExpectedSpend(5, own);
        Assert.InRange(e, Math.Min(population, own), Math.Max(population, own));
        double weight = m.P.Value * 5 / ((m.P.Value * 5) + m.Q.Value - 1);
        Assert.Equal((weight * own) + ((1 - weight) * population), e, 9);
    }

    // mpmath at 80 digits: gamma_gamma_reference.py beside this file. The first two rows are boundary fits of one customer,
    // where the textbook sum of GammaLn terms (values near 1e24) cancelled to 2^29.
    [Theory]
    [InlineData(3270031575469.823, 5.603413657260208e22, 171346284483.47217, 1, 10, -5869.9649803010676263, 1e-11)]
    [InlineData(1.1420073242203829e26, 1.6458831245847925e21, 0.00014412194122383502, 1, 10, 21.204751190742963466, 1e-11)]
    [InlineData(2.0, 1e15, 3e15, 4, 12.0, -4.829358232935136709, 1e-13)]
    [InlineData(1e3, 5.0, 20.0, 3, 7.0, -1975.8268803816578883, 1e-13)]
    [InlineData(6.25, 3.74, 15.44, 2, 35.5, -4.121665192612721635, 1e-13)]
    public void Log_likelihood_is_exact_for_huge_parameters(double p, double q, double gamma, double x, double z, double expected, double relative)
    {
        double actual = GammaGamma.LogLikelihood(p, q, gamma, x, z);
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected)), $"{actual:R} vs {expected:R}");
    }

    [Fact]
    public void Boundary_fit_of_one_customer_reports_the_true_log_likelihood()
    {
        // One repeat buyer: the likelihood grows without bound as the spend distribution collapses onto z̄ = 10.
        var m = GammaGamma.Fit([1.0], [10.0]);
        Assert.Equal(FitStatus.Boundary, m.Diagnostics.Status);
        double ll = m.Diagnostics.LogLikelihood!.Value;
        Assert.Equal(GammaGamma.LogLikelihood(m.P.Value, m.Q.Value, m.Gamma.Value, 1, 10), ll, 1e-9);

        // Whatever the limiting point, u = xz̄/(γ + xz̄) is Beta(a, b) with s = a + b < 2e^60 (the engine caps log-parameters
        // at 60), so ln f ≤ ½·ln(s/(8π)) − ln z̄ ≈ 26.4: far below the 536870912 the cancellation produced.
        Assert.InRange(ll, -10, 30);
    }

    [Fact]
    public void Zero_spend_of_a_repeat_buyer_is_rejected_with_its_row()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("meanSpend", () => GammaGamma.Fit([1, 2], [10, 0]));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_fit_leaves_out_zero_spend_repeat_buyers_and_counts_them()
    {
        var summary = CdnowFixture.Summary;
        var withZero = summary with
        {
            Customers =
            [
                .. summary.Customers,
                new CustomerSummary { CustomerId = "zero-1", FirstPurchase = new NodaTime.LocalDate(1997, 2, 1), Frequency = 2, Recency = 10, Age = 30, MeanRepeatSpend = 0, CalibrationSpend = 12m },
                new CustomerSummary { CustomerId = "zero-2", FirstPurchase = new NodaTime.LocalDate(1997, 2, 2), Frequency = 1, Recency = 3, Age = 30, MeanRepeatSpend = 0, CalibrationSpend = 5m },
            ],
        };

        var plain = GammaGamma.Fit(summary);
        var fitted = GammaGamma.Fit(withZero);
        Assert.Equal(0, plain.ZeroSpendExcluded);
        Assert.Equal(2, fitted.ZeroSpendExcluded);
        Assert.Equal(plain.P.Value, fitted.P.Value, 12);
        Assert.Equal(plain.Diagnostics.Customers, fitted.Diagnostics.Customers);
        Assert.Contains("2 repeat buyers with zero mean spend", fitted.ToReport().ToText(), StringComparison.Ordinal);

        var negative = summary with { Customers = [new CustomerSummary { CustomerId = "refund", FirstPurchase = new NodaTime.LocalDate(1997, 2, 1), Frequency = 1, Recency = 1, Age = 3, MeanRepeatSpend = -4, CalibrationSpend = 0m }] };
        Assert.Contains("customer 'refund'", Assert.Throws<ArgumentOutOfRangeException>(() => GammaGamma.Fit(negative)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_repeat_buyers_is_no_data()
    {
        var m = GammaGamma.Fit([], []);
        Assert.Equal(FitStatus.NoData, m.Diagnostics.Status);
        Assert.Throws<InvalidOperationException>(() => m.ConditionalExpectedSpend(1, 10));
    }

    [Fact]
    public void Simulated_spend_recovers_the_parameters_within_three_standard_errors()
    {
        // ν ~ Gamma(q, γ) per customer, each of x repeat transactions ~ Gamma(p, ν); the fit sees only (x, z̄).
        double[] truth = [6.25, 3.74, 15.44];
        var random = new Random(5);
        int customers = 20_000;
        var x = new double[customers];
        var z = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            double nu = MathNet.Numerics.Distributions.Gamma.Sample(random, truth[1], truth[2]);
            x[i] = 1 + random.Next(8);
            double sum = 0;
            for (int j = 0; j < x[i]; j++)
            {
                sum += MathNet.Numerics.Distributions.Gamma.Sample(random, truth[0], nu);
            }

            z[i] = sum / x[i];
        }

        var m = GammaGamma.Fit(x, z);
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        for (int i = 0; i < 3; i++)
        {
            var e = new[] { m.P, m.Q, m.Gamma }[i];
            Assert.True(Math.Abs(e.Value - truth[i]) < 3 * e.StandardError!.Value, $"{e} vs true {truth[i]}");
        }
    }
}

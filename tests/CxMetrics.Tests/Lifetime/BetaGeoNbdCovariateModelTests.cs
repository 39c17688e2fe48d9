using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

public class BetaGeoNbdCovariateModelTests
{
    // True values of the simulation: r, α, a, b (a customer with all covariates 0) and the coefficients.
    private static readonly double[] Truth = [0.5, 5, 0.8, 2.5];
    private static readonly double[] PurchaseTruth = [0.5, -0.3];
    private static readonly double[] DropoutTruth = [0.4];

    internal static readonly Lazy<(BetaGeoNbdCovariateModel Model, RfmData Data, CustomerCovariates Purchase, CustomerCovariates Dropout)> Simulated = new(() =>
    {
        var (table, ages) = CovariateData.Simulated(100_000, 20261205);
        var dropout = table.Select("score");
        var data = BetaGeoNbd.Simulate(Truth[0], Truth[1], Truth[2], Truth[3], table, PurchaseTruth, dropout, DropoutTruth, ages, 7);
        return (BetaGeoNbd.Fit(data, table, dropout), data, table, dropout);
    });

    private static readonly Lazy<BetaGeoNbdCovariateModel> Cdnow = new(() =>
    {
        var (data, z) = CovariateData.Cdnow;
        return BetaGeoNbd.Fit(data, z, z);
    });

    // Seven estimates at once: each within 2 SE would fail about 30% of seeds by chance alone; 3 SE is a family-wise ~2%.
    // (At this seed the BG/NBD purchase coefficient of score lies 2.04 SE from the truth; over many seeds there is no lean,
    // see Coefficient_z_scores_do_not_lean_over_many_simulated_bases.)
    [Fact]
    public void Recovers_known_parameters_and_coefficients_within_three_standard_errors_on_100k_simulated_customers()
    {
        var m = Simulated.Value.Model;
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        ParameterEstimate[] parameters = [m.R, m.Alpha, m.A, m.B];
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(parameters[i].Value - Truth[i]) <= 3 * parameters[i].StandardError!.Value, $"{parameters[i]} against {Truth[i]}");
        }

        CoefficientEstimate[] coefficients = [.. m.PurchaseCoefficients, .. m.DropoutCoefficients];
        double[] truth = [.. PurchaseTruth, .. DropoutTruth];
        Assert.Equal(["channel=app", "score", "score"], coefficients.Select(c => c.Name));
        for (int i = 0; i < coefficients.Length; i++)
        {
            Assert.True(Math.Abs(coefficients[i].Value - truth[i]) <= 3 * coefficients[i].StandardError!.Value, $"{coefficients[i]} against {truth[i]}");
        }
    }

    // Issue 18: five seeds at 100k once put the score's purchase z at −2.04, −2.67, −0.80, −0.06, −1.47. Over 40 seeds of
    // 20k customers (covariates drawn anew per seed) its mean z was +0.14 ± 0.16 (sd 1.00), over 12 seeds of 100k
    // −0.03 ± 0.20: chance, not a bias. This pins it: 32 simulated bases of 2,000 customers (continuous time, as the
    // likelihood) give 64 purchase z-scores whose mean has SE 1/8; a bias of 0.5 SE would put it beyond 0.3.
    [Fact]
    public void Coefficient_z_scores_do_not_lean_over_many_simulated_bases()
    {
        var purchaseZ = new List<double>();
        var dropoutZ = new List<double>();
        for (int seed = 1; seed <= 32; seed++)
        {
            var (table, ages) = CovariateData.Simulated(2_000, 1000 + seed);
            var dropout = table.Select("score");
            var data = BetaGeoNbd.Simulate(Truth[0], Truth[1], Truth[2], Truth[3], table, PurchaseTruth, dropout, DropoutTruth, ages, seed);
            var m = BetaGeoNbd.Fit(data, table, dropout);
            Assert.True(m.Diagnostics.IsConverged, $"seed {seed}: {m}");
            purchaseZ.AddRange(m.PurchaseCoefficients.Select((c, j) => (c.Value - PurchaseTruth[j]) / c.StandardError!.Value));
            dropoutZ.AddRange(m.DropoutCoefficients.Select((c, j) => (c.Value - DropoutTruth[j]) / c.StandardError!.Value));
        }

        Assert.InRange(purchaseZ.Average(), -0.3, 0.3);
        Assert.InRange(dropoutZ.Average(), -0.45, 0.45);

        // The standard errors are honest too: the z-scores spread like a standard normal (sd within 0.75–1.3).
        double sd = Math.Sqrt(purchaseZ.Select(z => (z - purchaseZ.Average()) * (z - purchaseZ.Average())).Sum() / (purchaseZ.Count - 1));
        Assert.InRange(sd, 0.75, 1.3);
    }

    [Fact]
    public void Likelihood_ratio_test_finds_real_effects()
    {
        var m = Simulated.Value.Model;
        var test = m.LikelihoodRatio!;
        Assert.Equal(3, test.DegreesOfFreedom);
        Assert.Equal(2 * (m.Diagnostics.LogLikelihood!.Value - m.WithoutCovariates.Diagnostics.LogLikelihood!.Value), test.Statistic, 1e-6);
        Assert.True(test.PValue < 1e-10, test.ToString());
    }

    [Property(MaxTest = 6)]
    public Property Likelihood_ratio_statistic_is_not_negative_for_covariates_without_effect() =>
        Prop.ForAll(Gen.Choose(1, 10_000).ToArbitrary(), seed =>
        {
            var (table, ages) = CovariateData.Simulated(1500, seed);
            var data = BetaGeoNbd.Simulate(0.4, 6, 0.7, 2.5, ages, seed + 1);
            var m = BetaGeoNbd.Fit(data, table, table.Select("score"));
            double difference = m.Diagnostics.LogLikelihood!.Value - m.WithoutCovariates.Diagnostics.LogLikelihood!.Value;
            return m.Diagnostics.IsConverged && difference >= -1e-9 && m.LikelihoodRatio!.Statistic >= 0
                && Math.Abs(m.LikelihoodRatio.Statistic - Math.Max(0, 2 * difference)) < 1e-9;
        });

    [Fact]
    public void No_covariate_columns_give_the_plain_model()
    {
        var data = BetaGeoNbd.Simulate(0.3, 4, 0.9, 3, 5000, 40, 11);
        var m = BetaGeoNbd.Fit(data, CustomerCovariates.None(data.Count), CustomerCovariates.None(data.Count));
        var plain = BetaGeoNbd.Fit(data);
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        Assert.Equal(plain.Diagnostics.LogLikelihood!.Value, m.Diagnostics.LogLikelihood!.Value, Math.Abs(plain.Diagnostics.LogLikelihood.Value) * 1e-9);
        foreach (var (fitted, reference) in new[] { (m.R, plain.R), (m.Alpha, plain.Alpha), (m.A, plain.A), (m.B, plain.B) })
        {
            Assert.Equal(reference.Value, fitted.Value, reference.Value * 1e-9);
            Assert.Equal(reference.StandardError!.Value, fitted.StandardError!.Value, reference.StandardError.Value * 1e-3);
        }

        Assert.Empty(m.PurchaseCoefficients);
        Assert.Equal(0, m.LikelihoodRatio!.Statistic, 1e-6);
        Assert.Equal(0, m.LikelihoodRatio.DegreesOfFreedom);
    }

    [Fact]
    public void No_covariate_columns_from_the_generic_start_reach_the_plain_optimum()
    {
        // The public fit starts from the plain estimate; here the engine starts far from it, so agreement is a real check of the covariate likelihood.
        var data = BetaGeoNbd.Simulate(0.3, 4, 0.9, 3, 5000, 40, 11);
        var none = CustomerCovariates.None(data.Count);
        var plain = BetaGeoNbd.Fit(data);
        var fit = CovariateFit.Run(data, none, none, CovariateRows.BetaGeo, true, 1, [1, 1, 1, 1], MaximumLikelihood.NoData("start elsewhere"), BetaGeoNbd.Start(data.Compress()), FitOptions.Default);
        Assert.True(fit.Outcome.Diagnostics.IsConverged, fit.Outcome.Diagnostics.ToString());
        Assert.Equal(plain.Diagnostics.LogLikelihood!.Value, fit.Outcome.Diagnostics.LogLikelihood!.Value, Math.Abs(plain.Diagnostics.LogLikelihood.Value) * 1e-9);
        double[] reference = [plain.R.Value, plain.Alpha.Value, plain.A.Value, plain.B.Value];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(reference[i], fit.Outcome.Parameters[i], reference[i] * 1e-6);
        }
    }

    [Property(MaxTest = 300)]
    public Property One_customer_likelihood_equals_the_plain_model_likelihood() =>
        Prop.ForAll(LifetimeGen.Row.ToArbitrary(), LifetimeGen.Parameters4.ToArbitrary(), (row, p) =>
        {
            double value = CovariateRows.BetaGeo(p[0], p[1], p[2], p[3], row.X, row.Tx, row.T, default);
            double reference = BetaGeoNbd.LogLikelihood(p[0], p[1], p[2], p[3], row.X, row.Tx, row.T);
            return Math.Abs(value - reference) <= 1e-10 * Math.Max(1, Math.Abs(reference));
        });

    [Fact]
    public void Covariate_likelihood_at_zero_coefficients_equals_the_plain_likelihood()
    {
        var (table, ages) = CovariateData.Simulated(3000, 5);
        var data = BetaGeoNbd.Simulate(0.4, 6, 0.7, 2.5, ages, 6);
        var likelihood = new CovariateLikelihood(data, table, table, CovariateRows.BetaGeo, true, 1);
        double[] at = [Math.Log(0.4), Math.Log(6), Math.Log(0.7), Math.Log(2.5), 0, 0, 0, 0];
        double plain = new BetaGeoLikelihood(data.Compress(), false).Evaluate(at.AsSpan(0, 4), default);
        Assert.Equal(plain, likelihood.Evaluate(at, default), Math.Abs(plain) * 1e-12);
    }

    [Theory]
    [InlineData(0.4, 6, 0.7, 2.5, 0.3, -0.2, 0.5, -0.4)]
    [InlineData(1.2, 2, 3, 8, -0.5, 0.1, 0, 0.9)]
    public void Analytic_gradient_equals_the_numerical_one(double r, double alpha, double a, double b, double g1, double g2, double g3, double g4)
    {
        var (table, ages) = CovariateData.Simulated(2000, 3);
        var data = BetaGeoNbd.Simulate(0.4, 6, 0.7, 2.5, table, [0.3, -0.2], table, [0.2, 0.1], ages, 4);
        var likelihood = new CovariateLikelihood(data, table, table, CovariateRows.BetaGeo, true, 1);
        double[] at = [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b), g1, g2, g3, g4];
        var analytic = new double[8];
        var numeric = new double[8];
        likelihood.Evaluate(at, analytic);
        MaximumLikelihood.WithNumericalGradient(likelihood.Evaluate)(at, numeric);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(numeric[i], analytic[i], 1e-7);
        }
    }

    [Fact]
    public void Predictions_use_each_customers_own_parameters()
    {
        var (m, data, purchase, dropout) = Simulated.Value;
        var customers = RfmData.Create(data.Frequency[..200], data.Recency[..200], data.Age[..200]);
        var p = purchase.Select(purchase.Names);
        var alive = new double[200];
        var expected = new double[200];
        var subsetPurchase = CustomerCovariates.None(200).With("channel=app", purchase.Column(0)[..200]).With("score", purchase.Column(1)[..200]);
        var subsetDropout = CustomerCovariates.None(200).With("score", dropout.Column(0)[..200]);
        m.ProbabilityAlive(customers, subsetPurchase, subsetDropout, alive);
        m.ConditionalExpectedPurchases(10, customers, subsetPurchase, subsetDropout, expected);
        for (int i = 0; i < 200; i++)
        {
            double isApp = p[i, 0], score = p[i, 1];
            double alpha = m.Alpha.Value * Math.Exp(-(m.PurchaseCoefficients[0].Value * isApp) - (m.PurchaseCoefficients[1].Value * score));
            double factor = Math.Exp(m.DropoutCoefficients[0].Value * dropout[i, 0]);
            var own = new BetaGeoNbdModel
            {
                R = m.R,
                Alpha = new ParameterEstimate { Name = "alpha", Value = alpha, StandardError = null },
                A = new ParameterEstimate { Name = "a", Value = m.A.Value * factor, StandardError = null },
                B = new ParameterEstimate { Name = "b", Value = m.B.Value * factor, StandardError = null },
                Diagnostics = m.Diagnostics,
            };
            Assert.Equal(own.ProbabilityAlive(customers.Frequency[i], customers.Recency[i], customers.Age[i]), alive[i], 1e-12);
            Assert.Equal(own.ConditionalExpectedPurchases(10, customers.Frequency[i], customers.Recency[i], customers.Age[i]), expected[i], 1e-12);
        }

        // Same history, different channel: the app customer (γ = +0.5 on purchases) is expected to buy more.
        var web = m.ForCustomer([0, 0], [0]);
        var app = m.ForCustomer([1, 0], [0]);
        Assert.True(app.ConditionalExpectedPurchases(10, 2, 20, 30) > web.ConditionalExpectedPurchases(10, 2, 20, 30));
        Assert.Equal(m.Alpha.Value, web.Alpha.Value);
    }

    [Fact]
    public void Prediction_tables_must_have_the_fitted_columns()
    {
        var (m, data, purchase, dropout) = Simulated.Value;
        var alive = new double[data.Count];
        Assert.Throws<ArgumentException>(() => m.ProbabilityAlive(data, dropout, dropout, alive));
        Assert.Throws<ArgumentException>(() => m.ForCustomer([1], [0]));
    }

    [Fact]
    public void A_constant_or_misaligned_covariate_is_rejected()
    {
        var data = BetaGeoNbd.Simulate(0.3, 4, 0.9, 3, 100, 40, 11);
        var constant = CustomerCovariates.None(100).With("one", Enumerable.Repeat(1.0, 100).ToArray());
        var error = Assert.Throws<ArgumentException>(() => BetaGeoNbd.Fit(data, constant, CustomerCovariates.None(100)));
        Assert.Contains("'one'", error.Message);
        Assert.Throws<ArgumentException>(() => BetaGeoNbd.Fit(data, CustomerCovariates.None(99), CustomerCovariates.None(100)));
    }

    [Fact]
    public void Empty_data_report_no_data()
    {
        var m = BetaGeoNbd.Fit(RfmData.Create([], [], []), CustomerCovariates.None(0), CustomerCovariates.None(0));
        Assert.Equal(FitStatus.NoData, m.Diagnostics.Status);
        Assert.Null(m.LikelihoodRatio);
    }

    // CDNOW with z = ln(1 + first-purchase value) on both processes: covariate_reference.py maximises the same likelihood
    // with scipy (an independent implementation).
    [Fact]
    public void Cdnow_first_purchase_value_matches_the_scipy_reference()
    {
        var m = Cdnow.Value;
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        Assert.Equal(ScipyBetaGeo.LogLikelihood, m.Diagnostics.LogLikelihood!.Value, 1e-6);
        Assert.Equal(ScipyBetaGeo.R, m.R.Value, ScipyBetaGeo.R * 1e-5);
        Assert.Equal(ScipyBetaGeo.Alpha, m.Alpha.Value, ScipyBetaGeo.Alpha * 1e-5);
        Assert.Equal(ScipyBetaGeo.A, m.A.Value, ScipyBetaGeo.A * 1e-5);
        Assert.Equal(ScipyBetaGeo.B, m.B.Value, ScipyBetaGeo.B * 1e-5);
        Assert.Equal(ScipyBetaGeo.Purchase, m.PurchaseCoefficients[0].Value, 1e-5);
        Assert.Equal(ScipyBetaGeo.Dropout, m.DropoutCoefficients[0].Value, 1e-5);
        Assert.True(m.LikelihoodRatio!.Statistic >= 0);
    }

    [Fact]
    public void Report_has_parameters_coefficients_test_and_fit()
    {
        var text = Cdnow.Value.ToReport().ToMarkdown();
        Assert.Contains("Covariate coefficients", text);
        Assert.Contains("ln first purchase", text);
        Assert.Contains("Likelihood-ratio test", text);
    }

    // Printed by covariate_reference.py (scipy 1.10).
    private static class ScipyBetaGeo
    {
        public const double R = 0.2546686484472624;
        public const double Alpha = 23.39954223916737;
        public const double A = 0.2690358303352766;
        public const double B = 0.8465707569970868;
        public const double Purchase = 0.4806328078310362;
        public const double Dropout = 0.31196384288761286;
        public const double LogLikelihood = -9559.495965398015;
    }
}

using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

public class ParetoNbdCovariateModelTests
{
    // True values of the simulation: r, α, s, β (a customer with all covariates 0) and the coefficients.
    private static readonly double[] Truth = [0.6, 10, 0.6, 12];
    private static readonly double[] PurchaseTruth = [0.5, -0.3];
    private static readonly double[] DropoutTruth = [0.4];

    private static readonly Lazy<(ParetoNbdCovariateModel Model, RfmData Data, CustomerCovariates Purchase, CustomerCovariates Dropout)> Simulated = new(() =>
    {
        var (table, ages) = CovariateData.Simulated(100_000, 20261206);
        var dropout = table.Select("score");
        var data = ParetoNbd.Simulate(Truth[0], Truth[1], Truth[2], Truth[3], table, PurchaseTruth, dropout, DropoutTruth, ages, 8);
        return (ParetoNbd.Fit(data, table, dropout), data, table, dropout);
    });

    private static readonly Lazy<ParetoNbdCovariateModel> Cdnow = new(() =>
    {
        var (data, z) = CovariateData.Cdnow;
        return ParetoNbd.Fit(data, z, z);
    });

    // Seven estimates at once: each within 2 SE would fail about 30% of seeds by chance alone; 3 SE is a family-wise ~2%.
    [Fact]
    public void Recovers_known_parameters_and_coefficients_within_three_standard_errors_on_100k_simulated_customers()
    {
        var m = Simulated.Value.Model;
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        ParameterEstimate[] parameters = [m.R, m.Alpha, m.S, m.Beta];
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(parameters[i].Value - Truth[i]) <= 3 * parameters[i].StandardError!.Value, $"{parameters[i]} against {Truth[i]}");
        }

        CoefficientEstimate[] coefficients = [.. m.PurchaseCoefficients, .. m.DropoutCoefficients];
        double[] truth = [.. PurchaseTruth, .. DropoutTruth];
        for (int i = 0; i < coefficients.Length; i++)
        {
            Assert.True(Math.Abs(coefficients[i].Value - truth[i]) <= 3 * coefficients[i].StandardError!.Value, $"{coefficients[i]} against {truth[i]}");
        }

        Assert.True(m.LikelihoodRatio!.PValue < 1e-10, m.LikelihoodRatio.ToString());
    }

    [Fact]
    public void No_covariate_columns_give_the_plain_model()
    {
        var data = ParetoNbd.Simulate(0.55, 10.6, 0.6, 11.7, 3000, 39, 12);
        var m = ParetoNbd.Fit(data, CustomerCovariates.None(data.Count), CustomerCovariates.None(data.Count));
        var plain = ParetoNbd.Fit(data);
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        Assert.Equal(plain.Diagnostics.LogLikelihood!.Value, m.Diagnostics.LogLikelihood!.Value, Math.Abs(plain.Diagnostics.LogLikelihood.Value) * 1e-9);
        foreach (var (fitted, reference) in new[] { (m.R, plain.R), (m.Alpha, plain.Alpha), (m.S, plain.S), (m.Beta, plain.Beta) })
        {
            Assert.Equal(reference.Value, fitted.Value, reference.Value * 1e-9);
        }

        Assert.Equal(0, m.LikelihoodRatio!.Statistic, 1e-6);
    }

    [Property(MaxTest = 200)]
    public Property One_customer_likelihood_equals_the_plain_model_likelihood() =>
        Prop.ForAll(LifetimeGen.Row.ToArbitrary(), Gen.Choose(-100, 100).Select(k => Math.Pow(10, k / 100.0)).ArrayOf(4).ToArbitrary(), (row, p) =>
        {
            double value = CovariateRows.Pareto(p[0], p[1], p[2], p[3], row.X, row.Tx, row.T, default);
            double reference = ParetoNbd.LogLikelihood(p[0], p[1], p[2], p[3], row.X, row.Tx, row.T);
            return double.IsNaN(value) || Math.Abs(value - reference) <= 1e-10 * Math.Max(1, Math.Abs(reference));
        });

    [Theory]
    [InlineData(0.55, 10.6, 0.6, 11.7, 0.3, -0.2, 0.5, -0.4)]
    [InlineData(1.2, 4, 0.4, 30, -0.5, 0.1, 0, 0.9)]
    public void Analytic_gradient_equals_the_numerical_one(double r, double alpha, double s, double beta, double g1, double g2, double g3, double g4)
    {
        var (table, ages) = CovariateData.Simulated(1500, 3);
        var data = ParetoNbd.Simulate(0.55, 10.6, 0.6, 11.7, table, [0.3, -0.2], table, [0.2, 0.1], ages, 4);
        var likelihood = new CovariateLikelihood(data, table, table, CovariateRows.Pareto, false, -1);
        double[] at = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta), g1, g2, g3, g4];
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
        var m = Cdnow.Value;
        var (data, z) = CovariateData.Cdnow;
        var alive = new double[data.Count];
        m.ProbabilityAlive(data, z, z, alive);
        for (int i = 0; i < data.Count; i += 97)
        {
            var own = m.ForCustomer([z[i, 0]], [z[i, 0]]);
            Assert.Equal(m.Alpha.Value * Math.Exp(-m.PurchaseCoefficients[0].Value * z[i, 0]), own.Alpha.Value, own.Alpha.Value * 1e-14);
            Assert.Equal(m.Beta.Value * Math.Exp(-m.DropoutCoefficients[0].Value * z[i, 0]), own.Beta.Value, own.Beta.Value * 1e-14);
            Assert.Equal(own.ProbabilityAlive(data.Frequency[i], data.Recency[i], data.Age[i]), alive[i], 1e-12);
        }
    }

    [Fact]
    public void Cdnow_first_purchase_value_matches_the_scipy_reference()
    {
        var m = Cdnow.Value;
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        Assert.Equal(ScipyPareto.LogLikelihood, m.Diagnostics.LogLikelihood!.Value, 1e-6);
        Assert.Equal(ScipyPareto.R, m.R.Value, ScipyPareto.R * 1e-5);
        Assert.Equal(ScipyPareto.Alpha, m.Alpha.Value, ScipyPareto.Alpha * 1e-5);
        Assert.Equal(ScipyPareto.S, m.S.Value, ScipyPareto.S * 1e-5);
        Assert.Equal(ScipyPareto.Beta, m.Beta.Value, ScipyPareto.Beta * 1e-5);
        Assert.Equal(ScipyPareto.Purchase, m.PurchaseCoefficients[0].Value, 1e-5);
        Assert.Equal(ScipyPareto.Dropout, m.DropoutCoefficients[0].Value, 1e-5);
    }

    // Printed by covariate_reference.py (scipy 1.10).
    private static class ScipyPareto
    {
        public const double R = 0.5726770949778747;
        public const double Alpha = 36.920646901866725;
        public const double S = 0.6135888052343401;
        public const double Beta = 12.438462176372306;
        public const double Purchase = 0.3649295717027724;
        public const double Dropout = 0.01030022568080181;
        public const double LogLikelihood = -9571.977276520265;
    }
}

using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Tests.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Tests.Statistics;

/// <summary>
/// The one maximum-likelihood engine behind all seven parametric fits: whenever a fit says it converged, the estimate
/// passes the engine's absolute test (gradient of the summed log-likelihood over log-parameters ≤ 1e−6, or Newton step
/// ≤ 1e−8), and an independent gradient of the model's public log-likelihood agrees that it is a stationary point to the
/// engine's own promise: at most <see cref="FitDiagnostics.GradientTolerance"/> per customer (the engine's objective is
/// −LL/n), and never more than 1e−4 on the summed log-likelihood where n × 1e−6 is smaller. (An absolute 1e−4 on the sum was
/// stricter than the engine promises: BdW, whose engine gradient is numerical, failed it at seed 750215 with 1.6e−3 on
/// 5,000 customers, 3.3e−7 per customer, certified by a Newton step of 1.8e−9.)
/// </summary>
public class FitEngineTests
{
    private static readonly string[] Models = ["sBG", "BdW", "BG/NBD", "MBG/NBD", "Pareto/NBD", "gamma-gamma", "BG/BB"];

    /// <summary>Random well-posed simulated inputs for each of the seven models (interior true parameters, a few thousand customers).</summary>
    [Property(MaxTest = 21)]
    public Property Converged_fits_are_certified_by_the_absolute_gradient_or_Newton_step_test() =>
        Prop.ForAll(Gen.Choose(0, Models.Length - 1).SelectMany(m => Gen.Choose(1, 1_000_000).Select(seed => (Model: m, Seed: seed))).ToArbitrary(), c =>
        {
            var (holds, label) = Certified(c.Model, c.Seed);
            return holds.Label(label);
        });

    /// <summary>The seed that showed the old absolute bound was stricter than the engine's promise (BdW, numerical gradient).</summary>
    [Fact]
    public void A_BdW_fit_certified_by_its_Newton_step_meets_the_per_customer_gradient_bound()
    {
        var (holds, label) = Certified(1, 750215);
        Assert.True(holds, label);
    }

    private static (bool Holds, string Label) Certified(int model, int seed)
    {
        var (diagnostics, parameters, logLikelihood) = Fit(model, seed);
        double independent = diagnostics.IsConverged ? StationaryPoint.GradientNorm(logLikelihood, parameters) : double.NaN;
        bool holds = !diagnostics.IsConverged
            || (diagnostics.IsCertified
                && (diagnostics.GradientNorm <= FitDiagnostics.GradientTolerance || diagnostics.NewtonStep <= FitDiagnostics.StepTolerance)
                && independent <= Math.Max(1e-4, FitDiagnostics.GradientTolerance * diagnostics.Customers));
        return (holds, $"{Models[model]} seed {seed}: {diagnostics}; gradient {diagnostics.GradientNorm:G3}, Newton step {diagnostics.NewtonStep:G3}, independent gradient {independent:G3}");
    }

    [Fact]
    public void Every_model_reports_the_same_diagnostics_record_and_converges_on_well_posed_data()
    {
        for (int model = 0; model < Models.Length; model++)
        {
            var (diagnostics, parameters, _) = Fit(model, seed: 17);
            Assert.True(diagnostics.Status == FitStatus.Converged, $"{Models[model]}: {diagnostics}");
            Assert.True(diagnostics.IsCertified, Models[model]);
            Assert.True(diagnostics.HessianPositiveDefinite, Models[model]);
            Assert.InRange(diagnostics.Evaluations, 1, FitOptions.Default.MaxEvaluations);
            Assert.All(parameters, p => Assert.True(p > 0 && double.IsFinite(p)));
        }
    }

    [Fact]
    public void A_spent_budget_ends_every_model_with_IterationLimit()
    {
        var budget = new FitOptions { MaxEvaluations = 3 };
        var cohort = RetentionSimulation.Cohort(2000, 8, 0.8, 2.5, 1.0, seed: 3);
        var sbg = ShiftedBetaGeometric.Fit([cohort], budget);
        Assert.Equal(FitStatus.IterationLimit, sbg.Diagnostics.Status);
        Assert.Equal(3, sbg.Diagnostics.Evaluations);
        Assert.Null(sbg.Alpha.StandardError);
        Assert.Throws<InvalidOperationException>(() => sbg.Survival(1));
        Assert.Equal(FitStatus.IterationLimit, BetaDiscreteWeibull.Fit([cohort], budget).Diagnostics.Status);
        Assert.Equal(FitStatus.IterationLimit, BetaGeoNbd.Fit(BetaGeoNbd.Simulate(0.25, 4.4, 0.8, 2.4, 500, 39, 1), budget).Diagnostics.Status);
    }

    [Fact]
    public void Parameter_interval_is_the_log_scale_Wald_interval()
    {
        var estimate = new ParameterEstimate { Name = "alpha", Value = 2, StandardError = 0.5 };
        var interval = estimate.Interval()!.Value;
        double spread = Math.Exp(1.959963984540054 * 0.25);
        Assert.Equal(2 / spread, interval.Lower, 12);
        Assert.Equal(2 * spread, interval.Upper, 12);
        Assert.Equal(0.95, interval.Level);
        Assert.True(estimate.Interval(0.5)!.Value.Width < interval.Width);
        Assert.Null((estimate with { StandardError = null }).Interval());
        Assert.Throws<ArgumentOutOfRangeException>("level", () => estimate.Interval(1));
    }

    private static (FitDiagnostics Diagnostics, double[] Parameters, Func<double[], double> LogLikelihood) Fit(int model, int seed)
    {
        switch (model)
        {
            case 0:
            {
                SurvivalCohort[] cohorts = [RetentionSimulation.Cohort(3000, 10, 0.8, 2.5, 1.0, seed), RetentionSimulation.Cohort(2000, 5, 0.8, 2.5, 1.0, seed + 1)];
                var m = ShiftedBetaGeometric.Fit(cohorts);
                return (m.Diagnostics, [m.Alpha.Value, m.Beta.Value], p => ShiftedBetaGeometric.LogLikelihood(p[0], p[1], cohorts));
            }

            case 1:
            {
                SurvivalCohort[] cohorts = [RetentionSimulation.Cohort(5000, 12, 1.0, 1.5, 0.7, seed)];
                var m = BetaDiscreteWeibull.Fit(cohorts);
                return (m.Diagnostics, [m.Alpha.Value, m.Beta.Value, m.C.Value], p => BetaDiscreteWeibull.LogLikelihood(p[0], p[1], p[2], cohorts));
            }

            case 2:
            {
                var data = BetaGeoNbd.Simulate(0.25, 4.4, 0.8, 2.4, 2000, 39, seed, resolution: 1.0 / 7);
                var m = BetaGeoNbd.Fit(data);
                return (m.Diagnostics, [m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value], p => Sum(data.Count, i => BetaGeoNbd.LogLikelihood(p[0], p[1], p[2], p[3], data.Frequency[i], data.Recency[i], data.Age[i])));
            }

            case 3:
            {
                var data = ModifiedBetaGeoNbd.Simulate(0.5, 6, 0.9, 1.6, 2000, 39, seed, resolution: 1.0 / 7);
                var m = ModifiedBetaGeoNbd.Fit(data);
                return (m.Diagnostics, [m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value], p => Sum(data.Count, i => ModifiedBetaGeoNbd.LogLikelihood(p[0], p[1], p[2], p[3], data.Frequency[i], data.Recency[i], data.Age[i])));
            }

            case 4:
            {
                var data = ParetoNbd.Simulate(0.55, 10.6, 0.6, 11.7, 2000, 39, seed, resolution: 1.0 / 7);
                var m = ParetoNbd.Fit(data);
                return (m.Diagnostics, [m.R.Value, m.Alpha.Value, m.S.Value, m.Beta.Value], p => Sum(data.Count, i => ParetoNbd.LogLikelihood(p[0], p[1], p[2], p[3], data.Frequency[i], data.Recency[i], data.Age[i])));
            }

            case 5:
            {
                // Repeat buyers' mean spends from the gamma-gamma process: ν ~ Gamma(q, γ), each of x spends Gamma(p, ν).
                var random = new Random(seed);
                var x = new double[1500];
                var z = new double[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = random.Next(1, 8);
                    double nu = Gamma.Sample(random, 3.7, 15.4);
                    z[i] = Gamma.Sample(random, 6.25 * x[i], nu) / x[i];
                }

                var m = GammaGamma.Fit(x, z);
                return (m.Diagnostics, [m.P.Value, m.Q.Value, m.Gamma.Value], p => Sum(x.Length, i => GammaGamma.LogLikelihood(p[0], p[1], p[2], x[i], z[i])));
            }

            default:
            {
                // BG/BB: p ~ Beta(α, β) to buy at each of n = 6 opportunities while alive, θ ~ Beta(γ, δ) to drop out before each.
                var random = new Random(seed);
                var x = new int[3000];
                var tx = new int[x.Length];
                var n = new int[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    double p = Beta.Sample(random, 1.2, 0.75), theta = Beta.Sample(random, 0.66, 2.8);
                    n[i] = 6;
                    for (int t = 1; t <= 6 && random.NextDouble() >= theta; t++)
                    {
                        if (random.NextDouble() < p)
                        {
                            x[i]++;
                            tx[i] = t;
                        }
                    }
                }

                var m = BetaGeoBetaBinomial.Fit(x, tx, n);
                return (m.Diagnostics, [m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value], q => Sum(x.Length, i => BetaGeoBetaBinomial.LogLikelihood(q[0], q[1], q[2], q[3], x[i], tx[i], n[i])));
            }
        }
    }

    private static double Sum(int count, Func<int, double> term)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += term(i);
        }

        return sum;
    }
}

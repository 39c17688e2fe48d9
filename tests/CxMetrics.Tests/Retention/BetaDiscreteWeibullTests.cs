using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Tests.Statistics;

namespace CxMetrics.Tests.Retention;

public class BetaDiscreteWeibullTests
{
    [Fact]
    public void Nests_the_sBG_model_and_never_fits_worse()
    {
        var cohorts = new[] { new SurvivalCohort(1000, ShiftedBetaGeometricTests.Regular) };
        var comparison = BetaDiscreteWeibull.FitBoth(cohorts);
        Assert.Equal(FitStatus.Converged, comparison.BetaDiscreteWeibull.Diagnostics.Status);
        Assert.True(comparison.BetaDiscreteWeibull.Diagnostics.LogLikelihood!.Value >= comparison.ShiftedBetaGeometric.Diagnostics.LogLikelihood!.Value - 1e-6);
        Assert.Equal(1, comparison.DegreesOfFreedom);
        Assert.InRange(comparison.PValue!.Value, 0, 1);

        // At c = 1 the BdW likelihood is the sBG likelihood.
        var sbg = comparison.ShiftedBetaGeometric;
        Assert.Equal(sbg.Diagnostics.LogLikelihood!.Value, BetaDiscreteWeibull.LogLikelihood(sbg.Alpha.Value, sbg.Beta.Value, 1.0, cohorts), 6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Converged_fit_is_a_stationary_point_by_an_independent_gradient(bool highEnd)
    {
        var cohorts = new[] { new SurvivalCohort(1000, highEnd ? ShiftedBetaGeometricTests.HighEnd : ShiftedBetaGeometricTests.Regular) };
        var bdw = BetaDiscreteWeibull.Fit(cohorts);
        Assert.Equal(FitStatus.Converged, bdw.Diagnostics.Status);
        double gradient = StationaryPoint.GradientNorm(p => BetaDiscreteWeibull.LogLikelihood(p[0], p[1], p[2], cohorts), bdw.Alpha.Value, bdw.Beta.Value, bdw.C.Value);
        Assert.True(gradient < 1e-5, $"gradient {gradient:G3} at {bdw}");
    }

    [Fact]
    public void Detects_duration_dependence_in_simulated_data()
    {
        // Individual churn probabilities that fall with tenure (c = 0.5): the LR test rejects sBG and c is recovered.
        var cohort = RetentionSimulation.Cohort(20_000, 12, 1.0, 1.5, 0.5, seed: 7);
        var comparison = BetaDiscreteWeibull.FitBoth([cohort]);
        var bdw = comparison.BetaDiscreteWeibull;
        Assert.Equal(FitStatus.Converged, bdw.Diagnostics.Status);
        Assert.True(comparison.PValue < 1e-6, comparison.ToString());
        Assert.True(Math.Abs(bdw.C.Value - 0.5) <= 4 * bdw.C.StandardError!.Value, bdw.ToString());
    }

    [Fact]
    public void Does_not_reject_sBG_on_sBG_data()
    {
        var cohort = RetentionSimulation.Cohort(5000, 10, 0.8, 2.5, 1.0, seed: 11);
        var comparison = BetaDiscreteWeibull.FitBoth([cohort]);
        Assert.True(comparison.PValue > 0.001, comparison.ToString());
        Assert.True(Math.Abs(comparison.BetaDiscreteWeibull.C.Value - 1) <= 4 * comparison.BetaDiscreteWeibull.C.StandardError!.Value);
    }

    [Fact]
    public void Survival_retention_and_lifetimes_are_consistent()
    {
        var model = BetaDiscreteWeibull.Fit([new SurvivalCohort(1000, ShiftedBetaGeometricTests.HighEnd)]);
        Assert.Equal(1.0, model.Survival(0));
        for (int t = 1; t <= 10; t++)
        {
            Assert.Equal(model.Survival(t) / model.Survival(t - 1), model.Retention(t), 10);
            Assert.Equal(model.Survival(t - 1) - model.Survival(t), model.ChurnProbability(t), tolerance: 1e-8);
        }

        double z = 1 / 1.1;
        Assert.Equal(1 + (z * model.DiscountedExpectedResidualLifetime(0.1, 0)), model.DiscountedExpectedLifetime(0.1), 8);
    }
}

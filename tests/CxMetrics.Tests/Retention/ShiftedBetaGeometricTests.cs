using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Tests.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention;

public class ShiftedBetaGeometricTests
{
    // Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1): survivors of 1,000
    // customers acquired together, years 1–7.
    internal static readonly long[] Regular = [631, 468, 382, 326, 289, 262, 241];
    internal static readonly long[] HighEnd = [869, 743, 653, 593, 551, 517, 491];

    [Fact]
    public void Regular_segment_matches_Fader_Hardie_2007()
    {
        var model = ShiftedBetaGeometric.Fit(1000, Regular);
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(0.704, model.Alpha.Value, 3);
        Assert.Equal(1.182, model.Beta.Value, 3);
        Assert.Equal(-1680.3, model.Diagnostics.LogLikelihood!.Value, 1);
        Assert.NotNull(model.Alpha.StandardError);
        Assert.InRange(model.Alpha.StandardError!.Value, 0.01, 0.5);
        Assert.InRange(model.Beta.StandardError!.Value, 0.01, 1);
    }

    [Fact]
    public void High_end_segment_matches_Fader_Hardie_2007()
    {
        var model = ShiftedBetaGeometric.Fit(1000, HighEnd);
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(0.668, model.Alpha.Value, 3);
        Assert.Equal(3.806, model.Beta.Value, 3);
        Assert.Equal(-1611.2, model.Diagnostics.LogLikelihood!.Value, 1);
    }

    // The optimum to 15 digits and DERL(d = 10%, n = 8, i.e. 7 renewals) by mpmath: sbg_high_end_reference.py beside this
    // file; 7.52963 as in Fader & Hardie (2010). MathNet's BFGS alone stopped at α = 0.668071, β = 3.805967 (gradient 6.8e−4,
    // its test is relative to |LL| ≈ 1611) and DERL 7.52967.
    [Fact]
    public void High_end_fit_is_certified_at_the_optimum_and_gives_the_published_DERL()
    {
        var model = ShiftedBetaGeometric.Fit(1000, HighEnd);
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(0.668088351106446, model.Alpha.Value, 1e-7);
        Assert.Equal(3.80609496405827, model.Beta.Value, 1e-6);
        Assert.Equal(7.52963, model.DiscountedExpectedResidualLifetime(0.1, 7), 5);
        Assert.Equal(7.5296280555707, model.DiscountedExpectedResidualLifetime(0.1, 7), 1e-7);
        var cohorts = new[] { new SurvivalCohort(1000, HighEnd) };
        Assert.True(StationaryPoint.GradientNorm(p => ShiftedBetaGeometric.LogLikelihood(p[0], p[1], cohorts), model.Alpha.Value, model.Beta.Value) < 1e-5);
    }

    [Fact]
    public void Fitted_log_likelihood_is_the_maximum_over_nearby_parameters()
    {
        var cohorts = new[] { new SurvivalCohort(1000, Regular) };
        var model = ShiftedBetaGeometric.Fit(cohorts);
        Assert.Equal(model.Diagnostics.LogLikelihood!.Value, ShiftedBetaGeometric.LogLikelihood(model.Alpha.Value, model.Beta.Value, cohorts), 9);
        foreach (var (da, db) in new[] { (0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01) })
        {
            Assert.True(ShiftedBetaGeometric.LogLikelihood(model.Alpha.Value + da, model.Beta.Value + db, cohorts) < model.Diagnostics.LogLikelihood!.Value);
        }
    }

    [Fact]
    public void Survival_retention_and_churn_follow_the_beta_function_forms()
    {
        var model = ShiftedBetaGeometric.Fit(1000, Regular);
        double a = model.Alpha.Value, b = model.Beta.Value;
        Assert.Equal(1.0, model.Survival(0));
        Assert.Equal(b / (a + b), model.Survival(1), 12);
        Assert.Equal(a / (a + b), model.ChurnProbability(1), 12);
        for (int t = 1; t <= 12; t++)
        {
            Assert.Equal(model.Survival(t) / model.Survival(t - 1), model.Retention(t), 10);
            Assert.Equal(model.Survival(t - 1) - model.Survival(t), model.ChurnProbability(t), 10);
            if (t > 1)
            {
                Assert.True(model.Retention(t) > model.Retention(t - 1), "retention rises with tenure (sorting effect)");
            }
        }

        // Projection close to the observed survivors (F&H 2007, Figure 3).
        Assert.InRange(model.ExpectedSurvivors(1000, 7), 225, 260);
        var curve = model.ProjectedSurvival(12);
        Assert.Equal(13, curve.Count);
        Assert.Equal(model.Survival(12), curve[12]);
        var rates = model.ProjectedRetention(12);
        Assert.Equal(13, rates.Count);
        Assert.Equal(1.0, rates[0]);
        for (int t = 1; t <= 12; t++)
        {
            // Both projections are indexed by period: r(t) = S(t)/S(t − 1).
            Assert.Equal(model.Retention(t), rates[t]);
            Assert.Equal(curve[t] / curve[t - 1], rates[t], 12);
        }
    }

    [Fact]
    public void Discounted_expected_lifetime_equals_the_hypergeometric_closed_form()
    {
        var model = ShiftedBetaGeometric.Fit(1000, HighEnd);
        double d = 0.1, z = 1 / 1.1;
        Assert.Equal(Hypergeometric(1, model.Beta.Value, model.Alpha.Value + model.Beta.Value, z), model.DiscountedExpectedLifetime(d), 9);
        for (int renewals = 0; renewals <= 5; renewals++)
        {
            int n = renewals + 1;
            double expected = (model.Beta.Value + n - 1) / (model.Alpha.Value + model.Beta.Value + n - 1) * Hypergeometric(1, model.Beta.Value + n, model.Alpha.Value + model.Beta.Value + n, z);
            Assert.Equal(expected, model.DiscountedExpectedResidualLifetime(d, renewals), 9);
        }

        // A new customer's DEL is the first payment plus the discounted DERL after it.
        Assert.Equal(1 + (z * model.DiscountedExpectedResidualLifetime(d, 0)), model.DiscountedExpectedLifetime(d), 9);

        // Customers who have renewed more are worth more (they are the low-churn ones).
        Assert.True(model.DiscountedExpectedResidualLifetime(d, 4) > model.DiscountedExpectedResidualLifetime(d, 0));
    }

    [Fact]
    public void Several_cohorts_of_different_ages_are_fitted_jointly()
    {
        var cohorts = new[]
        {
            new SurvivalCohort(1000, Regular, "2019"),
            new SurvivalCohort(1000, Regular[..4], "2022"),
            new SurvivalCohort(1000, Regular[..1], "2025"),
        };
        var model = ShiftedBetaGeometric.Fit(cohorts);
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(3, model.Cohorts);
        Assert.Equal(3000, model.Customers);
        Assert.InRange(model.Alpha.Value, 0.4, 1.2);
    }

    [Fact]
    public void Invalid_cohorts_throw_naming_the_cohort()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("survivors", () => new SurvivalCohort(1000, [631, 700], "2024-01"));
        Assert.Contains("700", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-01", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("initialCount", () => new SurvivalCohort(0, []));
        Assert.Throws<ArgumentException>("cohorts", () => ShiftedBetaGeometric.Fit([]));
        Assert.Throws<ArgumentException>("cohorts", () => ShiftedBetaGeometric.Fit(100, []));
        Assert.Throws<ArgumentOutOfRangeException>("discountRate", () => ShiftedBetaGeometric.Fit(1000, Regular).DiscountedExpectedLifetime(0));
    }

    [Theory]
    [InlineData(new long[] { 1000, 1000, 1000 })]
    [InlineData(new long[] { 0, 0, 0 })]
    [InlineData(new long[] { 500, 500, 500 })]
    public void Degenerate_cohorts_give_finite_results_and_a_status(long[] survivors)
    {
        var model = ShiftedBetaGeometric.Fit(1000, survivors);
        Assert.True(double.IsFinite(model.Alpha.Value) && double.IsFinite(model.Beta.Value) && double.IsFinite(model.Diagnostics.LogLikelihood!.Value), model.ToString());
        Assert.True(model.Diagnostics.LogLikelihood!.Value <= 0, model.ToString());
        _ = System.Text.Json.JsonSerializer.Serialize(model);
        if (model.Alpha.StandardError is { } se)
        {
            Assert.True(double.IsFinite(se) && se > 0);
        }
    }

    /// <summary>
    /// α and β of a 10-period cohort are strongly correlated, and their estimates' sampling distribution is skewed, so a
    /// per-parameter Wald band misses now and then on random seeds (seed 821602: α̂ 0.664, 4.4 standard errors from 0.8).
    /// The parameters are therefore checked on fixed seeds; the well-identified survival curve is checked on random ones.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Fit_recovers_simulated_parameters_within_four_standard_errors(int seed)
    {
        const double Alpha = 0.8, Beta = 2.5;
        var model = ShiftedBetaGeometric.Fit([RetentionSimulation.Cohort(4000, 10, Alpha, Beta, 1.0, seed)]);
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.True(model.Alpha.StandardError is { } seAlpha && Math.Abs(model.Alpha.Value - Alpha) <= 4 * seAlpha, model.ToString());
        Assert.True(model.Beta.StandardError is { } seBeta && Math.Abs(model.Beta.Value - Beta) <= 4 * seBeta, model.ToString());
    }

    /// <summary>
    /// The fitted survival curve S(t) = Π (β + i − 1)/(α + β + i − 1) stays within five binomial standard errors
    /// √(S(1 − S)/n) of the true curve at every period of a simulated cohort of n = 4,000.
    /// </summary>
    [Property(MaxTest = 8)]
    public Property Fit_recovers_the_simulated_survival_curve_within_five_binomial_standard_errors() =>
        Prop.ForAll(Gen.Choose(1, 1_000_000).ToArbitrary(), seed =>
        {
            const double Alpha = 0.8, Beta = 2.5;
            const int Customers = 4000;
            var model = ShiftedBetaGeometric.Fit([RetentionSimulation.Cohort(Customers, 10, Alpha, Beta, 1.0, seed)]);
            double truth = 1;
            bool recovered = model.Diagnostics.Status == FitStatus.Converged;
            for (int t = 1; t <= 10 && recovered; t++)
            {
                truth *= (Beta + t - 1) / (Alpha + Beta + t - 1);
                recovered = Math.Abs(model.Survival(t) - truth) <= 5 * Math.Sqrt(truth * (1 - truth) / Customers);
            }

            return recovered.Label($"seed {seed}: {model}");
        });

    /// <summary>₂F₁(a, b; c; z) by its defining series Σ (a)ₖ(b)ₖ/(c)ₖ zᵏ/k!.</summary>
    private static double Hypergeometric(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (int k = 0; k < 100_000 && term > 1e-18 * sum; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
        }

        return sum;
    }
}

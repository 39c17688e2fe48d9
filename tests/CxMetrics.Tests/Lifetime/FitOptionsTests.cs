using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Tests.Lifetime;

public class FitOptionsTests
{
    private static readonly FitOptions SmallBudget = new() { MaxEvaluations = 300 };

    [Fact]
    public void Default_budget_is_2000_evaluations()
    {
        Assert.Equal(2000, FitOptions.Default.MaxEvaluations);
        Assert.Equal(FitOptions.Default, new FitOptions());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Budget_below_one_evaluation_is_rejected(int max)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("MaxEvaluations", () => new FitOptions { MaxEvaluations = max });
        Assert.Contains("MaxEvaluations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_fits_use_a_small_fraction_of_the_default_budget()
    {
        // The default must not bind on data the models fit: the CDNOW fits take 30–80 passes (a 1 M-customer simulated
        // base about as many, measured when the budget was introduced).
        Assert.InRange(ParetoNbdTests.Cdnow.Value.Diagnostics.Evaluations, 1, 100);
        Assert.InRange(BetaGeoNbd.Fit(CdnowFixture.Summary).Diagnostics.Evaluations, 1, 100);
    }

    [Fact]
    public void Spent_budget_stops_the_fit_with_IterationLimit_and_the_best_point_seen()
    {
        var m = ParetoNbd.Fit(CdnowFixture.Summary, new FitOptions { MaxEvaluations = 5 });
        Assert.Equal(FitStatus.IterationLimit, m.Diagnostics.Status);
        Assert.Equal(5, m.Diagnostics.Evaluations);
        Assert.Contains("budget of 5", m.Diagnostics.Message, StringComparison.Ordinal);
        Assert.True(m.Diagnostics.LogLikelihood is { } ll && double.IsFinite(ll) && ll > -20_000, m.ToString());
        Assert.All([m.R, m.Alpha, m.S, m.Beta], e => Assert.Null(e.StandardError));
        Assert.Throws<InvalidOperationException>(() => m.ProbabilityAlive(1, 5, 10));
    }

    [Fact]
    public void Budget_applies_to_numerical_gradient_passes_too()
    {
        var m = BetaGeoBetaBinomial.Fit([1, 2, 0], [1, 3, 0], [6, 6, 6], [10, 20, 30], new FitOptions { MaxEvaluations = 20 });
        Assert.True(m.Diagnostics.Evaluations <= 20, m.ToString());
        Assert.Equal(FitStatus.IterationLimit, m.Diagnostics.Status);
    }

    // Many small simulated data sets (few customers, short observation, random parameters and seeds), all five models:
    // no exception, work within the budget, and either a usable fit or an explicit failure with its reason.
    [Property(MaxTest = 60)]
    public Property Small_data_sets_never_throw_stay_within_the_budget_and_report_an_honest_status() =>
        Prop.ForAll(LifetimeGen.SmallFit.ToArbitrary(), c =>
        {
            var (d, estimates) = FitSmall(c.Model, c.Seed, c.Customers, c.Age, c.Parameters, SmallBudget);
            return d.Evaluations <= SmallBudget.MaxEvaluations && IsHonest(d, estimates);
        });

    internal static bool IsHonest(FitDiagnostics d, IReadOnlyList<ParameterEstimate> estimates)
    {
        bool finiteEstimates = estimates.All(e => double.IsFinite(e.Value) && (e.StandardError is null || double.IsFinite(e.StandardError.Value)));
        return d.Status switch
        {
            FitStatus.Converged or FitStatus.ConvergedWithFallback =>
                finiteEstimates && d.LogLikelihood is { } ll && double.IsFinite(ll) && d.HessianPositiveDefinite && estimates.All(e => e.StandardError is not null),
            FitStatus.NoData => d.LogLikelihood is null,
            FitStatus.NotConverged or FitStatus.IterationLimit or FitStatus.Boundary =>
                finiteEstimates && d.Message is not null && (d.LogLikelihood is null || double.IsFinite(d.LogLikelihood.Value)),
            _ => false,
        };
    }

    private static (FitDiagnostics Diagnostics, IReadOnlyList<ParameterEstimate> Estimates) FitSmall(int model, int seed, int customers, int age, double[] p, FitOptions options)
    {
        switch (model)
        {
            case 0:
            {
                var m = ParetoNbd.Fit(ParetoNbd.Simulate(p[0], p[1], p[2], p[3], customers, age, seed, resolution: 1), options);
                return (m.Diagnostics, [m.R, m.Alpha, m.S, m.Beta]);
            }

            case 1:
            {
                var m = BetaGeoNbd.Fit(BetaGeoNbd.Simulate(p[0], p[1], p[2], p[3], customers, age, seed, resolution: 1), options);
                return (m.Diagnostics, [m.R, m.Alpha, m.A, m.B]);
            }

            case 2:
            {
                var m = ModifiedBetaGeoNbd.Fit(ModifiedBetaGeoNbd.Simulate(p[0], p[1], p[2], p[3], customers, age, seed, resolution: 1), options);
                return (m.Diagnostics, [m.R, m.Alpha, m.A, m.B]);
            }

            case 3:
            {
                // Repeat buyers' mean spends from the gamma-gamma process: ν ~ Gamma(q, γ), each spend Gamma(p, ν).
                var random = new Random(seed);
                var x = new double[customers];
                var z = new double[customers];
                for (int i = 0; i < customers; i++)
                {
                    x[i] = random.Next(1, 1 + age);
                    double nu = Gamma.Sample(random, p[1], p[2]);
                    z[i] = Math.Max(Gamma.Sample(random, p[0] * x[i], nu) / x[i], 1e-6);
                }

                var m = GammaGamma.Fit(x, z, options);
                return (m.Diagnostics, [m.P, m.Q, m.Gamma]);
            }

            default:
            {
                // Arbitrary valid patterns over n ≤ 20 opportunities (not necessarily from the model).
                var random = new Random(seed);
                var x = new int[customers];
                var tx = new int[customers];
                var n = new int[customers];
                for (int i = 0; i < customers; i++)
                {
                    n[i] = age;
                    x[i] = random.Next(0, age + 1);
                    tx[i] = x[i] == 0 ? 0 : random.Next(x[i], age + 1);
                }

                var m = BetaGeoBetaBinomial.Fit(x, tx, n, options: options);
                return (m.Diagnostics, [m.Alpha, m.Beta, m.Gamma, m.Delta]);
            }
        }
    }
}

using System.Globalization;
using CxMetrics.Lifetime;
using CxMetrics.Tests.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

public class BetaGeoBetaBinomialTests
{
    private static readonly Lazy<BetaGeoBetaBinomialModel> Donations = new(() =>
    {
        var rows = CdnowFixture.Csv("donations.csv");
        int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        return BetaGeoBetaBinomial.Fit(rows.Select(r => I(r[0])).ToArray(), rows.Select(r => I(r[1])).ToArray(), rows.Select(r => I(r[2])).ToArray(), rows.Select(r => (double)I(r[3])).ToArray());
    });

    // Fader, Hardie & Shang (2010), Marketing Science 29(6): α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6.
    [Fact]
    public void Donations_reproduce_Fader_Hardie_Shang_2010()
    {
        var m = Donations.Value;
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        Assert.Equal(11_104, m.Diagnostics.Customers);
        Assert.Equal(1.204, m.Alpha.Value, 0.0005);
        Assert.Equal(0.750, m.Beta.Value, 0.0005);
        Assert.Equal(0.657, m.Gamma.Value, 0.0005);
        Assert.Equal(2.783, m.Delta.Value, 0.0005);
        Assert.Equal(-33_225.6, m.Diagnostics.LogLikelihood!.Value, 0.05);
    }

    [Fact]
    public void Donations_fit_is_a_stationary_point_by_an_independent_gradient()
    {
        var m = Donations.Value;
        var rows = CdnowFixture.Csv("donations.csv");
        int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        double gradient = StationaryPoint.GradientNorm(p => rows.Sum(r => I(r[3]) * BetaGeoBetaBinomial.LogLikelihood(p[0], p[1], p[2], p[3], I(r[0]), I(r[1]), I(r[2]))), m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value);
        Assert.True(gradient < 1e-5, $"gradient {gradient:G3} at {m}");
    }

    [Fact]
    public void Pattern_probabilities_sum_to_one_over_all_patterns()
    {
        var m = Donations.Value;
        double total = Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value, 0, 0, 6));
        for (int tx = 1; tx <= 6; tx++)
        {
            for (int x = 1; x <= tx; x++)
            {
                // Each (x, t_x) pattern stands for C(t_x − 1, x − 1) sequences.
                total += Binomial(tx - 1, x - 1) * Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value, x, tx, 6));
            }
        }

        Assert.Equal(1.0, total, 1e-9);
    }

    [Fact]
    public void Predictions_are_consistent()
    {
        var m = Donations.Value;
        Assert.InRange(m.ProbabilityAlive(3, 6, 6), 0.0, 1.0);
        Assert.True(m.ProbabilityAlive(6, 6, 6) > m.ProbabilityAlive(1, 1, 6));
        Assert.True(m.ConditionalExpectedPurchases(5, 6, 6, 6) > m.ConditionalExpectedPurchases(5, 1, 1, 6));
        Assert.Equal(0, m.ConditionalExpectedPurchases(0, 3, 5, 6), 12);
        Assert.True(m.ExpectedPurchases(6) > m.ExpectedPurchases(5));
    }

    [Fact]
    public void Purchase_count_distribution_equals_the_sum_of_its_pattern_probabilities()
    {
        // Independent route: P(X(n) = x) = Σ over t_x of (number of sequences with x ones, the last at t_x)·L(x, t_x, n).
        var m = Donations.Value;
        for (int n = 0; n <= 8; n++)
        {
            double total = 0, mean = 0;
            for (int x = 0; x <= n; x++)
            {
                double byPatterns = x == 0 ? Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value, 0, 0, n)) : 0;
                for (int tx = x; tx <= n && x > 0; tx++)
                {
                    byPatterns += Binomial(tx - 1, x - 1) * Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha.Value, m.Beta.Value, m.Gamma.Value, m.Delta.Value, x, tx, n));
                }

                double p = m.ProbabilityOfPurchases(x, n);
                Assert.Equal(byPatterns, p, 1e-12);
                total += p;
                mean += x * p;
            }

            Assert.Equal(1.0, total, 1e-12);
            Assert.Equal(m.ExpectedPurchases(n), mean, 1e-9);
        }

        Assert.Equal(0.0, m.ProbabilityOfPurchases(7, 6));
    }

    [Fact]
    public void Predicted_calibration_histogram_matches_the_donations_counts()
    {
        // Fader, Hardie & Shang (2010) Figure 4: the model reproduces the distribution of repeat donations over the six
        // calibration opportunities 1996–2001 closely; 11,104 × P(X(6) = x) against the observed counts (3,456 vs 3,464 at
        // x = 0; the largest gap is x = 2, 1,349 vs 1,430).
        var m = Donations.Value;
        var observed = new double[7];
        foreach (var r in CdnowFixture.Csv("donations.csv"))
        {
            observed[int.Parse(r[0], CultureInfo.InvariantCulture)] += double.Parse(r[3], CultureInfo.InvariantCulture);
        }

        Assert.Equal(11_104, observed.Sum());
        for (int x = 0; x <= 6; x++)
        {
            double expected = 11_104 * m.ProbabilityOfPurchases(x, 6);
            Assert.InRange(expected, observed[x] * 0.93, observed[x] * 1.07);
        }
    }

    [Fact]
    public void Simulated_patterns_recover_the_parameters_within_three_standard_errors()
    {
        // p ~ Beta(α, β), θ ~ Beta(γ, δ); at each of n = 6 opportunities a living customer first drops out with
        // probability θ, else transacts with probability p (Fader, Hardie & Shang 2010, section 2).
        double[] truth = [1.204, 0.750, 0.657, 2.783];
        var random = new Random(3);
        var counts = new Dictionary<(int X, int Tx), double>();
        for (int i = 0; i < 30_000; i++)
        {
            double p = MathNet.Numerics.Distributions.Beta.Sample(random, truth[0], truth[1]);
            double theta = MathNet.Numerics.Distributions.Beta.Sample(random, truth[2], truth[3]);
            int x = 0, tx = 0;
            for (int t = 1; t <= 6; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                if (random.NextDouble() < p)
                {
                    x++;
                    tx = t;
                }
            }

            counts[(x, tx)] = counts.GetValueOrDefault((x, tx)) + 1;
        }

        var keys = counts.Keys.ToArray();
        var m = BetaGeoBetaBinomial.Fit(keys.Select(k => k.X).ToArray(), keys.Select(k => k.Tx).ToArray(), keys.Select(_ => 6).ToArray(), keys.Select(k => counts[k]).ToArray());
        Assert.True(m.Diagnostics.IsConverged, m.ToString());
        for (int i = 0; i < 4; i++)
        {
            var e = new[] { m.Alpha, m.Beta, m.Gamma, m.Delta }[i];
            Assert.True(Math.Abs(e.Value - truth[i]) < 3 * e.StandardError!.Value, $"{e} vs true {truth[i]}");
        }
    }

    [Property(MaxTest = 200)]
    public Property Probability_alive_is_between_0_and_1_and_expectations_grow_with_the_horizon() =>
        Prop.ForAll(
            Gen.Choose(0, 60).Zip(Gen.Choose(0, 60)).Zip(Gen.Choose(0, 60)).ToArbitrary(),
            Gen.Choose(0, 40).Zip(Gen.Choose(0, 40)).ToArbitrary(),
            (pattern, horizons) =>
            {
                var m = Donations.Value;
                int n = pattern.Item1.Item1, tx = Math.Min(pattern.Item1.Item2, n), x = tx == 0 ? 0 : 1 + (pattern.Item2 % tx);
                int h1 = Math.Min(horizons.Item1, horizons.Item2), h2 = Math.Max(horizons.Item1, horizons.Item2);
                double alive = m.ProbabilityAlive(x, tx, n);
                return alive >= 0 && alive <= 1
                    && m.ConditionalExpectedPurchases(h1, x, tx, n) <= m.ConditionalExpectedPurchases(h2, x, tx, n) + 1e-12
                    && m.ExpectedPurchases(h1) <= m.ExpectedPurchases(h2) + 1e-12;
            });

    [Property(MaxTest = 200)]
    public Property Likelihood_is_finite_for_any_valid_pattern_and_parameters() =>
        Prop.ForAll(
            Gen.Choose(0, 5000).Zip(Gen.Choose(0, 5000)).Zip(Gen.Choose(0, 5000)).ToArbitrary(),
            LifetimeGen.Parameters4.ToArbitrary(),
            (pattern, p) =>
            {
                int n = pattern.Item1.Item1, tx = Math.Min(pattern.Item1.Item2, n), x = tx == 0 ? 0 : 1 + (pattern.Item2 % tx);
                double ll = BetaGeoBetaBinomial.LogLikelihood(p[0], p[1], p[2], p[3], x, tx, n);
                return double.IsFinite(ll) && ll <= 1e-9;
            });

    [Fact]
    public void Impossible_patterns_are_rejected_with_their_row()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("frequency", () => BetaGeoBetaBinomial.Fit([0, 3], [0, 2], [6, 6]));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    private static double Binomial(int n, int k) => Math.Round(Math.Exp(MathNet.Numerics.SpecialFunctions.FactorialLn(n) - MathNet.Numerics.SpecialFunctions.FactorialLn(k) - MathNet.Numerics.SpecialFunctions.FactorialLn(n - k)));
}

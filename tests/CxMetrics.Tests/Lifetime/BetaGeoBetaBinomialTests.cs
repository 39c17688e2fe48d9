using System.Globalization;
using CxMetrics.Lifetime;

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
        Assert.Equal(1.204, m.Alpha, 0.0005);
        Assert.Equal(0.750, m.Beta, 0.0005);
        Assert.Equal(0.657, m.Gamma, 0.0005);
        Assert.Equal(2.783, m.Delta, 0.0005);
        Assert.Equal(-33_225.6, m.Diagnostics.LogLikelihood!.Value, 0.05);
    }

    [Fact]
    public void Pattern_probabilities_sum_to_one_over_all_patterns()
    {
        var m = Donations.Value;
        double total = Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha, m.Beta, m.Gamma, m.Delta, 0, 0, 6));
        for (int tx = 1; tx <= 6; tx++)
        {
            for (int x = 1; x <= tx; x++)
            {
                // Each (x, t_x) pattern stands for C(t_x − 1, x − 1) sequences.
                total += Binomial(tx - 1, x - 1) * Math.Exp(BetaGeoBetaBinomial.LogLikelihood(m.Alpha, m.Beta, m.Gamma, m.Delta, x, tx, 6));
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
    public void Impossible_patterns_are_rejected_with_their_row()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BetaGeoBetaBinomial.Fit([0, 3], [0, 2], [6, 6]));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
    }

    private static double Binomial(int n, int k) => Math.Round(Math.Exp(MathNet.Numerics.SpecialFunctions.FactorialLn(n) - MathNet.Numerics.SpecialFunctions.FactorialLn(k) - MathNet.Numerics.SpecialFunctions.FactorialLn(n - k)));
}

using CxMetrics.Lifetime;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

/// <summary>
/// BG/NBD expected purchases where a + b &lt; 1 (and up to 2): FHL eq. 7/10's ₂F₁(r + x, b + x; a + b + x − 1; z) has a
/// third parameter ≤ 0 for x = 0, its series terms change sign and the value can be ≤ 0, which used to make every
/// prediction of a non-repeater NaN. References: mpmath's hyp2f1 at 60 digits (bgnbd_small_ab_reference.py).
/// </summary>
public class BetaGeoNbdSmallShapeTests
{
    private static readonly Lazy<BetaGeoNbdModel> Fitted = new(() => BetaGeoNbd.Fit(CdnowFixture.Summary));

    private static BetaGeoNbdModel Fixed(BetaGeoNbdModel fitted, double r, double alpha, double a, double b) => fitted with
    {
        R = fitted.R with { Value = r },
        Alpha = fitted.Alpha with { Value = alpha },
        A = fitted.A with { Value = a },
        B = fitted.B with { Value = b },
    };

    private static BetaGeoNbdModel At(double r, double alpha, double a, double b) => Fixed(Fitted.Value, r, alpha, a, b);

    private static ModifiedBetaGeoNbdModel ModifiedAt(double r, double alpha, double a, double b)
    {
        var m = ModifiedBetaGeoNbd.Fit(CdnowFixture.Summary.ToRfmData());
        return m with { R = m.R with { Value = r }, Alpha = m.Alpha with { Value = alpha }, A = m.A with { Value = a }, B = m.B with { Value = b } };
    }

    [Theory]
    [InlineData(0.243, 4.414, 0.3, 0.4, 39, 1.0957286061296971)] // a + b = 0.7
    [InlineData(0.5, 10.0, 0.1, 0.2, 520, 13.011233120893645)] // a + b = 0.3, ten years of weeks
    [InlineData(0.243, 4.414, 0.4, 0.6, 39, 1.0815242786057801)] // a + b = 1: ₂F₁ has a pole in c, c·₂F₁ does not
    [InlineData(0.8, 2.0, 1.3, 0.2, 26, 1.1299271691265201)] // 0 < c < 1 with a > 1
    [InlineData(0.243, 4.414, 0.5, 0.8, 39, 1.0615332027438222)] // 0 < c < 1 with a < 1
    public void Expected_purchases_of_a_new_customer_match_mpmath_where_a_plus_b_is_small(double r, double alpha, double a, double b, double t, double expected)
    {
        double value = At(r, alpha, a, b).ExpectedPurchases(t);
        Assert.Equal(expected, value, expected * 1e-12);
    }

    [Fact]
    public void Conditional_expectations_match_mpmath_where_a_plus_b_is_below_1()
    {
        var m = At(0.243, 4.414, 0.3, 0.4);
        Assert.Equal(0.22311354644836609, m.ConditionalExpectedPurchases(39, 0, 0, 30), 1e-13);
        Assert.Equal(1.5229394055975817, m.ConditionalExpectedPurchases(39, 2, 20.5, 30), 1e-12);
        var data = RfmData.Create([0, 2, 0], [0, 20.5, 0], [30, 30, 30]);
        var all = new double[3];
        m.ConditionalExpectedPurchases(39, data, all);
        Assert.Equal([m.ConditionalExpectedPurchases(39, 0, 0, 30), m.ConditionalExpectedPurchases(39, 2, 20.5, 30), m.ConditionalExpectedPurchases(39, 0, 0, 30)], all);
        Assert.Equal(0.11195877132816316, ModifiedAt(0.243, 4.414, 0.3, 0.4).ConditionalExpectedPurchases(39, 0, 0, 30), 1e-13);
    }

    [Fact]
    public void Expected_purchases_are_continuous_across_a_plus_b_equal_to_1_and_2()
    {
        // The formula switches from the plain ₂F₁ series (c ≥ 1) to the scaled tail (c < 1) at a + b = 2, and passes c = 0 at a + b = 1.
        foreach (double sum in (ReadOnlySpan<double>)[1, 2])
        {
            double below = At(0.3, 5, 0.45, sum - 0.45 - 1e-9).ExpectedPurchases(39);
            double at = At(0.3, 5, 0.45, sum - 0.45).ExpectedPurchases(39);
            double above = At(0.3, 5, 0.45, sum - 0.45 + 1e-9).ExpectedPurchases(39);
            Assert.True(double.IsFinite(at), $"a + b = {sum}: {at}");
            Assert.Equal(at, below, 1e-7);
            Assert.Equal(at, above, 1e-7);
        }
    }

    [Property(MaxTest = 300)]
    public Property Expected_purchases_are_finite_and_grow_with_the_horizon_for_any_a_and_b() =>
        Prop.ForAll(
            LifetimeGen.Parameters4.ToArbitrary(),
            LifetimeGen.Horizons.ToArbitrary(),
            Gen.Choose(0, 3000).ToArbitrary(),
            (p, h, tDays) =>
            {
                var m = At(p[0], p[1], p[2], p[3]);
                double t = tDays / 7.0;
                double e1 = m.ExpectedPurchases(h.T1), e2 = m.ExpectedPurchases(h.T2);
                double c1 = m.ConditionalExpectedPurchases(h.T1, 0, 0, t), c2 = m.ConditionalExpectedPurchases(h.T2, 0, 0, t);
                // Including t/(α + t) within 0.001 of 1 (e.g. r = 74, α = 0.013, t = 380 weeks), where the ₂F₁ series would
                // need millions of terms and the transformation to 1 − z gives the value (HypergeometricNearOneTests).
                return (double.IsFinite(e1) && double.IsFinite(e2) && e1 >= 0 && e1 <= e2 * (1 + 1e-9) + 1e-12
                    && double.IsFinite(c1) && double.IsFinite(c2) && c1 >= 0 && c1 <= c2 * (1 + 1e-9) + 1e-12)
                    .Label($"r = {p[0]}, α = {p[1]}, a = {p[2]}, b = {p[3]}, t = {h.T1}/{h.T2}, T = {t}: E = {e1}/{e2}, E|x=0 = {c1}/{c2}");
            });

    [Fact]
    public void A_fit_with_small_a_and_b_gives_every_diagnostic_a_number()
    {
        var m = At(0.243, 4.414, 0.3, 0.4);
        Assert.Equal(FitStatus.Converged, m.Diagnostics.Status);
        var values = new double[CdnowFixture.Summary.Customers.Count];
        m.ConditionalExpectedPurchases(39, CdnowFixture.Summary.ToRfmData(), values);
        Assert.All(values, v => Assert.True(double.IsFinite(v)));
    }
}

using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

/// <summary>
/// ₂F₁(a, b; c; z) near z = 1, where the power series needs millions of terms (r = 74, α = 0.013, t = 380 weeks puts
/// t/(α + t) within 4e-5 of 1) and used to stop at its term cap as NaN: the linear transformation to 1 − z (A&amp;S 15.3.6),
/// with the direct series where c − a − b is near an integer. References: mpmath's hyp2f1 at 60 digits at the same
/// binary doubles (hypergeometric_near_one_reference.py, its output hypergeometric_near_one_reference.csv).
/// </summary>
public class HypergeometricNearOneTests
{
    private static readonly string[][] Reference =
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Lifetime", "hypergeometric_near_one_reference.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    private static IEnumerable<(double[] P, double Value)> Rows(string kind) =>
        Reference.Where(r => r[0] == kind).Select(r => (r[1..6].Where(p => p.Length > 0).Select(CdnowFixture.D).ToArray(), CdnowFixture.D(r[6])));

    [Fact]
    public void Log_2F1_near_one_equals_mpmath_to_1e_10_relative()
    {
        var rows = Rows("log2f1").ToList();
        Assert.Equal(29, rows.Count);
        foreach (var (p, value) in rows)
        {
            double log = Hypergeometric.Log2F1(p[0], p[1], p[2], p[3]);
            // ln F off by δ is F off by the factor e^δ ≈ 1 + δ: an absolute bound on the log is a relative one on F.
            Assert.True(Math.Abs(log - value) <= 1e-10, $"2F1({p[0]}, {p[1]}; {p[2]}; {p[3]}): ln = {log:R}, mpmath {value:R}");
        }
    }

    [Fact]
    public void Scaled_tail_near_one_equals_mpmath_to_1e_10_relative()
    {
        var rows = Rows("logscaledtail").ToList();
        Assert.Equal(6, rows.Count);
        foreach (var (p, value) in rows)
        {
            double log = Hypergeometric.LogScaledTail(p[0], p[1], p[2], p[3]);
            Assert.True(Math.Abs(log - value) <= 1e-10, $"c·(2F1 − 1)({p[0]}, {p[1]}; {p[2]}; {p[3]}): ln = {log:R}, mpmath {value:R}");
        }
    }

    [Fact]
    public void BgNbd_expected_purchases_in_the_corner_equal_mpmath_to_1e_10_relative()
    {
        var fitted = BetaGeoNbd.Fit(CdnowFixture.Summary);
        var rows = Rows("bgnbd").ToList();
        Assert.Equal(4, rows.Count);
        foreach (var (p, value) in rows)
        {
            var m = fitted with
            {
                R = fitted.R with { Value = p[0] },
                Alpha = fitted.Alpha with { Value = p[1] },
                A = fitted.A with { Value = p[2] },
                B = fitted.B with { Value = p[3] },
            };
            double expected = m.ExpectedPurchases(p[4]);
            Assert.True(Math.Abs(expected - value) <= 1e-10 * value, $"r = {p[0]}, α = {p[1]}, a = {p[2]}, b = {p[3]}, t = {p[4]}: {expected:R}, mpmath {value:R}");
        }
    }

    [Fact]
    public void Transformation_and_direct_series_agree_where_both_work()
    {
        // At z = 0.95 the direct series takes a few thousand terms and is used by Log2F1; the transformation must give
        // the same value there (c − a − b from −60 to 5, none near an integer), and decline near an integer.
        foreach (double m in (ReadOnlySpan<double>)[-60.3, -7.7, -0.45, 0.35, 4.6])
        {
            double a = 3.1, b = 2.2 + Math.Max(0, -m), c = a + b + m;
            double direct = Hypergeometric.Log2F1(a, b, c, 0.95);
            var transformed = Hypergeometric.NearOne(a, b, c, 0.95);
            Assert.True(transformed is { Sign: 1 }, $"m = {m}: {transformed}");
            Assert.True(Math.Abs(transformed.Value.LogAbs - direct) <= 1e-11 * Math.Max(1, Math.Abs(direct)), $"m = {m}: {transformed.Value.LogAbs:R} against {direct:R}");
        }

        Assert.Null(Hypergeometric.NearOne(1.5, 2.5, 4 + 1e-9, 0.9999));
        Assert.Null(Hypergeometric.NearOne(1.5, 2.5, 4, 0.9999));
    }
}

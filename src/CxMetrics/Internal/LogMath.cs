using MathNet.Numerics;

namespace CxMetrics.Internal;

/// <summary>
/// Accurate ln(1 + x) and eˣ − 1 near 0 (.NET's <c>double.LogP1</c>/<c>ExpM1</c> compute <c>Log(1 + x)</c> and
/// <c>Exp(x) − 1</c> literally and lose all digits for tiny x), and ln B(a, b) with the pieces of Loader's (2000)
/// saddle-point forms, which stay exact where MathNet's <c>BetaLn</c> (a difference of <c>GammaLn</c> values) cancels.
/// </summary>
internal static class LogMath
{
    /// <summary>ln(1 + x), accurate for small |x| (Goldberg 1991, "What every computer scientist should know…", Thm 4).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small |x| through 2·tanh(x/2)/(1 − tanh(x/2)).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) < 0.5)
        {
            double t = Math.Tanh(x / 2);
            return 2 * t / (1 - t);
        }

        return Math.Exp(x) - 1;
    }

    /// <summary>
    /// ln B(a, b) without the cancellation of <c>GammaLn(a) + GammaLn(b) − GammaLn(a + b)</c> when the larger argument is
    /// large (R's <c>lbeta</c>): <c>ln Γ(p) + δ(q) − δ(p + q) + p − p·ln(p + q) + (q − ½)·ln1p(−p/(p + q))</c> for
    /// p = min &lt; 10 ≤ q = max; Stirling on all three for p ≥ 10.
    /// </summary>
    public static double BetaLn(double a, double b)
    {
        double p = Math.Min(a, b), q = Math.Max(a, b), s = p + q;
        if (p >= 10)
        {
            return (0.5 * (Math.Log(2 * Math.PI) - Math.Log(q))) + StirlingRemainder(p) + StirlingRemainder(q) - StirlingRemainder(s)
                + ((p - 0.5) * Math.Log(p / s)) + (q * LogMath.Log1p(-p / s));
        }

        if (q >= 10)
        {
            return SpecialFunctions.GammaLn(p) + StirlingRemainder(q) - StirlingRemainder(s) + p - (p * Math.Log(s)) + ((q - 0.5) * LogMath.Log1p(-p / s));
        }

        return SpecialFunctions.GammaLn(p) + SpecialFunctions.GammaLn(q) - SpecialFunctions.GammaLn(s);
    }

    /// <summary>
    /// δ(x) = ln Γ(x) − ((x − ½)ln x − x + ½ ln 2π) for x ≥ 10 by Stirling's series
    /// 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) (truncation error below 3e−14 at x = 10).
    /// </summary>
    public static double StirlingRemainder(double x)
    {
        double r = 1 / x, r2 = r * r;
        return r * ((1.0 / 12) - (r2 * ((1.0 / 360) - (r2 * ((1.0 / 1260) - (r2 * ((1.0 / 1680) - (r2 / 1188))))))));
    }

    /// <summary>
    /// Loader's (2000) deviance term <c>bd0(x, m) = x·ln(x/m) + m − x ≥ 0</c>, by the series in v = (x − m)/(x + m) when x is
    /// near m (where the direct form cancels): <c>(x − m)v + 2x Σ_{j≥1} v^(2j+1)/(2j + 1)</c>.
    /// </summary>
    public static double Bd0(double x, double m)
    {
        if (Math.Abs(x - m) < 0.1 * (x + m))
        {
            double v = (x - m) / (x + m), sum = (x - m) * v, term = 2 * x * v;
            v *= v;
            for (int j = 1; j < 1000; j++)
            {
                term *= v;
                double next = sum + (term / ((2 * j) + 1));
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return (x * Math.Log(x / m)) + m - x;
    }
}

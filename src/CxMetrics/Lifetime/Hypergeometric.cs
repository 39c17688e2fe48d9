using CxMetrics.Internal;

namespace CxMetrics.Lifetime;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1, returned as its logarithm so that the huge values
/// heavy buyers produce (x in the thousands) neither overflow nor lose precision.
/// </summary>
/// <remarks>
/// The power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ (Abramowitz &amp; Stegun 15.1.1) is summed term by term in log space with a
/// running scale and sign, so no term or partial sum overflows; it stops when the remaining tail, bounded by
/// |termₙ|·ρ/(1 − ρ) with ρ the larger of the current term ratio and z, is below 1e-17 of the sum. For the Pareto/NBD case
/// c = a + 1 the Euler transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) (A&amp;S 15.3.3) turns the
/// series into one with first parameter 1 whose terms are all positive and fall at least as fast as zⁿ.
/// </remarks>
internal static class Hypergeometric
{
    private const int MaxTerms = 2_000_000;

    /// <summary>ln ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1; NaN when the series does not converge or the value is ≤ 0.</summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter (not 0, −1, −2, …).</param>
    /// <param name="z">Argument in [0, 1).</param>
    /// <returns>The logarithm of the function.</returns>
    public static double Log2F1(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 0;
        }

        if (!(z > 0 && z < 1))
        {
            return double.NaN;
        }

        return LogSeries(a, b, c, z);
    }

    /// <summary>ln ₂F₁(a, b; a + 1; z) for 0 ≤ z &lt; 1 through Euler's transformation (a series of positive terms).</summary>
    /// <param name="a">First numerator parameter; the denominator parameter is a + 1.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="z">Argument in [0, 1).</param>
    /// <returns>The logarithm of the function.</returns>
    public static double Log2F1APlusOne(double a, double b, double z)
    {
        if (z == 0)
        {
            return 0;
        }

        if (!(z > 0 && z < 1))
        {
            return double.NaN;
        }

        // (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z)
        return ((1 - b) * LogMath.Log1p(-z)) + LogSeries(1, a + 1 - b, a + 1, z);
    }

    private static double LogSeries(double a, double b, double c, double z)
    {
        // Sum s·exp(logScale); each term tracked as sign and log magnitude.
        double logScale = 0, sum = 1;
        double logTerm = 0;
        int sign = 1;
        double logZ = Math.Log(z);
        for (int n = 0; n < MaxTerms; n++)
        {
            double an = a + n, bn = b + n, cn = c + n;
            if (cn == 0)
            {
                return double.NaN;
            }

            if (an == 0 || bn == 0)
            {
                break; // the series terminates (a polynomial)
            }

            double ratio = an * bn / (cn * (n + 1));
            if (ratio < 0)
            {
                sign = -sign;
            }

            logTerm += Math.Log(Math.Abs(ratio)) + logZ;
            if (logTerm > logScale)
            {
                sum = (sum * Math.Exp(logScale - logTerm)) + sign;
                logScale = logTerm;
            }
            else
            {
                sum += sign * Math.Exp(logTerm - logScale);
            }

            double rho = Math.Max(Math.Abs(ratio) * z, z);
            double nextRatio = Math.Abs((an + 1) * (bn + 1) / ((cn + 1) * (n + 2))) * z;
            if (nextRatio < 1 && rho < 1)
            {
                double tailBound = Math.Exp(logTerm - logScale) * Math.Max(rho, nextRatio) / (1 - Math.Max(rho, nextRatio));
                if (tailBound < 1e-17 * Math.Abs(sum))
                {
                    return sum > 0 ? logScale + Math.Log(sum) : double.NaN;
                }
            }
        }

        return sum > 0 && double.IsFinite(sum) ? logScale + Math.Log(sum) : double.NaN;
    }
}

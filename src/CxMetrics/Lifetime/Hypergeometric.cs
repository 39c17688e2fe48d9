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
    /// <summary>The most terms a series may take before it is declared not converged (NaN), unless the caller caps it lower.</summary>
    internal const int MaxTerms = 2_000_000;

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

        return LogSeries(a, b, c, z, 1, 0);
    }

    /// <summary>
    /// ln of c·(₂F₁(a, b; c; z) − 1) = Σ_{n≥1} (a)ₙ(b)ₙ/((c + 1)ₙ₋₁ n!) zⁿ for a, b &gt; 0, c &gt; −1 and 0 ≤ z &lt; 1: the
    /// series of ₂F₁ without its first term and with the 1/c of (c)ₙ taken out. Every term is positive (c + n &gt; 0 for
    /// n ≥ 1), so it is finite and free of cancellation also where c ≤ 0, where ₂F₁'s own terms turn negative (or, at
    /// c = 0, infinite) and ₂F₁ itself can be ≤ 0. Returns −∞ at z = 0 (an empty sum).
    /// </summary>
    /// <param name="a">First numerator parameter, &gt; 0.</param>
    /// <param name="b">Second numerator parameter, &gt; 0.</param>
    /// <param name="c">Denominator parameter, &gt; −1.</param>
    /// <param name="z">Argument in [0, 1).</param>
    /// <returns>The logarithm of the scaled tail; NaN when the series does not converge or an argument is out of range.</returns>
    public static double LogScaledTail(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return double.NegativeInfinity;
        }

        if (!(z > 0 && z < 1 && a > 0 && b > 0 && c > -1))
        {
            return double.NaN;
        }

        // Term n = 1 is a·b·z; from there on the ratio of consecutive terms is ₂F₁'s, (a + n)(b + n)/((c + n)(n + 1))·z.
        return LogSeries(a, b, c, z, a * b * z, 1);
    }

    /// <summary>ln ₂F₁(a, b; a + 1; z) for 0 ≤ z &lt; 1 through Euler's transformation (a series of positive terms).</summary>
    /// <param name="a">First numerator parameter; the denominator parameter is a + 1.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="z">Argument in [0, 1).</param>
    /// <param name="maxTerms">The most series terms to sum; NaN when more are needed (the series needs about 37/(1 − z) terms).</param>
    /// <returns>The logarithm of the function.</returns>
    public static double Log2F1APlusOne(double a, double b, double z, int maxTerms = MaxTerms)
    {
        if (z == 0)
        {
            return 0;
        }

        if (!(z > 0 && z < 1))
        {
            return double.NaN;
        }

        // (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z): terms Π (a + 1 - b + k)/(a + 1 + k) zⁿ are positive and at most
        // zⁿ when b ≥ 0, so they are summed in plain doubles; the tail after term n is below termₙ·ρ/(1 − ρ), ρ = max(ratio, z).
        return ((1 - b) * LogMath.Log1p(-z)) + Math.Log(PositiveSeries(a + 1 - b, a + 1, z, maxTerms));
    }

    /// <summary>Σₙ (p)ₙ/(q)ₙ zⁿ = ₂F₁(1, p; q; z) for p, q &gt; 0 and 0 &lt; z &lt; 1; NaN when it needs more than <paramref name="maxTerms"/> terms.</summary>
    private static double PositiveSeries(double p, double q, double z, int maxTerms)
    {
        double term = 1, sum = 1, rho = z;
        for (int n = 0; n < maxTerms; n++)
        {
            double ratio = (p + n) / (q + n) * z;
            term *= ratio;
            sum += term;
            if (term > 1e280)
            {
                return double.PositiveInfinity;
            }

            rho = Math.Max(ratio, z);
            if (rho < 1 && term * rho < 1e-17 * (1 - rho) * sum)
            {
                return sum;
            }
        }

        // At the cap the sum is kept only if the tail bound shows it accurate to 1e-10 (a series whose terms fall like a
        // power of n before zⁿ takes over meets that long before the strict 1e-17); a truncated sum beyond that would be a
        // wrong likelihood, not an approximation.
        return rho < 1 && term * rho < 1e-10 * (1 - rho) * sum ? sum : double.NaN;
    }

    /// <summary>
    /// ln S with S = Σₙ (p)ₙ/(q)ₙ zⁿ = ₂F₁(1, p; q; z) (p, q &gt; 0, 0 ≤ z &lt; 1), and the derivatives of ln S with respect
    /// to p, q and z, summed term by term: ∂(p)ₙ/∂p = (p)ₙ Σ_{k&lt;n} 1/(p + k), likewise for q, and ∂zⁿ/∂z = n zⁿ⁻¹.
    /// NaN (value and derivatives) when more than <paramref name="maxTerms"/> terms would be needed.
    /// </summary>
    public static double LogPositiveSeriesWithDerivatives(double p, double q, double z, out double dp, out double dq, out double dz, int maxTerms = MaxTerms)
    {
        // term = cₙ zⁿ with cₙ = (p)ₙ/(q)ₙ; termOverZ = cₙ zⁿ⁻¹ for the z-derivative (well defined at z = 0).
        double sum = 1, sumP = 0, sumQ = 0, sumZ = 0;
        double hp = 0, hq = 0, termOverZ = 1, rho = z, tail = double.PositiveInfinity;
        bool converged = false;
        for (int n = 1; n <= maxTerms; n++)
        {
            double k = n - 1;
            double inverseQ = 1 / (q + k);
            hp += 1 / (p + k);
            hq += inverseQ;
            termOverZ *= n == 1 ? p * inverseQ : (p + k) * inverseQ * z;
            double term = termOverZ * z;
            sum += term;
            sumP += term * hp;
            sumQ += term * hq;
            sumZ += n * termOverZ;
            rho = Math.Max((p + n) / (q + n) * z, z);
            tail = (n + 1) * termOverZ * rho;
            if (rho < 1 && tail < 2e-16 * (1 - rho) * (1 - rho))
            {
                converged = true;
                break;
            }

            if (term > 1e280)
            {
                dp = dq = dz = double.NaN;
                return double.PositiveInfinity;
            }
        }

        // At the cap: kept only when the tail of the z-derivative series is below 1e-10 of it (see PositiveSeries).
        if (!converged && !(rho < 1 && tail < 1e-10 * (1 - rho) * (1 - rho) * sumZ))
        {
            dp = dq = dz = double.NaN;
            return double.NaN;
        }

        dp = sumP / sum;
        dq = -sumQ / sum;
        dz = sumZ / sum;
        return Math.Log(sum);
    }

    /// <summary>ln Σ_{n≥first} termₙ with term_first = <paramref name="firstTerm"/> and ₂F₁'s term ratio (a + n)(b + n)/((c + n)(n + 1))·z.</summary>
    private static double LogSeries(double a, double b, double c, double z, double firstTerm, int first)
    {
        // Terms are kept in plain doubles and rescaled by 2^-800 whenever they grow past 2^800, the scale kept as a log.
        const double Big = 6.668014432879854e240; // 2^800
        const double LogBig = 554.5177444479562; // 800 ln 2
        double logScale = 0, sum = firstTerm, term = firstTerm;
        bool converged = false;
        for (int n = first; n < MaxTerms; n++)
        {
            double an = a + n, bn = b + n, cn = c + n;
            if (cn == 0)
            {
                return double.NaN;
            }

            if (an == 0 || bn == 0)
            {
                converged = true;
                break; // the series terminates (a polynomial)
            }

            double ratio = an * bn / (cn * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (Math.Abs(term) > Big || Math.Abs(sum) > Big)
            {
                term /= Big;
                sum /= Big;
                logScale += LogBig;
            }

            double rho = Math.Max(Math.Abs(ratio), z);
            double next = Math.Abs((an + 1) * (bn + 1) / ((cn + 1) * (n + 2)) * z);
            double bound = Math.Max(rho, next);
            if (bound < 1 && Math.Abs(term) * bound < 1e-17 * (1 - bound) * Math.Abs(sum))
            {
                converged = true;
                break;
            }
        }

        // A sum cut off at MaxTerms is not the function's value (z near 1 with large a·b needs millions of terms): NaN, never a wrong number.
        return converged && sum > 0 && double.IsFinite(sum) ? logScale + Math.Log(sum) : double.NaN;
    }
}

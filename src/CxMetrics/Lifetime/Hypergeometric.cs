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
    /// <param name="oneMinusZ">1 − z when the caller has it to full relative precision (z = t/(α + t) makes 1 − z = α/(α + t));
    /// near z = 1 the value is as sensitive to it as to w^(c−a−b). NaN (default): 1 − z from <paramref name="z"/>.</param>
    /// <returns>The logarithm of the function.</returns>
    public static double Log2F1(double a, double b, double c, double z, double oneMinusZ = double.NaN)
    {
        if (z == 0)
        {
            return 0;
        }

        if (!(z > 0 && z < 1))
        {
            return double.NaN;
        }

        if (SeriesIsSlow(a, b, c, z) && NearOne(a, b, c, z, oneMinusZ) is { Sign: > 0 } transformed)
        {
            return transformed.LogAbs;
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
    /// <param name="oneMinusZ">1 − z to full relative precision, or NaN (default; see <see cref="Log2F1"/>).</param>
    /// <returns>The logarithm of the scaled tail; NaN when the series does not converge or an argument is out of range.</returns>
    public static double LogScaledTail(double a, double b, double c, double z, double oneMinusZ = double.NaN)
    {
        if (z == 0)
        {
            return double.NegativeInfinity;
        }

        if (!(z > 0 && z < 1 && a > 0 && b > 0 && c > -1))
        {
            return double.NaN;
        }

        if (c != 0 && SeriesIsSlow(a, b, c, z) && NearOne(a, b, c, z, oneMinusZ) is { Sign: not 0 } f)
        {
            // c·(F − 1) = c·s·e^L·(1 − s·e^−L), positive by construction; kept only when 1 − s·e^−L does not cancel.
            double rest = 1 - (f.Sign * Math.Exp(-f.LogAbs));
            if (c * f.Sign * rest > 0 && Math.Abs(rest) > 1e-3)
            {
                return Math.Log(Math.Abs(c)) + f.LogAbs + Math.Log(Math.Abs(rest));
            }
        }

        // Term n = 1 is a·b·z; from there on the ratio of consecutive terms is ₂F₁'s, (a + n)(b + n)/((c + n)(n + 1))·z.
        return LogSeries(a, b, c, z, a * b * z, 1);
    }

    /// <summary>
    /// Whether the power series would need many terms: they grow while (a + n)(b + n)z &gt; (c + n)(n + 1), that is up to
    /// n ≈ (a + b − c − 1)z/(1 − z), and then fall like zⁿ, about 37/(1 − z) more for 1e-16.
    /// </summary>
    private static bool SeriesIsSlow(double a, double b, double c, double z) =>
        z > 0.9 && (Math.Max(0, a + b - c - 1) + 37) / (1 - z) > 20_000;

    /// <summary>
    /// ₂F₁(a, b; c; z) for z near 1 as sign and ln|·| by the linear transformation to 1 − z (Abramowitz &amp; Stegun 15.3.6),
    /// with m = c − a − b:
    /// Γ(c)Γ(m)/(Γ(c − a)Γ(c − b))·₂F₁(a, b; 1 − m; 1 − z) + (1 − z)^m·Γ(c)Γ(−m)/(Γ(a)Γ(b))·₂F₁(c − a, c − b; 1 + m; 1 − z).
    /// Both series in 1 − z converge fast where the direct one is slow. Where m is an integer the two terms have poles
    /// that cancel (A&amp;S 15.3.10–12); near one they cancel in floating point, so the rounding of every summand is
    /// tracked and the value is given up (<see langword="null"/>, the caller sums the direct series) when it could be
    /// off by more than 1e-12 relative. Also null where a Gamma function's argument is a pole or a series does not settle.
    /// </summary>
    internal static (double LogAbs, int Sign)? NearOne(double a, double b, double c, double z, double oneMinusZ = double.NaN)
    {
        double w = double.IsNaN(oneMinusZ) ? 1 - z : oneMinusZ; // 1 − z is exact for z ≥ 1/2 (Sterbenz)
        double m = c - a - b;
        if (IsPole(m) && m < 0 && !IsPole(c))
        {
            return NegativeIntegerGap(a, b, c, w, (int)-m);
        }

        if (IsPole(c) || IsPole(m) || IsPole(-m))
        {
            return null;
        }

        var (lc, sc) = LogGamma(c);
        var (lm, sm) = LogGamma(m);
        var (lnm, snm) = LogGamma(-m);
        var (la, sa) = LogGamma(a);
        var (lb, sb) = LogGamma(b);

        // 1/Γ at a pole is 0: that term vanishes.
        double logP1 = double.NegativeInfinity, logP2 = double.NegativeInfinity;
        int s1 = 0, s2 = 0;
        double gammaError = Math.Abs(lc) + Math.Abs(lm) + Math.Abs(lnm);
        if (!IsPole(c - a) && !IsPole(c - b))
        {
            var (lca, sca) = LogGamma(c - a);
            var (lcb, scb) = LogGamma(c - b);
            logP1 = lc + lm - lca - lcb;
            s1 = sc * sm * sca * scb;
            gammaError += Math.Abs(lca) + Math.Abs(lcb);
        }

        if (!IsPole(a) && !IsPole(b))
        {
            logP2 = (m * Math.Log(w)) + lc + lnm - la - lb;
            s2 = sc * snm * sa * sb;
            gammaError += Math.Abs(la) + Math.Abs(lb) + Math.Abs(m * Math.Log(w));
        }

        if (SignedSeries(a, b, 1 - m, w) is not { } first || SignedSeries(c - a, c - b, 1 + m, w) is not { } second)
        {
            return null;
        }

        double l1 = s1 == 0 || first.Sum == 0 ? double.NegativeInfinity : logP1 + Math.Log(Math.Abs(first.Sum));
        double l2 = s2 == 0 || second.Sum == 0 ? double.NegativeInfinity : logP2 + Math.Log(Math.Abs(second.Sum));
        double top = Math.Max(l1, l2);
        if (!double.IsFinite(top))
        {
            return null;
        }

        double value = (s1 * Math.Sign(first.Sum) * Math.Exp(l1 - top)) + (s2 * Math.Sign(second.Sum) * Math.Exp(l2 - top));

        // Rounding: each summand of a series is off by a few ulps, each ln Γ by about 1e-16 of its size; relative to the value.
        double scale1 = s1 == 0 ? 0 : Math.Exp(logP1 - top) * first.Largest;
        double scale2 = s2 == 0 ? 0 : Math.Exp(logP2 - top) * second.Largest;
        double error = (1e-15 * (scale1 + scale2)) + (1e-16 * gammaError * (Math.Exp(l1 - top) + Math.Exp(l2 - top)));
        if (!(Math.Abs(value) > 0) || !(error < 1e-12 * Math.Abs(value)))
        {
            return null;
        }

        return (top + Math.Log(Math.Abs(value)), Math.Sign(value));
    }

    /// <summary>
    /// ₂F₁(a, b; a + b − k; z) for a whole k ≥ 1 and a, b &gt; 0 (A&amp;S 15.3.12, where the two terms of 15.3.6 have
    /// cancelling poles), w = 1 − z:
    /// Γ(k)Γ(c)/(Γ(a)Γ(b))·w^−k·Σ_{n&lt;k} (a − k)ₙ(b − k)ₙ/(n!(1 − k)ₙ)·wⁿ
    /// − (−1)^k·Γ(c)/(Γ(a − k)Γ(b − k))·Σₙ (a)ₙ(b)ₙ/(n!(n + k)!)·wⁿ·[ln w − ψ(n + 1) − ψ(n + k + 1) + ψ(a + n) + ψ(b + n)].
    /// Sign and ln|·| with the same rounding check as <see cref="NearOne"/>; null where it fails.
    /// </summary>
    private static (double LogAbs, int Sign)? NegativeIntegerGap(double a, double b, double c, double w, int k)
    {
        if (!(a > 0 && b > 0) || k > 10_000)
        {
            return null;
        }

        var (lc, sc) = LogGamma(c);
        double lnW = Math.Log(w);

        // First part: a finite sum, signed.
        double term = 1, sum1 = 1, largest1 = 1;
        for (int n = 0; n < k - 1; n++)
        {
            term *= (a - k + n) * (b - k + n) / ((1 - k + n) * (n + 1)) * w;
            sum1 += term;
            largest1 = Math.Max(largest1, Math.Abs(term));
        }

        double logP1 = MathNet.Numerics.SpecialFunctions.GammaLn(k) + lc - MathNet.Numerics.SpecialFunctions.GammaLn(a) - MathNet.Numerics.SpecialFunctions.GammaLn(b) - (k * lnW);
        int s1 = sc;
        double gammaError = Math.Abs(lc) + Math.Abs(k * lnW) + MathNet.Numerics.SpecialFunctions.GammaLn(k) + Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(a)) + Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(b));

        // Second part: 1/(Γ(a − k)Γ(b − k)) is 0 when either is a pole; the series with digammas by recurrence.
        double logP2 = double.NegativeInfinity, sum2 = 0, largest2 = 0;
        int s2 = 0;
        if (!IsPole(a - k) && !IsPole(b - k))
        {
            var (lak, sak) = LogGamma(a - k);
            var (lbk, sbk) = LogGamma(b - k);
            logP2 = lc - lak - lbk - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1);
            s2 = -(k % 2 == 0 ? 1 : -1) * sc * sak * sbk;
            gammaError += Math.Abs(lak) + Math.Abs(lbk) + MathNet.Numerics.SpecialFunctions.GammaLn(k + 1);
            double psiN1 = MathNet.Numerics.SpecialFunctions.DiGamma(1);
            double psiNk1 = MathNet.Numerics.SpecialFunctions.DiGamma(k + 1);
            double psiA = MathNet.Numerics.SpecialFunctions.DiGamma(a), psiB = MathNet.Numerics.SpecialFunctions.DiGamma(b);
            double coefficient = 1; // (a)ₙ(b)ₙ k!/(n!(n + k)!) wⁿ
            bool settled = false;
            for (int n = 0; n < 10_000; n++)
            {
                double bracket = lnW - psiN1 - psiNk1 + psiA + psiB;
                double t2 = coefficient * bracket;
                sum2 += t2;
                largest2 = Math.Max(largest2, Math.Abs(coefficient) * (Math.Abs(lnW) + Math.Abs(psiN1) + Math.Abs(psiNk1) + Math.Abs(psiA) + Math.Abs(psiB)));
                double ratio = (a + n) * (b + n) / ((n + 1.0) * (n + k + 1.0)) * w;
                if (n > a + b && ratio < 0.5 && Math.Abs(t2) < 1e-17 * Math.Abs(sum2))
                {
                    settled = true;
                    break;
                }

                coefficient *= ratio;
                psiN1 += 1.0 / (n + 1);
                psiNk1 += 1.0 / (n + k + 1);
                psiA += 1 / (a + n);
                psiB += 1 / (b + n);
            }

            if (!settled || !double.IsFinite(sum2))
            {
                return null;
            }
        }

        double l1 = logP1 + Math.Log(Math.Abs(sum1));
        double l2 = s2 == 0 || sum2 == 0 ? double.NegativeInfinity : logP2 + Math.Log(Math.Abs(sum2));
        double top = Math.Max(l1, l2);
        if (!double.IsFinite(top))
        {
            return null;
        }

        double value = (s1 * Math.Sign(sum1) * Math.Exp(l1 - top)) + (s2 * Math.Sign(sum2) * Math.Exp(l2 - top));
        double scale1 = Math.Exp(logP1 - top) * largest1;
        double scale2 = s2 == 0 ? 0 : Math.Exp(logP2 - top) * largest2;
        double error = (1e-15 * (scale1 + scale2)) + (1e-16 * gammaError * (Math.Exp(l1 - top) + Math.Exp(l2 - top)));
        return Math.Abs(value) > 0 && error < 1e-12 * Math.Abs(value) ? (top + Math.Log(Math.Abs(value)), Math.Sign(value)) : null;
    }

    /// <summary>Σ (p)ₙ(q)ₙ/((r)ₙ n!) wⁿ with signed terms in plain doubles, and the largest |term|; null unless it settles within 10,000 terms.</summary>
    private static (double Sum, double Largest)? SignedSeries(double p, double q, double r, double w)
    {
        double term = 1, sum = 1, largest = 1;
        for (int n = 0; n < 10_000; n++)
        {
            double denominator = (r + n) * (n + 1);
            if (denominator == 0)
            {
                return null;
            }

            double ratio = (p + n) * (q + n) / denominator * w;
            term *= ratio;
            sum += term;
            largest = Math.Max(largest, Math.Abs(term));
            if (!double.IsFinite(sum))
            {
                return null;
            }

            if (term == 0)
            {
                return (sum, largest);
            }

            // From here on the ratio's size only falls towards w once n exceeds |p|, |q| and |r|; then the tail is below term·ratio/(1 − ratio).
            double next = Math.Abs((p + n + 1) * (q + n + 1) / ((r + n + 1) * (n + 2)) * w);
            if (n + 1 > Math.Max(Math.Abs(p), Math.Max(Math.Abs(q), Math.Abs(r))) && next < 0.5 && Math.Abs(term) < 1e-17 * Math.Abs(sum))
            {
                return (sum, largest);
            }
        }

        return null;
    }

    /// <summary>Whether Γ has a pole at x (0, −1, −2, …).</summary>
    private static bool IsPole(double x) => x <= 0 && x == Math.Floor(x);

    /// <summary>ln|Γ(x)| and the sign of Γ(x) for any x that is not a pole; below 1/2 by the reflection Γ(x)Γ(1 − x) = π/sin(πx).</summary>
    private static (double LogAbs, int Sign) LogGamma(double x)
    {
        if (x >= 0.5)
        {
            return (MathNet.Numerics.SpecialFunctions.GammaLn(x), 1);
        }

        double sine = double.SinPi(x);
        return (Math.Log(Math.PI) - Math.Log(Math.Abs(sine)) - MathNet.Numerics.SpecialFunctions.GammaLn(1 - x), Math.Sign(sine));
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

using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>The one-customer likelihoods with gradient that <see cref="CovariateLikelihood"/> combines.</summary>
internal static class CovariateRows
{
    /// <summary>
    /// BG/NBD (Fader, Hardie &amp; Lee 2005, eq. 6) for one customer: ℓ = ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) −
    /// ln B(a, b) + ln[(α + T)^−(r+x) + [x &gt; 0]·a/(b + x − 1)·(α + t_x)^−(r+x)], and ∂ℓ/∂(r, α, a, b).
    /// </summary>
    public static double BetaGeo(double r, double alpha, double a, double b, double x, double tx, double t, Span<double> gradient)
    {
        double lnAT = Math.Log(alpha + t);
        double a3 = -(r + x) * lnAT;
        double lnAtx = 0, w4 = 0, logSum = a3;
        if (x > 0)
        {
            lnAtx = Math.Log(alpha + tx);
            double a4 = Math.Log(a) - Math.Log(b + x - 1) - ((r + x) * lnAtx);
            if (a4 > a3)
            {
                double e = Math.Exp(a3 - a4);
                logSum = a4 + Internal.LogMath.Log1p(e);
                w4 = 1 / (1 + e);
            }
            else
            {
                double e = Math.Exp(a4 - a3);
                logSum = a3 + Internal.LogMath.Log1p(e);
                w4 = e / (1 + e);
            }
        }

        double value = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha))
            + SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x)
            + logSum;
        if (!gradient.IsEmpty)
        {
            double w3 = 1 - w4;
            double psiAB = SpecialFunctions.DiGamma(a + b), psiABx = SpecialFunctions.DiGamma(a + b + x);
            gradient[0] = SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + Math.Log(alpha) - (w3 * lnAT) - (w4 * lnAtx);
            gradient[1] = (r / alpha) - ((r + x) * ((w3 / (alpha + t)) + (w4 / (alpha + tx))));
            gradient[2] = psiAB - psiABx + (w4 / a);
            gradient[3] = psiAB + SpecialFunctions.DiGamma(b + x) - SpecialFunctions.DiGamma(b) - psiABx - (w4 > 0 ? w4 / (b + x - 1) : 0);
        }

        return value;
    }

    /// <summary>
    /// Pareto/NBD (Fader &amp; Hardie 2005, eq. 22) for one customer, with the ₂F₁ series capped at
    /// <see cref="ParetoNbdLikelihood.FitSeriesTerms"/> terms (NaN beyond), and ∂ℓ/∂(r, α, s, β).
    /// </summary>
    public static double Pareto(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        double lnAlpha = Math.Log(alpha), lnBeta = Math.Log(beta);
        double common = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * lnAlpha) + (s * lnBeta);
        if (gradient.IsEmpty)
        {
            return common + ParetoNbdLikelihood.LogBracket(r, alpha, s, beta, x, tx, t, out _, ParetoNbdLikelihood.FitSeriesTerms);
        }

        double bracket = ParetoNbdLikelihood.LogBracketWithGradient(r, alpha, s, beta, x, tx, t, gradient, ParetoNbdLikelihood.FitSeriesTerms);
        gradient[0] += SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + lnAlpha;
        gradient[1] += r / alpha;
        gradient[2] += lnBeta;
        gradient[3] += s / beta;
        return common + bracket;
    }
}

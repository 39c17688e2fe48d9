using CxMetrics.Internal;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The scalar, one-thread BG/NBD and MBG/NBD log-likelihood with its analytic gradient, over log-parameters
/// (ln r, ln α, ln a, ln b): the reference that <see cref="BetaGeoLikelihood"/> (vectorised, all cores) is tested against
/// and the baseline of its benchmarks. Terms that depend only on x are computed once per distinct x per evaluation; each
/// row then costs two table look-ups, one logarithm and one exponential.
/// </summary>
/// <remarks>
/// BG/NBD (Fader, Hardie &amp; Lee 2005, eq. 6): L = B(a, b + x)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + T)^(r+x))
/// + [x &gt; 0] · B(a + 1, b + x − 1)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + t_x)^(r+x)).
/// MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): B(a, b + x + 1) in the first term and B(a + 1, b + x) in the
/// second, which is present for every customer (a customer may drop out right after the first purchase).
/// The sum is taken as a log-sum-exp, so nothing overflows for large x.
/// </remarks>
internal sealed class BetaGeoScalarLikelihood
{
    private readonly double[] x;
    private readonly double[] tx;
    private readonly double[] t;
    private readonly double[] w;
    private readonly int[] xIndex;
    private readonly int[] ageIndex;
    private readonly int[] recencyIndex;
    private readonly double[] distinctAge;
    private readonly double[] distinctRecency;
    private readonly double[] logAlphaAge;
    private readonly double[] logAlphaRecency;
    private readonly double[] distinctX;
    private readonly double[] perX;
    private readonly double[] perXGrad;
    private readonly bool modified;
    private readonly double totalWeight;

    public BetaGeoScalarLikelihood(RfmData data, bool modified)
    {
        x = data.Frequency.ToArray();
        tx = data.Recency.ToArray();
        t = data.Age.ToArray();
        w = data.Weight.ToArray();
        totalWeight = data.TotalWeight;
        this.modified = modified;
        var index = new Dictionary<double, int>();
        xIndex = new int[x.Length];
        var distinct = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            if (!index.TryGetValue(x[i], out int k))
            {
                k = distinct.Count;
                index.Add(x[i], k);
                distinct.Add(x[i]);
            }

            xIndex[i] = k;
        }

        distinctX = [.. distinct];
        (distinctAge, ageIndex) = Distinct(t);
        (distinctRecency, recencyIndex) = Distinct(tx);
        logAlphaAge = new double[distinctAge.Length];
        logAlphaRecency = new double[distinctRecency.Length];
        perX = new double[distinctX.Length * 2];
        perXGrad = new double[distinctX.Length * 4];
    }

    /// <summary>−LL/W and its gradient in log-parameters.</summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        bool wantGradient = !gradient.IsEmpty;
        double shift = modified ? 1 : 0;
        double lnGammaR = SpecialFunctions.GammaLn(r), lnGammaB = SpecialFunctions.GammaLn(b), lnGammaAB = SpecialFunctions.GammaLn(a + b);
        double psiR = 0, psiB = 0, psiAB = 0;
        if (wantGradient)
        {
            psiR = SpecialFunctions.DiGamma(r);
            psiB = SpecialFunctions.DiGamma(b);
            psiAB = SpecialFunctions.DiGamma(a + b);
        }

        double lnAlpha = Math.Log(alpha), lnA = Math.Log(a);
        for (int k = 0; k < distinctX.Length; k++)
        {
            double xk = distinctX[k];

            // ln[Γ(r+x)αʳ/Γ(r)] + ln[B(a, b+x+shift)/B(a, b)]
            perX[2 * k] = SpecialFunctions.GammaLn(r + xk) - lnGammaR + (r * lnAlpha)
                + lnGammaAB + SpecialFunctions.GammaLn(b + xk + shift) - lnGammaB - SpecialFunctions.GammaLn(a + b + xk + shift);

            // ln[a/(b + x − 1 + shift)]: the ratio of the second beta term to the first
            perX[(2 * k) + 1] = xk > 0 || modified ? lnA - Math.Log(b + xk - 1 + shift) : double.NegativeInfinity;
            if (wantGradient)
            {
                double psiABx = SpecialFunctions.DiGamma(a + b + xk + shift);
                perXGrad[4 * k] = SpecialFunctions.DiGamma(r + xk) - psiR + lnAlpha;
                perXGrad[(4 * k) + 1] = r / alpha;
                perXGrad[(4 * k) + 2] = psiAB - psiABx;
                perXGrad[(4 * k) + 3] = psiAB + SpecialFunctions.DiGamma(b + xk + shift) - psiB - psiABx;
            }
        }

        // ln(α + T) and ln(α + t_x) once per distinct T and t_x (a daily grid has few distinct values).
        for (int k = 0; k < distinctAge.Length; k++)
        {
            logAlphaAge[k] = Math.Log(alpha + distinctAge[k]);
        }

        for (int k = 0; k < distinctRecency.Length; k++)
        {
            logAlphaRecency[k] = Math.Log(alpha + distinctRecency[k]);
        }

        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        for (int i = 0; i < x.Length; i++)
        {
            int k = xIndex[i];
            double xi = x[i], rx = r + xi, wi = w[i];
            double lnAT = logAlphaAge[ageIndex[i]];
            double a3 = -rx * lnAT;
            double ratio = perX[(2 * k) + 1];
            double lnAtx = 0, w4 = 0, logSum;
            if (double.IsNegativeInfinity(ratio))
            {
                logSum = a3;
            }
            else
            {
                lnAtx = logAlphaRecency[recencyIndex[i]];
                double a4 = ratio - (rx * lnAtx);
                if (a4 > a3)
                {
                    double e = Math.Exp(a3 - a4);
                    logSum = a4 + LogMath.Log1p(e);
                    w4 = 1 / (1 + e);
                }
                else
                {
                    double e = Math.Exp(a4 - a3);
                    logSum = a3 + LogMath.Log1p(e);
                    w4 = e / (1 + e);
                }
            }

            ll += wi * (perX[2 * k] + logSum);
            if (wantGradient)
            {
                double w3 = 1 - w4;
                gr += wi * (perXGrad[4 * k] - (w3 * lnAT) - (w4 * lnAtx));
                gAlpha += wi * (perXGrad[(4 * k) + 1] - (rx * ((w3 / (alpha + t[i])) + (w4 / (alpha + tx[i])))));
                ga += wi * (perXGrad[(4 * k) + 2] + (w4 / a));
                gb += wi * (perXGrad[(4 * k) + 3] - (w4 > 0 ? w4 / (b + xi - 1 + shift) : 0));
            }
        }

        if (wantGradient)
        {
            gradient[0] = -gr * r / totalWeight;
            gradient[1] = -gAlpha * alpha / totalWeight;
            gradient[2] = -ga * a / totalWeight;
            gradient[3] = -gb * b / totalWeight;
        }

        return -ll / totalWeight;
    }

    private static (double[] Values, int[] Index) Distinct(double[] column)
    {
        var map = new Dictionary<double, int>();
        var index = new int[column.Length];
        var values = new List<double>();
        for (int i = 0; i < column.Length; i++)
        {
            if (!map.TryGetValue(column[i], out int k))
            {
                k = values.Count;
                map.Add(column[i], k);
                values.Add(column[i]);
            }

            index[i] = k;
        }

        return ([.. values], index);
    }
}

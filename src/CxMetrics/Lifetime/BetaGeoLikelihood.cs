using System.Numerics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The BG/NBD and MBG/NBD log-likelihood with its analytic gradient, over log-parameters (ln r, ln α, ln a, ln b),
/// vectorised (<see cref="Vector{T}"/>) and spread over the cores in one pass per evaluation.
/// </summary>
/// <remarks>
/// <para>BG/NBD (Fader, Hardie &amp; Lee 2005, eq. 6): L = B(a, b + x)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + T)^(r+x))
/// + [x &gt; 0] · B(a + 1, b + x − 1)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + t_x)^(r+x)).
/// MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): B(a, b + x + 1) in the first term and B(a + 1, b + x) in the
/// second, which is present for every customer (a customer may drop out right after the first purchase).
/// The sum is taken as a log-sum-exp, so nothing overflows for large x.</para>
/// <para>The rows are sorted by x once, so everything that depends on x only (the log-gamma and log-beta terms and their
/// digammas) is a scalar per run of equal x, computed once per distinct x per evaluation. A row then costs ln(α + T),
/// ln(α + t_x), one exponential and one logarithm, four rows at a time (<see cref="Vector.Log(Vector{double})"/>,
/// <see cref="Vector.Exp(Vector{double})"/>); the gradient needs only five weighted sums per run of equal x. Rows are cut
/// into fixed blocks whose partial sums are added in block order, so the value does not depend on the number of cores.
/// <see cref="BetaGeoScalarLikelihood"/> is the scalar reference a test holds it to (relative 1e-12).</para>
/// </remarks>
internal sealed class BetaGeoLikelihood
{
    /// <summary>Rows per block of work (and per partial sum).</summary>
    internal const int BlockRows = 8192;

    /// <summary>Fewer rows than this are summed on the calling thread.</summary>
    internal const int ParallelRows = 4 * BlockRows;

    private const int Sums = 5;

    private readonly double[] t;
    private readonly double[] tx;
    private readonly double[] w;
    private readonly double[] distinctX;
    private readonly int[] runStart;
    private readonly int[] blockFirstRun;
    private readonly double[] perX;
    private readonly double[] partial;
    private readonly bool modified;
    private readonly double totalWeight;
    private readonly int rows;

    public BetaGeoLikelihood(RfmData data, bool modified)
    {
        this.modified = modified;
        totalWeight = data.TotalWeight;
        rows = data.Count;
        var frequency = data.Frequency;

        // Counting sort by x (stable): runs of equal x, x ascending.
        var runOf = new Dictionary<double, int>();
        for (int i = 0; i < rows; i++)
        {
            runOf.TryAdd(frequency[i], 0);
        }

        distinctX = [.. runOf.Keys];
        Array.Sort(distinctX);
        for (int k = 0; k < distinctX.Length; k++)
        {
            runOf[distinctX[k]] = k;
        }

        var run = new int[rows];
        runStart = new int[distinctX.Length + 1];
        for (int i = 0; i < rows; i++)
        {
            run[i] = runOf[frequency[i]];
            runStart[run[i] + 1]++;
        }

        for (int k = 0; k < distinctX.Length; k++)
        {
            runStart[k + 1] += runStart[k];
        }

        var next = runStart[..^1];
        t = new double[rows];
        tx = new double[rows];
        w = new double[rows];
        var age = data.Age;
        var recency = data.Recency;
        var weight = data.Weight;
        for (int i = 0; i < rows; i++)
        {
            int j = next[run[i]]++;
            t[j] = age[i];
            tx[j] = recency[i];
            w[j] = weight[i];
        }

        int blocks = (rows + BlockRows - 1) / BlockRows;
        blockFirstRun = new int[blocks];
        for (int b = 0, k = 0; b < blocks; b++)
        {
            while (runStart[k + 1] <= b * BlockRows)
            {
                k++;
            }

            blockFirstRun[b] = k;
        }

        perX = new double[distinctX.Length * 7];
        partial = new double[blocks * Sums];
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
            var p = perX.AsSpan(7 * k, 7);

            // ln[Γ(r+x)αʳ/Γ(r)] + ln[B(a, b+x+shift)/B(a, b)]
            p[0] = SpecialFunctions.GammaLn(r + xk) - lnGammaR + (r * lnAlpha)
                + lnGammaAB + SpecialFunctions.GammaLn(b + xk + shift) - lnGammaB - SpecialFunctions.GammaLn(a + b + xk + shift);

            // ln[a/(b + x − 1 + shift)]: the ratio of the second beta term to the first
            p[1] = xk > 0 || modified ? lnA - Math.Log(b + xk - 1 + shift) : double.NegativeInfinity;
            p[2] = r + xk;
            if (wantGradient)
            {
                double psiABx = SpecialFunctions.DiGamma(a + b + xk + shift);
                p[3] = SpecialFunctions.DiGamma(r + xk) - psiR + lnAlpha;
                p[4] = r / alpha;
                p[5] = psiAB - psiABx;
                p[6] = psiAB + SpecialFunctions.DiGamma(b + xk + shift) - psiB - psiABx;
            }
        }

        int blocks = blockFirstRun.Length;
        if (rows >= ParallelRows && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, blocks, block => SumBlock(block, alpha, a, b, shift, wantGradient));
        }
        else
        {
            for (int block = 0; block < blocks; block++)
            {
                SumBlock(block, alpha, a, b, shift, wantGradient);
            }
        }

        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        for (int block = 0; block < blocks; block++)
        {
            var s = partial.AsSpan(block * Sums, Sums);
            ll += s[0];
            gr += s[1];
            gAlpha += s[2];
            ga += s[3];
            gb += s[4];
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

    /// <summary>One block's contribution to LL and to the four gradient sums (in natural parameters), into <see cref="partial"/>.</summary>
    private void SumBlock(int block, double alpha, double a, double b, double shift, bool wantGradient)
    {
        int start = block * BlockRows, end = Math.Min(rows, start + BlockRows);
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        for (int k = blockFirstRun[block]; start < end; k++)
        {
            int stop = Math.Min(end, runStart[k + 1]);
            if (stop <= start)
            {
                continue;
            }

            var p = perX.AsSpan(7 * k, 7);
            double ratio = p[1], rx = p[2];
            var sums = Run(t.AsSpan(start, stop - start), tx.AsSpan(start, stop - start), w.AsSpan(start, stop - start), alpha, rx, ratio, wantGradient);
            ll += (p[0] * sums.Weight) + sums.LogSum;
            if (wantGradient)
            {
                gr += (p[3] * sums.Weight) - sums.LogBase;
                gAlpha += (p[4] * sums.Weight) - (rx * sums.Inverse);
                ga += (p[5] * sums.Weight) + (sums.Second / a);
                gb += (p[6] * sums.Weight) - (sums.Second > 0 ? sums.Second / (b + distinctX[k] - 1 + shift) : 0);
            }

            start = stop;
        }

        var s = partial.AsSpan(block * Sums, Sums);
        s[0] = ll;
        s[1] = gr;
        s[2] = gAlpha;
        s[3] = ga;
        s[4] = gb;
    }

    /// <summary>
    /// Weighted sums over rows of one x: Σw, Σw·ln S (S the bracket of the two terms), Σw·(w₃ ln(α+T) + w₄ ln(α+t_x)),
    /// Σw·(w₃/(α+T) + w₄/(α+t_x)) and Σw·w₄, where w₃ and w₄ = 1 − w₃ are the shares of the two terms in S.
    /// </summary>
    internal static RunSums Run(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight, double alpha, double rx, double ratio, bool wantGradient)
    {
        int n = age.Length, i = 0;
        var sums = default(RunSums);
        if (double.IsNegativeInfinity(ratio))
        {
            // x = 0 under BG/NBD: one term, ln S = −(r + x) ln(α + T), w₄ = 0.
            if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
            {
                var va = new Vector<double>(alpha);
                Vector<double> sw = default, sLog = default, sInv = default;
                for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                {
                    var ww = new Vector<double>(weight[i..]);
                    var aT = va + new Vector<double>(age[i..]);
                    sw += ww;
                    sLog += ww * Vector.Log(aT);
                    if (wantGradient)
                    {
                        sInv += ww / aT;
                    }
                }

                sums.Weight = Vector.Sum(sw);
                sums.LogBase = Vector.Sum(sLog);
                sums.Inverse = Vector.Sum(sInv);
            }

            for (; i < n; i++)
            {
                double aT = alpha + age[i];
                sums.Weight += weight[i];
                sums.LogBase += weight[i] * Math.Log(aT);
                sums.Inverse += weight[i] / aT;
            }

            sums.LogSum = -rx * sums.LogBase;
            return sums;
        }

        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            var vrx = new Vector<double>(rx);
            var vratio = new Vector<double>(ratio);
            var one = Vector<double>.One;
            Vector<double> sw = default, sLogSum = default, sLogBase = default, sInv = default, sSecond = default;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var ww = new Vector<double>(weight[i..]);
                var aT = va + new Vector<double>(age[i..]);
                var aTx = va + new Vector<double>(recency[i..]);
                var lnAT = Vector.Log(aT);
                var lnAtx = Vector.Log(aTx);
                var a3 = -vrx * lnAT;
                var a4 = vratio - (vrx * lnAtx);
                var e = Vector.Exp(-Vector.Abs(a4 - a3));
                var onePlus = one + e;
                sw += ww;
                sLogSum += ww * (Vector.Max(a3, a4) + Vector.Log(onePlus));
                if (wantGradient)
                {
                    var inv = one / onePlus;
                    var w4 = Vector.ConditionalSelect(Vector.GreaterThan(a4, a3), inv, e * inv);
                    var w3 = one - w4;
                    sLogBase += ww * ((w3 * lnAT) + (w4 * lnAtx));
                    sInv += ww * (((w3 * aTx) + (w4 * aT)) / (aT * aTx));
                    sSecond += ww * w4;
                }
            }

            sums.Weight = Vector.Sum(sw);
            sums.LogSum = Vector.Sum(sLogSum);
            sums.LogBase = Vector.Sum(sLogBase);
            sums.Inverse = Vector.Sum(sInv);
            sums.Second = Vector.Sum(sSecond);
        }

        for (; i < n; i++)
        {
            double aT = alpha + age[i], aTx = alpha + recency[i], wi = weight[i];
            double lnAT = Math.Log(aT), lnAtx = Math.Log(aTx);
            double a3 = -rx * lnAT, a4 = ratio - (rx * lnAtx);
            double e = Math.Exp(-Math.Abs(a4 - a3));
            double w4 = a4 > a3 ? 1 / (1 + e) : e / (1 + e), w3 = 1 - w4;
            sums.Weight += wi;
            sums.LogSum += wi * (Math.Max(a3, a4) + Math.Log(1 + e));
            sums.LogBase += wi * ((w3 * lnAT) + (w4 * lnAtx));
            sums.Inverse += wi * ((w3 / aT) + (w4 / aTx));
            sums.Second += wi * w4;
        }

        return sums;
    }

    /// <summary>The weighted sums of one run of rows (see <see cref="Run"/>).</summary>
    internal struct RunSums
    {
        public double Weight;
        public double LogSum;
        public double LogBase;
        public double Inverse;
        public double Second;
    }

    /// <summary>One customer's log-likelihood (no caching; for tests and single rows).</summary>
    public static double Individual(double r, double alpha, double a, double b, bool modified, double x, double tx, double t)
    {
        double shift = modified ? 1 : 0;
        double common = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha))
            + SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x + shift) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x + shift);
        double a3 = -(r + x) * Math.Log(alpha + t);
        if (x == 0 && !modified)
        {
            return common + a3;
        }

        double a4 = Math.Log(a) - Math.Log(b + x - 1 + shift) - ((r + x) * Math.Log(alpha + tx));
        double max = Math.Max(a3, a4);
        return common + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
    }
}

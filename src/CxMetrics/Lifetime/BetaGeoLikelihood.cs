using System.Numerics;
using CxMetrics.Internal;
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
/// <para>The rows are sorted by x once (the BG/NBD fits compress them in that order, <see cref="RfmData.CompressByFrequency"/>,
/// and they are then read in place), so everything that depends on x only (the log-gamma and log-beta terms and their
/// digammas) is a scalar per run of equal x, computed once per distinct x per evaluation. A row then costs ln(α + T),
/// ln(α + t_x), one exponential and one logarithm, four rows at a time (<see cref="Vector.Log(Vector{double})"/>,
/// <see cref="Vector.Exp(Vector{double})"/>; below <see cref="VectorRows"/> rows one at a time); the gradient needs only five weighted sums per run of equal x. Rows are cut
/// into fixed blocks whose partial sums are added in block order, so the value does not depend on the number of cores.
/// <see cref="BetaGeoScalarLikelihood"/> is the scalar reference a test holds it to (relative 1e-12).</para>
/// </remarks>
internal sealed class BetaGeoLikelihood
{
    /// <summary>Rows per block of work (and per partial sum).</summary>
    internal const int BlockRows = 8192;

    /// <summary>Fewer rows than this are summed on the calling thread.</summary>
    internal const int ParallelRows = 4 * BlockRows;

    /// <summary>
    /// Fewer rows than this are summed by the scalar loop only: a pass over them takes microseconds, while the first
    /// vectorised pass in a process costs milliseconds of compilation (see <see cref="Vectorised"/>).
    /// </summary>
    internal const int VectorRows = 4096;

    /// <summary>Partial sums per block: LL, four gradient sums, ten Hessian entries (natural parameters, upper triangle).</summary>
    private const int Sums = 15;

    /// <summary>Per-x terms: the constant, the log-ratio, r + x, four first and three second derivatives of the constant, 1/(b + x − 1 + shift).</summary>
    private const int PerX = 11;

    private readonly double[] t;
    private readonly double[] tx;
    private readonly double[] w;
    private readonly double[] distinctX;
    private readonly int[] runStart;
    private readonly int[] blockFirstRun;
    private readonly double[] perX;
    private readonly double[] partial;
    private readonly bool modified;
    private readonly bool vectorised;
    private readonly double totalWeight;
    private readonly int rows;
    private readonly double[] cachedPoint = new double[4];
    private readonly double[] cachedGradient = new double[4];
    private readonly double[] cachedHessian = new double[16];
    private double cachedValue;
    private bool cached;

    public BetaGeoLikelihood(RfmData data, bool modified)
    {
        this.modified = modified;
        totalWeight = data.TotalWeight;
        rows = data.Count;
        vectorised = rows >= VectorRows;

        // Runs of equal x, x ascending: the rows as they are when already in that order (what the BG/NBD fits compress
        // to, RfmData.CompressByFrequency), else a stable sort by x.
        var (frequency, recency, age, weight) = data.Columns;
        if (!Ascending(frequency, rows))
        {
            (frequency, recency, age, weight) = SortedByX(frequency, recency, age, weight, rows);
        }

        t = age;
        tx = recency;
        w = weight;
        int distinct = 0;
        for (int i = 0; i < rows; i++)
        {
            if (i == 0 || frequency[i] != frequency[i - 1])
            {
                distinct++;
            }
        }

        distinctX = new double[distinct];
        runStart = new int[distinct + 1];
        for (int i = 0, k = -1; i < rows; i++)
        {
            if (i == 0 || frequency[i] != frequency[i - 1])
            {
                distinctX[++k] = frequency[i];
                runStart[k] = i;
            }
        }

        runStart[distinct] = rows;
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

        perX = new double[distinctX.Length * PerX];
        partial = new double[blocks * Sums];
    }

    /// <summary>
    /// Whether every gradient pass also sums the Hessian and keeps both for the same point (see <see cref="Evaluate(ReadOnlySpan{double}, Span{double}, Span{double})"/>):
    /// for Newton's method from a warm start, where the Hessian is asked at every point whose gradient was taken, so
    /// one pass serves both (and the final gradient check and the standard errors at the optimum cost nothing).
    /// </summary>
    public bool HessianWithGradient { get; init; }

    private static bool Ascending(double[] x, int rows)
    {
        for (int i = 1; i < rows; i++)
        {
            if (!(x[i] >= x[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A stable counting sort of the first <paramref name="rows"/> rows by x (x ascending).</summary>
    private static (double[] X, double[] Tx, double[] T, double[] W) SortedByX(double[] frequency, double[] recency, double[] age, double[] weight, int rows)
    {
        var runOf = new Dictionary<double, int>();
        for (int i = 0; i < rows; i++)
        {
            runOf.TryAdd(frequency[i], 0);
        }

        double[] distinctX = [.. runOf.Keys];
        Array.Sort(distinctX);
        for (int k = 0; k < distinctX.Length; k++)
        {
            runOf[distinctX[k]] = k;
        }

        var run = new int[rows];
        var next = new int[distinctX.Length];
        for (int i = 0; i < rows; i++)
        {
            run[i] = runOf[frequency[i]];
            if (run[i] + 1 < next.Length)
            {
                next[run[i] + 1]++;
            }
        }

        for (int k = 1; k < next.Length; k++)
        {
            next[k] += next[k - 1];
        }

        double[] x = new double[rows], tx = new double[rows], t = new double[rows], w = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            int j = next[run[i]]++;
            x[j] = frequency[i];
            t[j] = age[i];
            tx[j] = recency[i];
            w[j] = weight[i];
        }

        return (x, tx, t, w);
    }

    /// <summary>−LL/W and its gradient in log-parameters.</summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient) => Evaluate(logParameters, gradient, default);

    /// <summary>The Hessian of −LL/W in log-parameters (4 × 4, row-major), from one pass; false when it is not finite.</summary>
    public bool Hessian(ReadOnlySpan<double> logParameters, Span<double> hessian)
    {
        Span<double> gradient = stackalloc double[4];
        return double.IsFinite(Evaluate(logParameters, gradient, hessian)) && Statistics.NewtonPolish.AllFinite(hessian);
    }

    /// <summary>
    /// −LL/W, its gradient and (when <paramref name="hessian"/> is not empty, which needs the gradient) its Hessian in
    /// log-parameters. The Hessian of a row's ln(e^A₃ + e^A₄) is w₃∇²A₃ + w₄∇²A₄ + w₃w₄(∇A₃ − ∇A₄)(∇A₃ − ∇A₄)ᵀ, which
    /// needs seven more weighted sums per run of equal x; the per-x terms add trigammas. With
    /// <see cref="HessianWithGradient"/>, a pass asked for the gradient or the Hessian sums both and keeps them with the
    /// value for its point: a later request at the same point (bit for bit) is answered without a pass.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient, Span<double> hessian)
    {
        if (!HessianWithGradient || (gradient.IsEmpty && hessian.IsEmpty && !SameAsCached(logParameters)))
        {
            return Sum(logParameters, gradient, hessian);
        }

        if (!SameAsCached(logParameters))
        {
            cachedValue = Sum(logParameters, cachedGradient, cachedHessian);
            for (int i = 0; i < 4; i++)
            {
                cachedPoint[i] = logParameters[i];
            }

            cached = true;
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] = cachedGradient[i];
        }

        for (int i = 0; i < hessian.Length; i++)
        {
            hessian[i] = cachedHessian[i];
        }

        return cachedValue;
    }

    /// <summary>Whether <paramref name="logParameters"/> is, bit for bit, the point of the kept pass.</summary>
    private bool SameAsCached(ReadOnlySpan<double> logParameters)
    {
        if (!cached)
        {
            return false;
        }

        for (int i = 0; i < 4; i++)
        {
            if (BitConverter.DoubleToInt64Bits(logParameters[i]) != BitConverter.DoubleToInt64Bits(cachedPoint[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One pass over the rows: the value, and the gradient and Hessian where asked (see <see cref="Evaluate(ReadOnlySpan{double}, Span{double}, Span{double})"/>).</summary>
    private double Sum(ReadOnlySpan<double> logParameters, Span<double> gradient, Span<double> hessian)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        bool wantHessian = !hessian.IsEmpty;
        bool wantGradient = !gradient.IsEmpty || wantHessian;
        double shift = modified ? 1 : 0;
        double lnGammaR = SpecialFunctions.GammaLn(r), lnGammaB = SpecialFunctions.GammaLn(b), lnGammaAB = SpecialFunctions.GammaLn(a + b);
        double psiR = 0, psiB = 0, psiAB = 0, psi1R = 0, psi1B = 0, psi1AB = 0;
        if (wantGradient)
        {
            psiR = SpecialFunctions.DiGamma(r);
            psiB = SpecialFunctions.DiGamma(b);
            psiAB = SpecialFunctions.DiGamma(a + b);
        }

        if (wantHessian)
        {
            psi1R = Trigamma.Of(r);
            psi1B = Trigamma.Of(b);
            psi1AB = Trigamma.Of(a + b);
        }

        double lnAlpha = Math.Log(alpha), lnA = Math.Log(a);
        for (int k = 0; k < distinctX.Length; k++)
        {
            double xk = distinctX[k];
            var p = new Span<double>(perX, PerX * k, PerX);

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

            if (wantHessian)
            {
                double psi1ABx = Trigamma.Of(a + b + xk + shift);
                p[7] = Trigamma.Of(r + xk) - psi1R;
                p[8] = psi1AB - psi1ABx;
                p[9] = psi1AB + Trigamma.Of(b + xk + shift) - psi1B - psi1ABx;
                p[10] = xk > 0 || modified ? 1 / (b + xk - 1 + shift) : 0;
            }
        }

        int blocks = blockFirstRun.Length;
        if (rows >= ParallelRows && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, blocks, block => SumBlock(block, r, alpha, a, b, shift, wantGradient, wantHessian));
        }
        else
        {
            for (int block = 0; block < blocks; block++)
            {
                SumBlock(block, r, alpha, a, b, shift, wantGradient, wantHessian);
            }
        }

        Span<double> total = stackalloc double[Sums];
        total.Clear();
        for (int block = 0; block < blocks; block++)
        {
            var s = new Span<double>(partial, block * Sums, Sums);
            for (int j = 0; j < Sums; j++)
            {
                total[j] += s[j];
            }
        }

        if (wantGradient && !gradient.IsEmpty)
        {
            gradient[0] = -total[1] * r / totalWeight;
            gradient[1] = -total[2] * alpha / totalWeight;
            gradient[2] = -total[3] * a / totalWeight;
            gradient[3] = -total[4] * b / totalWeight;
        }

        if (wantHessian)
        {
            // ∂²F/∂φᵢ∂φⱼ = θᵢθⱼ ∂²F/∂θᵢ∂θⱼ + δᵢⱼ θᵢ ∂F/∂θᵢ for θ = e^φ, with F = −LL/W.
            Span<double> theta = stackalloc double[4];
            theta[0] = r;
            theta[1] = alpha;
            theta[2] = a;
            theta[3] = b;
            for (int i = 0, h = 5; i < 4; i++)
            {
                for (int j = i; j < 4; j++, h++)
                {
                    double value = -total[h] * theta[i] * theta[j] / totalWeight;
                    if (i == j)
                    {
                        value -= total[1 + i] * theta[i] / totalWeight;
                    }

                    hessian[(4 * i) + j] = value;
                    hessian[(4 * j) + i] = value;
                }
            }
        }

        return -total[0] / totalWeight;
    }

    /// <summary>
    /// One block's contribution to LL, to the four gradient sums and to the ten Hessian entries (natural parameters, order
    /// rr, rα, ra, rb, αα, αa, αb, aa, ab, bb), into <see cref="partial"/>.
    /// </summary>
    private void SumBlock(int block, double r, double alpha, double a, double b, double shift, bool wantGradient, bool wantHessian)
    {
        int start = block * BlockRows, end = Math.Min(rows, start + BlockRows);
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        Span<double> h = stackalloc double[10];
        h.Clear();
        for (int k = blockFirstRun[block]; start < end; k++)
        {
            int stop = Math.Min(end, runStart[k + 1]);
            if (stop <= start)
            {
                continue;
            }

            var p = new Span<double>(perX, PerX * k, PerX);
            double ratio = p[1], rx = p[2];
            var sums = Run(new ReadOnlySpan<double>(t, start, stop - start), new ReadOnlySpan<double>(tx, start, stop - start), new ReadOnlySpan<double>(w, start, stop - start), alpha, rx, ratio, wantGradient, wantHessian, vectorised);
            ll += (p[0] * sums.Weight) + sums.LogSum;
            if (wantGradient)
            {
                gr += (p[3] * sums.Weight) - sums.LogBase;
                gAlpha += (p[4] * sums.Weight) - (rx * sums.Inverse);
                ga += (p[5] * sums.Weight) + (sums.Second / a);
                gb += (p[6] * sums.Weight) - (sums.Second > 0 ? sums.Second / (b + distinctX[k] - 1 + shift) : 0);
            }

            if (wantHessian)
            {
                // C(x) contributes trigammas and the αʳ terms; ln(e^A₃ + e^A₄) contributes the run sums (see Evaluate).
                double cb = p[10], weight = sums.Weight;
                h[0] += (p[7] * weight) + sums.Quu;
                h[1] += (weight / alpha) - sums.Inverse + (rx * sums.Quv);
                h[2] -= sums.Qu / a;
                h[3] += cb * sums.Qu;
                h[4] += (-r / (alpha * alpha) * weight) + (rx * sums.Inverse2) + (rx * rx * sums.Qvv);
                h[5] -= rx * sums.Qv / a;
                h[6] += rx * cb * sums.Qv;
                h[7] += (p[8] * weight) + ((sums.Q - sums.Second) / (a * a));
                h[8] += (p[8] * weight) - (cb * sums.Q / a);
                h[9] += (p[9] * weight) + (cb * cb * (sums.Second + sums.Q));
            }

            start = stop;
        }

        var s = new Span<double>(partial, block * Sums, Sums);
        s[0] = ll;
        s[1] = gr;
        s[2] = gAlpha;
        s[3] = ga;
        s[4] = gb;
        for (int j = 0; j < 10; j++)
        {
            s[5 + j] = h[j];
        }
    }

    /// <summary>
    /// Weighted sums over rows of one x: Σw, Σw·ln S (S the bracket of the two terms), Σw·(w₃ ln(α+T) + w₄ ln(α+t_x)),
    /// Σw·(w₃/(α+T) + w₄/(α+t_x)) and Σw·w₄, where w₃ and w₄ = 1 − w₃ are the shares of the two terms in S.
    /// </summary>
    /// <remarks>
    /// With <paramref name="wantHessian"/> also Σw·(w₃/(α+T)² + w₄/(α+t_x)²) and, with q = w₃w₄, u = ln(α+t_x) − ln(α+T) and
    /// v = 1/(α+t_x) − 1/(α+T): Σw·q, Σw·q·u, Σw·q·v, Σw·q·u², Σw·q·u·v, Σw·q·v².
    /// </remarks>
    internal static RunSums Run(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight, double alpha, double rx, double ratio, bool wantGradient, bool wantHessian = false, bool vectorised = true)
    {
        int n = age.Length;
        var sums = default(RunSums);
        int i = vectorised ? Vectorised(age, recency, weight, alpha, rx, ratio, wantGradient, wantHessian, ref sums) : 0;
        if (double.IsNegativeInfinity(ratio))
        {
            // x = 0 under BG/NBD: one term, ln S = −(r + x) ln(α + T), w₄ = 0.
            for (; i < n; i++)
            {
                double aT = alpha + age[i];
                sums.Weight += weight[i];
                sums.LogBase += weight[i] * Math.Log(aT);
                sums.Inverse += weight[i] / aT;
                sums.Inverse2 += weight[i] / (aT * aT);
            }

            sums.LogSum = -rx * sums.LogBase;
            return sums;
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
            if (!wantGradient)
            {
                continue;
            }

            double iT = 1 / aT, iTx = 1 / aTx;
            sums.LogBase += wi * ((w3 * lnAT) + (w4 * lnAtx));
            sums.Inverse += wi * ((w3 * iT) + (w4 * iTx));
            sums.Second += wi * w4;
            if (wantHessian)
            {
                double u = lnAtx - lnAT, v = iTx - iT, wq = wi * w3 * w4;
                sums.Inverse2 += wi * ((w3 * iT * iT) + (w4 * iTx * iTx));
                sums.Q += wq;
                sums.Qu += wq * u;
                sums.Qv += wq * v;
                sums.Quu += wq * u * u;
                sums.Quv += wq * u * v;
                sums.Qvv += wq * v * v;
            }
        }

        return sums;
    }

    /// <summary>
    /// The vectorised part of <see cref="Run"/> (<see cref="Vector{T}"/>, four or eight rows at a time): sets the sums of
    /// the first rows, a whole number of vectors, and returns how many rows it took (0 without hardware acceleration).
    /// Kept apart so the scalar path is code an application published ReadyToRun has precompiled: code over
    /// <see cref="Vector{T}"/> is always compiled at run time, as its width is the machine's.
    /// </summary>
    private static int Vectorised(ReadOnlySpan<double> age, ReadOnlySpan<double> recency, ReadOnlySpan<double> weight, double alpha, double rx, double ratio, bool wantGradient, bool wantHessian, ref RunSums sums)
    {
        int n = age.Length, i = 0;
        if (double.IsNegativeInfinity(ratio))
        {
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            Vector<double> sw = default, sLog = default, sInv = default, sInv2 = default;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var ww = new Vector<double>(weight[i..]);
                var aT = va + new Vector<double>(age[i..]);
                sw += ww;
                sLog += ww * Vector.Log(aT);
                if (wantGradient)
                {
                    var inv = ww / aT;
                    sInv += inv;
                    if (wantHessian)
                    {
                        sInv2 += inv / aT;
                    }
                }
            }

            sums.Weight = Vector.Sum(sw);
            sums.LogBase = Vector.Sum(sLog);
            sums.Inverse = Vector.Sum(sInv);
            sums.Inverse2 = Vector.Sum(sInv2);
        }

            return i;
        }

        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            var vrx = new Vector<double>(rx);
            var vratio = new Vector<double>(ratio);
            var one = Vector<double>.One;
            Vector<double> sw = default, sLogSum = default, sLogBase = default, sInv = default, sSecond = default;
            Vector<double> sInv2 = default, sQ = default, sQu = default, sQv = default, sQuu = default, sQuv = default, sQvv = default;
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
                    var iT = one / aT;
                    var iTx = one / aTx;
                    sLogBase += ww * ((w3 * lnAT) + (w4 * lnAtx));
                    sInv += ww * ((w3 * iT) + (w4 * iTx));
                    sSecond += ww * w4;
                    if (wantHessian)
                    {
                        var u = lnAtx - lnAT;
                        var v = iTx - iT;
                        var wq = ww * w3 * w4;
                        sInv2 += ww * ((w3 * iT * iT) + (w4 * iTx * iTx));
                        sQ += wq;
                        sQu += wq * u;
                        sQv += wq * v;
                        sQuu += wq * u * u;
                        sQuv += wq * u * v;
                        sQvv += wq * v * v;
                    }
                }
            }

            sums.Weight = Vector.Sum(sw);
            sums.LogSum = Vector.Sum(sLogSum);
            sums.LogBase = Vector.Sum(sLogBase);
            sums.Inverse = Vector.Sum(sInv);
            sums.Second = Vector.Sum(sSecond);
            sums.Inverse2 = Vector.Sum(sInv2);
            sums.Q = Vector.Sum(sQ);
            sums.Qu = Vector.Sum(sQu);
            sums.Qv = Vector.Sum(sQv);
            sums.Quu = Vector.Sum(sQuu);
            sums.Quv = Vector.Sum(sQuv);
            sums.Qvv = Vector.Sum(sQvv);
        }

        return i;
    }

    /// <summary>The weighted sums of one run of rows (see <see cref="Run"/>).</summary>
    internal struct RunSums
    {
        public double Weight;
        public double LogSum;
        public double LogBase;
        public double Inverse;
        public double Second;
        public double Inverse2;
        public double Q;
        public double Qu;
        public double Qv;
        public double Quu;
        public double Quv;
        public double Qvv;
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

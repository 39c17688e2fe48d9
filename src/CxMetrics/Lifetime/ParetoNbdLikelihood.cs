using System.Numerics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood over log-parameters (ln r, ln α, ln s, ln β), in log space with a stable ₂F₁.
/// </summary>
/// <remarks>
/// Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. (22):
/// L = Γ(r + x)αʳβˢ/Γ(r) · { 1/((α + T)^(r+x)(β + T)ˢ) + s/(r + s + x) · A₀ }, where for α ≥ β
/// A₀ = ₂F₁(r + s + x, s + 1; r + s + x + 1; (α − β)/(α + t_x))/(α + t_x)^(r+s+x) − (the same with T), and for α &lt; β the
/// roles swap: ₂F₁(r + s + x, r + x; r + s + x + 1; (β − α)/(β + t_x))/(β + t_x)^(r+s+x) − (the same with T).
/// Both ₂F₁ have c = a + 1 and are summed through Euler's transformation as positive series; the difference is formed as
/// e^(L₁)(1 − e^(L₂−L₁)) in logs, and the two terms of L are combined by log-sum-exp.
/// A gradient pass evaluates the ₂F₁ terms once per distinct (x, t_x) and (x, T) pair and then combines them per row, each
/// step in fixed blocks spread over the cores on large inputs; the row sums are added in block order, so the value does
/// not depend on the number of cores.
/// </remarks>
internal sealed class ParetoNbdLikelihood
{
    private readonly double[] x;
    private readonly double[] tx;
    private readonly double[] t;
    private readonly double[] w;
    private readonly double totalWeight;
    private readonly int maxSeriesTerms;
    private readonly SeriesCoefficients coefficients;

    // The ₂F₁ term L_y of a row depends only on (x, y) with y = t_x or T, so each distinct (x, y) pair is evaluated once per
    // likelihood pass: the pairs sorted by x (one set of series coefficients per x), and per row the indices of its pairs.
    private readonly double[] pairX;
    private readonly double[] pairY;
    private readonly int[] rowTx;
    private readonly int[] rowT;
    private readonly double[] pairLog;
    private readonly double[] pairGradient;
    private readonly double[] pairLnAlphaY;
    private readonly double[] pairLnBetaY;

    // ln Γ(r + x) and ψ(r + x) once per distinct x.
    private readonly double[] distinctX;
    private readonly int[] rowX;
    private readonly double[] lnGammaRx;
    private readonly double[] psiRx;
    private readonly double[] lnShare;
    private readonly double[] rowPartial;
    private readonly bool parallel;

    /// <summary>Pairs or rows per block of work (and per partial sum).</summary>
    internal const int BlockSize = 8192;

    /// <summary>Fewer pairs (rows) than this are evaluated (summed) on the calling thread.</summary>
    internal const int ParallelSize = 4 * BlockSize;

    /// <summary>
    /// The most terms one ₂F₁ series may take inside a fit. The series needs about 37/(1 − ρ) terms for a term ratio ρ that
    /// tends to 1 only when max(α, β)/(min(α, β) + y) or the shape r or s grows without bound — the edges of the parameter
    /// space where the likelihood tends to a limiting model (s, β → ∞: one dropout rate for all; r, α → ∞: one purchase
    /// rate). At the CDNOW estimates a series takes about 15 terms. Beyond the cap a pass answers NaN, which the optimiser
    /// treats as a wall, so no pass costs more than (distinct pairs) × cap terms.
    /// </summary>
    public const int FitSeriesTerms = 20_000;

    /// <summary>Builds the likelihood of compressed rows.</summary>
    /// <param name="data">The rows (with weights).</param>
    /// <param name="maxSeriesTerms">The cap on the terms of one ₂F₁ series (<see cref="FitSeriesTerms"/> by default).</param>
    /// <param name="parallel">False keeps every pass on the calling thread (the one-thread baseline of the benchmarks).</param>
    public ParetoNbdLikelihood(RfmData data, int maxSeriesTerms = FitSeriesTerms, bool parallel = true)
    {
        this.parallel = parallel && Environment.ProcessorCount > 1;
        this.maxSeriesTerms = maxSeriesTerms;
        coefficients = new SeriesCoefficients(maxSeriesTerms);
        x = data.Frequency.ToArray();
        tx = data.Recency.ToArray();
        t = data.Age.ToArray();
        w = data.Weight.ToArray();
        totalWeight = data.TotalWeight;

        var pairs = new Dictionary<(double X, double Y), int>();
        var xs = new Dictionary<double, int>();
        for (int i = 0; i < x.Length; i++)
        {
            pairs.TryAdd((x[i], tx[i]), 0);
            pairs.TryAdd((x[i], t[i]), 0);
            xs.TryAdd(x[i], 0);
        }

        var keys = pairs.Keys.ToArray();
        Array.Sort(keys, (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        pairX = new double[keys.Length];
        pairY = new double[keys.Length];
        for (int k = 0; k < keys.Length; k++)
        {
            pairX[k] = keys[k].X;
            pairY[k] = keys[k].Y;
            pairs[keys[k]] = k;
        }

        distinctX = [.. xs.Keys];
        for (int k = 0; k < distinctX.Length; k++)
        {
            xs[distinctX[k]] = k;
        }

        rowTx = new int[x.Length];
        rowT = new int[x.Length];
        rowX = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            rowTx[i] = pairs[(x[i], tx[i])];
            rowT[i] = pairs[(x[i], t[i])];
            rowX[i] = xs[x[i]];
        }

        pairLog = new double[keys.Length];
        pairGradient = new double[4 * keys.Length];
        pairLnAlphaY = new double[keys.Length];
        pairLnBetaY = new double[keys.Length];
        lnGammaRx = new double[distinctX.Length];
        psiRx = new double[distinctX.Length];
        lnShare = new double[distinctX.Length];
        rowPartial = new double[5 * ((x.Length + BlockSize - 1) / BlockSize)];
    }

    /// <summary>Distinct (x, t_x) and (x, T) pairs whose ₂F₁ terms one gradient pass evaluates.</summary>
    public int DistinctTerms => pairX.Length;

    /// <summary>Passes that met a ₂F₁ series longer than the cap (and answered NaN): the optimiser walked to an edge.</summary>
    public int CappedPasses { get; private set; }

    /// <summary>−LL/W and, when asked, its analytic gradient in log-parameters.</summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), s = Math.Exp(logParameters[2]), beta = Math.Exp(logParameters[3]);
        bool wantGradient = !gradient.IsEmpty;
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = wantGradient ? SpecialFunctions.DiGamma(r) : 0;
        double lnAlpha = Math.Log(alpha), lnBeta = Math.Log(beta);
        double constant = (r * lnAlpha) + (s * lnBeta) - lnGammaR;
        for (int k = 0; k < distinctX.Length; k++)
        {
            lnGammaRx[k] = SpecialFunctions.GammaLn(r + distinctX[k]);
            psiRx[k] = wantGradient ? SpecialFunctions.DiGamma(r + distinctX[k]) : 0;
            lnShare[k] = Math.Log(s / (r + s + distinctX[k]));
        }

        double ll = 0;
        if (!wantGradient && x.Length < ParallelSize)
        {
            for (int i = 0; i < x.Length; i++)
            {
                ll += w[i] * (lnGammaRx[rowX[i]] + constant + LogBracket(r, alpha, s, beta, x[i], tx[i], t[i], out _, maxSeriesTerms));
            }

            if (double.IsNaN(ll))
            {
                CappedPasses++;
            }

            return -ll / totalWeight;
        }

        // On many rows the pair pass is cheaper than two series per row even when only the value is wanted (its gradient
        // sums are then discarded).
        if (!wantGradient)
        {
            gradient = new double[4];
        }

        // 1. The ₂F₁ terms of the distinct (x, y) pairs, in blocks of pairs (over the cores on large inputs; each block
        //    rebuilds its series coefficients from its first x, so a term does not depend on how the blocks are spread).
        int pairBlocks = (pairX.Length + BlockSize - 1) / BlockSize;
        int capped = 0;
        if (parallel && pairX.Length >= ParallelSize)
        {
            Parallel.For(0, pairBlocks, () => new SeriesCoefficients(maxSeriesTerms), (block, _, series) =>
            {
                if (Volatile.Read(ref capped) == 0 && !PairBlock(block, r, alpha, s, beta, series))
                {
                    Volatile.Write(ref capped, 1);
                }

                return series;
            }, _ => { });
        }
        else
        {
            for (int block = 0; block < pairBlocks && capped == 0; block++)
            {
                capped = PairBlock(block, r, alpha, s, beta, coefficients) ? 0 : 1;
            }
        }

        if (capped != 0)
        {
            CappedPasses++;
            return double.NaN;
        }

        // 2. Each row combines its two pair terms; per block of rows five partial sums, added in block order.
        int rowBlocks = (x.Length + BlockSize - 1) / BlockSize;
        if (parallel && x.Length >= ParallelSize)
        {
            Parallel.For(0, rowBlocks, block => RowBlock(block, r, alpha, s, beta, constant));
        }
        else
        {
            for (int block = 0; block < rowBlocks; block++)
            {
                RowBlock(block, r, alpha, s, beta, constant);
            }
        }

        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int block = 0; block < rowBlocks; block++)
        {
            var sums = rowPartial.AsSpan(5 * block, 5);
            ll += sums[0];
            t0 += sums[1];
            t1 += sums[2];
            t2 += sums[3];
            t3 += sums[4];
        }

        t0 += (lnAlpha - psiR) * totalWeight;
        t1 += (r / alpha) * totalWeight;
        t2 += lnBeta * totalWeight;
        t3 += (s / beta) * totalWeight;
        gradient[0] = -t0 * r / totalWeight;
        gradient[1] = -t1 * alpha / totalWeight;
        gradient[2] = -t2 * s / totalWeight;
        gradient[3] = -t3 * beta / totalWeight;
        return -ll / totalWeight;
    }

    /// <summary>
    /// The ₂F₁ terms of one block of pairs; false when a series met the cap. Pairs with one x share the series
    /// coefficients, so their series are summed <see cref="Vector{T}.Count"/> at a time (<see cref="SeriesCoefficients.TryLogMany"/>).
    /// </summary>
    private bool PairBlock(int block, double r, double alpha, double s, double beta, SeriesCoefficients series)
    {
        int start = block * BlockSize, end = Math.Min(pairX.Length, start + BlockSize);
        int lanes = Vector<double>.Count;
        Span<double> z = stackalloc double[lanes];
        Span<double> lnS = stackalloc double[lanes];
        Span<double> dp = stackalloc double[lanes];
        Span<double> dq = stackalloc double[lanes];
        Span<double> dz = stackalloc double[lanes];
        for (int k = start; k < end;)
        {
            // The series parameters (p, q) depend on x only: their coefficients are built once per run of equal x.
            double xk = pairX[k];
            series.Reset(alpha >= beta ? r + xk : s + 1, r + s + xk + 1);
            int stop = k + 1;
            while (stop < end && pairX[stop] == xk)
            {
                stop++;
            }

            for (; k < stop; k++)
            {
                if (Vector.IsHardwareAccelerated && k + lanes <= stop)
                {
                    for (int j = 0; j < lanes; j++)
                    {
                        z[j] = Argument(alpha, beta, pairY[k + j]);
                    }

                    if (series.TryLogMany(z, lnS, dp, dq, dz))
                    {
                        for (int j = 0; j < lanes; j++, k++)
                        {
                            pairLog[k] = LogTermOf(r, alpha, s, beta, xk, pairY[k], z[j], lnS[j], dp[j], dq[j], dz[j], pairGradient.AsSpan(4 * k, 4));
                            pairLnAlphaY[k] = Math.Log(alpha + pairY[k]);
                            pairLnBetaY[k] = Math.Log(beta + pairY[k]);
                        }

                        k--;
                        continue;
                    }
                }

                pairLog[k] = LogTerm(r, alpha, s, beta, xk, pairY[k], pairGradient.AsSpan(4 * k, 4), series, maxSeriesTerms);
                if (double.IsNaN(pairLog[k]))
                {
                    return false;
                }

                pairLnAlphaY[k] = Math.Log(alpha + pairY[k]);
                pairLnBetaY[k] = Math.Log(beta + pairY[k]);
            }
        }

        return true;
    }

    /// <summary>One block of rows: Σw·ln L and the four weighted gradient sums without their per-row constants.</summary>
    private void RowBlock(int block, double r, double alpha, double s, double beta, double constant)
    {
        int start = block * BlockSize, end = Math.Min(x.Length, start + BlockSize);
        Span<double> g = stackalloc double[4];
        double ll = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int i = start; i < end; i++)
        {
            int a = rowTx[i], b = rowT[i], xi = rowX[i];
            double wi = w[i];
            ll += wi * (lnGammaRx[xi] + constant + Combine(r, alpha, s, beta, x[i], t[i], lnShare[xi], pairLnAlphaY[b], pairLnBetaY[b], pairLog[a], pairGradient.AsSpan(4 * a, 4), pairLog[b], pairGradient.AsSpan(4 * b, 4), g));
            t0 += wi * (psiRx[xi] + g[0]);
            t1 += wi * g[1];
            t2 += wi * g[2];
            t3 += wi * g[3];
        }

        var sums = rowPartial.AsSpan(5 * block, 5);
        sums[0] = ll;
        sums[1] = t0;
        sums[2] = t1;
        sums[3] = t2;
        sums[4] = t3;
    }

    /// <summary>
    /// The log-bracket of <see cref="LogBracket"/> and its partial derivatives with respect to (r, α, s, β), written to
    /// <paramref name="gradient"/>. The ₂F₁ parameter derivatives are summed term by term alongside the series.
    /// </summary>
    public static double LogBracketWithGradient(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient, int maxTerms = Hypergeometric.MaxTerms)
    {
        Span<double> d1 = stackalloc double[4];
        Span<double> d2 = stackalloc double[4];
        double l1 = LogTerm(r, alpha, s, beta, x, tx, d1, maxTerms: maxTerms);
        double l2 = LogTerm(r, alpha, s, beta, x, t, d2, maxTerms: maxTerms);
        return Combine(r, alpha, s, beta, x, t, Math.Log(s / (r + s + x)), Math.Log(alpha + t), Math.Log(beta + t), l1, d1, l2, d2, gradient);
    }

    /// <summary>A row's log-bracket and its gradient from its two L_y terms; <paramref name="lnShare"/> = ln(s/(r + s + x)).</summary>
    private static double Combine(double r, double alpha, double s, double beta, double x, double t, double lnShare, double lnAT, double lnBT, double l1, ReadOnlySpan<double> d1, double l2, ReadOnlySpan<double> d2, Span<double> gradient)
    {
        double rsx = r + s + x;
        double first = (-(r + x) * lnAT) - (s * lnBT);

        // ∂first
        double f0 = -lnAT, f1 = -(r + x) / (alpha + t), f2 = -lnBT, f3 = -s / (beta + t);
        if (double.IsNaN(l1) || double.IsNaN(l2))
        {
            gradient.Fill(double.NaN);
            return double.NaN;
        }

        if (!(l2 < l1))
        {
            gradient[0] = f0;
            gradient[1] = f1;
            gradient[2] = f2;
            gradient[3] = f3;
            return first;
        }

        double diff = l2 - l1, eDiff = Math.Exp(diff);

        // 1 − e^D: Expm1 is e^D − 1 itself for |D| ≥ ½ (D < 0 here), so the exponential is not taken twice.
        double oneMinus = diff <= -0.5 ? 1 - eDiff : -Internal.LogMath.Expm1(diff);
        double second = lnShare + l1 + Math.Log(oneMinus);

        // ∂ ln(1 − e^D) = −e^D/(1 − e^D) ∂D; q = e^D/(1 − e^D)
        double q = eDiff / oneMinus;
        double s0 = (-1 / rsx) + ((1 + q) * d1[0]) - (q * d2[0]);
        double s1 = ((1 + q) * d1[1]) - (q * d2[1]);
        double s2 = (1 / s) - (1 / rsx) + ((1 + q) * d1[2]) - (q * d2[2]);
        double s3 = ((1 + q) * d1[3]) - (q * d2[3]);
        double wSecond, logSum;
        if (second > first)
        {
            double e = Math.Exp(first - second);
            logSum = second + Internal.LogMath.Log1p(e);
            wSecond = 1 / (1 + e);
        }
        else
        {
            double e = Math.Exp(second - first);
            logSum = first + Internal.LogMath.Log1p(e);
            wSecond = e / (1 + e);
        }

        double wFirst = 1 - wSecond;
        gradient[0] = (wFirst * f0) + (wSecond * s0);
        gradient[1] = (wFirst * f1) + (wSecond * s1);
        gradient[2] = (wFirst * f2) + (wSecond * s2);
        gradient[3] = (wFirst * f3) + (wSecond * s3);
        return logSum;
    }

    /// <summary>The argument z_y of the ₂F₁ in L_y: (α − β)/(α + y) when α ≥ β, else (β − α)/(β + y).</summary>
    private static double Argument(double alpha, double beta, double y) => alpha >= beta ? (alpha - beta) / (alpha + y) : (beta - alpha) / (beta + y);

    /// <summary>
    /// L_y = ln ₂F₁(…; z_y) − (r + s + x) ln(max(α, β) + y) and its derivatives in (r, α, s, β).
    /// </summary>
    private static double LogTerm(double r, double alpha, double s, double beta, double x, double y, Span<double> d, SeriesCoefficients? cache = null, int maxTerms = Hypergeometric.MaxTerms)
    {
        double z = Argument(alpha, beta, y);
        double dp, dq, dz;
        double lnS = cache is not null && cache.TryLog(z, out dp, out dq, out dz)
            ? cache.LastLog
            : alpha >= beta
                ? Hypergeometric.LogPositiveSeriesWithDerivatives(r + x, r + s + x + 1, z, out dp, out dq, out dz, maxTerms)
                : Hypergeometric.LogPositiveSeriesWithDerivatives(s + 1, r + s + x + 1, z, out dp, out dq, out dz, maxTerms);
        return LogTermOf(r, alpha, s, beta, x, y, z, lnS, dp, dq, dz, d);
    }

    /// <summary>L_y and its derivatives from the Euler series' ln S and d ln S/d(p, q, z) at z = <see cref="Argument"/>.</summary>
    private static double LogTermOf(double r, double alpha, double s, double beta, double x, double y, double z, double lnS, double dp, double dq, double dz, Span<double> d)
    {
        double rsx = r + s + x;
        double ln1mz = Internal.LogMath.Log1p(-z);
        if (alpha >= beta)
        {
            // b = s + 1: Euler series parameters p = r + x, q = r + s + x + 1; prefactor (1 − b) ln(1 − z) = −s ln(1 − z).
            double ay = alpha + y, lnAy = Math.Log(ay);
            double dFdz = (s / (1 - z)) + dz;
            d[0] = dp + dq - lnAy;
            d[2] = -ln1mz + dq - lnAy;
            d[1] = (dFdz * (beta + y) / (ay * ay)) - (rsx / ay);
            d[3] = -dFdz / ay;
            return (-s * ln1mz) + lnS - (rsx * lnAy);
        }
        else
        {
            // b = r + x: p = s + 1, q = r + s + x + 1; prefactor (1 − r − x) ln(1 − z).
            double by = beta + y, lnBy = Math.Log(by);
            double dFdz = ((r + x - 1) / (1 - z)) + dz;
            d[0] = -ln1mz + dq - lnBy;
            d[2] = dp + dq - lnBy;
            d[3] = (dFdz * (alpha + y) / (by * by)) - (rsx / by);
            d[1] = -dFdz / by;
            return ((1 - r - x) * ln1mz) + lnS - (rsx * lnBy);
        }
    }

    /// <summary>One customer's log-likelihood.</summary>
    public static double Individual(double r, double alpha, double s, double beta, double x, double tx, double t) =>
        SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta))
        + LogBracket(r, alpha, s, beta, x, tx, t, out _);

    /// <summary>
    /// ln{ 1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A₀ }, and the log-odds ln(second/first) of dying before T (for P(alive)).
    /// </summary>
    public static double LogBracket(double r, double alpha, double s, double beta, double x, double tx, double t, out double logOddsDead, int maxTerms = Hypergeometric.MaxTerms)
    {
        double rsx = r + s + x;
        double first = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        double l1, l2;
        if (alpha >= beta)
        {
            l1 = Hypergeometric.Log2F1APlusOne(rsx, s + 1, (alpha - beta) / (alpha + tx), maxTerms) - (rsx * Math.Log(alpha + tx));
            l2 = Hypergeometric.Log2F1APlusOne(rsx, s + 1, (alpha - beta) / (alpha + t), maxTerms) - (rsx * Math.Log(alpha + t));
        }
        else
        {
            l1 = Hypergeometric.Log2F1APlusOne(rsx, r + x, (beta - alpha) / (beta + tx), maxTerms) - (rsx * Math.Log(beta + tx));
            l2 = Hypergeometric.Log2F1APlusOne(rsx, r + x, (beta - alpha) / (beta + t), maxTerms) - (rsx * Math.Log(beta + t));
        }

        if (double.IsNaN(l1) || double.IsNaN(l2))
        {
            logOddsDead = double.NaN;
            return double.NaN;
        }

        if (!(l2 < l1))
        {
            logOddsDead = double.NegativeInfinity;
            return first;
        }

        double second = Math.Log(s / rsx) + l1 + Math.Log(-Internal.LogMath.Expm1(l2 - l1));
        logOddsDead = second - first;
        return second > first ? second + Internal.LogMath.Log1p(Math.Exp(first - second)) : first + Internal.LogMath.Log1p(Math.Exp(second - first));
    }

    /// <summary>
    /// The coefficients cₙ = (p)ₙ/(q)ₙ of Σ cₙ zⁿ and cₙ·Σ_{k&lt;n} 1/(p + k), cₙ·Σ_{k&lt;n} 1/(q + k) for one (p, q), grown on
    /// demand: all rows with the same x then evaluate the series and its derivatives as polynomials in z, without divisions.
    /// </summary>
    private sealed class SeriesCoefficients(int maxTerms)
    {
        private double[] c = new double[64];
        private double[] cp = new double[64];
        private double[] cq = new double[64];
        private double p;
        private double q;
        private double hp;
        private double hq;
        private int filled;

        public double LastLog { get; private set; }

        public void Reset(double p, double q)
        {
            this.p = p;
            this.q = q;
            hp = 0;
            hq = 0;
            c[0] = 1;
            cp[0] = 0;
            cq[0] = 0;
            filled = 1;
        }

        /// <summary>
        /// ln S and d ln S/d(p, q, z) like <see cref="Hypergeometric.LogPositiveSeriesWithDerivatives"/>; NaN (and true) when the
        /// series needs more than the cap of terms.
        /// </summary>
        public bool TryLog(double z, out double dp, out double dq, out double dz)
        {
            double sum = 1, sumP = 0, sumQ = 0, sumZ = 0, zPower = 1, tail = double.PositiveInfinity; // zPower = zⁿ⁻¹
            for (int n = 1; ; n++)
            {
                if (n >= filled && !Extend(n))
                {
                    // At the cap: kept only when the tail is below 1e-10 of the z-derivative series (see Hypergeometric).
                    if (tail < 1e-10 * (1 - z) * (1 - z) * sumZ)
                    {
                        break;
                    }

                    dp = dq = dz = double.NaN;
                    LastLog = double.NaN;
                    return true;
                }

                double termOverZ = c[n] * zPower;
                sum += termOverZ * z;
                sumP += cp[n] * zPower * z;
                sumQ += cq[n] * zPower * z;
                sumZ += n * termOverZ;

                // The term ratio is below z (p < q), so the tail of Σ n cₙ zⁿ⁻¹ is below (n + 1) cₙ zⁿ/(1 − z)².
                tail = (n + 1) * termOverZ * z;
                if (tail < 2e-16 * (1 - z) * (1 - z))
                {
                    break;
                }

                zPower *= z;
            }

            dp = sumP / sum;
            dq = -sumQ / sum;
            dz = sumZ / sum;
            LastLog = Math.Log(sum);
            return true;
        }

        /// <summary>
        /// <see cref="TryLog"/> for <see cref="Vector{T}.Count"/> arguments at once, the terms summed lane by lane in the
        /// same order and each lane frozen once its own tail test passes, so every lane equals <see cref="TryLog"/>'s result
        /// (the logarithm taken per lane). False when a series needs more terms than the cap: the caller then takes the
        /// arguments one by one.
        /// </summary>
        public bool TryLogMany(ReadOnlySpan<double> zs, Span<double> logS, Span<double> dp, Span<double> dq, Span<double> dz)
        {
            var z = new Vector<double>(zs);
            var oneMinus = Vector<double>.One - z;
            var threshold = new Vector<double>(2e-16) * oneMinus * oneMinus;
            Vector<double> sum = Vector<double>.One, sumP = Vector<double>.Zero, sumQ = Vector<double>.Zero, sumZ = Vector<double>.Zero, zPower = Vector<double>.One;
            var active = Vector<long>.AllBitsSet;
            for (int n = 1; ; n++)
            {
                if (n >= filled && !Extend(n))
                {
                    return false;
                }

                var live = active.As<long, double>();
                var termOverZ = new Vector<double>(c[n]) * zPower;
                sum += Vector.ConditionalSelect(live, termOverZ * z, Vector<double>.Zero);
                sumP += Vector.ConditionalSelect(live, new Vector<double>(cp[n]) * zPower * z, Vector<double>.Zero);
                sumQ += Vector.ConditionalSelect(live, new Vector<double>(cq[n]) * zPower * z, Vector<double>.Zero);
                sumZ += Vector.ConditionalSelect(live, new Vector<double>(n) * termOverZ, Vector<double>.Zero);
                var tail = new Vector<double>(n + 1) * termOverZ * z;
                active &= ~Vector.LessThan(tail, threshold);
                if (active == Vector<long>.Zero)
                {
                    break;
                }

                zPower *= z;
            }

            for (int j = 0; j < zs.Length; j++)
            {
                dp[j] = sumP[j] / sum[j];
                dq[j] = -sumQ[j] / sum[j];
                dz[j] = sumZ[j] / sum[j];
                logS[j] = Math.Log(sum[j]);
            }

            return true;
        }

        private bool Extend(int n)
        {
            if (n >= maxTerms)
            {
                return false;
            }

            if (n >= c.Length)
            {
                Array.Resize(ref c, c.Length * 2);
                Array.Resize(ref cp, cp.Length * 2);
                Array.Resize(ref cq, cq.Length * 2);
            }

            while (filled <= n)
            {
                int k = filled - 1;
                double inverseQ = 1 / (q + k);
                hp += 1 / (p + k);
                hq += inverseQ;
                c[filled] = c[k] * (p + k) * inverseQ;
                cp[filled] = c[filled] * hp;
                cq[filled] = c[filled] * hq;
                filled++;
            }

            return true;
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
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
/// not depend on the number of cores. The rows are held ordered by x and T (the T pairs are then read in order), and the
/// terms in x alone (ln Γ(r + x), ψ(r + x), ψ₁(r + x)) enter once per distinct x with the weight of its rows. A Hessian
/// pass (<see cref="Hessian"/>) carries the series' second parameter derivatives in the same way.
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

    // ln Γ(r + x) and ψ(r + x) once per distinct x, and the weight of the rows with that x (their sums are W_x ln Γ(r + x) …).
    private readonly double[] distinctX;
    private readonly double[] xWeight;
    private readonly int[] rowX;
    private readonly double[] lnGammaRx;
    private readonly double[] psiRx;
    private readonly double[] lnShare;
    private readonly double[] rowPartial;

    // Hessian passes only (allocated on the first): ψ₁(r + x) per distinct x, the pairs' Hessians of L_y (10 entries
    // each, see LogTermHessian) and the row blocks' Hessian sums.
    private double[]? trigammaRx;
    private double[]? pairHessian;
    private double[]? rowHessianPartial;

    // The last gradient pass: its point, value, gradient and, when it also took the Hessian, the Hessian. The engine asks
    // for the gradient and the Hessian again at the point a fit ends on (its final check and the standard errors), and a
    // Newton step asks for the Hessian at the point whose gradient it has just accepted; so a gradient pass that follows a
    // Hessian pass takes the Hessian along (one pass instead of two when the step is accepted).
    private readonly double[] lastPoint = new double[4];
    private readonly double[] lastGradient = new double[4];
    private readonly double[] lastHessian = new double[16];
    private double lastValue;
    private bool lastHasGradient;
    private bool lastHasHessian;
    private bool afterHessian;
    private readonly bool parallel;

    /// <summary>The pairs one vectorised step takes (<see cref="Vector{T}.Count"/>), 0 when the pairs are taken one at a time.</summary>
    private readonly int lanes;

    /// <summary>Pairs or rows per block of work (and per partial sum).</summary>
    internal const int BlockSize = 4096;

    /// <summary>
    /// Fewer pairs (rows) than this are evaluated (summed) on the calling thread; the ≈ 16k-row sample fit of a warm start
    /// (<see cref="SampleStart"/>) is spread over the cores too.
    /// </summary>
    internal const int ParallelSize = 2 * BlockSize;

    /// <summary>
    /// Fewer distinct pairs than this are evaluated one at a time: a pass over them takes a millisecond or less, while the
    /// first vectorised pass in a process costs milliseconds of compilation (see <see cref="PairVector"/>).
    /// </summary>
    internal const int VectorPairs = 4096;

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
    /// <param name="vectorPairs">From how many distinct pairs on the series are summed several at a time (<see cref="VectorPairs"/> by default).</param>
    public ParetoNbdLikelihood(RfmData data, int maxSeriesTerms = FitSeriesTerms, bool parallel = true, int vectorPairs = VectorPairs)
    {
        this.parallel = parallel && Environment.ProcessorCount > 1;
        this.maxSeriesTerms = maxSeriesTerms;
        coefficients = new SeriesCoefficients(maxSeriesTerms);
        totalWeight = data.TotalWeight;
        int n = data.Count;

        // The rows ordered by x (ascending), then by T: the T pairs are then read in order and the per-x terms by runs.
        // Stable sorts of our own (StableKeySort), no dictionary or generic sort: the set-up of a small first fit runs
        // precompiled in an application published ReadyToRun.
        var xOrdered = new double[n];
        var order = new int[n];
        var frequency = data.Frequency;
        for (int i = 0; i < n; i++)
        {
            xOrdered[i] = frequency[i];
            order[i] = i;
        }

        Internal.StableKeySort.Sort(xOrdered, order, 0, n);
        int distinct = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == 0 || xOrdered[j] != xOrdered[j - 1])
            {
                distinct++;
            }
        }

        distinctX = new double[distinct];
        var runStart = new int[distinct + 1];
        x = new double[n];
        t = new double[n];
        var byT = new int[n];
        rowX = new int[n];
        for (int j = 0, k = -1; j < n; j++)
        {
            if (j == 0 || xOrdered[j] != xOrdered[j - 1])
            {
                distinctX[++k] = xOrdered[j];
                runStart[k] = j;
            }

            x[j] = xOrdered[j];
            t[j] = data.Age[order[j]];
            rowX[j] = k;
            byT[j] = order[j];
        }

        runStart[distinct] = n;
        tx = new double[n];
        w = new double[n];
        xWeight = new double[distinctX.Length];
        var txSorted = new double[n];
        var txRow = new int[n];
        rowTx = new int[n];
        rowT = new int[n];
        var ys = new double[2 * n];
        var xsOfPairs = new double[2 * n];
        int pairs = 0;
        for (int k = 0; k < distinctX.Length; k++)
        {
            int from = runStart[k], to = runStart[k + 1];
            Internal.StableKeySort.Sort(t, byT, from, to - from);
            for (int j = from; j < to; j++)
            {
                tx[j] = data.Recency[byT[j]];
                w[j] = data.Weight[byT[j]];
                xWeight[k] += w[j];
                txSorted[j] = tx[j];
                txRow[j] = j;
            }

            // The x's pairs: the union of its sorted T and t_x values, merged.
            Internal.StableKeySort.Sort(txSorted, txRow, from, to - from);
            for (int i = from, j = from; i < to || j < to; pairs++)
            {
                bool fromT = j >= to || (i < to && !(txSorted[j] < t[i]));
                double y = fromT ? t[i] : txSorted[j];
                if (fromT)
                {
                    rowT[i++] = pairs;
                }
                else
                {
                    rowTx[txRow[j++]] = pairs;
                }

                while (i < to && t[i] == y)
                {
                    rowT[i++] = pairs;
                }

                while (j < to && txSorted[j] == y)
                {
                    rowTx[txRow[j++]] = pairs;
                }

                xsOfPairs[pairs] = distinctX[k];
                ys[pairs] = y;
            }
        }

        pairX = new double[pairs];
        pairY = new double[pairs];
        Array.Copy(xsOfPairs, pairX, pairs);
        Array.Copy(ys, pairY, pairs);
        pairLog = new double[pairs];
        pairGradient = new double[4 * pairs];
        pairLnAlphaY = new double[pairs];
        pairLnBetaY = new double[pairs];
        lnGammaRx = new double[distinctX.Length];
        psiRx = new double[distinctX.Length];
        lnShare = new double[distinctX.Length];
        rowPartial = new double[5 * ((x.Length + BlockSize - 1) / BlockSize)];
        lanes = pairs >= vectorPairs ? VectorLanes() : 0;
    }

    /// <summary>Distinct (x, t_x) and (x, T) pairs whose ₂F₁ terms one gradient pass evaluates.</summary>
    public int DistinctTerms => pairX.Length;

    /// <summary>Passes that met a ₂F₁ series longer than the cap (and answered NaN): the optimiser walked to an edge.</summary>
    public int CappedPasses { get; private set; }

    /// <summary>−LL/W and, when asked, its analytic gradient in log-parameters.</summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        bool cached = lastHasGradient && AtLastPoint(logParameters);
        if (gradient.IsEmpty)
        {
            return cached ? lastValue : Evaluate(logParameters, default, default);
        }

        if (cached)
        {
            Copy(lastGradient, gradient);
            return lastValue;
        }

        Span<double> hessian = afterHessian ? stackalloc double[16] : default;
        afterHessian = false;
        double value = Evaluate(logParameters, gradient, hessian);
        Remember(logParameters, value, gradient, hessian);
        return value;
    }

    /// <summary>
    /// The Hessian of −LL/W in log-parameters (4 × 4, row-major) from one pass: the pairs' ₂F₁ terms with their second
    /// parameter derivatives (<see cref="SeriesCoefficients.LogWithHessian"/>), then per row the chain rule of
    /// <see cref="Combine"/>; false when it is not finite.
    /// </summary>
    public bool Hessian(ReadOnlySpan<double> logParameters, Span<double> hessian)
    {
        afterHessian = true;
        if (!(lastHasHessian && AtLastPoint(logParameters)))
        {
            Span<double> gradient = stackalloc double[4];
            double value = Evaluate(logParameters, gradient, lastHessian);
            Remember(logParameters, value, gradient, lastHessian);
        }

        Copy(lastHessian, hessian);
        return double.IsFinite(lastValue) && Statistics.NewtonPolish.AllFinite(hessian);
    }

    private void Remember(ReadOnlySpan<double> logParameters, double value, ReadOnlySpan<double> gradient, ReadOnlySpan<double> hessian)
    {
        Copy(logParameters, lastPoint);
        Copy(gradient, lastGradient);
        lastValue = value;

        // A failed pass is not kept: it is counted again (CappedPasses), and near an edge the value alone may be finite.
        lastHasGradient = double.IsFinite(value);
        lastHasHessian = lastHasGradient && !hessian.IsEmpty;
        if (lastHasHessian)
        {
            Copy(hessian, lastHessian);
        }
    }

    /// <summary>Whether <paramref name="logParameters"/> is the point of the last pass (equal as <see cref="double.Equals(double)"/> tells).</summary>
    private bool AtLastPoint(ReadOnlySpan<double> logParameters)
    {
        if (logParameters.Length != lastPoint.Length)
        {
            return false;
        }

        for (int i = 0; i < lastPoint.Length; i++)
        {
            if (!logParameters[i].Equals(lastPoint[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies <paramref name="from"/> into the start of <paramref name="to"/> (a loop: <c>Span&lt;double&gt;.CopyTo</c> is compiled at run time).</summary>
    private static void Copy(ReadOnlySpan<double> from, Span<double> to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            to[i] = from[i];
        }
    }

    /// <summary>−LL/W, when asked its gradient and (which needs the gradient) its Hessian in log-parameters.</summary>
    private double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient, Span<double> hessian)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), s = Math.Exp(logParameters[2]), beta = Math.Exp(logParameters[3]);
        bool wantHessian = !hessian.IsEmpty;
        bool wantGradient = !gradient.IsEmpty;
        double lnGammaR = SpecialFunctions.GammaLn(r), psiR = wantGradient ? SpecialFunctions.DiGamma(r) : 0;
        double lnAlpha = Math.Log(alpha), lnBeta = Math.Log(beta);
        double constant = (r * lnAlpha) + (s * lnBeta) - lnGammaR;
        if (wantHessian)
        {
            trigammaRx ??= new double[distinctX.Length];
            pairHessian ??= new double[10 * pairX.Length];
            rowHessianPartial ??= new double[10 * ((x.Length + BlockSize - 1) / BlockSize)];
        }

        for (int k = 0; k < distinctX.Length; k++)
        {
            lnGammaRx[k] = SpecialFunctions.GammaLn(r + distinctX[k]);
            psiRx[k] = wantGradient ? SpecialFunctions.DiGamma(r + distinctX[k]) : 0;
            lnShare[k] = Math.Log(s / (r + s + distinctX[k]));
            if (wantHessian)
            {
                trigammaRx![k] = Internal.Trigamma.Of(r + distinctX[k]);
            }
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
                if (Volatile.Read(ref capped) == 0 && !PairBlock(block, r, alpha, s, beta, series, wantHessian))
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
                capped = PairBlock(block, r, alpha, s, beta, coefficients, wantHessian) ? 0 : 1;
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
            Parallel.For(0, rowBlocks, block => RowBlock(block, r, alpha, s, beta, constant, wantHessian));
        }
        else
        {
            for (int block = 0; block < rowBlocks; block++)
            {
                RowBlock(block, r, alpha, s, beta, constant, wantHessian);
            }
        }

        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int k = 0; k < distinctX.Length; k++)
        {
            ll += xWeight[k] * (lnGammaRx[k] + constant);
            t0 += xWeight[k] * psiRx[k];
        }

        for (int block = 0; block < rowBlocks; block++)
        {
            var sums = new Span<double>(rowPartial, 5 * block, 5);
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
        if (wantHessian)
        {
            Span<double> naturalGradient = stackalloc double[4];
            naturalGradient[0] = t0;
            naturalGradient[1] = t1;
            naturalGradient[2] = t2;
            naturalGradient[3] = t3;
            AssembleHessian(r, alpha, s, beta, rowBlocks, naturalGradient, hessian);
        }

        return -ll / totalWeight;
    }

    /// <summary>
    /// Adds the row blocks' Hessian sums in block order, the per-fit constant's Hessian (ln αʳβˢ/Γ(r): −ψ₁(r), 1/α, −r/α²,
    /// 1/β, −s/β², times W) and turns the Hessian of LL in (r, α, s, β) into that of −LL/W in log-parameters:
    /// ∂²/∂φᵢ∂φⱼ = θᵢθⱼ ∂²/∂θᵢ∂θⱼ + δᵢⱼ θᵢ ∂/∂θᵢ for θ = e^φ.
    /// </summary>
    private void AssembleHessian(double r, double alpha, double s, double beta, int rowBlocks, ReadOnlySpan<double> naturalGradient, Span<double> hessian)
    {
        Span<double> h = stackalloc double[10];
        h.Clear();
        for (int block = 0; block < rowBlocks; block++)
        {
            var sums = new Span<double>(rowHessianPartial, 10 * block, 10);
            for (int j = 0; j < 10; j++)
            {
                h[j] += sums[j];
            }
        }

        for (int k = 0; k < distinctX.Length; k++)
        {
            h[Upper(0, 0)] += xWeight[k] * trigammaRx![k];
        }

        h[Upper(0, 0)] -= Internal.Trigamma.Of(r) * totalWeight;
        h[Upper(0, 1)] += totalWeight / alpha;
        h[Upper(1, 1)] -= r / (alpha * alpha) * totalWeight;
        h[Upper(2, 3)] += totalWeight / beta;
        h[Upper(3, 3)] -= s / (beta * beta) * totalWeight;
        Span<double> theta = stackalloc double[4];
        theta[0] = r;
        theta[1] = alpha;
        theta[2] = s;
        theta[3] = beta;
        for (int i = 0; i < 4; i++)
        {
            for (int j = i; j < 4; j++)
            {
                double value = theta[i] * theta[j] * h[Upper(i, j)];
                if (i == j)
                {
                    value += theta[i] * naturalGradient[i];
                }

                hessian[(4 * i) + j] = -value / totalWeight;
                hessian[(4 * j) + i] = -value / totalWeight;
            }
        }
    }

    /// <summary>
    /// The ₂F₁ terms of one block of pairs; false when a series met the cap. Pairs with one x share the series
    /// coefficients; on many pairs (<see cref="lanes"/> &gt; 0) their series are summed <see cref="Vector{T}.Count"/> at a
    /// time (<see cref="VectorPairs"/>), else one at a time.
    /// </summary>
    private bool PairBlock(int block, double r, double alpha, double s, double beta, SeriesCoefficients series, bool wantHessian)
    {
        int start = block * BlockSize, end = Math.Min(pairX.Length, start + BlockSize);
        Span<double> first = stackalloc double[3];
        Span<double> second = stackalloc double[6];
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
                if (lanes > 0 && k + lanes <= stop && PairVector(k, r, alpha, s, beta, series, wantHessian))
                {
                    k += lanes - 1;
                    continue;
                }

                if (wantHessian)
                {
                    double zk = Argument(alpha, beta, pairY[k]);
                    double lnSk = series.LogWithHessian(zk, first, second);
                    if (double.IsNaN(lnSk))
                    {
                        return false;
                    }

                    HessianTerm(k, r, alpha, s, beta, zk, lnSk, first, second);
                    continue;
                }

                pairLog[k] = LogTerm(r, alpha, s, beta, xk, pairY[k], new Span<double>(pairGradient, 4 * k, 4), series, maxSeriesTerms);
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

    /// <summary>
    /// The lanes of <see cref="Vector{T}"/> of double, 0 without hardware acceleration; not inlined, so that the constructor
    /// that calls it is not code over <see cref="Vector{T}"/> itself (which ReadyToRun leaves to the JIT).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int VectorLanes() => Vector.IsHardwareAccelerated ? Vector<double>.Count : 0;

    /// <summary>
    /// Pairs k … k + <see cref="lanes"/> − 1 (one x) at once (<see cref="SeriesCoefficients.TryLogMany"/>,
    /// <see cref="SeriesCoefficients.LogWithHessianMany"/>); false when a series met the cap, and the caller takes pair k
    /// alone. Kept apart from <see cref="PairBlock"/> so that the scalar path is code an application published ReadyToRun
    /// has precompiled: code over <see cref="Vector{T}"/> is always compiled at run time, as its width is the machine's.
    /// </summary>
    private bool PairVector(int k, double r, double alpha, double s, double beta, SeriesCoefficients series, bool wantHessian)
    {
        int count = Vector<double>.Count;
        Span<double> z = stackalloc double[count];
        Span<double> lnS = stackalloc double[count];
        for (int j = 0; j < count; j++)
        {
            z[j] = Argument(alpha, beta, pairY[k + j]);
        }

        if (wantHessian)
        {
            Span<double> first = stackalloc double[3 * count];
            Span<double> second = stackalloc double[6 * count];
            if (!series.LogWithHessianMany(z, lnS, first, second))
            {
                return false;
            }

            for (int j = 0; j < count; j++)
            {
                HessianTerm(k + j, r, alpha, s, beta, z[j], lnS[j], first.Slice(3 * j, 3), second.Slice(6 * j, 6));
            }

            return true;
        }

        Span<double> dp = stackalloc double[count];
        Span<double> dq = stackalloc double[count];
        Span<double> dz = stackalloc double[count];
        if (!series.TryLogMany(z, lnS, dp, dq, dz))
        {
            return false;
        }

        for (int j = 0; j < count; j++)
        {
            int i = k + j;
            pairLnAlphaY[i] = Math.Log(alpha + pairY[i]);
            pairLnBetaY[i] = Math.Log(beta + pairY[i]);
            pairLog[i] = LogTermOf(r, alpha, s, beta, pairX[i], pairY[i], z[j], lnS[j], dp[j], dq[j], dz[j], new Span<double>(pairGradient, 4 * i, 4), pairLnAlphaY[i], pairLnBetaY[i]);
        }

        return true;
    }

    /// <summary>Pair <paramref name="k"/>'s L_y with its gradient and Hessian from its series' ln S and derivatives at z.</summary>
    private void HessianTerm(int k, double r, double alpha, double s, double beta, double z, double lnS, ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        double y = pairY[k];
        pairLnAlphaY[k] = Math.Log(alpha + y);
        pairLnBetaY[k] = Math.Log(beta + y);
        pairLog[k] = LogTermOf(r, alpha, s, beta, pairX[k], y, z, lnS, first[0], first[1], first[2], new Span<double>(pairGradient, 4 * k, 4), pairLnAlphaY[k], pairLnBetaY[k]);
        LogTermHessian(r, alpha, s, beta, pairX[k], y, first, second, new Span<double>(pairHessian, 10 * k, 10));
    }

    /// <summary>
    /// One block of rows: Σw·ln L and the four weighted gradient sums without their per-x terms (ln Γ(r + x), ψ(r + x),
    /// added per distinct x); with <paramref name="wantHessian"/> also the ten weighted Hessian sums into <see cref="rowHessianPartial"/>.
    /// </summary>
    private void RowBlock(int block, double r, double alpha, double s, double beta, double constant, bool wantHessian)
    {
        int start = block * BlockSize, end = Math.Min(x.Length, start + BlockSize);
        Span<double> g = stackalloc double[4];
        Span<double> h = stackalloc double[wantHessian ? 10 : 0];
        Span<double> hSum = stackalloc double[10];
        hSum.Clear();
        double ll = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        for (int i = start; i < end; i++)
        {
            int a = rowTx[i], b = rowT[i], xi = rowX[i];
            double wi = w[i];
            ReadOnlySpan<double> h1 = wantHessian ? new ReadOnlySpan<double>(pairHessian, 10 * a, 10) : default, h2 = wantHessian ? new ReadOnlySpan<double>(pairHessian, 10 * b, 10) : default;
            ll += wi * Combine(r, alpha, s, beta, x[i], t[i], lnShare[xi], pairLnAlphaY[b], pairLnBetaY[b], pairLog[a], new Span<double>(pairGradient, 4 * a, 4), pairLog[b], new Span<double>(pairGradient, 4 * b, 4), g, h1, h2, h);
            t0 += wi * g[0];
            t1 += wi * g[1];
            t2 += wi * g[2];
            t3 += wi * g[3];
            if (wantHessian)
            {
                for (int j = 0; j < 10; j++)
                {
                    hSum[j] += wi * h[j];
                }
            }
        }

        if (wantHessian)
        {
            Copy(hSum, new Span<double>(rowHessianPartial, 10 * block, 10));
        }

        var sums = new Span<double>(rowPartial, 5 * block, 5);
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

    /// <summary>
    /// A row's log-bracket and its gradient from its two L_y terms; <paramref name="lnShare"/> = ln(s/(r + s + x)). With
    /// <paramref name="hessian"/> not empty also its Hessian in (r, α, s, β) (upper triangle, see <see cref="LogTermHessian"/>)
    /// from the terms' Hessians <paramref name="h1"/> and <paramref name="h2"/>: for B = ln(e^F + e^G) with shares w_F, w_G,
    /// ∇²B = w_F∇²F + w_G∇²G + w_Fw_G(∇F − ∇G)(∇F − ∇G)ᵀ, and for G = ln(s/(r + s + x)) + L₁ + ln(1 − e^D), D = L₂ − L₁,
    /// ∇²G = ∇²ln(s/(r + s + x)) + (1 + q)∇²L₁ − q∇²L₂ − q(1 + q)∇D∇Dᵀ with q = e^D/(1 − e^D).
    /// </summary>
    private static double Combine(double r, double alpha, double s, double beta, double x, double t, double lnShare, double lnAT, double lnBT, double l1, ReadOnlySpan<double> d1, double l2, ReadOnlySpan<double> d2, Span<double> gradient, ReadOnlySpan<double> h1 = default, ReadOnlySpan<double> h2 = default, Span<double> hessian = default)
    {
        double rsx = r + s + x;
        double first = (-(r + x) * lnAT) - (s * lnBT);

        // ∂first
        double f0 = -lnAT, f1 = -(r + x) / (alpha + t), f2 = -lnBT, f3 = -s / (beta + t);
        if (double.IsNaN(l1) || double.IsNaN(l2))
        {
            for (int i = 0; i < gradient.Length; i++)
            {
                gradient[i] = double.NaN;
            }

            return double.NaN;
        }

        if (!(l2 < l1))
        {
            gradient[0] = f0;
            gradient[1] = f1;
            gradient[2] = f2;
            gradient[3] = f3;
            if (!hessian.IsEmpty)
            {
                hessian.Clear();
                FirstHessian(r, alpha, s, beta, x, t, 1, hessian);
            }

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
        if (!hessian.IsEmpty)
        {
            // w_G∇²G, then w_F∇²F and the outer products.
            double u = 1 / (rsx * rsx), qq = q * (1 + q);
            Span<double> dd = stackalloc double[4];
            Span<double> fs = stackalloc double[4];
            for (int i = 0; i < 4; i++)
            {
                dd[i] = d2[i] - d1[i];
            }

            fs[0] = f0 - s0;
            fs[1] = f1 - s1;
            fs[2] = f2 - s2;
            fs[3] = f3 - s3;
            for (int i = 0, k = 0; i < 4; i++)
            {
                for (int j = i; j < 4; j++, k++)
                {
                    double g = ((1 + q) * h1[k]) - (q * h2[k]) - (qq * dd[i] * dd[j]);
                    hessian[k] = (wSecond * g) + (wFirst * wSecond * fs[i] * fs[j]);
                }
            }

            hessian[Upper(0, 0)] += wSecond * u;
            hessian[Upper(0, 2)] += wSecond * u;
            hessian[Upper(2, 2)] += wSecond * (u - (1 / (s * s)));
            FirstHessian(r, alpha, s, beta, x, t, wFirst, hessian);
        }

        return logSum;
    }

    /// <summary>Adds <paramref name="share"/> × the Hessian of F = −(r + x) ln(α + T) − s ln(β + T) to <paramref name="hessian"/>.</summary>
    private static void FirstHessian(double r, double alpha, double s, double beta, double x, double t, double share, Span<double> hessian)
    {
        double at = alpha + t, bt = beta + t;
        hessian[Upper(0, 1)] -= share / at;
        hessian[Upper(1, 1)] += share * (r + x) / (at * at);
        hessian[Upper(2, 3)] -= share / bt;
        hessian[Upper(3, 3)] += share * s / (bt * bt);
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
        return LogTermOf(r, alpha, s, beta, x, y, z, lnS, dp, dq, dz, d, alpha >= beta ? Math.Log(alpha + y) : 0, alpha >= beta ? 0 : Math.Log(beta + y));
    }

    /// <summary>
    /// L_y and its derivatives from the Euler series' ln S and d ln S/d(p, q, z) at z = <see cref="Argument"/>, given
    /// ln(α + y) (used when α ≥ β) and ln(β + y) (used otherwise).
    /// </summary>
    private static double LogTermOf(double r, double alpha, double s, double beta, double x, double y, double z, double lnS, double dp, double dq, double dz, Span<double> d, double lnAlphaY, double lnBetaY)
    {
        double rsx = r + s + x;
        double ln1mz = Internal.LogMath.Log1p(-z);
        if (alpha >= beta)
        {
            // b = s + 1: Euler series parameters p = r + x, q = r + s + x + 1; prefactor (1 − b) ln(1 − z) = −s ln(1 − z).
            double ay = alpha + y, lnAy = lnAlphaY;
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
            double by = beta + y, lnBy = lnBetaY;
            double dFdz = ((r + x - 1) / (1 - z)) + dz;
            d[0] = -ln1mz + dq - lnBy;
            d[2] = dp + dq - lnBy;
            d[3] = (dFdz * (alpha + y) / (by * by)) - (rsx / by);
            d[1] = -dFdz / by;
            return ((1 - r - x) * ln1mz) + lnS - (rsx * lnBy);
        }
    }

    /// <summary>
    /// The Hessian of L_y in (r, α, s, β), upper triangle in the order rr, rα, rs, rβ, αα, αs, αβ, ss, sβ, ββ, from the
    /// first and second derivatives of the Euler series' ln S (<see cref="SeriesCoefficients.LogWithHessian"/>).
    /// </summary>
    /// <remarks>
    /// With "big" the larger of α and β, "small" the other, P the shape in the series' p (r when α ≥ β, else s) and O the
    /// other shape: L_y = −(O + c_O) ln(small + y) − (P + c_P) ln(big + y) + ln S(p, q, z) with q = r + s + x + 1,
    /// z = (big − small)/(big + y), (c_P, c_O) = (x, 0) when α ≥ β and (1, x − 1) otherwise. So ∂p/∂P = ∂q/∂P = ∂q/∂O = 1,
    /// ∂z/∂big = (small + y)/(big + y)², ∂z/∂small = −1/(big + y), ∂²z/∂big² = −2(small + y)/(big + y)³,
    /// ∂²z/∂big∂small = 1/(big + y)².
    /// </remarks>
    private static void LogTermHessian(double r, double alpha, double s, double beta, double x, double y, ReadOnlySpan<double> first, ReadOnlySpan<double> second, Span<double> h)
    {
        bool alphaBig = alpha >= beta;
        int pi = alphaBig ? 0 : 2, oi = alphaBig ? 2 : 0, bi = alphaBig ? 1 : 3, si = alphaBig ? 3 : 1;
        double shapeP = alphaBig ? r + x : s + 1, shapeO = alphaBig ? s : r + x - 1;
        double big = alphaBig ? alpha : beta, small = alphaBig ? beta : alpha;
        double by = big + y, sy = small + y;
        double zB = sy / (by * by), zS = -1 / by, zBB = -2 * zB / by, zBS = 1 / (by * by);
        double dz = first[2];
        double pp = second[0], pq = second[1], qq = second[2], pz = second[3], qz = second[4], zz = second[5];
        h[Upper(pi, pi)] = pp + (2 * pq) + qq;
        h[Upper(pi, oi)] = pq + qq;
        h[Upper(oi, oi)] = qq;
        h[Upper(pi, bi)] = ((pz + qz) * zB) - (1 / by);
        h[Upper(pi, si)] = (pz + qz) * zS;
        h[Upper(oi, bi)] = qz * zB;
        h[Upper(oi, si)] = (qz * zS) - (1 / sy);
        h[Upper(bi, bi)] = (zz * zB * zB) + (dz * zBB) + (shapeP / (by * by));
        h[Upper(bi, si)] = (zz * zB * zS) + (dz * zBS);
        h[Upper(si, si)] = (zz * zS * zS) + (shapeO / (sy * sy));
    }

    /// <summary>The index of entry (i, j) of a symmetric 4 × 4 matrix stored as its upper triangle row by row (10 entries).</summary>
    private static int Upper(int i, int j) => i <= j ? (4 * i) - (i * (i + 1) / 2) + j : Upper(j, i);

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
        private double[] cpp = new double[64];
        private double[] cpq = new double[64];
        private double[] cqq = new double[64];
        private double p;
        private double q;
        private double hp;
        private double hq;
        private double gp;
        private double gq;
        private int filled;

        public double LastLog { get; private set; }

        public void Reset(double p, double q)
        {
            this.p = p;
            this.q = q;
            hp = 0;
            hq = 0;
            gp = 0;
            gq = 0;
            c[0] = 1;
            cp[0] = 0;
            cq[0] = 0;
            cpp[0] = 0;
            cpq[0] = 0;
            cqq[0] = 0;
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

        /// <summary>
        /// ln S with its first derivatives d ln S/d(p, q, z) and second derivatives in the order (pp, pq, qq, pz, qz, zz),
        /// from ten sums taken alongside the series: ∂²cₙ/∂p² = cₙ(Hₚ² − Gₚ), ∂²cₙ/∂p∂q = −cₙHₚH_q, ∂²cₙ/∂q² = cₙ(H_q² + G_q)
        /// with Hₚ = Σ_{k&lt;n} 1/(p + k) and Gₚ = Σ_{k&lt;n} 1/(p + k)², and the z-derivatives term by term; then
        /// ∂²ln S = ∂²S/S − ∂S∂S/S². Stops on <see cref="TryLog"/>'s tail test; false (and NaN) when the series meets the cap.
        /// </summary>
        public double LogWithHessian(double z, Span<double> first, Span<double> second)
        {
            double sum = 1, sumP = 0, sumQ = 0, sumZ = 0, sumPP = 0, sumPQ = 0, sumQQ = 0, sumPZ = 0, sumQZ = 0, sumZZ = 0;
            double zPower = 1, zPrevious = 1; // zⁿ⁻¹ and zⁿ⁻² (the latter only multiplies n(n − 1) = 0 at n = 1)
            for (int n = 1; ; n++)
            {
                if (n >= filled && !Extend(n))
                {
                    return double.NaN;
                }

                double zn = zPower * z;
                sum += c[n] * zn;
                sumP += cp[n] * zn;
                sumQ += cq[n] * zn;
                sumPP += cpp[n] * zn;
                sumPQ += cpq[n] * zn;
                sumQQ += cqq[n] * zn;
                sumZ += n * c[n] * zPower;
                sumPZ += n * cp[n] * zPower;
                sumQZ += n * cq[n] * zPower;
                sumZZ += n * (n - 1.0) * c[n] * zPrevious;
                // The product in the order of LogWithHessianMany's test, so that both stop on the same term.
                if ((n + 1) * c[n] * zPower * z < 2e-16 * (1 - z) * (1 - z))
                {
                    break;
                }

                zPrevious = zPower;
                zPower = zn;
            }

            double inverse = 1 / sum;
            double dp = sumP * inverse, dq = -sumQ * inverse, dz = sumZ * inverse;
            first[0] = dp;
            first[1] = dq;
            first[2] = dz;
            second[0] = (sumPP * inverse) - (dp * dp);
            second[1] = (-sumPQ * inverse) - (dp * dq);
            second[2] = (sumQQ * inverse) - (dq * dq);
            second[3] = (sumPZ * inverse) - (dp * dz);
            second[4] = (-sumQZ * inverse) - (dq * dz);
            second[5] = (sumZZ * inverse) - (dz * dz);
            return Math.Log(sum);
        }

        /// <summary>
        /// <see cref="LogWithHessian"/> for <see cref="Vector{T}.Count"/> arguments at once (each lane frozen after its own
        /// tail test): ln S per lane into <paramref name="logS"/>, the first derivatives lane-major (3 per lane) into
        /// <paramref name="first"/> and the second (6 per lane) into <paramref name="second"/>. False at the cap.
        /// </summary>
        public bool LogWithHessianMany(ReadOnlySpan<double> zs, Span<double> logS, Span<double> first, Span<double> second)
        {
            var z = new Vector<double>(zs);
            var oneMinus = Vector<double>.One - z;
            var threshold = new Vector<double>(2e-16) * oneMinus * oneMinus;
            Vector<double> sum = Vector<double>.One, sumP = default, sumQ = default, sumZ = default, sumPP = default, sumPQ = default, sumQQ = default, sumPZ = default, sumQZ = default, sumZZ = default;
            Vector<double> zPower = Vector<double>.One, zPrevious = Vector<double>.One;
            var active = Vector<long>.AllBitsSet;
            for (int n = 1; ; n++)
            {
                if (n >= filled && !Extend(n))
                {
                    return false;
                }

                var live = active.As<long, double>();
                var zn = Vector.ConditionalSelect(live, zPower * z, Vector<double>.Zero);
                var zm = Vector.ConditionalSelect(live, zPower, Vector<double>.Zero);
                sum += new Vector<double>(c[n]) * zn;
                sumP += new Vector<double>(cp[n]) * zn;
                sumQ += new Vector<double>(cq[n]) * zn;
                sumPP += new Vector<double>(cpp[n]) * zn;
                sumPQ += new Vector<double>(cpq[n]) * zn;
                sumQQ += new Vector<double>(cqq[n]) * zn;
                sumZ += new Vector<double>(n * c[n]) * zm;
                sumPZ += new Vector<double>(n * cp[n]) * zm;
                sumQZ += new Vector<double>(n * cq[n]) * zm;
                sumZZ += new Vector<double>(n * (n - 1.0) * c[n]) * Vector.ConditionalSelect(live, zPrevious, Vector<double>.Zero);
                active &= ~Vector.LessThan(new Vector<double>((n + 1) * c[n]) * zPower * z, threshold);
                if (active == Vector<long>.Zero)
                {
                    break;
                }

                zPrevious = zPower;
                zPower *= z;
            }

            for (int j = 0; j < zs.Length; j++)
            {
                double inverse = 1 / sum[j];
                double dp = sumP[j] * inverse, dq = -sumQ[j] * inverse, dz = sumZ[j] * inverse;
                first[3 * j] = dp;
                first[(3 * j) + 1] = dq;
                first[(3 * j) + 2] = dz;
                var h = second.Slice(6 * j, 6);
                h[0] = (sumPP[j] * inverse) - (dp * dp);
                h[1] = (-sumPQ[j] * inverse) - (dp * dq);
                h[2] = (sumQQ[j] * inverse) - (dq * dq);
                h[3] = (sumPZ[j] * inverse) - (dp * dz);
                h[4] = (-sumQZ[j] * inverse) - (dq * dz);
                h[5] = (sumZZ[j] * inverse) - (dz * dz);
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
                c = Doubled(c);
                cp = Doubled(cp);
                cq = Doubled(cq);
                cpp = Doubled(cpp);
                cpq = Doubled(cpq);
                cqq = Doubled(cqq);
            }

            while (filled <= n)
            {
                int k = filled - 1;
                double inverseP = 1 / (p + k), inverseQ = 1 / (q + k);
                hp += inverseP;
                hq += inverseQ;
                gp += inverseP * inverseP;
                gq += inverseQ * inverseQ;
                c[filled] = c[k] * (p + k) * inverseQ;
                cp[filled] = c[filled] * hp;
                cq[filled] = c[filled] * hq;
                cpp[filled] = c[filled] * ((hp * hp) - gp);
                cpq[filled] = c[filled] * hp * hq;
                cqq[filled] = c[filled] * ((hq * hq) + gq);
                filled++;
            }

            return true;
        }

        /// <summary>A copy twice as long (<c>Array.Resize&lt;double&gt;</c> is compiled at run time).</summary>
        private static double[] Doubled(double[] values)
        {
            var doubled = new double[2 * values.Length];
            Array.Copy(values, doubled, values.Length);
            return doubled;
        }
    }
}

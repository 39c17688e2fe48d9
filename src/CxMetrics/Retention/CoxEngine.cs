using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>
/// The data of a Cox fit sorted by stratum, then by decreasing exit time, with centred covariates in rows; with delayed
/// entry also the rows of each stratum that enter late (entry &gt; 0), by decreasing entry.
/// </summary>
internal sealed class CoxData
{
    public required int P { get; init; }

    public required double[] Time { get; init; }

    public required bool[] Status { get; init; }

    /// <summary>The weight of each sorted row: its case weight times its frequency.</summary>
    public required double[] Weight { get; init; }

    /// <summary>How many identical rows each sorted row stands for (frequency counts), or <see langword="null"/> for one each.</summary>
    public int[]? Count { get; init; }

    /// <summary>Centred covariates, row-major (row i at i·P).</summary>
    public required double[] X { get; init; }

    /// <summary>Where each stratum starts in the sorted rows, plus the end (length strata + 1).</summary>
    public required int[] StratumStart { get; init; }

    /// <summary>The entry time of each sorted row (0 = at risk from the start), or <see langword="null"/> without delayed entry.</summary>
    public double[]? Entry { get; init; }

    /// <summary>The sorted rows with entry &gt; 0, stratum by stratum, each stratum by decreasing entry.</summary>
    public int[] ByEntry { get; init; } = [];

    /// <summary>Where each stratum starts in <see cref="ByEntry"/>, plus the end (length strata + 1); empty without delayed entry.</summary>
    public int[] EntryStart { get; init; } = [];

    public int N => Time.Length;

    public static CoxData Sorted(double[] time, double[]? entry, bool[] status, double[] weight, int[]? count, CoxEncoding encoding)
    {
        int n = time.Length;
        int p = encoding.Names.Length;
        var keys = new double[n];
        var byTime = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -time[i];
            byTime[i] = i;
        }

        Array.Sort(keys, byTime);

        // A stable counting sort by stratum keeps the decreasing times inside each stratum.
        int strata = Math.Max(1, encoding.StrataNames.Length);
        var start = new int[strata + 1];
        foreach (int s in encoding.Strata)
        {
            start[s + 1]++;
        }

        for (int s = 0; s < strata; s++)
        {
            start[s + 1] += start[s];
        }

        var next = start[..strata];
        var order = new int[n];
        foreach (int i in byTime)
        {
            order[next[encoding.Strata[i]]++] = i;
        }

        var sortedTime = new double[n];
        var sortedStatus = new bool[n];
        var sortedWeight = new double[n];
        var sortedCount = count is null ? null : new int[n];
        var x = new double[n * p];
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            sortedTime[r] = time[i];
            sortedStatus[r] = status[i];
            sortedWeight[r] = weight[i];
            if (sortedCount is not null)
            {
                sortedCount[r] = count![i];
            }

            for (int j = 0; j < p; j++)
            {
                x[(r * p) + j] = encoding.Columns[j][i] - encoding.Means[j];
            }
        }

        if (entry is null || !entry.Any(e => e > 0))
        {
            return new CoxData { P = p, Time = sortedTime, Status = sortedStatus, Weight = sortedWeight, Count = sortedCount, X = x, StratumStart = start };
        }

        var sortedEntry = new double[n];
        var late = new List<int>();
        var entryStart = new int[strata + 1];
        for (int s = 0; s < strata; s++)
        {
            entryStart[s] = late.Count;
            int first = late.Count;
            for (int r = start[s]; r < start[s + 1]; r++)
            {
                sortedEntry[r] = entry[order[r]];
                if (sortedEntry[r] > 0)
                {
                    late.Add(r);
                }
            }

            late.Sort(first, late.Count - first, Comparer<int>.Create((a, b) => sortedEntry[b].CompareTo(sortedEntry[a])));
        }

        entryStart[strata] = late.Count;
        return new CoxData
        {
            P = p, Time = sortedTime, Status = sortedStatus, Weight = sortedWeight, Count = sortedCount, X = x, StratumStart = start, Entry = sortedEntry, ByEntry = [.. late], EntryStart = entryStart,
        };
    }
}

/// <summary>
/// Newton–Raphson on the log partial likelihood (R's <c>coxfit6</c>, and <c>agfit4</c> for delayed entry). Every quantity
/// of the fit — likelihood, score and information; the baseline hazard with its variance terms; the proportional-hazards
/// test — comes from one walk over the rows in decreasing time (<see cref="Walk"/>), which keeps the risk-set sums
/// S₀ = Σ w·exp(η), S₁ = Σ w·exp(η)·x, S₂ = Σ w·exp(η)·x·xᵀ: a row joins at its exit and, with delayed entry, leaves
/// again once the walk passes its entry (it is at risk on (entry, exit]).
/// </summary>
internal sealed class CoxEngine(CoxData data, CoxTies ties)
{
    private const double Epsilon = 1e-9; // coxph.control(eps)
    private readonly int p = data.P;
    private readonly double[] s1 = new double[data.P];
    private readonly double[] s2 = new double[data.P * data.P];
    private readonly double[] d1 = new double[data.P];
    private readonly double[] d2 = new double[data.P * data.P];
    private readonly double[] eventX = new double[data.P];
    private readonly double[] a = new double[data.P];
    private readonly double[] eta = new double[data.N];
    private readonly double[] risk = new double[data.N];
    private double s0;
    private double d0;
    private double deadWeight;
    private double eventEta;
    private int dead;

    public int Evaluations { get; private set; }

    /// <summary>Log partial likelihood at β, its score U and information I (−Hessian, p×p full).</summary>
    public double Evaluate(double[] beta, double[] u, double[] imat)
    {
        Evaluations++;
        Array.Clear(u);
        Array.Clear(imat);
        double ll = 0;
        Walk(beta, (_, _) =>
        {
            ll += eventEta;
            for (int k = 0; k < p; k++)
            {
                u[k] += eventX[k];
            }

            int terms = Terms();
            for (int k = 0; k < terms; k++)
            {
                double share = terms == 1 ? 0 : (double)k / dead;
                double denominator = s0 - (share * d0);
                ll -= deadWeight / terms * Math.Log(denominator);
                Subtract(u, imat, denominator, share, deadWeight / terms);
            }
        });

        for (int k = 0; k < p; k++)
        {
            for (int l = 0; l < k; l++)
            {
                imat[(l * p) + k] = imat[(k * p) + l];
            }
        }

        return ll;
    }

    /// <summary>
    /// The baseline cumulative hazard at each event time of each stratum (centred covariates), in increasing time, with the
    /// two cumulative sums its variance needs (R's <c>agsurv</c>, and <c>agsurv5</c> for Efron ties): the increment
    /// <c>dΛ = Σₖ w̄/(S₀ − (k/d)D₀)</c>, the variance term <c>Σₖ w̄/(S₀ − (k/d)D₀)²</c> and the mean-covariate term
    /// <c>Σₖ w̄·(S₁ − (k/d)D₁)/(S₀ − (k/d)D₀)²</c> (one term with w̄ = d_w under Breslow ties or a single event).
    /// </summary>
    public CoxBaseline[] BaselineHazard(double[] beta)
    {
        int strata = data.StratumStart.Length - 1;
        var times = new List<double>[strata];
        var hazard = new List<double>[strata];
        var variance = new List<double>[strata];
        var xbar = new List<double>[strata];
        for (int s = 0; s < strata; s++)
        {
            (times[s], hazard[s], variance[s], xbar[s]) = ([], [], [], []);
        }

        Walk(beta, (t, s) =>
        {
            double increment = 0, varianceIncrement = 0;
            var meanIncrement = new double[p];
            int terms = Terms();
            for (int k = 0; k < terms; k++)
            {
                double share = terms == 1 ? 0 : (double)k / dead;
                double denominator = s0 - (share * d0);
                double w = deadWeight / terms;
                increment += w / denominator;
                varianceIncrement += w / (denominator * denominator);
                for (int j = 0; j < p; j++)
                {
                    meanIncrement[j] += w * (s1[j] - (share * d1[j])) / (denominator * denominator);
                }
            }

            times[s].Add(t);
            hazard[s].Add(increment);
            variance[s].Add(varianceIncrement);
            xbar[s].AddRange(meanIncrement);
        });

        var result = new CoxBaseline[strata];
        for (int s = 0; s < strata; s++)
        {
            int m = times[s].Count;
            var cumulativeHazard = new double[m];
            var cumulativeVariance = new double[m];
            var cumulativeMean = new double[m * p];
            double h = 0, v = 0;
            var x = new double[p];
            for (int r = 0; r < m; r++)
            {
                int at = m - 1 - r; // the walk ran in decreasing time
                h += hazard[s][at];
                v += variance[s][at];
                cumulativeHazard[r] = h;
                cumulativeVariance[r] = v;
                for (int j = 0; j < p; j++)
                {
                    x[j] += xbar[s][(at * p) + j];
                    cumulativeMean[(r * p) + j] = x[j];
                }
            }

            times[s].Reverse();
            result[s] = new CoxBaseline([.. times[s]], cumulativeHazard, cumulativeVariance, cumulativeMean);
        }

        return result;
    }

    /// <summary>
    /// R's <c>cox.zph</c> score test at β̂ (zph1.c): one pass accumulating, per event time, the Schoenfeld residual sum rₜ
    /// and information Vₜ, weighted by the centred Kaplan–Meier transform g(t); <see langword="null"/> when the
    /// augmented information is singular.
    /// </summary>
    public CoxProportionalHazardsTest? ProportionalHazardsTest(double[] beta, CoxEncoding encoding)
    {
        if (p == 0)
        {
            return null;
        }

        (double[] eventTimes, double[] g) = KaplanMeierTransform();
        int q = 2 * p;
        var u1 = new double[p];
        var info = new double[q * q];
        var ut = new double[p];
        var it = new double[p * p];
        Walk(beta, (t, _) =>
        {
            Array.Copy(eventX, ut, p);
            Array.Clear(it);
            int terms = Terms();
            for (int k = 0; k < terms; k++)
            {
                double share = terms == 1 ? 0 : (double)k / dead;
                Subtract(ut, it, s0 - (share * d0), share, deadWeight / terms);
            }

            double gt = g[Array.BinarySearch(eventTimes, t)];
            for (int k = 0; k < p; k++)
            {
                u1[k] += gt * ut[k];
                for (int l = 0; l <= k; l++)
                {
                    double v = it[(k * p) + l];
                    info[(k * q) + l] += v;
                    info[((k + p) * q) + l] += gt * v;
                    if (l < k)
                    {
                        info[((l + p) * q) + k] += gt * v;
                    }

                    info[((k + p) * q) + l + p] += gt * gt * v;
                }
            }
        });

        for (int k = 0; k < q; k++)
        {
            for (int l = 0; l < k; l++)
            {
                info[(l * q) + k] = info[(k * q) + l];
            }
        }

        // The lower triangle is filled: (k, l ≤ k) of both diagonal blocks and all of the lower-left block (Vₜ is symmetric).
        var global = ScoreTest(info, q, u1, [.. Enumerable.Range(0, p)]);
        if (global is null)
        {
            return null;
        }

        var terms = new CoxTermTest[encoding.Terms.Length];
        for (int k = 0; k < terms.Length; k++)
        {
            var term = encoding.Terms[k];
            int width = term.Levels?.Length ?? 1;
            var test = ScoreTest(info, q, u1, [.. Enumerable.Range(term.First, width)]);
            if (test is null)
            {
                return null;
            }

            terms[k] = new CoxTermTest(term.Name, test);
        }

        return new CoxProportionalHazardsTest { Terms = terms, Global = global };
    }

    /// <summary>The linear predictor of each sorted row.</summary>
    public double[] LinearPredictor(double[] beta)
    {
        var eta = new double[data.N];
        for (int i = 0; i < eta.Length; i++)
        {
            eta[i] = Eta(beta, i);
        }

        return eta;
    }

    /// <summary>Runs Newton–Raphson from β = 0 and builds the model of <paramref name="rows"/> rows (each counted with its frequency).</summary>
    public CoxModel Run(CoxEncoding encoding, CoxOptions options, long rows, long events, double totalWeight)
    {
        var beta = new double[p];
        var u = new double[p];
        var imat = new double[p * p];
        double ll = Evaluate(beta, u, imat);
        double nullLogLikelihood = ll;
        double? score = null;
        var factor = new double[p * p];
        var step = new double[p];
        if (p > 0 && Cholesky(imat, factor, p))
        {
            Solve(factor, p, u, step);
            score = Dot(u, step);
        }

        var trial = new double[p];
        var trialU = new double[p];
        var trialI = new double[p * p];
        var lastStep = new double[p];
        double relativeChange = double.PositiveInfinity;
        int iterations = 0;
        FitStatus status;
        string? message = null;
        bool positiveDefinite = false;
        double newtonStep = double.MaxValue;
        while (true)
        {
            positiveDefinite = p == 0 || Cholesky(imat, factor, p);
            if (positiveDefinite)
            {
                Solve(factor, p, u, step);
                newtonStep = p == 0 ? 0 : step.Max(Math.Abs);
            }
            else
            {
                newtonStep = double.MaxValue;
            }

            if (positiveDefinite && (p == 0 || (iterations > 0 && relativeChange <= Epsilon && newtonStep <= FitDiagnostics.StepTolerance)))
            {
                status = FitStatus.Converged;
                break;
            }

            bool flat = iterations > 0 && relativeChange <= Epsilon;
            if (!positiveDefinite || iterations >= options.MaxIterations)
            {
                if (flat)
                {
                    status = FitStatus.Boundary;
                    message = $"the partial likelihood keeps rising as {RunningOff(encoding.Names, lastStep)} runs to ±∞ (monotone likelihood: a level or covariate separates the events; R warns \"coefficient may be infinite\")";
                }
                else if (!positiveDefinite)
                {
                    status = FitStatus.NotConverged;
                    message = "the information matrix is singular: a covariate is constant, collinear with others, or a level has no subjects at risk at any event";
                }
                else
                {
                    status = FitStatus.IterationLimit;
                    message = $"{options.MaxIterations} Newton–Raphson iterations did not reach the optimum";
                }

                break;
            }

            // A Newton step, halved while the likelihood does not improve (coxfit6 halves towards the previous β).
            for (int k = 0; k < p; k++)
            {
                trial[k] = beta[k] + step[k];
            }

            // A fall within R's relative tolerance is rounding at the optimum, not a worse point (coxfit6 tests convergence before halving).
            double trialLl = Evaluate(trial, trialU, trialI);
            int halvings = 0;
            while (!(trialLl >= ll || Math.Abs(1 - (ll / trialLl)) <= Epsilon) && halvings < 30)
            {
                for (int k = 0; k < p; k++)
                {
                    trial[k] = (beta[k] + trial[k]) / 2;
                }

                trialLl = Evaluate(trial, trialU, trialI);
                halvings++;
            }

            iterations++;
            if (!(trialLl >= ll || Math.Abs(1 - (ll / trialLl)) <= Epsilon))
            {
                status = FitStatus.NotConverged;
                message = "step halving did not improve the partial likelihood";
                break;
            }

            relativeChange = Math.Abs(1 - (ll / trialLl));
            for (int k = 0; k < p; k++)
            {
                lastStep[k] = trial[k] - beta[k];
            }

            (beta, trial) = (trial, beta);
            (u, trialU) = (trialU, u);
            (imat, trialI) = (trialI, imat);
            ll = trialLl;
        }

        bool converged = status == FitStatus.Converged;
        var diagnostics = new FitDiagnostics
        {
            Status = status,
            LogLikelihood = ll,
            Iterations = iterations,
            Evaluations = Evaluations,
            Method = "Newton–Raphson",
            Customers = totalWeight,
            Rows = (int)rows,
            GradientNorm = p == 0 ? 0 : u.Max(Math.Abs) is var g && double.IsFinite(g) ? g : double.MaxValue,
            NewtonStep = newtonStep,
            HessianPositiveDefinite = positiveDefinite,
            Message = message,
        };

        double[]? variance = null;
        if (converged && p > 0)
        {
            variance = Inverse(factor, p);
        }

        return CoxModel.Fitted(
            encoding, options, rows, events, totalWeight, beta, variance, diagnostics, nullLogLikelihood, score, converged ? Wald(beta, imat) : null,
            converged && p > 0 ? CoxConcordance.Of(data, LinearPredictor(beta)) : null,
            converged ? BaselineHazard(beta) : null,
            converged ? ProportionalHazardsTest(beta, encoding) : null);
    }

    internal static bool Cholesky(double[] matrix, double[] factor, int p)
    {
        Array.Clear(factor);
        double largest = 0;
        for (int k = 0; k < p; k++)
        {
            largest = Math.Max(largest, Math.Abs(matrix[(k * p) + k]));
        }

        double tolerance = largest * 1e-12; // R's coxph.control(toler.chol) is eps^0.75 ≈ 1.8e-12
        for (int j = 0; j < p; j++)
        {
            double diagonal = matrix[(j * p) + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= factor[(j * p) + k] * factor[(j * p) + k];
            }

            if (!(diagonal > tolerance) || !double.IsFinite(diagonal))
            {
                return false;
            }

            double root = Math.Sqrt(diagonal);
            factor[(j * p) + j] = root;
            for (int i = j + 1; i < p; i++)
            {
                double sum = matrix[(i * p) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= factor[(i * p) + k] * factor[(j * p) + k];
                }

                factor[(i * p) + j] = sum / root;
            }
        }

        return true;
    }

    internal static void Solve(double[] factor, int p, ReadOnlySpan<double> b, Span<double> x)
    {
        for (int i = 0; i < p; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= factor[(i * p) + k] * x[k];
            }

            x[i] = sum / factor[(i * p) + i];
        }

        for (int i = p - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int k = i + 1; k < p; k++)
            {
                sum -= factor[(k * p) + i] * x[k];
            }

            x[i] = sum / factor[(i * p) + i];
        }
    }

    private static double[] Inverse(double[] factor, int p)
    {
        var inverse = new double[p * p];
        var unit = new double[p];
        var column = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(unit);
            unit[j] = 1;
            Solve(factor, p, unit, column);
            for (int i = 0; i < p; i++)
            {
                inverse[(i * p) + j] = column[i];
            }
        }

        return inverse;
    }

    private static double Dot(double[] x, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static double? Wald(double[] beta, double[] imat)
    {
        int p = beta.Length;
        if (p == 0)
        {
            return null;
        }

        double sum = 0;
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                sum += beta[i] * imat[(i * p) + j] * beta[j];
            }
        }

        return sum;
    }

    /// <summary><c>uᵀ M⁻¹ u</c> with M the rows and columns of β and of the interactions <paramref name="columns"/>, u zero on β.</summary>
    private static ChiSquareResult? ScoreTest(double[] info, int q, double[] u1, int[] columns)
    {
        int p = q / 2;
        int m = p + columns.Length;
        var index = new int[m];
        for (int k = 0; k < p; k++)
        {
            index[k] = k;
        }

        for (int k = 0; k < columns.Length; k++)
        {
            index[p + k] = p + columns[k];
        }

        var matrix = new double[m * m];
        for (int k = 0; k < m; k++)
        {
            for (int l = 0; l < m; l++)
            {
                matrix[(k * m) + l] = info[(index[k] * q) + index[l]];
            }
        }

        var u = new double[m];
        for (int k = 0; k < columns.Length; k++)
        {
            u[p + k] = u1[columns[k]];
        }

        var factor = new double[m * m];
        if (!Cholesky(matrix, factor, m))
        {
            return null;
        }

        var solution = new double[m];
        Solve(factor, m, u, solution);
        double statistic = Dot(u, solution);
        return new ChiSquareResult(statistic, columns.Length, MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(columns.Length / 2.0, statistic / 2));
    }

    /// <summary>
    /// <c>g(t) = 1 − Ŝ(t−)</c> at each distinct event time (ascending), Ŝ the unweighted Kaplan–Meier estimate of all rows
    /// pooled over strata (R: <c>survfitKM(factor(rep(1, n)), y)</c> read left-continuously), centred on its mean over the
    /// events (each event counted once, unweighted). With delayed entry the curve is the delayed-entry one (R passes the
    /// <c>Surv(start, stop, event)</c> response): at risk at t are the rows with <c>entry &lt; t ≤ exit</c>.
    /// </summary>
    private (double[] Times, double[] G) KaplanMeierTransform()
    {
        int n = data.N;
        int[]? count = data.Count;
        int Frequency(int row) => count is null ? 1 : count[row];

        // The late rows by increasing entry, and how many rows (with their frequencies) enter at or after each.
        int[] lateRows = data.Entry is { } entries ? [.. data.ByEntry.OrderBy(r => entries[r])] : [];
        double[] late = [.. lateRows.Select(r => data.Entry![r])];
        var enteringFrom = new long[late.Length + 1];
        for (int k = late.Length - 1; k >= 0; k--)
        {
            enteringFrom[k] = enteringFrom[k + 1] + Frequency(lateRows[k]);
        }

        // Rows by increasing time: the walk's order reversed (one stratum), else sorted (the order within tied times does not matter).
        var times = new double[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = n - 1 - i;
            times[i] = data.Time[n - 1 - i];
        }

        if (data.StratumStart.Length != 2)
        {
            Array.Sort(times, order);
        }

        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += Frequency(i);
        }

        var eventTimes = new List<double>();
        var g = new List<double>();
        double survival = 1, sum = 0;
        long totalDeaths = 0, passed = 0;
        int start = 0;
        while (start < n)
        {
            double t = times[start];
            int end = start;
            long deaths = 0, here = 0;
            for (; end < n && times[end] == t; end++)
            {
                int row = order[end];
                here += Frequency(row);
                deaths += data.Status[row] ? Frequency(row) : 0;
            }

            if (deaths > 0)
            {
                eventTimes.Add(t);
                g.Add(1 - survival);
                sum += deaths * (1 - survival);
                totalDeaths += deaths;
                long notYetEntered = enteringFrom[LowerBound(late, t)];
                survival *= 1 - ((double)deaths / (total - passed - notYetEntered));
            }

            passed += here;
            start = end;
        }

        double mean = sum / totalDeaths;
        var centred = new double[g.Count];
        for (int k = 0; k < centred.Length; k++)
        {
            centred[k] = g[k] - mean;
        }

        return ([.. eventTimes], centred);
    }

    /// <summary>The first index whose value is ≥ <paramref name="value"/> in an ascending array.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static string RunningOff(string[] names, double[] lastStep)
    {
        double largest = lastStep.Length == 0 ? 0 : lastStep.Max(Math.Abs);
        var running = names.Where((_, k) => Math.Abs(lastStep[k]) >= largest / 2).Select(name => $"'{name}'");
        return "the coefficient of " + string.Join(", ", running);
    }

    private static void Accumulate(double[] sum1, double[] sum2, ReadOnlySpan<double> row, double r)
    {
        int p = row.Length;
        for (int k = 0; k < p; k++)
        {
            double rx = r * row[k];
            sum1[k] += rx;
            int offset = k * p;
            for (int l = 0; l <= k; l++)
            {
                sum2[offset + l] += rx * row[l];
            }
        }
    }

    /// <summary>
    /// The one risk-set walk: per stratum, rows in decreasing exit time join the sums S₀, S₁, S₂ at their exit; rows that
    /// entered late leave them once the walk reaches their entry (entry ≥ t: not at risk at t); at each time with events,
    /// <paramref name="atEvent"/>(t, stratum) reads the risk-set sums and the tied events' sums (count d, weight d_w,
    /// D₀, D₁, D₂, Σ w·η, Σ w·x) from the engine's fields. O(n·p²) per walk.
    /// </summary>
    private void Walk(double[] beta, Action<double, int> atEvent)
    {
        double[] x = data.X, time = data.Time, weight = data.Weight;
        bool[] status = data.Status;
        for (int i = 0; i < eta.Length; i++)
        {
            eta[i] = Eta(beta, i);
            risk[i] = weight[i] * Math.Exp(eta[i]);
        }

        double[]? entry = data.Entry;
        for (int s = 0; s + 1 < data.StratumStart.Length; s++)
        {
            int end = data.StratumStart[s + 1];
            int leave = entry is null ? 0 : data.EntryStart[s];
            int leaveEnd = entry is null ? 0 : data.EntryStart[s + 1];
            s0 = 0;
            Array.Clear(s1);
            Array.Clear(s2);
            int i = data.StratumStart[s];
            while (i < end)
            {
                double t = time[i];
                dead = 0;
                deadWeight = 0;
                d0 = 0;
                eventEta = 0;
                int j = i;
                for (; j < end && time[j] == t; j++)
                {
                    var row = x.AsSpan(j * p, p);
                    double r = risk[j];
                    s0 += r;
                    Accumulate(s1, s2, row, r);
                    if (status[j])
                    {
                        if (dead == 0)
                        {
                            Array.Clear(d1);
                            Array.Clear(d2);
                            Array.Clear(eventX);
                        }

                        dead += data.Count is null ? 1 : data.Count[j];
                        deadWeight += weight[j];
                        eventEta += weight[j] * eta[j];
                        for (int k = 0; k < p; k++)
                        {
                            eventX[k] += weight[j] * row[k];
                        }

                        d0 += r;
                        Accumulate(d1, d2, row, r);
                    }
                }

                for (; leave < leaveEnd && entry![data.ByEntry[leave]] >= t; leave++)
                {
                    int k = data.ByEntry[leave];
                    s0 -= risk[k];
                    Accumulate(s1, s2, x.AsSpan(k * p, p), -risk[k]);
                }

                if (dead > 0)
                {
                    atEvent(t, s);
                }

                i = j;
            }
        }
    }

    /// <summary>The terms of the tied events at the current time: one under Breslow ties or a single event, d under Efron's.</summary>
    private int Terms() => ties == CoxTies.Breslow || dead == 1 ? 1 : dead;

    private double Eta(double[] beta, int row)
    {
        double eta = 0;
        for (int k = 0; k < p; k++)
        {
            eta += beta[k] * data.X[(row * p) + k];
        }

        return eta;
    }

    /// <summary>Removes one event's share from the score and adds it to the information: the risk-set mean a = (S₁ − f·D₁)/den.</summary>
    private void Subtract(double[] u, double[] imat, double denominator, double share, double weight)
    {
        for (int k = 0; k < p; k++)
        {
            a[k] = (s1[k] - (share * d1[k])) / denominator;
            u[k] -= weight * a[k];
        }

        for (int k = 0; k < p; k++)
        {
            int offset = k * p;
            for (int l = 0; l <= k; l++)
            {
                imat[offset + l] += weight * (((s2[offset + l] - (share * d2[offset + l])) / denominator) - (a[k] * a[l]));
            }
        }
    }
}

/// <summary>
/// One stratum's baseline hazard at the centring means, at each event time in increasing time: the cumulative hazard
/// Λ₀(t), the cumulative variance term <c>Σ w̄/S₀²</c> and the cumulative mean-covariate term <c>Σ w̄·x̄(t)/S₀</c>
/// (row-major, p per time) that <see cref="CoxModel.SurvivalCurve(CoxDesign)"/> turns into a standard error.
/// </summary>
internal sealed record CoxBaseline(double[] Times, double[] Hazard, double[] Variance, double[] MeanCovariate);

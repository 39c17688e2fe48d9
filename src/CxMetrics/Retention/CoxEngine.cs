using CxMetrics.Statistics;

namespace CxMetrics.Retention;

/// <summary>The data of a Cox fit sorted by stratum, then by decreasing time, with centred covariates in rows.</summary>
internal sealed class CoxData
{
    public required int P { get; init; }

    public required double[] Time { get; init; }

    public required bool[] Status { get; init; }

    public required double[] Weight { get; init; }

    /// <summary>Centred covariates, row-major (row i at i·P).</summary>
    public required double[] X { get; init; }

    /// <summary>Where each stratum starts in the sorted rows, plus the end (length strata + 1).</summary>
    public required int[] StratumStart { get; init; }

    public int N => Time.Length;

    public static CoxData Sorted(double[] time, bool[] status, double[] weight, CoxEncoding encoding)
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
        var x = new double[n * p];
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            sortedTime[r] = time[i];
            sortedStatus[r] = status[i];
            sortedWeight[r] = weight[i];
            for (int j = 0; j < p; j++)
            {
                x[(r * p) + j] = encoding.Columns[j][i] - encoding.Means[j];
            }
        }

        return new CoxData { P = p, Time = sortedTime, Status = sortedStatus, Weight = sortedWeight, X = x, StratumStart = start };
    }
}

/// <summary>Newton–Raphson on the log partial likelihood, one sorted pass per evaluation (R's <c>coxfit6</c>).</summary>
internal sealed class CoxEngine(CoxData data, CoxTies ties)
{
    private const double Epsilon = 1e-9; // coxph.control(eps)
    private readonly int p = data.P;
    private readonly double[] s1 = new double[data.P];
    private readonly double[] s2 = new double[data.P * data.P];
    private readonly double[] d1 = new double[data.P];
    private readonly double[] d2 = new double[data.P * data.P];
    private readonly double[] a = new double[data.P];

    public int Evaluations { get; private set; }

    /// <summary>Log partial likelihood at β, its score U and information I (−Hessian, p×p full).</summary>
    public double Evaluate(double[] beta, double[] u, double[] imat)
    {
        Evaluations++;
        Array.Clear(u);
        Array.Clear(imat);
        double ll = 0;
        double[] x = data.X, time = data.Time, weight = data.Weight;
        bool[] status = data.Status;
        for (int s = 0; s + 1 < data.StratumStart.Length; s++)
        {
            int end = data.StratumStart[s + 1];
            double s0 = 0;
            Array.Clear(s1);
            Array.Clear(s2);
            int i = data.StratumStart[s];
            while (i < end)
            {
                double t = time[i];
                double dead0 = 0, deadWeight = 0;
                int dead = 0;
                int j = i;
                for (; j < end && time[j] == t; j++)
                {
                    var row = x.AsSpan(j * p, p);
                    double eta = 0;
                    for (int k = 0; k < p; k++)
                    {
                        eta += beta[k] * row[k];
                    }

                    double r = weight[j] * Math.Exp(eta);
                    s0 += r;
                    Accumulate(s1, s2, row, r);
                    if (status[j])
                    {
                        if (dead == 0)
                        {
                            Array.Clear(d1);
                            Array.Clear(d2);
                        }

                        dead++;
                        deadWeight += weight[j];
                        ll += weight[j] * eta;
                        for (int k = 0; k < p; k++)
                        {
                            u[k] += weight[j] * row[k];
                        }

                        dead0 += r;
                        Accumulate(d1, d2, row, r);
                    }
                }

                if (dead > 0)
                {
                    if (ties == CoxTies.Breslow || dead == 1)
                    {
                        ll -= deadWeight * Math.Log(s0);
                        Subtract(u, imat, s0, 0, deadWeight);
                    }
                    else
                    {
                        double meanWeight = deadWeight / dead;
                        for (int k = 0; k < dead; k++)
                        {
                            double share = (double)k / dead;
                            double denominator = s0 - (share * dead0);
                            ll -= meanWeight * Math.Log(denominator);
                            Subtract(u, imat, denominator, share, meanWeight);
                        }
                    }
                }

                i = j;
            }
        }

        for (int k = 0; k < p; k++)
        {
            for (int l = 0; l < k; l++)
            {
                imat[(l * p) + k] = imat[(k * p) + l];
            }
        }

        return ll;
    }

    /// <summary>The increments of the baseline cumulative hazard at each event time (centred covariates), per stratum, in increasing time.</summary>
    public (double[] Times, double[] Hazard)[] BaselineHazard(double[] beta)
    {
        var result = new (double[] Times, double[] Hazard)[data.StratumStart.Length - 1];
        for (int s = 0; s < result.Length; s++)
        {
            var times = new List<double>();
            var increments = new List<double>();
            int end = data.StratumStart[s + 1];
            double s0 = 0;
            int i = data.StratumStart[s];
            while (i < end)
            {
                double t = data.Time[i];
                double dead0 = 0, deadWeight = 0;
                int dead = 0;
                int j = i;
                for (; j < end && data.Time[j] == t; j++)
                {
                    double r = data.Weight[j] * Math.Exp(Eta(beta, j));
                    s0 += r;
                    if (data.Status[j])
                    {
                        dead++;
                        deadWeight += data.Weight[j];
                        dead0 += r;
                    }
                }

                if (dead > 0)
                {
                    double increment = 0;
                    if (ties == CoxTies.Breslow || dead == 1)
                    {
                        increment = deadWeight / s0;
                    }
                    else
                    {
                        for (int k = 0; k < dead; k++)
                        {
                            increment += deadWeight / dead / (s0 - ((double)k / dead * dead0));
                        }
                    }

                    times.Add(t);
                    increments.Add(increment);
                }

                i = j;
            }

            times.Reverse();
            increments.Reverse();
            var cumulative = new double[increments.Count];
            double sum = 0;
            for (int k = 0; k < cumulative.Length; k++)
            {
                sum += increments[k];
                cumulative[k] = sum;
            }

            result[s] = ([.. times], cumulative);
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
        double[] x = data.X, time = data.Time, weight = data.Weight;
        bool[] status = data.Status;
        for (int s = 0; s + 1 < data.StratumStart.Length; s++)
        {
            int end = data.StratumStart[s + 1];
            double s0 = 0;
            Array.Clear(s1);
            Array.Clear(s2);
            int i = data.StratumStart[s];
            while (i < end)
            {
                double t = time[i];
                double dead0 = 0, deadWeight = 0;
                int dead = 0;
                int j = i;
                for (; j < end && time[j] == t; j++)
                {
                    var row = x.AsSpan(j * p, p);
                    double r = weight[j] * Math.Exp(Eta(beta, j));
                    s0 += r;
                    Accumulate(s1, s2, row, r);
                    if (status[j])
                    {
                        if (dead == 0)
                        {
                            Array.Clear(d1);
                            Array.Clear(d2);
                            Array.Clear(ut);
                            Array.Clear(it);
                        }

                        dead++;
                        deadWeight += weight[j];
                        for (int k = 0; k < p; k++)
                        {
                            ut[k] += weight[j] * row[k];
                        }

                        dead0 += r;
                        Accumulate(d1, d2, row, r);
                    }
                }

                if (dead > 0)
                {
                    if (ties == CoxTies.Breslow || dead == 1)
                    {
                        Subtract(ut, it, s0, 0, deadWeight);
                    }
                    else
                    {
                        for (int k = 0; k < dead; k++)
                        {
                            double share = (double)k / dead;
                            Subtract(ut, it, s0 - (share * dead0), share, deadWeight / dead);
                        }
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
                }

                i = j;
            }
        }

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

    /// <summary>Runs Newton–Raphson from β = 0 and builds the model.</summary>
    public CoxModel Run(CoxEncoding encoding, CoxOptions options, long events, double totalWeight)
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
            Rows = data.N,
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
            encoding, options, data.N, events, totalWeight, beta, variance, diagnostics, nullLogLikelihood, score, converged ? Wald(beta, imat) : null,
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
    /// events (each event counted once, unweighted).
    /// </summary>
    private (double[] Times, double[] G) KaplanMeierTransform()
    {
        int n = data.N;
        var times = new double[n];
        var events = new bool[n];
        if (data.StratumStart.Length == 2)
        {
            for (int i = 0; i < n; i++)
            {
                times[i] = data.Time[n - 1 - i];
                events[i] = data.Status[n - 1 - i];
            }
        }
        else
        {
            Array.Copy(data.Time, times, n);
            Array.Copy(data.Status, events, n);
            Array.Sort(times, events);
        }

        var eventTimes = new List<double>();
        var g = new List<double>();
        double survival = 1, sum = 0;
        long totalDeaths = 0;
        int start = 0;
        while (start < n)
        {
            double t = times[start];
            int end = start;
            int deaths = 0;
            for (; end < n && times[end] == t; end++)
            {
                deaths += events[end] ? 1 : 0;
            }

            if (deaths > 0)
            {
                eventTimes.Add(t);
                g.Add(1 - survival);
                sum += deaths * (1 - survival);
                totalDeaths += deaths;
                survival *= 1 - ((double)deaths / (n - start));
            }

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

using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// Every customer's predicted value (<see cref="CustomerValue.Of"/>) with intervals for P(alive), the expected purchases
/// E[Y(h) | x, t_x, T] over the horizon, the expected spend and the discounted value, and the customer base's total value
/// and purchases with theirs — the parameters' sampling uncertainty carried through the predictions, as CLVTools'
/// <c>predict(..., uncertainty = "boot")</c> reports it (lifetimes and PyMC-Marketing's MAP give none).
/// </summary>
/// <remarks>
/// <para>Each draw is a set of parameters of both models: by default from the asymptotic normal of the fitted parameters on
/// the log scale (<see cref="CustomerValueIntervalMethod.ParameterDraws"/>; Σ the inverse Hessian of −LL at the optimum,
/// purchase and spend models drawn independently), or refitted on a resample of the customers
/// (<see cref="CustomerValueIntervalMethod.Bootstrap"/>). Every prediction is recomputed with each draw's parameters; an
/// interval is the (α/2, 1 − α/2) percentiles (type 7) of a prediction over the draws. The point estimate beside it is the
/// plug-in prediction at the fitted parameters (the number <see cref="CustomerValue.Of"/> gives), not the draws' median.
/// The base total's interval is the percentiles of the per-draw total (customers summed within each draw), not the sum of
/// the customers' bounds, which would be far too wide: the customers' errors share the same parameters.</para>
/// <para>The work runs over the distinct (x, t_x, T) rows and the distinct (x, z̄) spend rows, each evaluated once per draw,
/// in parallel over draws; the per-customer value interval is taken once per distinct (row, spend row) pair. Draws whose
/// predictions are not finite (e.g. a spend draw with px + q ≤ 1, infinite mean spend; a bootstrap refit that did not
/// converge) are left out and counted (<see cref="CustomerValueIntervalResult.UsableDraws"/>).</para>
/// <para>Identical results for the same data, models, options and seed on any machine and any degree of parallelism.</para>
/// </remarks>
public static class CustomerValueIntervals
{
    /// <summary>Every customer's predicted value with intervals, in the summary's order, and the base total with its interval.</summary>
    /// <param name="summary">The customer summary the models were fitted on (the Hessian and the bootstrap are taken on it).</param>
    /// <param name="purchaseModel">A converged BG/NBD, MBG/NBD or Pareto/NBD model fitted on <paramref name="summary"/>.</param>
    /// <param name="spendModel">A converged gamma-gamma model fitted on <paramref name="summary"/>.</param>
    /// <param name="months">Horizon in months, ≥ 0 (lifetimes' default 12).</param>
    /// <param name="monthlyDiscountRate">Discount rate per month d ≥ 0 (lifetimes' default 0.01).</param>
    /// <param name="options">Method, draws, seed and confidence level; <see cref="CustomerValueIntervalOptions.Default"/> when null.</param>
    /// <param name="degreeOfParallelism">Most cores to use (≥ 1); all when null. The result does not depend on it.</param>
    /// <returns>One row per customer and the totals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/>, <paramref name="purchaseModel"/> or <paramref name="spendModel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The purchase model is not one of BG/NBD, MBG/NBD, Pareto/NBD.</exception>
    /// <exception cref="InvalidOperationException">A model did not converge, its Hessian on <paramref name="summary"/> is not
    /// positive definite (not the data it was fitted on?), or fewer than two draws gave finite predictions.</exception>
    public static CustomerValueIntervalResult Of(
        CustomerBaseSummary summary, IPurchaseModel purchaseModel, GammaGammaModel spendModel, int months = 12, double monthlyDiscountRate = 0.01,
        CustomerValueIntervalOptions? options = null, int? degreeOfParallelism = null)
    {
        double unitsPerMonth = CustomerValue.CheckedUnitsPerMonth(summary, purchaseModel, spendModel, months, monthlyDiscountRate);
        if (degreeOfParallelism is { } dop)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dop, 1, nameof(degreeOfParallelism));
        }

        options ??= CustomerValueIntervalOptions.Default;
        _ = PurchaseModelParameters.Of(purchaseModel);
        var columns = Columns.Of(summary);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism ?? -1 };
        var (purchase, spend) = options.Method == CustomerValueIntervalMethod.Bootstrap
            ? Refits(columns, purchaseModel, spendModel, options, parallel)
            : Draws(summary, purchaseModel, spendModel, options);
        return Evaluate(columns, purchaseModel, spendModel, purchase, spend, months, monthlyDiscountRate, unitsPerMonth, summary.Options.TimeUnit, options, parallel);
    }

    /// <summary>The draws from the asymptotic normal of each model's log-parameters.</summary>
    internal static (double[]?[] Purchase, double[]?[] Spend) Draws(CustomerBaseSummary summary, IPurchaseModel purchaseModel, GammaGammaModel spendModel, CustomerValueIntervalOptions options)
    {
        var theta = PurchaseModelParameters.Of(purchaseModel);
        var (objective, weight) = PurchaseModelParameters.Objective(purchaseModel, summary.ToRfmData());
        var purchase = DrawsOf(objective, theta, weight, options.Draws, options.Seed, "purchase");
        var (x, z, _) = GammaGamma.RepeatBuyers(summary);
        var (raw, start, spendWeight) = GammaGamma.Likelihood(x, z);
        var spendObjective = Regularisation.Objective(raw, spendModel.FitOptions, start, spendWeight);
        var spend = DrawsOf(spendObjective, [spendModel.P.Value, spendModel.Q.Value, spendModel.Gamma.Value], spendWeight, options.Draws, new SplitMix64(options.Seed).Next(), "gamma-gamma");
        return (purchase, spend);
    }

    private static double[]?[] DrawsOf(NegativeLogLikelihood objective, double[] theta, double weight, int draws, ulong seed, string name)
    {
        var logTheta = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            logTheta[i] = Math.Log(theta[i]);
        }

        var covariance = ParameterDraws.LogCovariance(objective, logTheta, weight)
            ?? throw new InvalidOperationException($"the Hessian of the {name} model's log-likelihood on this summary is not positive definite: is the model fitted on it?");
        return ParameterDraws.Draw(logTheta, covariance, draws, seed);
    }

    /// <summary>The bootstrap: each draw refits both models on a resample of the customers (null where a refit did not converge).</summary>
    internal static (double[]?[] Purchase, double[]?[] Spend) Refits(Columns columns, IPurchaseModel purchaseModel, GammaGammaModel spendModel, CustomerValueIntervalOptions options, ParallelOptions parallel)
    {
        int draws = options.Draws, n = columns.Count;
        var seeds = new ulong[draws];
        var master = new SplitMix64(options.Seed);
        for (int b = 0; b < draws; b++)
        {
            seeds[b] = master.Next();
        }

        var purchase = new double[]?[draws];
        var spend = new double[]?[draws];
        Parallel.For(0, draws, parallel, b =>
        {
            var random = new SplitMix64(seeds[b]);
            var x = new double[n];
            var tx = new double[n];
            var t = new double[n];
            var sx = new List<double>();
            var sz = new List<double>();
            for (int i = 0; i < n; i++)
            {
                int j = random.NextInt(n);
                x[i] = columns.Frequency[j];
                tx[i] = columns.Recency[j];
                t[i] = columns.Age[j];
                if (columns.Frequency[j] > 0 && columns.MeanSpend[j] > 0)
                {
                    sx.Add(columns.Frequency[j]);
                    sz.Add(columns.MeanSpend[j]);
                }
            }

            var refit = PurchaseModelParameters.Refit(purchaseModel, RfmData.Create(x, tx, t));
            var spendRefit = GammaGamma.FitCore([.. sx], [.. sz], spendModel.FitOptions);
            if (refit.Diagnostics.IsConverged && spendRefit.Diagnostics.IsConverged)
            {
                purchase[b] = PurchaseModelParameters.Of(refit);
                spend[b] = [spendRefit.P.Value, spendRefit.Q.Value, spendRefit.Gamma.Value];
            }
        });
        return (purchase, spend);
    }

    /// <summary>
    /// The predictions of every draw, their percentiles and the totals. E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · g(t; x, T)
    /// for every supported model, so per draw g and the discounted sum K = Σ_m (g(m·f) − g((m−1)·f))/(1 + d)^m are taken once
    /// per distinct (x, T), P(alive) once per distinct (x, t_x, T) row, and a customer's value is spend · P(alive) · K. Rows
    /// are processed in blocks (in parallel), each block's draws held only while its percentiles and its share of the
    /// per-draw totals are taken; the block totals are added in block order, so the result does not depend on the cores.
    /// </summary>
    internal static CustomerValueIntervalResult Evaluate(
        Columns columns, IPurchaseModel purchaseModel, GammaGammaModel spendModel, double[]?[] purchase, double[]?[] spend,
        int months, double rate, double unitsPerMonth, TimeUnit unit, CustomerValueIntervalOptions options, ParallelOptions parallel)
    {
        var rows = Rows.Of(columns);
        var discount = new double[months + 1];
        for (int m = 1; m <= months; m++)
        {
            discount[m] = 1 / Math.Pow(1 + rate, m);
        }

        // The draws kept: both parameter sets present, and every spend row's E[Z | x, z̄] finite (px + q > 1 at the smallest x).
        var kept = new List<int>(purchase.Length);
        for (int d = 0; d < purchase.Length; d++)
        {
            if (purchase[d] is not null && spend[d] is { } phi && (rows.SpendCount == 0 || (phi[0] * rows.SmallestSpendX) + phi[1] - 1 > 0))
            {
                kept.Add(d);
            }
        }

        // Draw 0 of every table is the fitted model (the plug-in point); the kept draws follow.
        int width = kept.Count + 1;
        var models = new IPurchaseModel[width];
        var spendParameters = new double[width * 3];
        models[0] = purchaseModel;
        (spendParameters[0], spendParameters[1], spendParameters[2]) = (spendModel.P.Value, spendModel.Q.Value, spendModel.Gamma.Value);
        for (int j = 1; j < width; j++)
        {
            models[j] = PurchaseModelParameters.With(purchaseModel, purchase[kept[j - 1]]!);
            var phi = spend[kept[j - 1]]!;
            (spendParameters[3 * j], spendParameters[(3 * j) + 1], spendParameters[(3 * j) + 2]) = (phi[0], phi[1], phi[2]);
        }

        // g(h) and K per distinct (x, T) and draw; a draw with a non-finite one is dropped below.
        int groups = rows.GroupCount;
        var ifAlive = new double[groups * width];
        var discountedIfAlive = new double[groups * width];
        Parallel.For(0, width, parallel, j =>
        {
            var g = PurchaseModelParameters.IfAlive(models[j]);
            for (int k = 0; k < groups; k++)
            {
                double x = rows.GroupX[k], age = rows.GroupT[k], previous = 0, value = 0;
                for (int m = 1; m <= months; m++)
                {
                    double cumulative = g(m * unitsPerMonth, x, age);
                    value += (cumulative - previous) * discount[m];
                    previous = cumulative;
                }

                ifAlive[(k * width) + j] = previous;
                discountedIfAlive[(k * width) + j] = value;
            }
        });
        var usable = new bool[width];
        for (int j = 0; j < width; j++)
        {
            usable[j] = true;
            for (int k = 0; k < groups && usable[j]; k++)
            {
                usable[j] = double.IsFinite(ifAlive[(k * width) + j]) && double.IsFinite(discountedIfAlive[(k * width) + j]);
            }
        }

        if (!usable[0])
        {
            throw new InvalidOperationException("the fitted model's predictions are not finite: no intervals.");
        }

        var used = new List<int>(width);
        for (int j = 1; j < width; j++)
        {
            if (usable[j])
            {
                used.Add(j);
            }
        }

        if (used.Count < 2)
        {
            throw new InvalidOperationException($"only {used.Count} of {purchase.Length} draws gave finite predictions: no intervals.");
        }

        int[] draws = [.. used];
        int n = draws.Length;
        double lower = (1 - options.ConfidenceLevel) / 2, upper = 1 - lower;
        int r = rows.PurchaseCount, p = rows.PairCount;
        var alive = new Quantity(new double[r], new double[r], new double[r]);
        var expected = new Quantity(new double[r], new double[r], new double[r]);
        var value = new Quantity(new double[p], new double[p], new double[p]);
        const int Block = 512;
        int blocks = (r + Block - 1) / Block;
        var blockValue = new double[blocks * n];
        var blockPurchases = new double[blocks * n];
        Parallel.For(0, blocks, parallel, () => new double[3 * n], (b, _, buffer) =>
        {
            var aliveDraws = buffer.AsSpan(0, n);
            var work = buffer.AsSpan(n, n);
            var values = buffer.AsSpan(2 * n, n);
            var totalValue = blockValue.AsSpan(b * n, n);
            var totalPurchases = blockPurchases.AsSpan(b * n, n);
            int end = Math.Min(r, (b + 1) * Block);
            for (int k = b * Block; k < end; k++)
            {
                double x = rows.X[k], tx = rows.Tx[k], t = rows.T[k], weight = rows.PurchaseWeight[k];
                int group = rows.GroupOf[k] * width;
                double alive0 = models[0].ProbabilityAlive(x, tx, t);
                alive.Point[k] = alive0;
                expected.Point[k] = alive0 * ifAlive[group];
                for (int i = 0; i < n; i++)
                {
                    int j = draws[i];
                    double a = models[j].ProbabilityAlive(x, tx, t);
                    aliveDraws[i] = a;
                    work[i] = a * ifAlive[group + j];
                    totalPurchases[i] += weight * work[i];
                }

                (expected.Lower[k], expected.Upper[k]) = Bounds(work, lower, upper);
                aliveDraws.CopyTo(work);
                (alive.Lower[k], alive.Upper[k]) = Bounds(work, lower, upper);
                for (int pair = rows.PairStart[k]; pair < rows.PairStart[k + 1]; pair++)
                {
                    int spendRow = rows.PairSpend[pair];
                    double sx = rows.SpendX[spendRow], sz = rows.SpendZ[spendRow], pairWeight = rows.PairWeight[pair];
                    value.Point[pair] = Spend(spendParameters, 0, sx, sz) * (alive0 * discountedIfAlive[group]);
                    for (int i = 0; i < n; i++)
                    {
                        int j = draws[i];
                        values[i] = Spend(spendParameters, j, sx, sz) * (aliveDraws[i] * discountedIfAlive[group + j]);
                        totalValue[i] += pairWeight * values[i];
                    }

                    (value.Lower[pair], value.Upper[pair]) = Bounds(values, lower, upper);
                }
            }

            return buffer;
        }, _ => { });

        int s = rows.SpendCount;
        var spendQuantity = new Quantity(new double[s], new double[s], new double[s]);
        Parallel.For(0, (s + Block - 1) / Block, parallel, () => new double[n], (b, _, buffer) =>
        {
            int end = Math.Min(s, (b + 1) * Block);
            for (int k = b * Block; k < end; k++)
            {
                double sx = rows.SpendX[k], sz = rows.SpendZ[k];
                spendQuantity.Point[k] = Spend(spendParameters, 0, sx, sz);
                for (int i = 0; i < n; i++)
                {
                    buffer[i] = Spend(spendParameters, draws[i], sx, sz);
                }

                (spendQuantity.Lower[k], spendQuantity.Upper[k]) = Bounds(buffer, lower, upper);
            }

            return buffer;
        }, _ => { });

        // Per-draw totals: the blocks' sums added in block order; the points summed over pairs and rows in order.
        var totals = new double[n];
        var purchaseTotals = new double[n];
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < n; i++)
            {
                totals[i] += blockValue[(b * n) + i];
                purchaseTotals[i] += blockPurchases[(b * n) + i];
            }
        }

        double pointTotal = 0, pointPurchases = 0;
        for (int k = 0; k < r; k++)
        {
            pointPurchases += rows.PurchaseWeight[k] * expected.Point[k];
            for (int pair = rows.PairStart[k]; pair < rows.PairStart[k + 1]; pair++)
            {
                pointTotal += rows.PairWeight[pair] * value.Point[pair];
            }
        }

        var (totalLower, totalUpper) = Bounds(totals, lower, upper);
        var (purchasesLower, purchasesUpper) = Bounds(purchaseTotals, lower, upper);
        return new CustomerValueIntervalResult
        {
            Rows = new IntervalRowList(columns, rows, alive, expected, spendQuantity, value),
            Customers = columns.Count,
            Months = months,
            MonthlyDiscountRate = rate,
            TimeUnit = unit,
            TimeUnitsPerMonth = unitsPerMonth,
            Method = options.Method,
            Draws = purchase.Length,
            UsableDraws = n,
            Seed = options.Seed,
            ConfidenceLevel = options.ConfidenceLevel,
            TotalValue = pointTotal,
            TotalValueLower = totalLower,
            TotalValueUpper = totalUpper,
            TotalExpectedPurchases = pointPurchases,
            TotalExpectedPurchasesLower = purchasesLower,
            TotalExpectedPurchasesUpper = purchasesUpper,
        };
    }

    /// <summary>
    /// The naive evaluation the benchmark compares against: for each draw, a model with its parameters and each customer's
    /// P(alive), E[Y(h)] and discounted value through the public per-customer methods (twelve model evaluations per
    /// customer), then the percentiles per customer. Same numbers as <see cref="Evaluate"/> up to rounding.
    /// </summary>
    internal static double[] NaiveValueUpperBounds(Columns columns, IPurchaseModel purchaseModel, GammaGammaModel spendModel, double[]?[] purchase, double[]?[] spend,
        int months, double rate, double unitsPerMonth, double level)
    {
        int customers = columns.Count, draws = purchase.Length;
        var values = new double[customers * draws];
        for (int d = 0; d < draws; d++)
        {
            var model = PurchaseModelParameters.With(purchaseModel, purchase[d]!);
            var phi = spend[d]!;
            var spendDraw = spendModel with { P = spendModel.P with { Value = phi[0] }, Q = spendModel.Q with { Value = phi[1] }, Gamma = spendModel.Gamma with { Value = phi[2] } };
            for (int i = 0; i < customers; i++)
            {
                double e = spendDraw.ConditionalExpectedSpend(columns.Frequency[i], columns.MeanSpend[i]);
                _ = model.ProbabilityAlive(columns.Frequency[i], columns.Recency[i], columns.Age[i]);
                _ = model.ConditionalExpectedPurchases(months * unitsPerMonth, columns.Frequency[i], columns.Recency[i], columns.Age[i]);
                values[(i * draws) + d] = DiscountedClv.DiscreteMonthly(model, columns.Frequency[i], columns.Recency[i], columns.Age[i], e, months, rate, unitsPerMonth);
            }
        }

        var upperBounds = new double[customers];
        for (int i = 0; i < customers; i++)
        {
            var own = values.AsSpan(i * draws, draws);
            own.Sort();
            upperBounds[i] = Quantile.OfSorted(own, 1 - ((1 - level) / 2))!.Value;
        }

        return upperBounds;
    }

    /// <summary>E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1) (Fader &amp; Hardie 2013, eq. 5) with draw <paramref name="j"/>'s (p, q, γ).</summary>
    private static double Spend(double[] parameters, int j, double x, double z)
    {
        double p = parameters[3 * j], q = parameters[(3 * j) + 1], g = parameters[(3 * j) + 2];
        return p * (g + (x * z)) / ((p * x) + q - 1);
    }

    /// <summary>The (lower, upper) type-7 percentiles of the values (reordered).</summary>
    private static (double Lower, double Upper) Bounds(Span<double> values, double lower, double upper) =>
        (Select.Linear(values, lower), Select.Linear(values, upper));

    /// <summary>Per-customer columns read once from the summary: z̄ is 0 for x = 0 or no mean spend (the population mean is then predicted).</summary>
    internal sealed class Columns
    {
        public required string[] Ids { get; init; }

        public required int[] Frequency { get; init; }

        public required double[] Recency { get; init; }

        public required double[] Age { get; init; }

        public required double[] MeanSpend { get; init; }

        public int Count => Ids.Length;

        public static Columns Of(CustomerBaseSummary summary)
        {
            var customers = summary.Customers;
            int n = customers.Count;
            var columns = new Columns { Ids = new string[n], Frequency = new int[n], Recency = new double[n], Age = new double[n], MeanSpend = new double[n] };
            int i = 0;
            foreach (var c in customers)
            {
                columns.Ids[i] = c.CustomerId;
                columns.Frequency[i] = c.Frequency;
                columns.Recency[i] = c.Recency;
                columns.Age[i] = c.Age;
                columns.MeanSpend[i] = c.Frequency > 0 ? c.MeanRepeatSpend ?? 0 : 0;
                i++;
            }

            return columns;
        }
    }

    /// <summary>
    /// The distinct (x, t_x, T) rows (with their distinct (x, T) group), the distinct (x, z̄) spend rows, and the distinct
    /// (row, spend row) pairs grouped by row (pairs of row k are PairStart[k] … PairStart[k + 1] − 1); each customer's pair.
    /// </summary>
    internal sealed class Rows
    {
        public required double[] X { get; init; }

        public required double[] Tx { get; init; }

        public required double[] T { get; init; }

        public required double[] PurchaseWeight { get; init; }

        public required int[] GroupOf { get; init; }

        public required double[] GroupX { get; init; }

        public required double[] GroupT { get; init; }

        public required double[] SpendX { get; init; }

        public required double[] SpendZ { get; init; }

        public required int[] PairStart { get; init; }

        public required int[] PairPurchase { get; init; }

        public required int[] PairSpend { get; init; }

        public required double[] PairWeight { get; init; }

        public required int[] PairOf { get; init; }

        public int PurchaseCount => X.Length;

        public int GroupCount => GroupX.Length;

        public int SpendCount => SpendX.Length;

        public int PairCount => PairPurchase.Length;

        /// <summary>The smallest x among the spend rows (the one whose E[Z | x, z̄] is infinite first).</summary>
        public double SmallestSpendX { get; init; }

        public static Rows Of(Columns columns)
        {
            int n = columns.Count;
            var purchaseOf = new Dictionary<(int, double, double), int>();
            var groupOf = new Dictionary<(int, double), int>();
            var spendOf = new Dictionary<(int, double), int>();
            var pairOf = new Dictionary<(int, int), int>();
            List<double> x = [], tx = [], t = [], w = [], gx = [], gt = [], sx = [], sz = [], pw = [];
            List<int> group = [], pp = [], ps = [];
            var customerPair = new int[n];
            double smallest = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                var key = (columns.Frequency[i], columns.Recency[i], columns.Age[i]);
                if (!purchaseOf.TryGetValue(key, out int row))
                {
                    row = x.Count;
                    purchaseOf.Add(key, row);
                    x.Add(key.Item1);
                    tx.Add(key.Item2);
                    t.Add(key.Item3);
                    w.Add(0);
                    if (!groupOf.TryGetValue((key.Item1, key.Item3), out int g))
                    {
                        g = gx.Count;
                        groupOf.Add((key.Item1, key.Item3), g);
                        gx.Add(key.Item1);
                        gt.Add(key.Item3);
                    }

                    group.Add(g);
                }

                w[row]++;
                var spendKey = (columns.Frequency[i], columns.MeanSpend[i]);
                if (!spendOf.TryGetValue(spendKey, out int spendRow))
                {
                    spendRow = sx.Count;
                    spendOf.Add(spendKey, spendRow);
                    sx.Add(spendKey.Item1);
                    sz.Add(spendKey.Item2);
                    smallest = Math.Min(smallest, spendKey.Item1);
                }

                if (!pairOf.TryGetValue((row, spendRow), out int pair))
                {
                    pair = pp.Count;
                    pairOf.Add((row, spendRow), pair);
                    pp.Add(row);
                    ps.Add(spendRow);
                    pw.Add(0);
                }

                pw[pair]++;
                customerPair[i] = pair;
            }

            // Group the pairs by row (a counting sort, stable in order of first appearance) and renumber the customers' pairs.
            int rowCount = x.Count, pairCount = pp.Count;
            var start = new int[rowCount + 1];
            foreach (int row in pp)
            {
                start[row + 1]++;
            }

            for (int k = 0; k < rowCount; k++)
            {
                start[k + 1] += start[k];
            }

            var next = start[..rowCount];
            var newIndex = new int[pairCount];
            var pairPurchase = new int[pairCount];
            var pairSpend = new int[pairCount];
            var pairWeight = new double[pairCount];
            for (int q = 0; q < pairCount; q++)
            {
                int at = next[pp[q]]++;
                newIndex[q] = at;
                pairPurchase[at] = pp[q];
                pairSpend[at] = ps[q];
                pairWeight[at] = pw[q];
            }

            for (int i = 0; i < n; i++)
            {
                customerPair[i] = newIndex[customerPair[i]];
            }

            return new Rows
            {
                X = [.. x], Tx = [.. tx], T = [.. t], PurchaseWeight = [.. w], GroupOf = [.. group], GroupX = [.. gx], GroupT = [.. gt],
                SpendX = [.. sx], SpendZ = [.. sz], PairStart = start, PairPurchase = pairPurchase, PairSpend = pairSpend, PairWeight = pairWeight,
                PairOf = customerPair, SmallestSpendX = smallest,
            };
        }
    }

    /// <summary>A quantity's plug-in values and bounds, per distinct row.</summary>
    internal sealed record Quantity(double[] Point, double[] Lower, double[] Upper);
}

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
        double unitsPerMonth = CustomerValue.Check(summary, purchaseModel, spendModel, months, monthlyDiscountRate);
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

    /// <summary>The predictions of every draw on the distinct rows, their percentiles and the totals.</summary>
    internal static CustomerValueIntervalResult Evaluate(
        Columns columns, IPurchaseModel purchaseModel, GammaGammaModel spendModel, double[]?[] purchase, double[]?[] spend,
        int months, double rate, double unitsPerMonth, TimeUnit unit, CustomerValueIntervalOptions options, ParallelOptions parallel)
    {
        var rows = Rows.Of(columns);
        int draws = purchase.Length, r = rows.PurchaseCount, s = rows.SpendCount, p = rows.PairCount;
        var discount = new double[months + 1];
        for (int m = 1; m <= months; m++)
        {
            discount[m] = 1 / Math.Pow(1 + rate, m);
        }

        // The plug-in predictions at the fitted parameters.
        var pointAlive = new double[r];
        var pointExpected = new double[r];
        var pointDiscounted = new double[r];
        var pointSpend = new double[s];
        Predict(purchaseModel, spendModel, rows, discount, unitsPerMonth, pointAlive, pointExpected, pointDiscounted, pointSpend);

        // Each draw's predictions, row-major (row × draws), so that a row's draws are contiguous for its percentiles.
        var alive = new double[(long)r * draws];
        var expected = new double[(long)r * draws];
        var discounted = new double[(long)r * draws];
        var spendTable = new double[(long)s * draws];
        var totalValue = new double[draws];
        var totalPurchases = new double[draws];
        var usable = new bool[draws];
        Parallel.For(0, draws, parallel, () => new DrawBuffers(r, s), (d, _, buffers) =>
        {
            if (purchase[d] is not { } theta || spend[d] is not { } phi)
            {
                return buffers;
            }

            var model = PurchaseModelParameters.With(purchaseModel, theta);
            var spendDraw = spendModel with
            {
                P = spendModel.P with { Value = phi[0] },
                Q = spendModel.Q with { Value = phi[1] },
                Gamma = spendModel.Gamma with { Value = phi[2] },
            };
            Predict(model, spendDraw, rows, discount, unitsPerMonth, buffers.Alive, buffers.Expected, buffers.Discounted, buffers.Spend);
            double value = 0, purchases = 0;
            for (int k = 0; k < r; k++)
            {
                purchases += rows.PurchaseWeight[k] * buffers.Expected[k];
            }

            for (int k = 0; k < p; k++)
            {
                value += rows.PairWeight[k] * buffers.Spend[rows.PairSpend[k]] * buffers.Discounted[rows.PairPurchase[k]];
            }

            if (!double.IsFinite(value) || !double.IsFinite(purchases) || !AllFinite(buffers.Alive))
            {
                return buffers;
            }

            for (int k = 0; k < r; k++)
            {
                long at = ((long)k * draws) + d;
                alive[at] = buffers.Alive[k];
                expected[at] = buffers.Expected[k];
                discounted[at] = buffers.Discounted[k];
            }

            for (int k = 0; k < s; k++)
            {
                spendTable[((long)k * draws) + d] = buffers.Spend[k];
            }

            totalValue[d] = value;
            totalPurchases[d] = purchases;
            usable[d] = true;
            return buffers;
        }, _ => { });

        var used = new List<int>(draws);
        for (int d = 0; d < draws; d++)
        {
            if (usable[d])
            {
                used.Add(d);
            }
        }

        if (used.Count < 2)
        {
            throw new InvalidOperationException($"only {used.Count} of {draws} draws gave finite predictions: no intervals.");
        }

        int[] usedDraws = [.. used];
        double lower = (1 - options.ConfidenceLevel) / 2, upper = 1 - lower;
        var aliveBounds = Percentiles(r, usedDraws, lower, upper, parallel, (k, d) => alive[((long)k * draws) + d]);
        var expectedBounds = Percentiles(r, usedDraws, lower, upper, parallel, (k, d) => expected[((long)k * draws) + d]);
        var spendBounds = Percentiles(s, usedDraws, lower, upper, parallel, (k, d) => spendTable[((long)k * draws) + d]);
        var valueBounds = Percentiles(p, usedDraws, lower, upper, parallel,
            (k, d) => spendTable[((long)rows.PairSpend[k] * draws) + d] * discounted[((long)rows.PairPurchase[k] * draws) + d]);
        var pointValue = new double[p];
        double pointTotal = 0, pointPurchases = 0;
        for (int k = 0; k < p; k++)
        {
            pointValue[k] = pointSpend[rows.PairSpend[k]] * pointDiscounted[rows.PairPurchase[k]];
            pointTotal += rows.PairWeight[k] * pointValue[k];
        }

        for (int k = 0; k < r; k++)
        {
            pointPurchases += rows.PurchaseWeight[k] * pointExpected[k];
        }

        var totals = Percentiles(1, usedDraws, lower, upper, parallel, (_, d) => totalValue[d]);
        var purchaseTotals = Percentiles(1, usedDraws, lower, upper, parallel, (_, d) => totalPurchases[d]);
        return new CustomerValueIntervalResult
        {
            Rows = new IntervalRowList(columns, rows,
                new Quantity(pointAlive, aliveBounds.Lower, aliveBounds.Upper),
                new Quantity(pointExpected, expectedBounds.Lower, expectedBounds.Upper),
                new Quantity(pointSpend, spendBounds.Lower, spendBounds.Upper),
                new Quantity(pointValue, valueBounds.Lower, valueBounds.Upper)),
            Customers = columns.Count,
            Months = months,
            MonthlyDiscountRate = rate,
            TimeUnit = unit,
            TimeUnitsPerMonth = unitsPerMonth,
            Method = options.Method,
            Draws = draws,
            UsableDraws = usedDraws.Length,
            Seed = options.Seed,
            ConfidenceLevel = options.ConfidenceLevel,
            TotalValue = pointTotal,
            TotalValueLower = totals.Lower[0],
            TotalValueUpper = totals.Upper[0],
            TotalExpectedPurchases = pointPurchases,
            TotalExpectedPurchasesLower = purchaseTotals.Lower[0],
            TotalExpectedPurchasesUpper = purchaseTotals.Upper[0],
        };
    }

    /// <summary>
    /// One parameter set's predictions on the distinct rows: P(alive), E[Y(h)], the discounted purchases per unit of spend
    /// Σ_m (E[Y(m·f)] − E[Y((m−1)·f)])/(1 + d)^m (so that a customer's value is their spend times it, as
    /// <see cref="DiscountedClv.DiscreteMonthly(IPurchaseModel, double, double, double, double, int, double, double)"/>), and the spend rows' E[Z | x, z̄]
    /// (NaN where it is infinite).
    /// </summary>
    private static void Predict(IPurchaseModel model, GammaGammaModel spendModel, Rows rows, double[] discount, double unitsPerMonth,
        Span<double> alive, Span<double> expected, Span<double> discounted, Span<double> spend)
    {
        int months = discount.Length - 1;
        for (int k = 0; k < rows.PurchaseCount; k++)
        {
            double x = rows.X[k], tx = rows.Tx[k], t = rows.T[k];
            alive[k] = model.ProbabilityAlive(x, tx, t);
            double previous = 0, value = 0;
            for (int m = 1; m <= months; m++)
            {
                double cumulative = model.ConditionalExpectedPurchases(m * unitsPerMonth, x, tx, t);
                value += (cumulative - previous) * discount[m];
                previous = cumulative;
            }

            expected[k] = previous;
            discounted[k] = value;
        }

        double p = spendModel.P.Value, q = spendModel.Q.Value, g = spendModel.Gamma.Value;
        for (int k = 0; k < rows.SpendCount; k++)
        {
            // E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1) (Fader & Hardie 2013, eq. 5), as GammaGammaModel.ConditionalExpectedSpend.
            double x = rows.SpendX[k], denominator = (p * x) + q - 1;
            spend[k] = denominator > 0 ? p * (g + (x * rows.SpendZ[k])) / denominator : double.NaN;
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The (lower, upper) percentiles (type 7) over the used draws of <paramref name="count"/> quantities.</summary>
    private static (double[] Lower, double[] Upper) Percentiles(int count, int[] used, double lower, double upper, ParallelOptions parallel, Func<int, int, double> value)
    {
        var lo = new double[count];
        var hi = new double[count];
        const int Chunk = 1024;
        Parallel.For(0, (count + Chunk - 1) / Chunk, parallel, () => new double[used.Length], (c, _, buffer) =>
        {
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int k = c * Chunk; k < end; k++)
            {
                for (int j = 0; j < used.Length; j++)
                {
                    buffer[j] = value(k, used[j]);
                }

                lo[k] = Select.Linear(buffer, lower);
                hi[k] = Select.Linear(buffer, upper);
            }

            return buffer;
        }, _ => { });
        return (lo, hi);
    }

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

    /// <summary>The distinct (x, t_x, T) rows, the distinct (x, z̄) spend rows, the distinct pairs, and each customer's pair.</summary>
    internal sealed class Rows
    {
        public required double[] X { get; init; }

        public required double[] Tx { get; init; }

        public required double[] T { get; init; }

        public required double[] PurchaseWeight { get; init; }

        public required double[] SpendX { get; init; }

        public required double[] SpendZ { get; init; }

        public required int[] PairPurchase { get; init; }

        public required int[] PairSpend { get; init; }

        public required double[] PairWeight { get; init; }

        public required int[] PairOf { get; init; }

        public int PurchaseCount => X.Length;

        public int SpendCount => SpendX.Length;

        public int PairCount => PairPurchase.Length;

        public static Rows Of(Columns columns)
        {
            int n = columns.Count;
            var purchaseOf = new Dictionary<(int, double, double), int>();
            var spendOf = new Dictionary<(int, double), int>();
            var pairOf = new Dictionary<(int, int), int>();
            List<double> x = [], tx = [], t = [], w = [], sx = [], sz = [], pw = [];
            List<int> pp = [], ps = [];
            var customerPair = new int[n];
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
                }

                w[row]++;
                var spendKey = (columns.Frequency[i], columns.MeanSpend[i]);
                if (!spendOf.TryGetValue(spendKey, out int spendRow))
                {
                    spendRow = sx.Count;
                    spendOf.Add(spendKey, spendRow);
                    sx.Add(spendKey.Item1);
                    sz.Add(spendKey.Item2);
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

            return new Rows
            {
                X = [.. x], Tx = [.. tx], T = [.. t], PurchaseWeight = [.. w], SpendX = [.. sx], SpendZ = [.. sz],
                PairPurchase = [.. pp], PairSpend = [.. ps], PairWeight = [.. pw], PairOf = customerPair,
            };
        }
    }

    /// <summary>A quantity's plug-in values and bounds, per distinct row.</summary>
    internal sealed record Quantity(double[] Point, double[] Lower, double[] Upper);

    private sealed class DrawBuffers(int rows, int spendRows)
    {
        public double[] Alive { get; } = new double[rows];

        public double[] Expected { get; } = new double[rows];

        public double[] Discounted { get; } = new double[rows];

        public double[] Spend { get; } = new double[spendRows];
    }
}

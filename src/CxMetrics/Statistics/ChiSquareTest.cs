using MathNet.Numerics;

namespace CxMetrics.Statistics;

/// <summary>
/// Pearson's chi-square tests on counts: goodness of fit against planned shares, homogeneity of k proportions, and
/// independence of the rows and columns of a table (Pearson 1900; Agresti 2013, <i>Categorical Data Analysis</i>, §3.2).
/// </summary>
public static class ChiSquareTest
{
    /// <summary>
    /// <c>χ² = Σ (oᵢ − eᵢ)²/eᵢ</c> with <c>eᵢ = N·πᵢ</c>, <c>k − 1</c> degrees of freedom, upper-tail p-value. Used for the
    /// sample-ratio-mismatch check of experiments (planned split vs observed assignment counts).
    /// </summary>
    /// <param name="observed">Observed counts (k ≥ 2).</param>
    /// <param name="expectedShares">Planned shares; positive, normalised here if they do not sum to 1.</param>
    /// <returns>The statistic, degrees of freedom and p-value; p = 1 when nothing was observed.</returns>
    /// <exception cref="ArgumentException">Lengths differ, fewer than two cells, a negative count or a non-positive share.</exception>
    public static ChiSquareResult GoodnessOfFit(ReadOnlySpan<long> observed, ReadOnlySpan<double> expectedShares)
    {
        if (observed.Length != expectedShares.Length || observed.Length < 2)
        {
            throw new ArgumentException($"need at least two cells and as many shares ({expectedShares.Length}) as counts ({observed.Length}).", nameof(expectedShares));
        }

        double shareTotal = 0;
        long total = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(observed[i], nameof(observed));
            if (!(expectedShares[i] > 0) || !double.IsFinite(expectedShares[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(expectedShares), expectedShares[i], $"planned share {expectedShares[i]} at position {i} must be positive and finite.");
            }

            shareTotal += expectedShares[i];
            total += observed[i];
        }

        int df = observed.Length - 1;
        if (total == 0)
        {
            return new ChiSquareResult(0, df, 1);
        }

        double statistic = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double expected = total * expectedShares[i] / shareTotal;
            double diff = observed[i] - expected;
            statistic += diff * diff / expected;
        }

        // Upper tail Q(df/2, χ²/2) directly, so small p-values keep their precision.
        return new ChiSquareResult(statistic, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2));
    }

    /// <summary>
    /// The χ² test of homogeneity of k proportions (the 2 × k table of successes and failures): pooled share
    /// <c>p̂ = Σxᵢ/Σnᵢ</c>, <c>χ² = Σ (xᵢ − nᵢp̂)²/(nᵢp̂(1 − p̂))</c> on <c>k − 1</c> degrees of freedom, upper-tail p-value,
    /// as R's <c>prop.test(x, n, correct = FALSE)</c>. No continuity correction for any k (R applies Yates' only when
    /// k = 2 and <c>correct</c> is left on): with two groups χ² is the square of the pooled two-proportion z statistic of
    /// <see cref="Proportion.Compare"/>, so the omnibus test and the pairwise test agree.
    /// </summary>
    /// <param name="successes">Successes per group; whole counts, or effective ones (share × Kish's effective n) for weighted data.</param>
    /// <param name="trials">Trials per group, each ≥ its successes. Groups with no trials are left out (and out of the degrees of freedom).</param>
    /// <returns>The statistic on <c>k′ − 1</c> degrees of freedom (k′ groups with trials); statistic 0 and p = 1 when every
    /// group has the same share of 0 or 1 (no variation to test), or when fewer than two groups have trials (then 0 df).</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or not finite, or successes exceed trials.</exception>
    public static ChiSquareResult Homogeneity(ReadOnlySpan<double> successes, ReadOnlySpan<double> trials)
    {
        if (successes.Length != trials.Length)
        {
            throw new ArgumentException($"need as many trial counts ({trials.Length}) as success counts ({successes.Length}).", nameof(trials));
        }

        double x = 0, n = 0;
        int groups = 0;
        for (int i = 0; i < successes.Length; i++)
        {
            CheckCount(trials[i], i, nameof(trials));
            CheckCount(successes[i], i, nameof(successes));
            if (successes[i] > trials[i])
            {
                throw new ArgumentOutOfRangeException(nameof(successes), successes[i], $"successes {successes[i]} at position {i} exceed the trials {trials[i]}.");
            }

            if (trials[i] > 0)
            {
                groups++;
                x += successes[i];
                n += trials[i];
            }
        }

        int df = Math.Max(groups - 1, 0);
        double pooled = n > 0 ? x / n : 0;
        if (groups < 2 || !(pooled > 0 && pooled < 1))
        {
            return new ChiSquareResult(0, df, 1);
        }

        double statistic = 0;
        double variance = pooled * (1 - pooled);
        for (int i = 0; i < successes.Length; i++)
        {
            if (trials[i] > 0)
            {
                double diff = successes[i] - (trials[i] * pooled);
                statistic += diff * diff / (trials[i] * variance);
            }
        }

        return new ChiSquareResult(statistic, df, UpperTail(statistic, df));
    }

    /// <summary>
    /// Pearson's χ² test of independence of an r × c table: <c>χ² = Σ (Oᵢⱼ − Eᵢⱼ)²/Eᵢⱼ</c> with
    /// <c>Eᵢⱼ = (row i total)(column j total)/N</c> on <c>(r′ − 1)(c′ − 1)</c> degrees of freedom, upper-tail p-value, as
    /// R's <c>chisq.test(table, correct = FALSE)</c>. Rows and columns whose total is 0 are left out (R would return NaN):
    /// an empty channel or a category nobody chose carries no information about independence.
    /// </summary>
    /// <param name="table">The counts, rows × columns (e.g. promoters, passives, detractors × channels); whole counts or
    /// effective ones for weighted data.</param>
    /// <returns>The statistic; statistic 0, p = 1 and 0 df when fewer than two rows or two columns have counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or not finite.</exception>
    public static ChiSquareResult Independence(double[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int rows = table.GetLength(0), columns = table.GetLength(1);
        var rowTotals = new double[rows];
        var columnTotals = new double[columns];
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                double o = table[i, j];
                if (!(o >= 0) || !double.IsFinite(o))
                {
                    throw new ArgumentOutOfRangeException(nameof(table), o, $"count {o} at row {i}, column {j} must be finite and ≥ 0.");
                }

                rowTotals[i] += o;
                columnTotals[j] += o;
                total += o;
            }
        }

        int r = 0, c = 0;
        foreach (double t in rowTotals)
        {
            r += t > 0 ? 1 : 0;
        }

        foreach (double t in columnTotals)
        {
            c += t > 0 ? 1 : 0;
        }

        if (r < 2 || c < 2)
        {
            return new ChiSquareResult(0, 0, 1);
        }

        double statistic = 0;
        for (int i = 0; i < rows; i++)
        {
            if (rowTotals[i] == 0)
            {
                continue;
            }

            for (int j = 0; j < columns; j++)
            {
                if (columnTotals[j] > 0)
                {
                    double expected = rowTotals[i] * columnTotals[j] / total;
                    double diff = table[i, j] - expected;
                    statistic += diff * diff / expected;
                }
            }
        }

        int df = (r - 1) * (c - 1);
        return new ChiSquareResult(statistic, df, UpperTail(statistic, df));
    }

    // Upper tail Q(df/2, χ²/2) directly, so small p-values keep their precision.
    private static double UpperTail(double statistic, int df) => SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2);

    private static void CheckCount(double count, int position, string name)
    {
        if (!(count >= 0) || !double.IsFinite(count))
        {
            throw new ArgumentOutOfRangeException(name, count, $"count {count} at position {position} must be finite and ≥ 0.");
        }
    }
}

namespace CxMetrics.Statistics;

/// <summary>
/// Welch's (1951) analysis of variance for k means with unequal variances, "On the comparison of several mean values: an
/// alternative approach", <i>Biometrika</i> 38: weights <c>wᵢ = nᵢ/sᵢ²</c>, <c>W = Σwᵢ</c>, weighted mean
/// <c>x̃ = Σwᵢx̄ᵢ/W</c>, <c>λ = Σ(1 − wᵢ/W)²/(nᵢ − 1)</c>,
/// <c>F = [Σwᵢ(x̄ᵢ − x̃)²/(k − 1)] / [1 + 2(k − 2)λ/(k² − 1)]</c> on <c>k − 1</c> and <c>(k² − 1)/(3λ)</c> degrees of
/// freedom, upper-tail p-value. As R's <c>oneway.test(var.equal = FALSE)</c>; with two groups F is the square of
/// <see cref="WelchTest"/>'s t and the denominator degrees of freedom are Welch–Satterthwaite's.
/// </summary>
public static class WelchAnova
{
    /// <summary>The test from each group's moments (count, mean, M₂), so merged tallies give the test of the whole.</summary>
    /// <param name="groups">The groups' moments. Groups with fewer than two values are left out (they have no variance).</param>
    /// <returns>The test on the k groups with at least two values; without F when fewer than two such groups remain or a
    /// group's values are all equal (variance 0, weight infinite: the statistic is undefined, as R's NaN).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or one of its items is null.</exception>
    public static WelchAnovaResult From(IReadOnlyList<RunningMoments> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int k = 0;
        bool zeroVariance = false;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i] ?? throw new ArgumentNullException(nameof(groups), $"group {i} is null.");
            if (g.Count >= 2)
            {
                k++;
                zeroVariance |= !(g.SumOfSquaredDeviations > 0);
            }
        }

        if (k < 2 || zeroVariance)
        {
            return new WelchAnovaResult(null, Math.Max(k - 1, 0), null, null, k);
        }

        var weights = new double[groups.Count];
        double totalWeight = 0, weightedMean = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.Count >= 2)
            {
                weights[i] = g.Count / g.Variance!.Value;
                totalWeight += weights[i];
            }
        }

        for (int i = 0; i < groups.Count; i++)
        {
            weightedMean += weights[i] / totalWeight * groups[i].Mean;
        }

        double between = 0, lambda = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            if (g.Count >= 2)
            {
                double d = g.Mean - weightedMean;
                between += weights[i] * d * d;
                double share = 1 - (weights[i] / totalWeight);
                lambda += share * share / (g.Count - 1);
            }
        }

        double kk = k;
        double f = between / (kk - 1) / (1 + (2 * (kk - 2) * lambda / ((kk * kk) - 1)));
        double df2 = ((kk * kk) - 1) / (3 * lambda);
        return new WelchAnovaResult(f, k - 1, df2, f > 0 ? UpperTail(f, k - 1, df2) : 1, k);
    }

    // 1 − CDF loses precision for small p; the regularised incomplete beta gives the upper tail directly.
    private static double UpperTail(double f, int df1, double df2) =>
        MathNet.Numerics.SpecialFunctions.BetaRegularized(df2 / 2, df1 / 2.0, df2 / (df2 + (df1 * f)));
}

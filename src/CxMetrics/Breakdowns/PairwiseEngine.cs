using CxMetrics.Statistics;

namespace CxMetrics.Breakdowns;

/// <summary>
/// The one engine behind every family's <c>Compare(breakdown, …)</c>: the omnibus test over the cells, then every pair
/// (i &lt; j) compared by the family's two-result comparison, then the p-values of the pairs that have one adjusted together.
/// </summary>
internal static class PairwiseEngine
{
    /// <summary>Builds the comparison.</summary>
    public static BreakdownComparison<TKey, TComparison> Compare<TKey, TResult, TComparison>(
        IReadOnlyList<BreakdownCell<TKey, TResult>> breakdown, MultipleComparisonMethod method,
        Func<IReadOnlyList<TResult>, OmnibusTest?> omnibus, Func<TResult, TResult, TComparison> compare,
        Func<TComparison, (double? Difference, ConfidenceInterval? Interval, double? PValue)> parts, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(breakdown, parameterName);
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, $"unknown adjustment {method}.");
        }

        int k = breakdown.Count;
        var results = new TResult[k];
        for (int i = 0; i < k; i++)
        {
            results[i] = (breakdown[i] ?? throw new ArgumentNullException(parameterName, $"cell {i} is null.")).Result;
        }

        long pairCount = (long)k * (k - 1) / 2;
        if (pairCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(parameterName, k, $"{k} cells make {pairCount} pairs, more than an array holds; compare fewer cells.");
        }

        var comparisons = new TComparison[pairCount];
        var raw = new (double? Difference, ConfidenceInterval? Interval, double? PValue)[pairCount];
        int tested = 0;
        int at = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                comparisons[at] = compare(results[i], results[j]);
                raw[at] = parts(comparisons[at]);
                tested += raw[at].PValue.HasValue ? 1 : 0;
                at++;
            }
        }

        var pValues = new double[tested];
        tested = 0;
        foreach (var r in raw)
        {
            if (r.PValue is { } p)
            {
                pValues[tested++] = p;
            }
        }

        var adjusted = MultipleComparisons.Adjust(pValues, method);
        var pairs = new PairwiseComparison<TKey, TComparison>[pairCount];
        at = 0;
        tested = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                var r = raw[at];
                double? adjustedP = r.PValue.HasValue ? adjusted[tested++] : null;
                pairs[at] = new PairwiseComparison<TKey, TComparison>(breakdown[i].Key, breakdown[j].Key, r.Difference, r.Interval, r.PValue, adjustedP, comparisons[at]);
                at++;
            }
        }

        return new BreakdownComparison<TKey, TComparison> { Omnibus = omnibus(results), Pairs = pairs, Method = method };
    }

    /// <summary>χ² homogeneity over the shares that have data; counts are whole when unweighted, effective (share × Kish's n) otherwise.</summary>
    public static OmnibusTest? Homogeneity(IReadOnlyList<ProportionEstimate> shares)
    {
        var x = new List<double>(shares.Count);
        var n = new List<double>(shares.Count);
        foreach (var s in shares)
        {
            if (s.Count > 0 && s.Value is { } value)
            {
                bool whole = s.EffectiveSampleSize == s.Count;
                x.Add(whole ? s.Successes : value * s.EffectiveSampleSize);
                n.Add(whole ? s.Count : s.EffectiveSampleSize);
            }
        }

        return x.Count < 2 ? null : OmnibusTest.Of(OmnibusTestKind.ChiSquareHomogeneity, ChiSquareTest.Homogeneity(x.ToArray(), n.ToArray()), x.Count);
    }

    /// <summary>Welch's ANOVA over the groups' moments; null when fewer than two groups have data.</summary>
    public static OmnibusTest? Anova(IReadOnlyList<RunningMoments> groups)
    {
        int withData = 0;
        foreach (var g in groups)
        {
            withData += g.Count > 0 ? 1 : 0;
        }

        return withData < 2 ? null : OmnibusTest.Of(WelchAnova.From(groups));
    }
}

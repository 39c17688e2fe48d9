using System.Globalization;
using CxMetrics.Breakdowns;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CxMetrics.Retention;

/// <summary>
/// The log-rank (Mantel–Cox) test that two or more survival curves are equal (Mantel 1966, Cancer Chemother Rep
/// 50:163; Peto &amp; Peto 1972, JRSS A 135:185), computed as R <c>survival::survdiff</c> (ρ = 0): at each distinct event
/// time tⱼ with dⱼ events among nⱼ at risk (n_gj in group g), <c>E_g = Σ n_gj dⱼ/nⱼ</c> and the hypergeometric covariance
/// <c>V_gh = Σ dⱼ(nⱼ − dⱼ)/(nⱼ − 1) · (n_gj/nⱼ)(δ_gh − n_hj/nⱼ)</c>; <c>χ² = (O − E)ᵀ V⁻¹ (O − E)</c> dropping one group,
/// on groups − 1 degrees of freedom (the rank of V when it is singular).
/// </summary>
public static class LogRank
{
    /// <summary>Tests groups given as tallies (e.g. merged per-shard tallies of each contract type).</summary>
    /// <param name="groups">One tally per group; at least one.</param>
    /// <param name="labels">Labels of the groups; their positions when omitted.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentException">No groups, or labels of another length.</exception>
    public static LogRankResult From(IReadOnlyList<KaplanMeierTally> groups, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            throw new ArgumentException("the log-rank test needs at least one group.", nameof(groups));
        }

        if (labels is not null && labels.Count != groups.Count)
        {
            throw new ArgumentException($"{labels.Count} labels given for {groups.Count} groups.", nameof(labels));
        }

        var rows = new KaplanMeierTally.Rows[groups.Count];
        for (int g = 0; g < rows.Length; g++)
        {
            ArgumentNullException.ThrowIfNull(groups[g], $"{nameof(groups)}[{g}]");
            rows[g] = groups[g].ToRows();
        }

        return Compute(rows, groups, labels);
    }

    /// <summary>Tests groups given as parallel spans of durations, event flags and integer group codes.</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <param name="groups">Group code of each observation, same length; groups are ordered by code.</param>
    /// <returns>The test, groups labelled by their codes.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a duration is invalid.</exception>
    public static LogRankResult Of(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<int> groups)
    {
        if (events.Length != durations.Length || groups.Length != durations.Length)
        {
            throw new ArgumentException($"durations ({durations.Length}), events ({events.Length}) and groups ({groups.Length}) must have the same length.", nameof(groups));
        }

        var index = new SortedDictionary<int, KaplanMeierTally>();
        for (int i = 0; i < durations.Length; i++)
        {
            KaplanMeierTally.CheckDuration(durations[i], null, i);
            if (!index.TryGetValue(groups[i], out var tally))
            {
                tally = new KaplanMeierTally();
                index.Add(groups[i], tally);
            }

            tally.Add(durations[i], events[i]);
        }

        if (index.Count == 0)
        {
            return new LogRankResult { Groups = [], ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        return From([.. index.Values], [.. index.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>Tests the curves of groups formed by a key (e.g. contract type).</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="key">The group of an item.</param>
    /// <param name="observation">The lifetime observation of an item.</param>
    /// <returns>The test, groups in key order labelled by their keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observation"/> is null.</exception>
    public static LogRankResult By<TItem, TKey>(IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TItem, SurvivalObservation> observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var cells = Grouping.Tally(items, key, static () => new KaplanMeierTally(), (t, item) => t.Add(observation(item)));
        if (cells.Count == 0)
        {
            return new LogRankResult { Groups = [], ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        return From([.. cells.Select(c => c.Tally)], [.. cells.Select(c => c.Key?.ToString() ?? "(none)")]);
    }

    private static LogRankResult Compute(KaplanMeierTally.Rows[] rows, IReadOnlyList<KaplanMeierTally> tallies, IReadOnlyList<string>? labels)
    {
        int groups = rows.Length;
        var atRisk = new double[groups];
        var pointer = new int[groups];
        var observed = new double[groups];
        var expected = new double[groups];
        var covariance = new double[groups, groups];
        var d = new double[groups];
        var leaving = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            atRisk[g] = tallies[g].TotalWeight;
        }

        while (true)
        {
            // The next distinct time over all groups.
            double t = double.PositiveInfinity;
            for (int g = 0; g < groups; g++)
            {
                if (pointer[g] < rows[g].Length && rows[g].Times[pointer[g]] < t)
                {
                    t = rows[g].Times[pointer[g]];
                }
            }

            if (double.IsPositiveInfinity(t))
            {
                break;
            }

            double n = 0, events = 0;
            for (int g = 0; g < groups; g++)
            {
                d[g] = 0;
                leaving[g] = 0;
                if (pointer[g] < rows[g].Length && rows[g].Times[pointer[g]] == t)
                {
                    d[g] = rows[g].EventWeight[pointer[g]];
                    leaving[g] = d[g] + rows[g].CensoredWeight[pointer[g]];
                    pointer[g]++;
                }

                n += atRisk[g];
                events += d[g];
            }

            if (events > 0 && n > 0)
            {
                double spread = n > 1 ? events * (n - events) / (n - 1) : 0;
                for (int g = 0; g < groups; g++)
                {
                    observed[g] += d[g];
                    double share = atRisk[g] / n;
                    expected[g] += share * events;
                    for (int h = 0; h < groups; h++)
                    {
                        covariance[g, h] += spread * share * ((g == h ? 1 : 0) - (atRisk[h] / n));
                    }
                }
            }

            for (int g = 0; g < groups; g++)
            {
                atRisk[g] = Math.Max(0, atRisk[g] - leaving[g]);
            }
        }

        var lines = new LogRankGroup[groups];
        var used = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            lines[g] = new LogRankGroup
            {
                Label = labels?[g] ?? g.ToString(CultureInfo.InvariantCulture),
                Count = tallies[g].Count,
                Observed = observed[g],
                Expected = expected[g],
                Variance = covariance[g, g],
            };
            if (expected[g] > 0)
            {
                used.Add(g);
            }
        }

        int df = used.Count - 1;
        if (df < 1)
        {
            return new LogRankResult { Groups = lines, ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        // Drop the first used group (as R). The reduced covariance is inverted through its singular value decomposition
        // (a generalised inverse, as R's survdiff when V is singular, e.g. when every event time empties the risk set):
        // the degrees of freedom are its rank, and without information (rank 0) there is no test.
        var v = Matrix<double>.Build.Dense(used.Count - 1, used.Count - 1, (i, j) => covariance[used[i + 1], used[j + 1]]);
        var diff = Vector<double>.Build.Dense(used.Count - 1, i => observed[used[i + 1]] - expected[used[i + 1]]);
        var svd = v.Svd(computeVectors: true);
        double tolerance = svd.S.Count == 0 ? 0 : svd.S[0] * v.RowCount * 1e-12;
        double chi = 0;
        int rank = 0;
        for (int i = 0; i < svd.S.Count; i++)
        {
            if (svd.S[i] > tolerance && svd.S[i] > 0)
            {
                double projection = svd.U.Column(i).DotProduct(diff);
                chi += projection * projection / svd.S[i];
                rank++;
            }
        }

        if (rank == 0 || !double.IsFinite(chi))
        {
            return new LogRankResult { Groups = lines, ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        df = rank;
        chi = Math.Max(0, chi);
        return new LogRankResult
        {
            Groups = lines,
            ChiSquare = chi,
            DegreesOfFreedom = df,
            PValue = SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2),
        };
    }
}

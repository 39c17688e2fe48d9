using System.Globalization;
using CxMetrics.Breakdowns;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CxMetrics.Retention;

/// <summary>
/// The log-rank (Mantel–Cox) test that two or more survival curves are equal (Mantel 1966, Cancer Chemother Rep
/// 50:163; Peto &amp; Peto 1972, JRSS A 135:185), computed as R <c>survival::survdiff</c>: at each distinct event
/// time tⱼ with dⱼ events among nⱼ at risk (n_gj in group g) and weight wⱼ, <c>O_g = Σ wⱼ d_gj</c>,
/// <c>E_g = Σ wⱼ n_gj dⱼ/nⱼ</c> and the hypergeometric covariance
/// <c>V_gh = Σ wⱼ² dⱼ(nⱼ − dⱼ)/(nⱼ − 1) · (n_gj/nⱼ)(δ_gh − n_hj/nⱼ)</c>; <c>χ² = (O − E)ᵀ V⁻¹ (O − E)</c> dropping one group,
/// on groups − 1 degrees of freedom (the rank of V when it is singular).
/// </summary>
/// <remarks>
/// <para><b>Weights.</b> wⱼ = 1 is the log-rank test; <see cref="LogRankOptions"/> gives the Fleming–Harrington
/// <c>G(ρ, γ)</c> weights <c>Ŝ(tⱼ−)^ρ(1 − Ŝ(tⱼ−))^γ</c> from the pooled Kaplan–Meier curve (Harrington &amp; Fleming 1982;
/// Fleming &amp; Harrington 1991 §7.3); R's <c>survdiff(rho = ρ)</c> is G(ρ, 0).</para>
/// <para><b>Strata.</b> A stratified test (<c>survdiff(… ~ group + strata(s))</c>) computes O, E, V and the pooled curve
/// within each stratum and sums them over strata before forming χ² (Kalbfleisch &amp; Prentice 2002 §7.2.2).</para>
/// <para><b>Delayed entry.</b> Tallies with delayed entries give risk sets <c>#{entry &lt; tⱼ ≤ exit}</c>: the score test
/// of R's <c>coxph(Surv(entry, exit, event) ~ group)</c> (R's <c>survdiff</c> refuses such data).</para>
/// </remarks>
public static class LogRank
{
    /// <summary>Tests groups given as tallies (e.g. merged per-shard tallies of each contract type).</summary>
    /// <param name="groups">One tally per group; at least one.</param>
    /// <param name="labels">Labels of the groups; their positions when omitted.</param>
    /// <param name="options">The G(ρ, γ) weights; <see cref="LogRankOptions.Default"/> (the plain log-rank test) when omitted.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groups"/> or one of its tallies is null.</exception>
    /// <exception cref="ArgumentException">No groups, or labels of another length.</exception>
    public static LogRankResult From(IReadOnlyList<KaplanMeierTally> groups, IReadOnlyList<string>? labels = null, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return From([groups], labels, options);
    }

    /// <summary>
    /// The stratified test from tallies: <paramref name="strata"/>[s][g] is group g's tally in stratum s (an empty tally
    /// where a group has nobody in a stratum), R's <c>survdiff(… ~ group + strata(s))</c>.
    /// </summary>
    /// <param name="strata">One list per stratum, each with one tally per group (the same number in every stratum); at least one.</param>
    /// <param name="labels">Labels of the groups; their positions when omitted.</param>
    /// <param name="options">The G(ρ, γ) weights; the plain log-rank test when omitted.</param>
    /// <returns>The test; <see cref="LogRankResult.Strata"/> is the number of strata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strata"/>, a stratum or a tally is null.</exception>
    /// <exception cref="ArgumentException">No strata or no groups, strata with different numbers of groups, or labels of another length.</exception>
    public static LogRankResult From(IReadOnlyList<IReadOnlyList<KaplanMeierTally>> strata, IReadOnlyList<string>? labels = null, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (strata.Count == 0)
        {
            throw new ArgumentException("the log-rank test needs at least one stratum.", nameof(strata));
        }

        ArgumentNullException.ThrowIfNull(strata[0], $"{nameof(strata)}[0]");
        int groupCount = strata[0].Count;
        if (groupCount == 0)
        {
            throw new ArgumentException("the log-rank test needs at least one group.", strata.Count == 1 ? "groups" : nameof(strata));
        }

        if (labels is not null && labels.Count != groupCount)
        {
            throw new ArgumentException($"{labels.Count} labels given for {groupCount} groups.", nameof(labels));
        }

        var rows = new KaplanMeierTally.Rows[strata.Count][];
        var tallies = new KaplanMeierTally[strata.Count][];
        for (int s = 0; s < strata.Count; s++)
        {
            ArgumentNullException.ThrowIfNull(strata[s], $"{nameof(strata)}[{s}]");
            if (strata[s].Count != groupCount)
            {
                throw new ArgumentException($"stratum {s} has {strata[s].Count} groups, stratum 0 has {groupCount}: give every stratum one tally per group (empty where nobody is).", nameof(strata));
            }

            rows[s] = new KaplanMeierTally.Rows[groupCount];
            tallies[s] = new KaplanMeierTally[groupCount];
            for (int g = 0; g < groupCount; g++)
            {
                var tally = strata[s][g];
                if (tally is null)
                {
                    throw new ArgumentNullException(strata.Count == 1 ? $"groups[{g}]" : $"{nameof(strata)}[{s}][{g}]");
                }

                tallies[s][g] = tally;
                rows[s][g] = tally.ToRows();
            }
        }

        return Compute(rows, tallies, labels, options ?? LogRankOptions.Default);
    }

    /// <summary>Tests groups given as parallel spans of durations, event flags and integer group codes.</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <param name="groups">Group code of each observation, same length; groups are ordered by code.</param>
    /// <param name="options">The G(ρ, γ) weights; the plain log-rank test when omitted.</param>
    /// <returns>The test, groups labelled by their codes.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a duration is invalid.</exception>
    public static LogRankResult Of(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<int> groups, LogRankOptions? options = null)
    {
        if (events.Length != durations.Length || groups.Length != durations.Length)
        {
            throw new ArgumentException($"durations ({durations.Length}), events ({events.Length}) and groups ({groups.Length}) must have the same length.", nameof(groups));
        }

        return Of(durations, events, groups, new int[durations.Length], options);
    }

    /// <summary>The stratified test on parallel spans, R's <c>survdiff(Surv(time, status) ~ group + strata(stratum))</c>.</summary>
    /// <param name="durations">Observed times, finite and ≥ 0.</param>
    /// <param name="events">Event flags, same length.</param>
    /// <param name="groups">Group code of each observation, same length; groups are ordered by code.</param>
    /// <param name="strata">Stratum code of each observation, same length.</param>
    /// <param name="options">The G(ρ, γ) weights; the plain log-rank test when omitted.</param>
    /// <returns>The test, groups labelled by their codes.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a duration is invalid.</exception>
    public static LogRankResult Of(ReadOnlySpan<double> durations, ReadOnlySpan<bool> events, ReadOnlySpan<int> groups, ReadOnlySpan<int> strata, LogRankOptions? options = null)
    {
        if (events.Length != durations.Length || groups.Length != durations.Length || strata.Length != durations.Length)
        {
            throw new ArgumentException($"durations ({durations.Length}), events ({events.Length}), groups ({groups.Length}) and strata ({strata.Length}) must have the same length.", nameof(strata));
        }

        var groupIndex = new SortedDictionary<int, int>();
        var stratumIndex = new SortedDictionary<int, int>();
        for (int i = 0; i < durations.Length; i++)
        {
            KaplanMeierTally.CheckDuration(durations[i], null, i, nameof(durations));
            groupIndex.TryAdd(groups[i], 0);
            stratumIndex.TryAdd(strata[i], 0);
        }

        if (groupIndex.Count == 0)
        {
            return new LogRankResult { Groups = [], ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        Number(groupIndex);
        Number(stratumIndex);
        var cells = new KaplanMeierTally[stratumIndex.Count][];
        for (int s = 0; s < cells.Length; s++)
        {
            cells[s] = new KaplanMeierTally[groupIndex.Count];
            for (int g = 0; g < groupIndex.Count; g++)
            {
                cells[s][g] = new KaplanMeierTally();
            }
        }

        for (int i = 0; i < durations.Length; i++)
        {
            cells[stratumIndex[strata[i]]][groupIndex[groups[i]]].Add(durations[i], events[i]);
        }

        return From(cells, [.. groupIndex.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture))], options);
    }

    /// <summary>Tests the curves of groups formed by a key (e.g. contract type).</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="key">The group of an item.</param>
    /// <param name="observation">The lifetime observation of an item (with its delayed entry, if any).</param>
    /// <param name="options">The G(ρ, γ) weights; the plain log-rank test when omitted.</param>
    /// <returns>The test, groups in key order labelled by their keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="observation"/> is null.</exception>
    public static LogRankResult By<TItem, TKey>(IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TItem, SurvivalObservation> observation, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var cells = Grouping.Tally(items, key, static () => new KaplanMeierTally(), (t, item) => t.Add(observation(item)));
        if (cells.Count == 0)
        {
            return new LogRankResult { Groups = [], ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        return From([.. cells.Select(c => c.Tally)], [.. cells.Select(c => c.Key?.ToString() ?? "(none)")], options);
    }

    /// <summary>The stratified test of groups formed by a key, within strata formed by another (e.g. plan within region).</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TKey">The group key type.</typeparam>
    /// <typeparam name="TStratum">The stratum key type; a <see langword="null"/> stratum is its own stratum.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="key">The group of an item.</param>
    /// <param name="stratum">The stratum of an item.</param>
    /// <param name="observation">The lifetime observation of an item (with its delayed entry, if any).</param>
    /// <param name="options">The G(ρ, γ) weights; the plain log-rank test when omitted.</param>
    /// <returns>The test, groups in key order labelled by their keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/>, <paramref name="key"/>, <paramref name="stratum"/> or <paramref name="observation"/> is null.</exception>
    public static LogRankResult By<TItem, TKey, TStratum>(
        IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TItem, TStratum> stratum, Func<TItem, SurvivalObservation> observation, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(stratum);
        ArgumentNullException.ThrowIfNull(observation);
        var byStratum = Grouping.Tally(items, stratum, static () => new List<TItem>(), static (list, item) => list.Add(item));
        var groupCells = Grouping.Tally(byStratum.SelectMany(s => s.Tally), key, static () => 0, static (_, _) => { });
        if (groupCells.Count == 0)
        {
            return new LogRankResult { Groups = [], ChiSquare = null, DegreesOfFreedom = null, PValue = null };
        }

        var keys = groupCells.Select(c => c.Key).ToList();
        var comparer = EqualityComparer<TKey>.Default;
        var cells = new List<IReadOnlyList<KaplanMeierTally>>(byStratum.Count);
        foreach (var (_, members) in byStratum)
        {
            var tallies = keys.Select(_ => new KaplanMeierTally()).ToArray();
            foreach (var item in members)
            {
                var k = key(item);
                tallies[keys.FindIndex(x => comparer.Equals(x, k))].Add(observation(item));
            }

            cells.Add(tallies);
        }

        return From(cells, [.. keys.Select(k => k?.ToString() ?? "(none)")], options);
    }

    private static void Number(SortedDictionary<int, int> index)
    {
        int next = 0;
        foreach (int code in index.Keys.ToList())
        {
            index[code] = next++;
        }
    }

    private static LogRankResult Compute(KaplanMeierTally.Rows[][] strata, KaplanMeierTally[][] tallies, IReadOnlyList<string>? labels, LogRankOptions options)
    {
        int groups = strata[0].Length;
        var observed = new double[groups];
        var expected = new double[groups];
        var covariance = new double[groups, groups];
        var counts = new long[groups];
        for (int s = 0; s < strata.Length; s++)
        {
            for (int g = 0; g < groups; g++)
            {
                counts[g] += tallies[s][g].Count;
            }

            Stratum(strata[s], tallies[s], options, observed, expected, covariance);
        }

        return Test(observed, expected, covariance, counts, labels, options, strata.Length);
    }

    /// <summary>
    /// Adds one stratum's weighted O, E and V: one merge-walk over the groups' sorted times, the risk sets updated after
    /// each time (exits leave, delayed entries join), the pooled Kaplan–Meier curve of the stratum carried for the weights.
    /// </summary>
    private static void Stratum(KaplanMeierTally.Rows[] rows, KaplanMeierTally[] tallies, LogRankOptions options, double[] observed, double[] expected, double[,] covariance)
    {
        int groups = rows.Length;
        var atRisk = new double[groups];
        var pointer = new int[groups];
        var d = new double[groups];
        var leaving = new double[groups];
        var joining = new double[groups];
        bool weighted = options.Rho != 0 || options.Gamma != 0;
        double survival = 1; // pooled Ŝ(t−) of the stratum
        for (int g = 0; g < groups; g++)
        {
            double delayed = 0;
            if (rows[g].EntryWeight is { } entries)
            {
                foreach (double w in entries)
                {
                    delayed += w;
                }
            }

            atRisk[g] = Math.Max(0, tallies[g].TotalWeight - delayed);
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
                joining[g] = 0;
                if (pointer[g] < rows[g].Length && rows[g].Times[pointer[g]] == t)
                {
                    d[g] = rows[g].EventWeight[pointer[g]];
                    leaving[g] = d[g] + rows[g].CensoredWeight[pointer[g]];
                    joining[g] = rows[g].EntryWeight?[pointer[g]] ?? 0;
                    pointer[g]++;
                }

                n += atRisk[g];
                events += d[g];
            }

            if (events > 0 && n > 0)
            {
                double w = weighted ? Math.Pow(survival, options.Rho) * Math.Pow(1 - survival, options.Gamma) : 1;
                double spread = n > 1 ? w * w * events * (n - events) / (n - 1) : 0;
                for (int g = 0; g < groups; g++)
                {
                    observed[g] += w * d[g];
                    double share = atRisk[g] / n;
                    expected[g] += w * share * events;
                    for (int h = 0; h < groups; h++)
                    {
                        covariance[g, h] += spread * share * ((g == h ? 1 : 0) - (atRisk[h] / n));
                    }
                }

                survival = events >= n ? 0 : survival * (1 - (events / n));
            }

            for (int g = 0; g < groups; g++)
            {
                atRisk[g] = Math.Max(0, atRisk[g] - leaving[g]) + joining[g];
            }
        }
    }

    private static LogRankResult Test(double[] observed, double[] expected, double[,] covariance, long[] counts, IReadOnlyList<string>? labels, LogRankOptions options, int strata)
    {
        int groups = observed.Length;
        var lines = new LogRankGroup[groups];
        var used = new List<int>();
        for (int g = 0; g < groups; g++)
        {
            lines[g] = new LogRankGroup
            {
                Label = labels?[g] ?? g.ToString(CultureInfo.InvariantCulture),
                Count = counts[g],
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
            return new LogRankResult { Groups = lines, ChiSquare = null, DegreesOfFreedom = null, PValue = null, Rho = options.Rho, Gamma = options.Gamma, Strata = strata };
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
            return new LogRankResult { Groups = lines, ChiSquare = null, DegreesOfFreedom = null, PValue = null, Rho = options.Rho, Gamma = options.Gamma, Strata = strata };
        }

        df = rank;
        chi = Math.Max(0, chi);
        return new LogRankResult
        {
            Groups = lines,
            ChiSquare = chi,
            DegreesOfFreedom = df,
            PValue = SpecialFunctions.GammaUpperRegularized(df / 2.0, chi / 2),
            Rho = options.Rho,
            Gamma = options.Gamma,
            Strata = strata,
        };
    }
}

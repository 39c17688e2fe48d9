using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Tests.Retention.Cox;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention.Survival;

/// <summary>Invariants of delayed entry and of the weighted / stratified log-rank test.</summary>
public class DelayedEntryProperties
{
    [Property(MaxTest = 150)]
    public Property All_entries_zero_is_exactly_the_plain_curve() =>
        Prop.ForAll(SurvivalGen.Observations, rows =>
        {
            double[] d = [.. rows.Select(r => r.Duration)];
            bool[] e = [.. rows.Select(r => r.Event)];
            var plain = KaplanMeier.Fit(d, e);
            var delayed = KaplanMeier.Fit(new double[d.Length], d, e);
            var observed = KaplanMeier.Fit(rows.Select(r => new SurvivalObservation(0, r.Duration, r.Event)));
            return plain.Steps.SequenceEqual(delayed.Steps) && plain.Steps.SequenceEqual(observed.Steps) && plain.Median == delayed.Median
                && plain.MedianLower == delayed.MedianLower && plain.MedianUpper == delayed.MedianUpper;
        });

    [Property(MaxTest = 150)]
    public Property The_curve_is_the_product_limit_over_risk_sets_counted_one_subject_at_a_time() =>
        Prop.ForAll(SurvivalGen.DelayedObservations, rows =>
        {
            var fit = KaplanMeier.Fit([.. rows.Select(r => r.Entry)], [.. rows.Select(r => r.Duration)], [.. rows.Select(r => r.Event)]);
            double[] exits = [.. rows.Select(r => r.Duration).Distinct().Order()];
            if (fit.Steps.Count != exits.Length)
            {
                return false;
            }

            // Naive: at each exit time, scan every subject (entry < t ≤ exit, entry 0 = from the start).
            double s = 1, greenwood = 0;
            for (int j = 0; j < exits.Length; j++)
            {
                double t = exits[j];
                int n = rows.Count(r => r.Duration >= t && (r.Entry == 0 || r.Entry < t));
                int dead = rows.Count(r => r.Duration == t && r.Event);
                var step = fit.Steps[j];
                if (step.Time != t || step.AtRisk != n || step.Events != dead)
                {
                    return false;
                }

                if (dead > 0)
                {
                    if (dead == n)
                    {
                        s = 0;
                    }
                    else
                    {
                        s *= 1 - ((double)dead / n);
                        greenwood += (double)dead / (n * (n - dead));
                    }
                }

                if (Math.Abs(step.Survival - s) > 1e-12 || (s > 0 && Math.Abs(step.StandardError!.Value - (s * Math.Sqrt(greenwood))) > 1e-12))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 150)]
    public Property Merged_shards_give_the_curve_of_the_whole() =>
        Prop.ForAll(SurvivalGen.DelayedObservations, Gen.Choose(1, 4).ToArbitrary(), (rows, shards) =>
        {
            var whole = new KaplanMeierTally();
            var parts = Enumerable.Range(0, shards).Select(_ => new KaplanMeierTally()).ToArray();
            for (int i = 0; i < rows.Length; i++)
            {
                whole.Add(new SurvivalObservation(rows[i].Entry, rows[i].Duration, rows[i].Event));
                parts[i % shards].Add(rows[i].Entry, rows[i].Duration, rows[i].Event, 1.0);
            }

            var merged = parts.Skip(1).Aggregate(parts[0].Clone(), (a, b) => a.Merge(b));
            var spans = new KaplanMeierTally();
            spans.AddRange([.. rows.Select(r => r.Entry)], [.. rows.Select(r => r.Duration)], [.. rows.Select(r => r.Event)]);
            var expected = KaplanMeier.From(whole).Steps;
            return expected.SequenceEqual(KaplanMeier.From(merged).Steps) && expected.SequenceEqual(KaplanMeier.From(spans).Steps)
                && merged.DelayedEntries == whole.DelayedEntries && merged.Count == whole.Count;
        });

    [Property(MaxTest = 100)]
    public Property Rho_and_gamma_zero_and_a_single_stratum_are_the_plain_log_rank_test() =>
        Prop.ForAll(SurvivalGen.Grouped, rows =>
        {
            double[] d = [.. rows.Select(r => r.Duration)];
            bool[] e = [.. rows.Select(r => r.Event)];
            int[] g = [.. rows.Select(r => r.Group)];
            var plain = LogRank.Of(d, e, g);
            var zero = LogRank.Of(d, e, g, new LogRankOptions { Rho = 0, Gamma = 0 });
            var oneStratum = LogRank.Of(d, e, g, Enumerable.Repeat(7, d.Length).ToArray());
            var entriesZero = LogRank.By(rows, r => r.Group, r => new SurvivalObservation(0, r.Duration, r.Event));
            return Same(plain, zero) && Same(plain, oneStratum) && Same(plain, entriesZero);
        });

    [Property(MaxTest = 100)]
    public Property Stratified_statistic_is_the_test_of_summed_stratum_scores() =>
        Prop.ForAll(SurvivalGen.Grouped, Gen.Choose(0, 3).ToArbitrary(), (rows, seed) =>
        {
            // Strata that are copies of one another: O − E and V add up, so χ² = k·χ²(one copy) for k copies.
            var copies = seed + 1;
            double[] d = [.. Enumerable.Range(0, copies).SelectMany(_ => rows.Select(r => r.Duration))];
            bool[] e = [.. Enumerable.Range(0, copies).SelectMany(_ => rows.Select(r => r.Event))];
            int[] g = [.. Enumerable.Range(0, copies).SelectMany(_ => rows.Select(r => r.Group))];
            int[] s = [.. Enumerable.Range(0, copies).SelectMany(k => rows.Select(_ => k))];
            var one = LogRank.Of([.. rows.Select(r => r.Duration)], [.. rows.Select(r => r.Event)], [.. rows.Select(r => r.Group)], new LogRankOptions { Rho = 1 });
            var stacked = LogRank.Of(d, e, g, s, new LogRankOptions { Rho = 1 });
            if (one.ChiSquare is not { } chi)
            {
                return stacked.ChiSquare is null;
            }

            return Math.Abs(stacked.ChiSquare!.Value - (copies * chi)) <= 1e-8 * Math.Max(1, copies * chi) && stacked.Strata == copies;
        });

    [Property(MaxTest = 60)]
    public Property Stratified_score_test_of_one_binary_covariate_is_the_stratified_log_rank_without_tied_event_times() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var data = CoxRegressionProperties.Simulate(seed, tied: false);
            double[] plan = [.. data.Plan.Select(p => p == "premium" ? 1.0 : 0)];
            int[] region = [.. data.Region.Select(r => r.GetHashCode(StringComparison.Ordinal))];
            var logRank = LogRank.Of(data.Time, data.Dead, [.. plan.Select(p => (int)p)], region);
            var model = CoxRegression.Fit(data.Time, data.Dead, new CoxDesign().WithNumeric("premium", plan).WithStrata("region", data.Region));
            if (logRank.ChiSquare is not { } chi || model.ScoreTest is not { } score)
            {
                return logRank.ChiSquare is null == model.ScoreTest is null;
            }

            return Math.Abs(score.Statistic - chi) <= 1e-9 * Math.Max(1, chi);
        });

    private static bool Same(LogRankResult a, LogRankResult b) =>
        a.ChiSquare == b.ChiSquare && a.DegreesOfFreedom == b.DegreesOfFreedom
        && a.Groups.Zip(b.Groups).All(p => p.First.Observed == p.Second.Observed && p.First.Expected == p.Second.Expected && p.First.Variance == p.Second.Variance);
}

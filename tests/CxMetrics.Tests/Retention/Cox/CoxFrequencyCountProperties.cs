using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>
/// The fit on distinct rows with frequency counts (<c>CoxRegression.Fit(observations, counts, design)</c>) is the fit on
/// the rows repeated: coefficients, model standard errors, the likelihoods and three tests, the concordance and its
/// standard error, the proportional-hazards test and a survival curve, under both tie methods, with strata, delayed entry
/// and case weights. Durations are whole months and covariates categorical, so tied event times within and across rows abound.
/// </summary>
public class CoxFrequencyCountProperties
{
    private const double Tolerance = 1e-9;

    private sealed record Row(SurvivalObservation Observation, string Plan, string Region, double Usage, int Count);

    [Property(MaxTest = 60)]
    public Property Compressed_rows_with_counts_fit_as_the_rows_repeated() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var rng = new Random(seed);
            bool entries = rng.Next(3) == 0, weights = rng.Next(3) == 0, strata = rng.Next(2) == 0, numeric = rng.Next(2) == 0;
            var rows = Simulate(rng, entries, weights);
            var expanded = new List<Row>();
            foreach (var row in rows)
            {
                expanded.AddRange(Enumerable.Repeat(row, row.Count));
            }

            // The repeated rows in another order than the distinct ones: the fit does not depend on the order of rows.
            expanded = [.. expanded.OrderBy(_ => rng.Next())];
            foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
            {
                var options = new CoxOptions { Ties = ties };
                var compressed = CoxRegression.Fit([.. rows.Select(r => r.Observation)], [.. rows.Select(r => r.Count)], Design(rows, strata, numeric), options);
                var repeated = CoxRegression.Fit([.. expanded.Select(r => r.Observation)], Design(expanded, strata, numeric), options);
                if (!Same(compressed, repeated, strata, numeric, out string why))
                {
                    return false.Label($"{ties}, entries {entries}, weights {weights}, strata {strata}, numeric {numeric}: {why}");
                }
            }

            return true.ToProperty();
        });

    [Fact]
    public void A_count_is_not_a_case_weight_under_efron_ties()
    {
        // Two tied deaths in one row: Efron splits the risk set over d = 2 tied events; a weight of 2 on one row is one event.
        var observations = new[] { new SurvivalObservation(0, 5, true), new SurvivalObservation(0, 5, true), new SurvivalObservation(0, 8, true), new SurvivalObservation(0, 9, false) };
        string[] plan = ["a", "a", "b", "b"];
        var repeated = CoxRegression.Fit(observations, new CoxDesign().WithCategorical("plan", plan, "a"));
        var counted = CoxRegression.Fit([observations[0], observations[2], observations[3]], [2, 1, 1], new CoxDesign().WithCategorical("plan", ["a", "b", "b"], "a"));
        var weighted = CoxRegression.Fit([new SurvivalObservation(0, 5, true, weight: 2), observations[2], observations[3]], new CoxDesign().WithCategorical("plan", ["a", "b", "b"], "a"));
        Assert.Equal(repeated.LogLikelihood!.Value, counted.LogLikelihood!.Value, 12);
        Assert.Equal(repeated.Coefficients[0].Value, counted.Coefficients[0].Value, 10);
        Assert.Equal(4, counted.Count);
        Assert.Equal(3, counted.Events);
        Assert.NotEqual(repeated.LogLikelihood!.Value, weighted.LogLikelihood!.Value, 6);
    }

    [Fact]
    public void Counts_must_match_the_observations_and_be_at_least_one()
    {
        var observations = new[] { new SurvivalObservation(0, 5, true), new SurvivalObservation(0, 8, false) };
        var design = new CoxDesign().WithNumeric("x", [0, 1]);
        Assert.Throws<ArgumentException>(() => CoxRegression.Fit(observations, [1], design));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoxRegression.Fit(observations, [1, 0], design));
        Assert.Throws<ArgumentOutOfRangeException>(() => CoxRegression.Fit(observations, [int.MaxValue, 1], design));
    }

    private static List<Row> Simulate(Random rng, bool entries, bool weights)
    {
        int n = rng.Next(8, 40);
        var rows = new List<Row>();
        for (int i = 0; i < n; i++)
        {
            int p = i % 3;
            string plan = p switch { 0 => "basic", 1 => "plus", _ => "premium" };
            double usage = rng.Next(4);
            double hazard = 0.08 * Math.Exp((0.3 * usage) - (p == 2 ? 0.6 : p == 1 ? 0.2 : 0));
            double life = -Math.Log(1 - rng.NextDouble()) / hazard;
            double follow = 3 + rng.Next(12);
            double duration = Math.Ceiling(Math.Min(life, follow));
            double entry = entries && rng.Next(3) == 0 ? Math.Floor(duration / 2) : 0;
            double weight = weights ? 0.5 + rng.Next(4) : 1;
            rows.Add(new Row(new SurvivalObservation(entry, duration, life <= follow, weight: weight), plan, i % 2 == 0 ? "north" : "south", usage, rng.Next(1, 6)));
        }

        return rows;
    }

    private static CoxDesign Design(IReadOnlyList<Row> rows, bool strata, bool numeric)
    {
        var design = new CoxDesign().WithCategorical("plan", [.. rows.Select(r => r.Plan)], "basic");
        design = numeric ? design.WithNumeric("usage", [.. rows.Select(r => r.Usage)]) : design;
        return strata ? design.WithStrata("region", [.. rows.Select(r => r.Region)]) : design;
    }

    private static CoxProportionalHazardsTest? ProportionalHazards(CoxModel model)
    {
        try
        {
            return model.ProportionalHazardsTest();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Same(CoxModel a, CoxModel b, bool strata, bool numeric, out string why)
    {
        why = string.Empty;
        if (a.Diagnostics.Status != b.Diagnostics.Status || a.Count != b.Count || a.Events != b.Events || a.Coefficients.Count != b.Coefficients.Count)
        {
            why = $"status {a.Diagnostics.Status} vs {b.Diagnostics.Status}, n {a.Count} vs {b.Count}, events {a.Events} vs {b.Events}";
            return false;
        }

        var pairs = new List<(string Name, double? X, double? Y)>
        {
            ("total weight", a.TotalWeight, b.TotalWeight),
            ("rows", a.Diagnostics.Rows, b.Diagnostics.Rows),
            ("null log-likelihood", a.NullLogLikelihood, b.NullLogLikelihood),
            ("score", a.ScoreTest?.Statistic, b.ScoreTest?.Statistic),
        };
        if (a.Diagnostics.IsConverged)
        {
            pairs.Add(("log-likelihood", a.LogLikelihood, b.LogLikelihood));
            pairs.Add(("likelihood ratio", a.LikelihoodRatioTest?.Statistic, b.LikelihoodRatioTest?.Statistic));
            pairs.Add(("Wald", a.WaldTest?.Statistic, b.WaldTest?.Statistic));
            pairs.Add(("concordance", a.Concordance, b.Concordance));
            pairs.Add(("concordance SE", a.ConcordanceStandardError, b.ConcordanceStandardError));
            for (int k = 0; k < a.Coefficients.Count; k++)
            {
                pairs.Add((a.Coefficients[k].Name, a.Coefficients[k].Value, b.Coefficients[k].Value));
                pairs.Add((a.Coefficients[k].Name + " SE", a.Coefficients[k].StandardError, b.Coefficients[k].StandardError));
            }

            // A singular augmented information (a level without events late on) leaves both fits without the test.
            var za = ProportionalHazards(a);
            var zb = ProportionalHazards(b);
            pairs.Add(("zph global", za?.Global.Statistic, zb?.Global.Statistic));
            if (za is not null && zb is not null)
            {
                pairs.AddRange(za.Terms.Select((t, k) => ($"zph {t.Name}", (double?)t.Test.Statistic, (double?)zb.Terms[k].Test.Statistic)));
            }

            var profile = new CoxDesign().WithCategorical("plan", ["plus"], "basic");
            profile = numeric ? profile.WithNumeric("usage", [2]) : profile;
            profile = strata ? profile.WithStrata("region", ["north"]) : profile;
            var ca = a.SurvivalCurve(profile);
            var cb = b.SurvivalCurve(profile);
            if (ca.Steps.Count != cb.Steps.Count)
            {
                why = $"survival curve steps {ca.Steps.Count} vs {cb.Steps.Count}";
                return false;
            }

            for (int i = 0; i < ca.Steps.Count; i++)
            {
                pairs.Add(($"S({ca.Steps[i].Time})", ca.Steps[i].Survival, cb.Steps[i].Survival));
                pairs.Add(($"SE S({ca.Steps[i].Time})", ca.Steps[i].StandardError, cb.Steps[i].StandardError));
            }
        }

        foreach (var (name, x, y) in pairs)
        {
            bool near = x is null ? y is null : y is { } v && Math.Abs(x.Value - v) <= Tolerance * Math.Max(1, Math.Abs(v));
            if (!near)
            {
                why = $"{name}: {x} vs {y}";
                return false;
            }
        }

        return true;
    }
}

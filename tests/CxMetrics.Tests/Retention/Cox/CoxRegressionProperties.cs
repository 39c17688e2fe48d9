using System.Globalization;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>Invariants of the Cox fit on simulated churn data (exponential lifetimes, hazard exp(0.4·x − 0.7·plan), random censoring).</summary>
public class CoxRegressionProperties
{
    private static Arbitrary<int> Seeds { get; } = ArbMap.Default.ArbFor<int>();

    [Property(MaxTest = 60)]
    public Property Score_test_of_one_binary_covariate_is_the_log_rank_without_tied_event_times() =>
        Prop.ForAll(Seeds, seed =>
        {
            var data = Simulate(seed, tied: false);
            double[] plan = data.Plan.Select(p => p == "premium" ? 1.0 : 0).ToArray();
            var logRank = LogRank.Of(data.Time, data.Dead, plan.Select(p => (int)p).ToArray());
            foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
            {
                var model = CoxRegression.Fit(data.Time, data.Dead, new CoxDesign().WithNumeric("premium", plan), new CoxOptions { Ties = ties });
                if (logRank.ChiSquare is not { } chi || model.ScoreTest is not { } score)
                {
                    return logRank.ChiSquare is null == model.ScoreTest is null;
                }

                if (Math.Abs(score.Statistic - chi) > 1e-9 * Math.Max(1, chi))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 60)]
    public Property Hazard_ratios_are_invariant_to_shifting_a_covariate() =>
        Prop.ForAll(Seeds, Gen.Choose(-1000, 1000).ToArbitrary(), (seed, shift) =>
        {
            var data = Simulate(seed, tied: true);
            var model = Fit(data, data.X);
            var shifted = Fit(data, [.. data.X.Select(x => x + shift)]);
            return SameFit(model, shifted, 1e-7);
        });

    [Property(MaxTest = 60)]
    public Property Row_order_does_not_matter() =>
        Prop.ForAll(Seeds, seed =>
        {
            var data = Simulate(seed, tied: true);
            int[] order = [.. Enumerable.Range(0, data.Time.Length)];
            new Random(seed ^ 0x5a5a).Shuffle(order);
            var permuted = new Sample([.. order.Select(i => data.Time[i])], [.. order.Select(i => data.Dead[i])], [.. order.Select(i => data.X[i])],
                [.. order.Select(i => data.Plan[i])], [.. order.Select(i => data.Region[i])]);
            return SameFit(Fit(data, data.X, strata: true), Fit(permuted, permuted.X, strata: true), 1e-9);
        });

    [Property(MaxTest = 60)]
    public Property A_weight_of_two_equals_a_duplicated_row_with_Breslow_ties() =>
        Prop.ForAll(Seeds, seed =>
        {
            // Efron's correction counts tied events, not their weight, so only Breslow (as in R) has this identity.
            var data = Simulate(seed, tied: true);
            var rng = new Random(seed);
            bool[] twice = [.. data.Time.Select(_ => rng.Next(3) == 0)];
            var options = new CoxOptions { Ties = CoxTies.Breslow };
            var weighted = CoxRegression.Fit(
                [.. data.Time.Select((t, i) => new SurvivalObservation(t, data.Dead[i], twice[i] ? 2 : 1))], Design(data, data.X, strata: false), options);
            int[] rows = [.. Enumerable.Range(0, data.Time.Length).SelectMany(i => twice[i] ? new[] { i, i } : [i])];
            var duplicated = new Sample([.. rows.Select(i => data.Time[i])], [.. rows.Select(i => data.Dead[i])], [.. rows.Select(i => data.X[i])],
                [.. rows.Select(i => data.Plan[i])], [.. rows.Select(i => data.Region[i])]);
            var whole = CoxRegression.Fit(duplicated.Time, duplicated.Dead, Design(duplicated, duplicated.X, strata: false), options);
            // The concordance's jackknife error is not the same: a weight-2 row moves as one subject, two rows as two.
            return SameFit(weighted, whole, 1e-8, concordanceError: false) && weighted.TotalWeight == whole.Count
                && (weighted.Concordance is null || Math.Abs(weighted.Concordance.Value - whole.Concordance!.Value) < 1e-12);
        });

    [Property(MaxTest = 60)]
    public Property Converged_fits_are_certified_and_bounded() =>
        Prop.ForAll(Seeds, seed =>
        {
            var data = Simulate(seed, tied: true);
            var model = Fit(data, data.X, strata: seed % 2 == 0);
            if (!model.Diagnostics.IsConverged)
            {
                return model.Coefficients.All(c => c.StandardError is null) && model.Diagnostics.Message is not null;
            }

            return model.Diagnostics.IsCertified
                && model.Concordance is >= 0 and <= 1
                && model.LikelihoodRatioTest!.Statistic >= 0
                && model.LogLikelihood >= model.NullLogLikelihood
                && model.Coefficients.All(c => c.HazardRatioInterval!.Value.Contains(c.HazardRatio));
        });

    private static bool SameFit(CoxModel a, CoxModel b, double tolerance, bool concordanceError = true)
    {
        if (a.Diagnostics.Status != b.Diagnostics.Status)
        {
            return false;
        }

        if (!a.Diagnostics.IsConverged)
        {
            return true;
        }

        bool Close(double? x, double? y) => x is { } u && y is { } v ? Math.Abs(u - v) <= tolerance * Math.Max(1, Math.Abs(u)) : x is null == y is null;
        return a.Coefficients.Zip(b.Coefficients).All(p => Close(p.First.Value, p.Second.Value) && Close(p.First.StandardError, p.Second.StandardError))
            && Close(a.LogLikelihood, b.LogLikelihood)
            && Close(a.ScoreTest?.Statistic, b.ScoreTest?.Statistic)
            && Close(a.Concordance, b.Concordance)
            && (!concordanceError || Close(a.ConcordanceStandardError, b.ConcordanceStandardError));
    }

    private static CoxModel Fit(Sample data, double[] x, bool strata = false) =>
        CoxRegression.Fit(data.Time, data.Dead, Design(data, x, strata));

    private static CoxDesign Design(Sample data, double[] x, bool strata)
    {
        var design = new CoxDesign().WithNumeric("x", x).WithCategorical("plan", data.Plan, "basic");
        return strata ? design.WithStrata("region", data.Region) : design;
    }

    internal static Sample Simulate(int seed, bool tied)
    {
        var rng = new Random(seed);
        int n = rng.Next(30, 150);
        var time = new double[n];
        var dead = new bool[n];
        var x = new double[n];
        var plan = new string[n];
        var region = new string[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Round(rng.NextDouble() * 4, 2);
            plan[i] = rng.Next(3) switch { 0 => "basic", 1 => "plus", _ => "premium" };
            region[i] = rng.Next(2) == 0 ? "north" : "south";
            double rate = 0.1 * Math.Exp((0.4 * x[i]) - (plan[i] == "premium" ? 0.7 : 0));
            double lifetime = -Math.Log(1 - rng.NextDouble()) / rate;
            double censor = rng.NextDouble() * 30;
            double observed = Math.Min(lifetime, censor);
            time[i] = tied ? Math.Ceiling(observed) : observed;
            dead[i] = lifetime <= censor;
        }

        return new Sample(time, dead, x, plan, region);
    }

    internal sealed record Sample(double[] Time, bool[] Dead, double[] X, string[] Plan, string[] Region)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Time.Length} subjects, {Dead.Count(d => d)} events");
    }
}

using CxMetrics.Retention;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>
/// Cox regression with delayed entry, R's counting-process <c>coxph(Surv(start, stop, event) ~ …)</c>: references from R
/// survival 3.5.3 (<c>cox_extension_reference.R</c>, output in <c>cox_extension_reference.out</c>) on the Stanford heart
/// transplant data (<c>survival::heart</c>, transplant as a time-varying covariate) and on lung with invented entries;
/// properties that tie the risk-set walk with entries to the plain one.
/// </summary>
public class CoxDelayedEntryTests
{
    // R: entry = floor(time * runif(0, 0.5)) with set.seed(19), 0 for every third row (cox_extension_reference.R).
    private static readonly double[] LungEntries = [17,110,0,7,161,0,45,103,0,60,34,0,287,32,0,65,121,0,13,36,0,38,253,0,142,138,0,30,145,0,93,8,0,42,24,0,282,336,0,79,212,0,32,36,0,31,130,0,51,47,0,68,11,0,338,4,0,58,206,0,207,64,0,29,58,0,60,312,0,104,14,0,5,57,0,18,97,0,0,53,0,41,95,0,107,119,0,60,135,0,150,101,0,41,234,0,81,30,0,6,267,0,51,44,0,57,105,0,208,170,0,10,17,0,205,0,0,215,85,0,174,87,0,20,103,0,35,19,0,221,121,0,119,166,0,71,12,0,35,127,0,67,69,0,158,100,0,69,0,0,79,85,0,3,61,0,4,69,0,87,76,0,23,49,0,99,3,0,77,139,0,154,95,0,102,54,0,88,40,0,38,127,0,26,32,0,3,52,0,140,105,0,12,6,0,48,54,0,70,11,0,9,119,0,104,43,0,44,80,0,103,62,0,17,2,0,43,70,0,62,11,0,22,3,0,4,2,0];

    [Fact]
    public void Heart_counting_process_fit_matches_R_efron()
    {
        var model = CoxRegression.Fit(HeartData.Observations, HeartData.Design());
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(172, model.Count);
        Assert.Equal(75, model.Events);
        Assert.Equal(0.02716664096, model.Coefficient("age").Value, 1e-8);
        Assert.Equal(-0.14634634567, model.Coefficient("year").Value, 1e-8);
        Assert.Equal(-0.63720988997, model.Coefficient("surgery").Value, 1e-8);
        Assert.Equal(-0.01025077241, model.Coefficient("transplant").Value, 1e-8);
        Assert.Equal(0.01371411521, model.Coefficient("age").StandardError!.Value, 1e-9);
        Assert.Equal(0.07046797952, model.Coefficient("year").StandardError!.Value, 1e-8);
        Assert.Equal(0.36722599618, model.Coefficient("surgery").StandardError!.Value, 1e-8);
        Assert.Equal(0.31375479834, model.Coefficient("transplant").StandardError!.Value, 1e-8);
        Assert.Equal(-298.1213557, model.NullLogLikelihood!.Value, 1e-6);
        Assert.Equal(-290.5656162, model.LogLikelihood!.Value, 1e-6);
        Assert.Equal(15.11147891, model.LikelihoodRatioTest!.Statistic, 1e-6);
        Assert.Equal(14.49, model.WaldTest!.Statistic, 2); // R prints the Wald test rounded
        Assert.Equal(15.03419791, model.ScoreTest!.Statistic, 1e-6);
        Assert.Equal(0.6357601239, model.Concordance!.Value, 1e-9);
        Assert.Equal(0.03307962456, model.ConcordanceStandardError!.Value, 1e-9);
    }

    [Fact]
    public void Heart_counting_process_fit_matches_R_breslow_and_strata()
    {
        var breslow = CoxRegression.Fit(HeartData.Observations, HeartData.Design(), new CoxOptions { Ties = CoxTies.Breslow });
        Assert.Equal(0.02715208076, breslow.Coefficient("age").Value, 1e-8);
        Assert.Equal(-0.14611575000, breslow.Coefficient("year").Value, 1e-8);
        Assert.Equal(-0.63584347560, breslow.Coefficient("surgery").Value, 1e-8);
        Assert.Equal(-0.01189585096, breslow.Coefficient("transplant").Value, 1e-8);
        Assert.Equal(0.31364437674, breslow.Coefficient("transplant").StandardError!.Value, 1e-8);
        Assert.Equal(-290.7945346, breslow.LogLikelihood!.Value, 1e-6);
        Assert.Equal(14.98389647, breslow.ScoreTest!.Statistic, 1e-6);
        Assert.Equal(0.635538836, breslow.Concordance!.Value, 1e-9);

        var stratified = CoxRegression.Fit(HeartData.Observations, HeartData.Design(strataBySurgery: true));
        Assert.Equal(0.030308651164, stratified.Coefficient("age").Value, 1e-8);
        Assert.Equal(0.003979224487, stratified.Coefficient("transplant").Value, 1e-8);
        Assert.Equal(0.31042208567, stratified.Coefficient("transplant").StandardError!.Value, 1e-8);
        Assert.Equal(-270.3978935, stratified.NullLogLikelihood!.Value, 1e-6);
        Assert.Equal(5.552500908, stratified.LikelihoodRatioTest!.Statistic, 1e-6);
        Assert.Equal(5.009090292, stratified.ScoreTest!.Statistic, 1e-6);
        Assert.Equal(0.5724594993, stratified.Concordance!.Value, 1e-9);
        Assert.Equal(0.03863618193, stratified.ConcordanceStandardError!.Value, 1e-9);
    }

    [Fact]
    public void Heart_proportional_hazards_test_matches_R_cox_zph()
    {
        var test = CoxRegression.Fit(HeartData.Observations, HeartData.Design()).ProportionalHazardsTest();
        Assert.Equal(0.8668747, test.Term("age").Statistic, 1e-6);
        Assert.Equal(1.7164144, test.Term("year").Statistic, 1e-6);
        Assert.Equal(0.0973951, test.Term("surgery").Statistic, 1e-6);
        Assert.Equal(0.2029344, test.Term("transplant").Statistic, 1e-6);
        Assert.Equal(3.4731023, test.Global.Statistic, 1e-6);
    }

    [Fact]
    public void Heart_profile_curve_matches_R_survfit()
    {
        var model = CoxRegression.Fit(HeartData.Observations, HeartData.Design());
        var profile = new CoxDesign().WithNumeric("age", [0]).WithNumeric("year", [3]).WithNumeric("surgery", [0]).WithNumeric("transplant", [1]);
        var curve = model.SurvivalCurve(profile);
        double[] times = [10, 50, 200, 1000];
        double[] survival = [0.8602565452, 0.6384693805, 0.3487873502, 0.1449386657];
        double[] se = [0.06059866753, 0.1239186309, 0.2008471454, 0.3517108873];
        double[] lower = [0.7639172313, 0.5007954155, 0.2352877548, 0.07274571366];
        double[] upper = [0.9687454259, 0.813991377, 0.5170375984, 0.2887760083];
        for (int i = 0; i < times.Length; i++)
        {
            var step = curve.Steps.Last(s => s.Time <= times[i]);
            Assert.Equal(survival[i], step.Survival, 1e-8);
            Assert.Equal(se[i], step.StandardError, 1e-8);
            Assert.Equal(lower[i], step.Lower, 1e-8);
            Assert.Equal(upper[i], step.Upper, 1e-8);
        }
    }

    [Fact]
    public void Lung_with_invented_entries_matches_R()
    {
        var lung = LungData.Rows;
        Assert.Equal(lung.Length, LungEntries.Length);
        var observations = lung.Select((r, i) => new SurvivalObservation(LungEntries[i], r.Time, r.Dead)).ToArray();
        var design = new CoxDesign().WithNumeric("age", lung.Select(r => r.Age).ToArray()).WithNumeric("sex", lung.Select(r => (double)r.Sex).ToArray());
        var model = CoxRegression.Fit(observations, design);
        Assert.Equal(0.01547651678, model.Coefficient("age").Value, 1e-8);
        Assert.Equal(-0.48607645353, model.Coefficient("sex").Value, 1e-8);
        Assert.Equal(0.009145358156, model.Coefficient("age").StandardError!.Value, 1e-9);
        Assert.Equal(0.167561599893, model.Coefficient("sex").StandardError!.Value, 1e-8);
        Assert.Equal(-725.1300904, model.NullLogLikelihood!.Value, 1e-6);
        Assert.Equal(-718.8910955, model.LogLikelihood!.Value, 1e-6);
        Assert.Equal(12.47798981, model.LikelihoodRatioTest!.Statistic, 1e-6);
        Assert.Equal(12.11274957, model.ScoreTest!.Statistic, 1e-6);
        Assert.Equal(0.5806091434, model.Concordance!.Value, 1e-9);
        Assert.Equal(0.02319950119, model.ConcordanceStandardError!.Value, 1e-9);
    }

    [Property(MaxTest = 40)]
    public Property All_entries_zero_or_before_the_first_event_equal_the_plain_fit() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var (time, dead, x, plan) = Simulate(seed);
            var design = new CoxDesign().WithNumeric("x", x).WithCategorical("plan", plan, "basic");
            var plain = CoxRegression.Fit(time, dead, design);
            var zero = CoxRegression.Fit([.. time.Select((t, i) => new SurvivalObservation(0, t, dead[i]))], design);
            double first = time.Where((_, i) => dead[i]).DefaultIfEmpty(1).Min();
            var rng = new Random(seed);
            var early = CoxRegression.Fit([.. time.Select((t, i) => new SurvivalObservation(rng.NextDouble() * Math.Min(first, t) * 0.99, t, dead[i]))], design);
            return (SameFit(plain, zero, 1e-12, concordance: true) && SameFit(plain, early, 1e-9, concordance: true)).Label($"seed {seed}");
        });

    [Property(MaxTest = 40)]
    public Property Splitting_a_lifetime_into_two_rows_does_not_change_the_fit() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            // Andersen–Gill: (0, t] with an event equals (0, c] censored plus (c, t] with the event, same covariates.
            var (time, dead, x, plan) = Simulate(seed);
            var rng = new Random(seed ^ 0x3c3c);
            var observations = new List<SurvivalObservation>();
            var xs = new List<double>();
            var plans = new List<string>();
            for (int i = 0; i < time.Length; i++)
            {
                double cut = Math.Floor(rng.NextDouble() * time[i]);
                if (cut > 0 && rng.Next(2) == 0)
                {
                    observations.Add(new SurvivalObservation(0, cut, false));
                    observations.Add(new SurvivalObservation(cut, time[i], dead[i]));
                    xs.AddRange([x[i], x[i]]);
                    plans.AddRange([plan[i], plan[i]]);
                }
                else
                {
                    observations.Add(new SurvivalObservation(time[i], dead[i]));
                    xs.Add(x[i]);
                    plans.Add(plan[i]);
                }
            }

            var plain = CoxRegression.Fit(time, dead, new CoxDesign().WithNumeric("x", x).WithCategorical("plan", plan, "basic"));
            var split = CoxRegression.Fit(observations, new CoxDesign().WithNumeric("x", [.. xs]).WithCategorical("plan", plans, "basic"));
            if (!plain.Diagnostics.IsConverged)
            {
                return (plain.Diagnostics.Status == split.Diagnostics.Status).Label($"seed {seed}: {plain.Diagnostics.Status} vs {split.Diagnostics.Status}");
            }

            var profile = new CoxDesign().WithNumeric("x", [0.5]).WithCategorical("plan", ["premium"], "basic");
            var a = plain.SurvivalCurve(profile).Steps;
            var b = split.SurvivalCurve(profile).Steps;
            bool curves = a.Count == b.Count && a.Zip(b).All(p => p.First.Time == p.Second.Time && Math.Abs(p.First.Survival - p.Second.Survival) < 1e-9
                && Math.Abs(p.First.StandardError - p.Second.StandardError) < 1e-9);
            return (SameFit(plain, split, 1e-9, concordance: false) && curves).Label($"seed {seed}");
        });

    private static bool SameFit(CoxModel a, CoxModel b, double tolerance, bool concordance)
    {
        if (a.Diagnostics.Status != b.Diagnostics.Status || a.Coefficients.Count != b.Coefficients.Count)
        {
            return false;
        }

        if (!a.Diagnostics.IsConverged)
        {
            return true;
        }

        static bool Near(double? x, double? y, double tolerance) => x is null ? y is null : y is { } v && Math.Abs(x.Value - v) <= tolerance * Math.Max(1, Math.Abs(v));
        for (int k = 0; k < a.Coefficients.Count; k++)
        {
            if (!Near(a.Coefficients[k].Value, b.Coefficients[k].Value, tolerance) || !Near(a.Coefficients[k].StandardError, b.Coefficients[k].StandardError, tolerance))
            {
                return false;
            }
        }

        return Near(a.LogLikelihood, b.LogLikelihood, tolerance) && Near(a.ScoreTest?.Statistic, b.ScoreTest?.Statistic, tolerance)
            && (!concordance || (Near(a.Concordance, b.Concordance, tolerance) && Near(a.ConcordanceStandardError, b.ConcordanceStandardError, tolerance)));
    }

    private static (double[] Time, bool[] Dead, double[] X, string[] Plan) Simulate(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(30, 120);
        var time = new double[n];
        var dead = new bool[n];
        var x = new double[n];
        var plan = new string[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Math.Round(rng.NextDouble() * 4, 1);
            int p = rng.Next(3);
            plan[i] = p switch { 0 => "basic", 1 => "plus", _ => "premium" };
            double hazard = 0.05 * Math.Exp((0.3 * x[i]) - (p == 2 ? 0.6 : p == 1 ? 0.2 : 0));
            double life = -Math.Log(1 - rng.NextDouble()) / hazard;
            double followUp = 5 + (rng.NextDouble() * 40);
            time[i] = Math.Ceiling(Math.Min(life, followUp));
            dead[i] = life <= followUp;
        }

        plan[0] = "basic";
        return (time, dead, x, plan);
    }
}

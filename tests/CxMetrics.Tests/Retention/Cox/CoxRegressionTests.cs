using System.Globalization;
using CxMetrics.Retention;
using CxMetrics.Statistics;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>
/// References from R survival 3.5.3 (<c>cox_reference.R</c> next to this file, its output in <c>cox_reference.out</c>) on
/// the NCCTG lung data: <c>coxph(Surv(time, status) ~ age + sex, data = lung)</c> and variants.
/// </summary>
public class CoxRegressionTests
{
    private static readonly LungData.Row[] Lung = LungData.Rows;

    private static CoxDesign AgeSex(IReadOnlyList<LungData.Row> rows) => new CoxDesign()
        .WithNumeric("age", rows.Select(r => r.Age).ToArray())
        .WithNumeric("sex", rows.Select(r => (double)r.Sex).ToArray());

    private static CoxModel FitAgeSex(CoxTies ties = CoxTies.Efron) =>
        CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung), new CoxOptions { Ties = ties });

    [Fact]
    public void Lung_age_and_sex_match_R_coxph_efron()
    {
        var model = FitAgeSex();
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        var age = model.Coefficient("age");
        var sex = model.Coefficient("sex");
        Assert.Equal(0.01704533185, age.Value, 8);
        Assert.Equal(-0.51321851711, sex.Value, 8);
        Assert.Equal(0.009223273477, age.StandardError!.Value, 9);
        Assert.Equal(0.167457962356, sex.StandardError!.Value, 8);
        Assert.Equal(1.848078330, age.Z!.Value, 6);
        Assert.Equal(0.002178445047, sex.PValue!.Value, 8);
        Assert.Equal(0.5985659804, sex.HazardRatio, 8);
        Assert.Equal(0.4310935788, sex.HazardRatioInterval!.Value.Lower, 8);
        Assert.Equal(0.8310985144, sex.HazardRatioInterval!.Value.Upper, 8);
        Assert.Equal(-749.9098014, model.NullLogLikelihood!.Value, 6);
        Assert.Equal(-742.8482458, model.LogLikelihood!.Value, 6);
        Assert.Equal(14.12311121, model.LikelihoodRatioTest!.Statistic, 6);
        Assert.Equal(2, model.LikelihoodRatioTest.DegreesOfFreedom);
        Assert.Equal(0.0008574432116, model.LikelihoodRatioTest.PValue, 9);
        Assert.Equal(13.4732, model.WaldTest!.Statistic, 4); // the reference
        Assert.Equal(0.001186645659, model.WaldTest.PValue, 8);
        Assert.Equal(13.72232149, model.ScoreTest!.Statistic, 6);
        Assert.Equal(0.6028530029, model.Concordance!.Value, 9);
        Assert.Equal(0.02549867777, model.ConcordanceStandardError!.Value, 9);
        Assert.Equal(228, model.Count);
        Assert.Equal(165, model.Events);
        Assert.True(model.Diagnostics.IsCertified);
        Assert.InRange(model.Diagnostics.Iterations, 3, 5);
    }

    [Fact]
    public void Lung_age_and_sex_match_R_coxph_breslow()
    {
        var model = FitAgeSex(CoxTies.Breslow);
        Assert.Equal(0.0170128892, model.Coefficient("age").Value, 8);
        Assert.Equal(-0.5125647915, model.Coefficient("sex").Value, 8);
        Assert.Equal(0.009221953685, model.Coefficient("age").StandardError!.Value, 9);
        Assert.Equal(0.167462063142, model.Coefficient("sex").StandardError!.Value, 8);
        Assert.Equal(-750.1220189, model.NullLogLikelihood!.Value, 6);
        Assert.Equal(-743.0796542, model.LogLikelihood!.Value, 6);
        Assert.Equal(14.08472939, model.LikelihoodRatioTest!.Statistic, 6);
        Assert.Equal(13.68529938, model.ScoreTest!.Statistic, 6);
        Assert.Equal(0.6028530029, model.Concordance!.Value, 9);
    }

    [Fact]
    public void Stratified_by_sex_matches_R()
    {
        var design = new CoxDesign()
            .WithNumeric("age", Lung.Select(r => r.Age).ToArray())
            .WithStrata("sex", Lung.Select(r => r.Sex.ToString(CultureInfo.InvariantCulture)).ToArray());
        var model = CoxRegression.Fit(LungData.Observations(Lung), design);
        var age = Assert.Single(model.Coefficients);
        Assert.Equal(0.01621465186, age.Value, 8);
        Assert.Equal(0.009186854601, age.StandardError!.Value, 9);
        Assert.Equal(-643.4370187, model.NullLogLikelihood!.Value, 6);
        Assert.Equal(3.182244704, model.LikelihoodRatioTest!.Statistic, 6);
        Assert.Equal(3.122011311, model.ScoreTest!.Statistic, 6);
        Assert.Equal(0.5458962264, model.Concordance!.Value, 9);
        Assert.Equal(0.02588103523, model.ConcordanceStandardError!.Value, 9);
        Assert.Equal(["1", "2"], model.Strata);
        Assert.Equal("sex", model.StrataName);
    }

    [Fact]
    public void Case_weights_match_R()
    {
        // weights = 1 + (row %% 3) with R's 1-based rows.
        var model = CoxRegression.Fit(LungData.Observations(Lung, r => 1 + ((r.Index + 1) % 3)), AgeSex(Lung));
        Assert.Equal(0.02002749878, model.Coefficient("age").Value, 8);
        Assert.Equal(-0.66498603370, model.Coefficient("sex").Value, 8);
        Assert.Equal(0.006653358643, model.Coefficient("age").StandardError!.Value, 9);
        Assert.Equal(0.122214684803, model.Coefficient("sex").StandardError!.Value, 8);
        Assert.Equal(-1709.752213, model.NullLogLikelihood!.Value, 5);
        Assert.Equal(45.49762751, model.LikelihoodRatioTest!.Statistic, 6);
        Assert.Equal(44.10209204, model.ScoreTest!.Statistic, 6);
        Assert.Equal(0.6185697303, model.Concordance!.Value, 9);
        Assert.Equal(0.02685987423, model.ConcordanceStandardError!.Value, 9);
        Assert.Equal(Lung.Sum(r => 1 + ((r.Index + 1) % 3)), model.TotalWeight);
    }

    [Theory]
    [InlineData("male", "0")]
    [InlineData("female", "1")]
    public void Categorical_terms_with_a_named_reference_match_R(string sexReference, string ecogReference)
    {
        var rows = Lung.Where(r => r.Ecog is not null).ToArray();
        var design = new CoxDesign()
            .WithNumeric("age", rows.Select(r => r.Age).ToArray())
            .WithCategorical("sex", rows.Select(r => r.Sex == 1 ? "male" : "female").ToArray(), sexReference)
            .WithCategorical("ecog", rows.Select(r => r.Ecog!.Value.ToString(CultureInfo.InvariantCulture)).ToArray(), ecogReference);
        var model = CoxRegression.Fit(LungData.Observations(rows), design);
        Assert.Equal(227, model.Count);
        Assert.Equal(164, model.Events);
        Assert.Equal(0.01079467553, model.Coefficient("age").Value, 8);
        Assert.Equal(30.86672212, model.LikelihoodRatioTest!.Statistic, 6);
        Assert.Equal(5, model.LikelihoodRatioTest.DegreesOfFreedom);
        Assert.Equal(33.55964106, model.ScoreTest!.Statistic, 6);
        Assert.Equal(0.6369838783, model.Concordance!.Value, 9);
        if (sexReference == "male")
        {
            Assert.Equal(["age", "sex=female", "ecog=1", "ecog=2", "ecog=3"], model.Coefficients.Select(c => c.Name));
            Assert.Equal(-0.54583051921, model.Coefficient("sex=female").Value, 8);
            Assert.Equal(0.41004801492, model.Coefficient("ecog=1").Value, 7);
            Assert.Equal(0.90330300965, model.Coefficient("ecog=2").Value, 7);
            Assert.Equal(1.95454337814, model.Coefficient("ecog=3").Value, 6);
            Assert.Equal(1.02970126483, model.Coefficient("ecog=3").StandardError!.Value, 6);
            Assert.Equal(53.1288859596, model.Coefficient("ecog=3").HazardRatioInterval!.Value.Upper, 4);
        }
        else
        {
            Assert.Equal(["age", "sex=male", "ecog=0", "ecog=2", "ecog=3"], model.Coefficients.Select(c => c.Name));
            Assert.Equal(0.54583051921, model.Coefficient("sex=male").Value, 8);
            Assert.Equal(-0.41004801492, model.Coefficient("ecog=0").Value, 7);
            Assert.Equal(0.49325499473, model.Coefficient("ecog=2").Value, 7);
            Assert.Equal(0.18973268927, model.Coefficient("ecog=2").StandardError!.Value, 8);
        }
    }

    [Fact]
    public void Score_test_of_sex_alone_is_the_log_rank_only_for_exact_ties()
    {
        // R: survdiff χ² 10.32674195 = coxph(ties = "exact") score; Efron 10.3251485, Breslow 10.29992432 (lung has tied days).
        var observations = LungData.Observations(Lung);
        var design = new CoxDesign().WithNumeric("sex", Lung.Select(r => (double)r.Sex).ToArray());
        Assert.Equal(10.3251485, CoxRegression.Fit(observations, design).ScoreTest!.Statistic, 6);
        Assert.Equal(10.29992432, CoxRegression.Fit(observations, design, new CoxOptions { Ties = CoxTies.Breslow }).ScoreTest!.Statistic, 6);
        var logRank = LogRank.Of(Lung.Select(r => r.Time).ToArray(), Lung.Select(r => r.Dead).ToArray(), Lung.Select(r => r.Sex).ToArray());
        Assert.Equal(10.32674195, logRank.ChiSquare!.Value, 6);
    }

    [Theory]
    [InlineData(CoxTies.Efron, new[] { 0.9970599851, 0.9052098624, 0.6457429559, 0.4265235398, 0.1345809288 }, 2.005589559941)]
    [InlineData(CoxTies.Breslow, new[] { 0.9970582023, 0.9053184632, 0.6459571204, 0.4268237650, 0.1346650678 }, 2.00496456265)]
    public void Survival_curve_of_a_profile_matches_R_survfit(CoxTies ties, double[] expected, double cumulativeHazardAt1000)
    {
        var model = FitAgeSex(ties);
        var profile = new CoxDesign().WithNumeric("age", [60]).WithNumeric("sex", [2]);
        var curve = model.SurvivalCurve(profile);
        double[] times = [5, 100, 300, 500, 1000];
        for (int i = 0; i < times.Length; i++)
        {
            Assert.Equal(expected[i], curve.SurvivalAt(times[i]), 8);
        }

        Assert.Equal(cumulativeHazardAt1000, curve.Steps.Last(s => s.Time <= 1000).CumulativeHazard, 8);
        Assert.Equal(0.1345809288, FitAgeSex().SurvivalCurve(profile).Steps[^1].Survival, 8); // R: last step at 1022
        Assert.Equal(1.0, curve.SurvivalAt(0));
    }

    [Fact]
    public void Telco_worked_example_matches_R()
    {
        // The docs' "Which factors drive churn?" example (docs/metrics/survival.md); references in cox_reference.out.
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "telco", "telco_churn_tenure.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double[] tenure = [.. rows.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture))];
        bool[] churned = [.. rows.Select(f => f[6] == "Yes")];
        var design = new CoxDesign()
            .WithCategorical("contract", rows.Select(f => f[2]).ToArray(), reference: "Month-to-month")
            .WithCategorical("internet", rows.Select(f => f[3]).ToArray(), reference: "DSL")
            .WithNumeric("monthlyCharges", rows.Select(f => double.Parse(f[5], CultureInfo.InvariantCulture)).ToArray());
        var model = CoxRegression.Fit(tenure, churned, design);
        Assert.Equal(7043, model.Count);
        Assert.Equal(1869, model.Events);
        Assert.Equal(-1.88829874506, model.Coefficient("contract=One year").Value, 7);
        Assert.Equal(-3.71860901613, model.Coefficient("contract=Two year").Value, 7);
        Assert.Equal(0.160968300609, model.Coefficient("contract=Two year").StandardError!.Value, 8);
        Assert.Equal(1.51211267659, model.Coefficient("internet=Fiber optic").Value, 7);
        Assert.Equal(-1.27449146507, model.Coefficient("internet=No").Value, 7);
        Assert.Equal(-0.03142324625, model.Coefficient("monthlyCharges").Value, 9);
        Assert.Equal(2904.646256, model.LikelihoodRatioTest!.Statistic, 5);
        Assert.Equal(2625.954508, model.ScoreTest!.Statistic, 5);
        Assert.Equal(0.8282158092, model.Concordance!.Value, 9);
        Assert.Equal(0.004063371613, model.ConcordanceStandardError!.Value, 9);
    }

    [Fact]
    public void Stratified_curve_uses_the_profile_stratum()
    {
        var design = new CoxDesign()
            .WithNumeric("age", Lung.Select(r => r.Age).ToArray())
            .WithStrata("sex", Lung.Select(r => r.Sex.ToString(CultureInfo.InvariantCulture)).ToArray());
        var model = CoxRegression.Fit(LungData.Observations(Lung), design);
        var women = model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60]).WithStrata("sex", ["2"]));
        var men = model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60]).WithStrata("sex", ["1"]));
        Assert.Equal("2", women.Stratum);
        Assert.True(women.SurvivalAt(365) > men.SurvivalAt(365));
        Assert.Equal(Lung.Where(r => r.Sex == 2 && r.Dead).Select(r => r.Time).Distinct().Count(), women.Steps.Count);
        Assert.Throws<ArgumentException>("profile", () => model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60])));
    }

    [Fact]
    public void Separation_gives_a_boundary_status_naming_the_coefficient_not_garbage()
    {
        // Everyone with x = 1 dies before everyone with x = 0: β → +∞ (R: "Loglik converged before variable 1; coefficient may be infinite").
        double[] time = [1, 2, 3, 4, 5, 6];
        bool[] dead = [true, true, true, true, true, true];
        var model = CoxRegression.Fit(time, dead, new CoxDesign().WithNumeric("x", [1, 1, 1, 0, 0, 0]));
        Assert.Equal(FitStatus.Boundary, model.Diagnostics.Status);
        Assert.Contains("'x'", model.Diagnostics.Message, StringComparison.Ordinal);
        Assert.False(model.Diagnostics.IsConverged);
        Assert.Null(model.Coefficients[0].StandardError);
        Assert.Null(model.Coefficients[0].HazardRatioInterval);
        Assert.Null(model.WaldTest);
        Assert.Null(model.LikelihoodRatioTest);
        Assert.Null(model.Concordance);
        Assert.NotNull(model.ScoreTest); // at β = 0 the score test exists
        Assert.Throws<InvalidOperationException>(() => model.SurvivalCurve(new CoxDesign().WithNumeric("x", [1])));
    }

    [Fact]
    public void A_level_without_events_is_a_boundary()
    {
        double[] time = [1, 2, 3, 4, 5, 6, 7, 8];
        bool[] dead = [true, true, false, true, true, false, false, false];
        string[] plan = ["a", "a", "a", "a", "b", "a", "b", "b"];
        dead[4] = false;
        var model = CoxRegression.Fit(time, dead, new CoxDesign().WithCategorical("plan", plan, "a"));
        Assert.Equal(FitStatus.Boundary, model.Diagnostics.Status);
        Assert.Contains("plan=b", model.Diagnostics.Message, StringComparison.Ordinal);
        Assert.True(model.Coefficients[0].Value < -5);
    }

    [Fact]
    public void Constant_or_collinear_covariates_do_not_converge()
    {
        double[] time = [1, 2, 3, 4, 5, 6];
        bool[] dead = [true, false, true, true, false, true];
        var constant = CoxRegression.Fit(time, dead, new CoxDesign().WithNumeric("x", [2, 2, 2, 2, 2, 2]));
        Assert.Equal(FitStatus.NotConverged, constant.Diagnostics.Status);
        Assert.Null(constant.ScoreTest);
        double[] x = [1, 5, 2, 7, 3, 3];
        var collinear = CoxRegression.Fit(time, dead, new CoxDesign().WithNumeric("x", x).WithNumeric("twice", x.Select(v => 2 * v).ToArray()));
        Assert.Equal(FitStatus.NotConverged, collinear.Diagnostics.Status);
        Assert.Contains("singular", collinear.Diagnostics.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_events_or_no_rows_is_no_data()
    {
        var none = CoxRegression.Fit([1.0, 2], [false, false], new CoxDesign().WithNumeric("x", [1, 2]));
        Assert.Equal(FitStatus.NoData, none.Diagnostics.Status);
        Assert.Empty(none.Coefficients);
        Assert.Null(none.LogLikelihood);
        var empty = CoxRegression.Fit(ReadOnlySpan<double>.Empty, ReadOnlySpan<bool>.Empty, new CoxDesign());
        Assert.Equal(FitStatus.NoData, empty.Diagnostics.Status);
        Assert.Equal(0, empty.Count);
    }

    [Fact]
    public void The_null_model_has_a_log_likelihood_and_no_tests()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), new CoxDesign());
        Assert.Equal(FitStatus.Converged, model.Diagnostics.Status);
        Assert.Equal(-749.9098014, model.LogLikelihood!.Value, 6);
        Assert.Null(model.LikelihoodRatioTest);
        Assert.Empty(model.Coefficients);
    }

    [Fact]
    public void Iteration_limit_is_reported()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung), new CoxOptions { MaxIterations = 1 });
        Assert.Equal(FitStatus.IterationLimit, model.Diagnostics.Status);
        Assert.Null(model.Coefficients[0].StandardError);
    }

    [Fact]
    public void Invalid_arguments_name_their_parameter()
    {
        var design = new CoxDesign().WithNumeric("x", [1, 2, 3]);
        Assert.Throws<ArgumentException>("design", () => CoxRegression.Fit([1.0, 2], [true, true], design));
        Assert.Throws<ArgumentException>("events", () => CoxRegression.Fit([1.0, 2], [true], design));
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => CoxRegression.Fit([1.0, -2, 3], [true, true, true], design));
        Assert.Throws<ArgumentException>("design", () => CoxRegression.Fit([1.0, 2, 3], [true, true, true], new CoxDesign().WithCategorical("plan", ["a", "b", "a"], "c")));
        Assert.Throws<ArgumentException>("values", () => new CoxDesign().WithNumeric("x", [1, double.NaN]));
        Assert.Throws<ArgumentException>("values", () => design.WithNumeric("y", [1, 2]));
        Assert.Throws<ArgumentException>("name", () => design.WithNumeric("x", [1, 2, 3]));
        Assert.Throws<ArgumentNullException>("design", () => CoxRegression.Fit([1.0], [true], null!));
        Assert.Throws<ArgumentOutOfRangeException>("MaxIterations", () => new CoxOptions { MaxIterations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>("Ties", () => new CoxOptions { Ties = (CoxTies)7 });
        Assert.Throws<ArgumentException>("name", () => FitAgeSex().Coefficient("height"));
        var model = FitAgeSex();
        Assert.Throws<ArgumentException>("profile", () => model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60, 70]).WithNumeric("sex", [1, 1])));
        Assert.Throws<ArgumentException>("profile", () => model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60])));
    }

    [Fact]
    public void Report_and_text_show_the_coefficients()
    {
        var model = FitAgeSex();
        string text = model.ToReport().ToText();
        Assert.Contains("sex", text, StringComparison.Ordinal);
        Assert.Contains("0.5986", text, StringComparison.Ordinal);
        Assert.Contains("0.603", text, StringComparison.Ordinal);
        Assert.StartsWith("Cox (Efron), n = 228, events = 165: age: HR 1.02", model.ToString(), StringComparison.Ordinal);
    }
}

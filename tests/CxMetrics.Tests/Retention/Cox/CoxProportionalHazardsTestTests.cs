using System.Globalization;
using CxMetrics.Retention;
using CxMetrics.Statistics;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>
/// <see cref="CoxModel.ProportionalHazardsTest"/> against R survival 3.5.3's <c>cox.zph(fit)</c> (transform "km",
/// terms = TRUE) on <c>coxph(Surv(time, status) ~ age + sex, data = lung)</c>; <c>cox_reference.R</c> next to this file
/// prints the references into <c>cox_reference.out</c> (section "cox.zph").
/// </summary>
public class CoxProportionalHazardsTestTests
{
    private static CoxModel FitAgeSex(CoxTies ties) => CoxRegression.Fit(
        LungData.Observations(LungData.Rows),
        new CoxDesign().WithNumeric("age", LungData.Rows.Select(r => r.Age).ToArray()).WithNumeric("sex", LungData.Rows.Select(r => (double)r.Sex).ToArray()),
        new CoxOptions { Ties = ties });

    [Theory]
    [InlineData(CoxTies.Efron, 0.209203, 0.64739, 2.607672, 0.10635, 2.770785, 0.25023)]
    [InlineData(CoxTies.Breslow, 0.207957, 0.64837, 2.599453, 0.10690, 2.760991, 0.25145)]
    public void Lung_age_and_sex_match_R_cox_zph(CoxTies ties, double age, double ageP, double sex, double sexP, double global, double globalP)
    {
        var test = FitAgeSex(ties).ProportionalHazardsTest();
        Assert.Equal(["age", "sex"], test.Terms.Select(t => t.Name));
        AssertClose(age, test.Term("age").Statistic, 1e-5);
        AssertClose(ageP, test.Term("age").PValue, 1e-4);
        AssertClose(sex, test.Term("sex").Statistic, 1e-5);
        AssertClose(sexP, test.Term("sex").PValue, 1e-4);
        AssertClose(global, test.Global.Statistic, 1e-5);
        AssertClose(globalP, test.Global.PValue, 1e-4);
        Assert.Equal(1, test.Term("age").DegreesOfFreedom);
        Assert.Equal(2, test.Global.DegreesOfFreedom);
    }

    [Fact]
    public void Stratified_fit_matches_R_cox_zph()
    {
        var rows = LungData.Rows;
        var design = new CoxDesign()
            .WithNumeric("age", rows.Select(r => r.Age).ToArray())
            .WithStrata("sex", rows.Select(r => r.Sex.ToString(CultureInfo.InvariantCulture)).ToArray());
        var test = CoxRegression.Fit(LungData.Observations(rows), design).ProportionalHazardsTest();
        AssertClose(0.145819, test.Term("age").Statistic, 1e-5);
        AssertClose(0.70256, test.Term("age").PValue, 1e-4);
        AssertClose(0.145819, test.Global.Statistic, 1e-5);
        Assert.Single(test.Terms);
    }

    [Fact]
    public void Case_weights_match_R_cox_zph()
    {
        var rows = LungData.Rows;
        var design = new CoxDesign().WithNumeric("age", rows.Select(r => r.Age).ToArray()).WithNumeric("sex", rows.Select(r => (double)r.Sex).ToArray());
        var test = CoxRegression.Fit(LungData.Observations(rows, r => 1 + ((r.Index + 1) % 3)), design).ProportionalHazardsTest();
        AssertClose(0.0179818, test.Term("age").Statistic, 1e-5);
        AssertClose(4.6242311, test.Term("sex").Statistic, 1e-6);
        AssertClose(0.031523, test.Term("sex").PValue, 1e-4);
        AssertClose(4.7255097, test.Global.Statistic, 1e-6);
        AssertClose(0.094160, test.Global.PValue, 1e-4);
    }

    [Fact]
    public void A_categorical_term_is_tested_on_one_df_per_level_as_R_cox_zph()
    {
        var rows = LungData.Rows.Where(r => r.Ecog is not null).ToArray();
        var design = new CoxDesign()
            .WithNumeric("age", rows.Select(r => r.Age).ToArray())
            .WithCategorical("sex", rows.Select(r => r.Sex == 1 ? "male" : "female").ToArray(), "male")
            .WithCategorical("ecog", rows.Select(r => r.Ecog!.Value.ToString(CultureInfo.InvariantCulture)).ToArray(), "0");
        var test = CoxRegression.Fit(LungData.Observations(rows), design).ProportionalHazardsTest();
        Assert.Equal(["age", "sex", "ecog"], test.Terms.Select(t => t.Name));
        AssertClose(0.163225, test.Term("age").Statistic, 1e-5);
        AssertClose(2.406426, test.Term("sex").Statistic, 1e-5);
        AssertClose(5.649864, test.Term("ecog").Statistic, 1e-5);
        Assert.Equal(3, test.Term("ecog").DegreesOfFreedom);
        AssertClose(0.12994, test.Term("ecog").PValue, 1e-4);
        AssertClose(7.776731, test.Global.Statistic, 1e-5);
        Assert.Equal(5, test.Global.DegreesOfFreedom);
        AssertClose(0.16898, test.Global.PValue, 1e-4);
    }

    [Fact]
    public void A_model_that_did_not_converge_has_no_test()
    {
        var model = CoxRegression.Fit([1.0, 2, 3, 4, 5, 6], [true, true, true, true, true, true], new CoxDesign().WithNumeric("x", [1, 1, 1, 0, 0, 0]));
        Assert.Equal(FitStatus.Boundary, model.Diagnostics.Status);
        Assert.Throws<InvalidOperationException>(model.ProportionalHazardsTest);
    }

    [Fact]
    public void Unknown_term_is_an_argument_error()
    {
        var test = FitAgeSex(CoxTies.Efron).ProportionalHazardsTest();
        Assert.Throws<ArgumentException>("name", () => test.Term("weight"));
        Assert.StartsWith("age: χ² = 0.209 on 1 df", test.ToString(), StringComparison.Ordinal);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected}, got {actual}");
}

using CxMetrics.Retention;

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
    public void Unknown_term_is_an_argument_error()
    {
        var test = FitAgeSex(CoxTies.Efron).ProportionalHazardsTest();
        Assert.Throws<ArgumentException>("name", () => test.Term("weight"));
        Assert.StartsWith("age: χ² = 0.209 on 1 df", test.ToString(), StringComparison.Ordinal);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected}, got {actual}");
}

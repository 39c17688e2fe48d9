using CxMetrics.Retention;

namespace CxMetrics.Tests.Retention;

/// <summary>Kaplan–Meier on the bundled IBM Telco sample (tenure in months, churn flag; right-censored).</summary>
public class KaplanMeierTelcoTests
{
    private static readonly (string Id, double Tenure, string Contract, bool Churned)[] Customers = Load();

    [Fact]
    public void Sample_has_all_customers_and_churners()
    {
        Assert.Equal(7043, Customers.Length);
        Assert.Equal(1869, Customers.Count(c => c.Churned));
    }

    [Fact]
    public void Overall_curve_matches_an_independent_product_limit_computation()
    {
        // Values from a direct product-limit computation in Python over the same file (n, d, S, Greenwood SE).
        var fit = KaplanMeier.Fit(Customers.Select(c => c.Tenure).ToArray(), Customers.Select(c => c.Churned).ToArray());
        var at12 = fit.StepAt(12)!.Value;
        Assert.Equal(4974, at12.AtRisk);
        Assert.Equal(38, at12.Events);
        Assert.Equal(0.8431995538158313, at12.Survival, 12);
        Assert.Equal(0.004492160254841062, at12.StandardError!.Value, 12);
        Assert.Equal(0.7887363983705988, fit.SurvivalAt(24), 12);
        Assert.Equal(0.5927901520522304, fit.SurvivalAt(72), 12);
        Assert.Null(fit.Median);
    }

    [Fact]
    public void Month_to_month_customers_churn_far_faster_than_contract_customers()
    {
        var curves = KaplanMeier.By(Customers, c => c.Contract, c => new SurvivalObservation(c.Tenure, c.Churned, id: c.Id));
        Assert.Equal(["Month-to-month", "One year", "Two year"], curves.Select(c => c.Key));
        var monthly = curves[0].Result;
        Assert.Equal(3875, monthly.Count);
        Assert.Equal(0.703096636348866, monthly.SurvivalAt(12), 12);
        Assert.Equal(35, monthly.Median);
        Assert.Equal(0.9908082040748656, curves[1].Result.SurvivalAt(12), 12);
        Assert.Equal(1.0, curves[2].Result.SurvivalAt(24));

        var test = LogRank.By(Customers, c => c.Contract, c => new SurvivalObservation(c.Tenure, c.Churned));
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.True(test.ChiSquare > 1000);
        Assert.True(test.PValue < 1e-100);
    }

    private static (string, double, string, bool)[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "telco", "telco_churn_tenure.csv");
        return [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            return (f[0], double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2], f[6] == "Yes");
        })];
    }
}

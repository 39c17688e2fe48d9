using CxMetrics.Commerce;
using CxMetrics.Retention;
using CxMetrics.Tests.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class RetentionRenderingTests
{
    private static readonly Instant Jul1 = Instant.FromUtc(2024, 7, 1, 0, 0);
    private static readonly Interval Q2 = new(Instant.FromUtc(2024, 4, 1, 0, 0), Jul1);

    private static Order O(string customer, int month, int day) => new(customer, Instant.FromUtc(2024, month, day, 12, 0), 10m, "EUR");

    private static Order[] Orders() => [O("x", 1, 1), O("x", 6, 15), O("x", 7, 5), O("y", 1, 1), O("z", 6, 1), O("z", 6, 20), O("w", 2, 1), O("w", 3, 1)];

    [Fact]
    public void Kaplan_meier_renders_the_median_and_one_row_per_step()
    {
        var fit = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        string md = fit.ToReport().ToMarkdown();
        string html = fit.ToReport().ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.Contains("| median survival | 31 |", md, StringComparison.Ordinal);
        Assert.Contains("| n | 11 |", md, StringComparison.Ordinal);
        Assert.Contains("| time | at risk | events | censored | S(t) | standard error | 95% CI |", md, StringComparison.Ordinal);
        Assert.Contains("| 9 | 11 | 1 | 0 | 0.9091 |", md, StringComparison.Ordinal); // R survfit: 0.909091 at t = 9
        Assert.Equal(fit.Steps.Count, html.Split("<tr>", StringSplitOptions.None).Length - 1 - 1 - 6); // steps + header row + 6 summary rows
        Assert.StartsWith("<div class=\"cxmetrics-result\"><table", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Kaplan_meier_without_a_median_says_so()
    {
        var fit = KaplanMeier.Fit([1.0, 2, 3], [true, false, false]);
        string md = fit.ToReport().ToMarkdown();
        Assert.Contains("| median survival | — |", md, StringComparison.Ordinal);
        Assert.Contains("S(t) never reaches 0.5: the median is not reached.", md, StringComparison.Ordinal);
        RenderingAssert.WellFormed(md, fit.ToReport().ToHtml());
    }

    [Fact]
    public void Log_rank_renders_the_test_and_escapes_group_labels()
    {
        var result = LogRank.Of(AmlData.AllTime, AmlData.AllEvent, AmlData.AllGroup);
        string md = result.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, result.ToReport().ToHtml());
        Assert.Contains("| degrees of freedom | 1 |", md, StringComparison.Ordinal);
        Assert.Contains($"| χ² | {result.ChiSquare:0.000} |", md, StringComparison.Ordinal);

        var labelled = result with { Groups = [result.Groups[0] with { Label = "<b>a|b</b>" }, result.Groups[1]] };
        Assert.Contains("&lt;b&gt;a|b&lt;/b&gt;", labelled.ToReport().ToHtml(), StringComparison.Ordinal);
        Assert.Contains("| <b>a\\|b</b> |", labelled.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Shifted_beta_geometric_renders_parameters_with_standard_errors_and_the_fit()
    {
        var model = ShiftedBetaGeometric.Fit(1000, ShiftedBetaGeometricTests.Regular);
        string md = model.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, model.ToReport().ToHtml());
        Assert.Contains($"| alpha | {model.Alpha.Value:0.0000} | {model.Alpha.StandardError:0.0000} |", md, StringComparison.Ordinal);
        Assert.Contains("| alpha | 0.70", md, StringComparison.Ordinal); // Fader & Hardie (2007): α = 0.704
        Assert.Contains("| beta | 1.18", md, StringComparison.Ordinal); // β = 1.182
        Assert.Contains("| status | Converged |", md, StringComparison.Ordinal);
        Assert.Contains("| log-likelihood | -1,680.", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Beta_discrete_weibull_renders_three_parameters()
    {
        var cohorts = new[] { new SurvivalCohort(1000, ShiftedBetaGeometricTests.Regular) };
        var model = BetaDiscreteWeibull.Fit(cohorts);
        string md = model.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, model.ToReport().ToHtml());
        Assert.Contains("| c |", md, StringComparison.Ordinal);
        Assert.Contains("| cohorts | 1 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohort_matrix_grid_shows_unobservable_cells_as_dashes()
    {
        var m = Cohorts.Of([new Order("a", Instant.FromUtc(2024, 1, 5, 12, 0), 10m, "EUR"), new Order("a", Instant.FromUtc(2024, 2, 3, 12, 0), 20m, "EUR"),
             new Order("b", Instant.FromUtc(2024, 1, 20, 12, 0), 30m, "EUR"), new Order("c", Instant.FromUtc(2024, 2, 10, 12, 0), 15m, "EUR")], Instant.FromUtc(2024, 3, 1, 0, 0), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CohortOptions.Default);
        string md = m.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, m.ToReport().ToHtml());
        Assert.Contains("| cohort | size | +0 | +1 |", md, StringComparison.Ordinal);
        Assert.Contains("| 2024-01 | 2 | 100.0% | 50.0% |", md, StringComparison.Ordinal);
        Assert.Contains("| 2024-02 | 1 | 100.0% | — |", md, StringComparison.Ordinal);
        Assert.Contains("| zone | UTC |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Churn_results_render_rates_and_customer_flows()
    {
        var inactivity = InactivityChurn.Of(Orders(), Duration.FromDays(90), Jul1);
        string md = inactivity.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, inactivity.ToReport().ToHtml());
        Assert.Contains("| pending (window still open) | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("| inactivity window | 90 days |", md, StringComparison.Ordinal);

        var frequency = PurchaseFrequency.Of(Orders(), Q2);
        Assert.Contains("| period | 2024-04-01T00:00:00Z – 2024-07-01T00:00:00Z |", frequency.ToReport().ToMarkdown(), StringComparison.Ordinal);
        RenderingAssert.WellFormed(frequency.ToReport().ToMarkdown(), frequency.ToReport().ToHtml());

        var retention = RetentionRate.Of(Orders(), Q2, Duration.FromDays(90));
        RenderingAssert.WellFormed(retention.ToReport().ToMarkdown(), retention.ToReport().ToHtml());
        Assert.Contains("| retention (E − N)/S |", retention.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_churn_without_customers_at_risk_prints_dashes()
    {
        var r = CustomerChurn.Of(SubscriptionHistory.Replay([]), new Interval(Jul1, Jul1.Plus(Duration.FromDays(31))), new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Include });
        string md = r.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, r.ToReport().ToHtml());
        Assert.Contains("| churn rate | — |", md, StringComparison.Ordinal);
        Assert.Contains("| CI | — |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Revenue_churn_renders_the_mrr_bridge_with_the_currency()
    {
        var r = new RevenueChurnResult
        {
            Period = Q2, Currency = "EUR", StartingMrr = 1000m, NewMrr = 100m, ExpansionMrr = 50m, ContractionMrr = 20m, ChurnedMrr = 80m,
            ReactivationMrr = 0m, EndingMrr = 1050m, GrossMrrChurnRate = 0.1, NetMrrChurnRate = 0.05, StartingPayingCustomers = 10, EndingPayingCustomers = 11,
            GrossRevenueRetention = 0.9, NetRevenueRetention = 0.95,
        };
        string md = r.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, r.ToReport().ToHtml());
        Assert.Contains("| starting MRR | 1,000.00 EUR |", md, StringComparison.Ordinal);
        Assert.Contains("| net revenue retention | 95.00% |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Restricted_mean_survival_renders_its_interval()
    {
        var rmst = new RestrictedMeanSurvival { Horizon = 52, Value = 30.5, StandardError = 2, Interval = new CxMetrics.Statistics.ConfidenceInterval(26.58, 34.42, 0.95) };
        string md = rmst.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, rmst.ToReport().ToHtml());
        Assert.Contains("| 95% CI | [26.58, 34.42] |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Beta_discrete_weibull_comparison_renders_both_fits_and_the_test()
    {
        var comparison = BetaDiscreteWeibull.FitBoth([new SurvivalCohort(1000, ShiftedBetaGeometricTests.Regular)]);
        string md = comparison.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, comparison.ToReport().ToHtml());
        Assert.Contains("| sBG log-likelihood | -1,680.", md, StringComparison.Ordinal); // Fader & Hardie (2007): LL −1680.3
        Assert.Contains($"| BdW c | {comparison.BetaDiscreteWeibull.C.Value:0.000} |", md, StringComparison.Ordinal);
        Assert.Contains($"| likelihood ratio | {comparison.Statistic:0.00} |\n| degrees of freedom | 1 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohort_matrix_prints_one_line()
    {
        var m = Cohorts.Of([new Order("a", Instant.FromUtc(2024, 1, 5, 12, 0), 10m, "EUR"), new Order("a", Instant.FromUtc(2024, 2, 3, 12, 0), 20m, "EUR"),
             new Order("b", Instant.FromUtc(2024, 1, 20, 12, 0), 30m, "EUR"), new Order("c", Instant.FromUtc(2024, 2, 10, 12, 0), 15m, "EUR")], Instant.FromUtc(2024, 3, 1, 0, 0), new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month), CohortOptions.Default);
        Assert.Equal($"Cohort retention by Month (UTC, {m.Anchor}): 2 cohorts, 3 customers, {m.Columns} offsets, as of 2024-03-01T00:00:00Z", m.ToString());
    }
}

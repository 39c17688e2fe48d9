using CxMetrics.Lifetime;
using CxMetrics.Tests.Internal;

namespace CxMetrics.Tests.Lifetime;

public class LifetimeRenderingTests
{
    [Fact]
    public void Bg_nbd_on_cdnow_renders_the_published_parameters_their_errors_and_the_fit()
    {
        // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426 on the CDNOW sample.
        var model = BetaGeoNbd.Fit(CdnowFixture.Summary);
        string md = model.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, model.ToReport().ToHtml());
        Assert.Contains("**BG/NBD parameters**", md, StringComparison.Ordinal);
        Assert.Contains("| parameter | estimate | standard error |", md, StringComparison.Ordinal);
        Assert.Contains("| r | 0.24", md, StringComparison.Ordinal);
        Assert.Contains("| alpha | 4.41", md, StringComparison.Ordinal);
        Assert.Contains("| status | Converged", md, StringComparison.Ordinal);
        Assert.Contains("| log-likelihood | -9,582.4", md, StringComparison.Ordinal);
        foreach (var e in new[] { model.R, model.Alpha, model.A, model.B })
        {
            Assert.Contains($"| {e.Name} | {e.Value:0.0000} | {e.StandardError:0.0000} |", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gamma_gamma_renders_the_expected_spend()
    {
        var model = GammaGamma.Fit(CdnowFixture.Summary);
        string md = model.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, model.ToReport().ToHtml());
        Assert.Contains($"expected spend per order E(M) = pγ/(q − 1): {model.ExpectedSpend:0.00}", md, StringComparison.Ordinal);
        Assert.Contains("<tfoot>", model.ToReport().ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fit_without_data_renders_its_status_and_dashes_not_NaN()
    {
        var pareto = ParetoNbd.Fit(RfmData.Create([], [], []));
        string md = pareto.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, pareto.ToReport().ToHtml());
        Assert.Contains("| status | NoData |", md, StringComparison.Ordinal);
        Assert.Contains("| log-likelihood | — |", md, StringComparison.Ordinal);

        var bgbb = BetaGeoBetaBinomial.Fit([], [], []);
        RenderingAssert.WellFormed(bgbb.ToReport().ToMarkdown(), bgbb.ToReport().ToHtml());
        Assert.Contains("**BG/BB parameters**", bgbb.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_base_summary_renders_counts_and_means()
    {
        var summary = CdnowFixture.Summary;
        string md = summary.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, summary.ToReport().ToHtml());
        Assert.Contains("| customers | 2,357 |", md, StringComparison.Ordinal);
        Assert.Contains("| calibration end | 1997-09-30 |", md, StringComparison.Ordinal);
        Assert.Contains("| holdout end | 1998-06-30 |", md, StringComparison.Ordinal);
        Assert.Contains($"| repeat buyers (x > 0) | {summary.Customers.Count(c => c.Frequency > 0):N0} |", md, StringComparison.Ordinal);
        Assert.Contains("mean age T (weeks)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_summary_renders_its_rfm_values_and_escapes_the_id()
    {
        var customer = new CustomerSummary
        {
            CustomerId = "<c&1>", FirstPurchase = new NodaTime.LocalDate(1997, 1, 1), Frequency = 2, Recency = 30.43, Age = 38.86,
            MeanRepeatSpend = 25.5, CalibrationSpend = 80.25m,
        };
        string md = customer.ToReport().ToMarkdown();
        string html = customer.ToReport().ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.StartsWith("| Customer <c&1> | |", md, StringComparison.Ordinal);
        Assert.Contains("| first purchase | 1997-01-01 |\n| repeat transactions x | 2 |\n| recency t_x | 30.43 |\n| age T | 38.86 |\n| mean repeat spend | 25.50 |\n| calibration spend | 80.25 |", md, StringComparison.Ordinal);
        Assert.Contains("| holdout transactions | — |", md, StringComparison.Ordinal);
        Assert.Contains("Customer &lt;c&amp;1&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<c&1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_base_summary_prints_one_line()
    {
        var summary = CdnowFixture.Summary;
        long repeat = summary.Customers.Count(c => c.Frequency > 0);
        Assert.Equal(
            $"Customer base: {summary.Customers.Count:N0} customers ({repeat:N0} repeat buyers), calibration to 1997-09-30, {summary.AcquiredAfterCalibration:N0} acquired after calibration",
            summary.ToString());
    }
}

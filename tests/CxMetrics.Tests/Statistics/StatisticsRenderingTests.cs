using CxMetrics.Statistics;
using CxMetrics.Tests.Internal;

namespace CxMetrics.Tests.Statistics;

/// <summary>Markdown / HTML tables of the statistics results, checked against hand-worked values.</summary>
public class StatisticsRenderingTests
{
    [Fact]
    public void Proportion_estimate_renders_share_wilson_interval_and_standard_error()
    {
        // 50 of 100: Wilson 95% [0.4038, 0.5962]; SE = √(0.25/100) = 5 pp.
        var estimate = Proportion.FromCounts(50, 100);
        string md = estimate.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, estimate.ToReport().ToHtml());
        Assert.StartsWith("| Proportion | |\n| --- | ---: |\n| share | 50.00% |\n", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI (Wilson) | [40.38%, 59.62%] |", md, StringComparison.Ordinal);
        Assert.Contains("| standard error (pp) | 5.00 |", md, StringComparison.Ordinal);
        Assert.Contains("| successes | 50 |", md, StringComparison.Ordinal);
        Assert.Contains("| n | 100 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_proportion_estimate_renders_dashes()
    {
        var estimate = Proportion.FromCounts(0, 0);
        string md = estimate.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, estimate.ToReport().ToHtml());
        Assert.Contains("| share | — |", md, StringComparison.Ordinal);
        Assert.Contains("| CI (Wilson) | — |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Proportion_comparison_renders_newcombe_interval_z_and_p()
    {
        // 60/100 vs 40/100: Wilson [0.5020, 0.6906] and [0.3094, 0.4980]; Newcombe [0.0614, 0.3281];
        // pooled p = 0.5, SE = √(0.25·0.02) = 0.0707, z = 2.828, p = 0.00468.
        var comparison = Proportion.Compare(Proportion.FromCounts(60, 100), Proportion.FromCounts(40, 100));
        string md = comparison.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, comparison.ToReport().ToHtml());
        Assert.Contains("| first | 60.0% [50.2%, 69.1%] (60 of 100) |", md, StringComparison.Ordinal);
        Assert.Contains("| second | 40.0% [30.9%, 49.8%] (40 of 100) |", md, StringComparison.Ordinal);
        Assert.Contains("| difference (pp) | +20.00 |", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI (Newcombe, pp) | [6.14, 32.81] |", md, StringComparison.Ordinal);
        Assert.Contains("| z (pooled) | 2.828 |", md, StringComparison.Ordinal);
        Assert.Contains("| p (two-sided) | 0.0047 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Proportion_ratio_renders_ratio_log_interval_and_uplift()
    {
        // 0.6/0.4 = 1.5; SE(ln) = √(1/60 − 1/100 + 1/40 − 1/100) = 0.1472 → [1.124, 2.002].
        var ratio = ProportionRatio.Of(Proportion.FromCounts(60, 100), Proportion.FromCounts(40, 100));
        string md = ratio.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, ratio.ToReport().ToHtml());
        Assert.Contains("| ratio | 1.500 |", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI (log ratio) | [1.124, 2.002] |", md, StringComparison.Ordinal);
        Assert.Contains("| uplift | 50.0% |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Mean_estimate_and_welch_comparison_render_their_parts()
    {
        var first = Moments(1, 2, 3, 4, 5);
        var second = Moments(2, 3, 4, 5, 6);
        var mean = first.ToEstimate();
        string md = mean.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, mean.ToReport().ToHtml());
        Assert.Contains("| mean | 3.00 |", md, StringComparison.Ordinal);
        Assert.Contains("| standard deviation | 1.58 |", md, StringComparison.Ordinal);
        Assert.Contains("| standard error | 0.71 |", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI | [1.04, 4.96] |", md, StringComparison.Ordinal); // 3 ± t(4)·0.7071 = 3 ± 1.963

        // Welch: difference −1, SE = 1, t = −1 on 8 df, p = 0.3466.
        var comparison = WelchTest.From(first, second);
        string cmd = comparison.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(cmd, comparison.ToReport().ToHtml());
        Assert.Contains("| difference | -1.00 |", cmd, StringComparison.Ordinal);
        Assert.Contains("| t (Welch) | -1.000 |", cmd, StringComparison.Ordinal);
        Assert.Contains("| degrees of freedom | 8.0 |", cmd, StringComparison.Ordinal);
        Assert.Contains("| p (two-sided) | 0.3466 |", cmd, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_renders_the_exact_poisson_interval()
    {
        // 10 events in 1,000 hours per 1,000: Garwood 95% for 10 events [4.795, 18.390].
        var rate = PoissonRate.FromCounts(10, 1000, per: 1000);
        string md = rate.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, rate.ToReport().ToHtml());
        Assert.Contains("| rate per 1,000 | 10.00 |", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI | [4.80, 18.39] |", md, StringComparison.Ordinal);
        Assert.Contains("| events | 10 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantile_summary_renders_type_7_quantiles()
    {
        var summary = QuantileSummary.Of([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        string md = summary.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, summary.ToReport().ToHtml());
        Assert.Contains("| P10 | 1.9 |\n| P25 | 3.25 |\n| median | 5.5 |\n| P75 | 7.75 |\n| P90 | 9.1 |", md, StringComparison.Ordinal);
        Assert.Contains("| median | — |", QuantileSummary.Empty.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Chi_square_result_prints_statistic_df_and_p()
    {
        // 60/40 against 50/50: χ² = 2·10²/50 = 4 on 1 df, p = 0.0455.
        var test = ChiSquareTest.GoodnessOfFit([60L, 40], [0.5, 0.5]);
        Assert.Equal("χ² = 4.000 on 1 df, p = 0.0455", test.ToString());
        string md = test.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, test.ToReport().ToHtml());
        Assert.Contains("| χ² | 4.000 |\n| degrees of freedom | 1 |\n| p (upper tail) | 0.0455 |", md, StringComparison.Ordinal);
    }

    private static RunningMoments Moments(params double[] values)
    {
        var moments = new RunningMoments();
        foreach (double v in values)
        {
            moments.Add(v);
        }

        return moments;
    }
}

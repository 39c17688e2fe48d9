using CxMetrics.Experiments;
using CxMetrics.Statistics;
using CxMetrics.Tests.Internal;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

public class ExperimentRenderingTests
{
    private static ExperimentDesign Design() => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["<b>10% off</b>"] = 0.5 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = MultipleComparisonMethod.Holm,
    };

    private static IEnumerable<ExperimentObservation> Arm(string arm, int converted, int total) =>
        Enumerable.Range(0, total).Select(i => new ExperimentObservation($"{arm}-{i}", arm, null, OutcomeStatus.Observed, i < converted, i < converted ? 20 + (i % 7) : 0));

    [Fact]
    public void Readout_renders_checks_arms_and_comparisons_with_escaped_arm_names()
    {
        var readout = Experiment.Of(Arm("control", 200, 2000).Concat(Arm("<b>10% off</b>", 240, 2000)), Design());
        string md = readout.ToReport().ToMarkdown();
        string html = readout.ToReport().ToHtml();
        RenderingAssert.WellFormed(md, html);
        Assert.Contains("| trustworthy (sample ratio matches the plan) | yes |", md, StringComparison.Ordinal);
        Assert.Contains("| observed customers | 4,000 |", md, StringComparison.Ordinal);
        Assert.Contains("| (all) | control | 2,000 | 0 | 10.0% [", md, StringComparison.Ordinal);
        Assert.Contains("| (all) | <b>10% off</b> | +2.00 [", md, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;10% off&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Readout_prints_its_warnings()
    {
        var readout = Experiment.Of(Arm("control", 100, 1000).Concat(Arm("<b>10% off</b>", 100, 2000)), Design());
        Assert.False(readout.IsTrustworthy);
        string md = readout.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, readout.ToReport().ToHtml());
        Assert.Contains("| trustworthy (sample ratio matches the plan) | NO |", md, StringComparison.Ordinal);
        Assert.Contains("| warning |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Readout_prints_one_line_with_the_verdicts()
    {
        var readout = Experiment.Of(Arm("control", 200, 2000).Concat(Arm("B", 240, 2000)), Design() with
        {
            PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["B"] = 0.5 },
        });
        string text = readout.ToString();
        Assert.StartsWith("Experiment read-out (control 'control'): trustworthy; 4,000 observed, 0 pending; (all): ", text, StringComparison.Ordinal);
        Assert.EndsWith($"; {readout.Warnings.Count} warning{(readout.Warnings.Count == 1 ? string.Empty : "s")}", text, StringComparison.Ordinal);

        var skewed = Experiment.Of(Arm("control", 100, 1000).Concat(Arm("<b>10% off</b>", 100, 2000)), Design());
        Assert.StartsWith("Experiment read-out (control 'control'): NOT trustworthy (sample-ratio mismatch, p = < 0.0001)", skewed.ToString(), StringComparison.Ordinal);
    }
}

using CxMetrics.Conversion;
using CxMetrics.Statistics;
using CxMetrics.Tests.Internal;

namespace CxMetrics.Tests.Conversion;

public class ConversionRenderingTests
{
    [Fact]
    public void Conversion_renders_the_rate_its_interval_and_counts()
    {
        var r = new ConversionResult(ConversionUnit.Session, Proportion.FromCounts(1908, 12330));
        string md = r.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, r.ToReport().ToHtml());
        Assert.Contains("| Conversion per session | |", md, StringComparison.Ordinal);
        Assert.Contains("| conversion rate | 15.47% |", md, StringComparison.Ordinal);
        Assert.Contains("| 95% CI (Wilson) | [", md, StringComparison.Ordinal);
        Assert.Contains("| sessions | 12,330 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_conversion_prints_dashes()
    {
        var r = new ConversionResult(ConversionUnit.Visitor, Proportion.FromCounts(0, 0));
        RenderingAssert.WellFormed(r.ToReport().ToMarkdown(), r.ToReport().ToHtml());
        Assert.Contains("| conversion rate | — |", r.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }
}

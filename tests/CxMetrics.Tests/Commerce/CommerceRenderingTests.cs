using CxMetrics.Commerce;
using CxMetrics.Tests.Internal;
using static CxMetrics.Tests.Commerce.CartTestData;

namespace CxMetrics.Tests.Commerce;

public class CommerceRenderingTests
{
    private static readonly CartEvent[] Events =
    [
        E("a", CartEventKind.ItemAdded, 0, 30m), E("a", CartEventKind.CheckoutStarted, 3), E("a", CartEventKind.Purchase, 10),
        E("b", CartEventKind.ItemAdded, 0, 20m), E("b", CartEventKind.Purchase, 1),
        E("c", CartEventKind.ItemAdded, 0, 15m),
    ];

    [Fact]
    public void Funnel_renders_a_row_per_step_with_completion_and_escapes_step_names()
    {
        var f = Funnel.FromCounts([1000, 600, 450, 300]);
        string md = f.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, f.ToReport().ToHtml());
        Assert.Contains("| entered | 1,000 |", md, StringComparison.Ordinal);
        Assert.Contains("| overall abandonment | 70.00% |", md, StringComparison.Ordinal);
        Assert.Contains("| 1,000 | 600 | 400 | 0 | 60.0% [", md, StringComparison.Ordinal);

        var named = f with { Steps = [f.Steps[0] with { Name = "<cart & bag>" }, .. f.Steps.Skip(1)] };
        Assert.Contains("&lt;cart &amp; bag&gt;", named.ToReport().ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("<cart", named.ToReport().ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Abandonment_renders_rate_counts_and_pending()
    {
        var r = Abandonment.FromCounts(purchased: 300, abandoned: 700, pending: 25);
        string md = r.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, r.ToReport().ToHtml());
        Assert.Contains("| abandonment rate | 70.0% [", md, StringComparison.Ordinal);
        Assert.Contains("(700 of 1,000) |", md, StringComparison.Ordinal);
        Assert.Contains("| pending (inside the time-out) | 25 |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovery_renders_both_shares()
    {
        var r = CartRecovery.FromCounts(abandoned: 700, reminded: 500, recovered: 50);
        string md = r.ToReport().ToMarkdown();
        RenderingAssert.WellFormed(md, r.ToReport().ToHtml());
        Assert.Contains("| recovered of abandoned | 7.1% [", md, StringComparison.Ordinal);
        Assert.Contains("| recovered of reminded | 10.0% [", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Effort_and_value_at_stake_render_their_distributions()
    {
        var tally = CartTally.Of(Events);
        var effort = EffortToBuy.From(tally, At(600));
        RenderingAssert.WellFormed(effort.ToReport().ToMarkdown(), effort.ToReport().ToHtml());
        Assert.Contains("| purchases | 2 |", effort.ToReport().ToMarkdown(), StringComparison.Ordinal);

        var stake = ValueAtStake.From(tally, At(600));
        RenderingAssert.WellFormed(stake.ToReport().ToMarkdown(), stake.ToReport().ToHtml());
        Assert.Contains("| total value | 15.00 EUR |", stake.ToReport().ToMarkdown(), StringComparison.Ordinal);
    }
}

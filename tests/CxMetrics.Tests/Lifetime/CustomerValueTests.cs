using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Lifetime;

public class CustomerValueTests
{
    private static readonly Lazy<(BetaGeoNbdModel Purchases, GammaGammaModel Spend)> Models =
        new(() => (BetaGeoNbd.Fit(CdnowFixture.Summary), GammaGamma.Fit(CdnowFixture.Summary)));

    private static CustomerValueResult All => LazyAll.Value;

    private static readonly Lazy<CustomerValueResult> LazyAll = new(() => CustomerValue.Of(CdnowFixture.Summary, Models.Value.Purchases, Models.Value.Spend));

    [Fact]
    public void Each_row_is_the_discounted_monthly_value_of_its_customer_with_gamma_gamma_spend()
    {
        var (bg, gg) = Models.Value;
        var summary = CdnowFixture.Summary;
        Assert.Equal(summary.Customers.Count, All.Rows.Count);
        Assert.False(All.IsRanked);
        foreach (int i in new[] { 0, 1, 17, 500, summary.Customers.Count - 1 })
        {
            var c = summary.Customers[i];
            var row = All.Rows[i];
            double spend = gg.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0);
            Assert.Equal(c.CustomerId, row.CustomerId);
            Assert.Equal(spend, row.ExpectedSpend, 12);
            Assert.Equal(DiscountedClv.DiscreteMonthly(bg, c.Frequency, c.Recency, c.Age, spend, 12, 0.01), row.Value, 12);
            Assert.Equal(bg.ConditionalExpectedPurchases(12 * DiscountedClv.WeeksPerMonth, c.Frequency, c.Recency, c.Age), row.ExpectedPurchases, 12);
            Assert.Equal(bg.ProbabilityAlive(c.Frequency, c.Recency, c.Age), row.ProbabilityAlive, 12);
        }

        // A one-time buyer gets the population mean spend weighted by the model (z̄ = 0 for x = 0).
        var once = All.Rows.First(r => r.Frequency == 0);
        Assert.Equal(gg.ConditionalExpectedSpend(0, 0), once.ExpectedSpend, 12);
    }

    [Fact]
    public void Without_discount_the_value_is_spend_times_expected_purchases_over_the_horizon()
    {
        var (bg, gg) = Models.Value;
        var plain = CustomerValue.Of(CdnowFixture.Summary, bg, gg, months: 6, monthlyDiscountRate: 0);
        foreach (var row in plain.Rows.Take(50))
        {
            Assert.Equal(row.ExpectedSpend * row.ExpectedPurchases, row.Value, 9);
        }

        Assert.Equal(plain.Rows.Sum(r => r.Value), plain.TotalValue, 6);
    }

    [Fact]
    public void Top_ranks_highest_value_first_and_its_report_labels_the_horizon()
    {
        var (bg, gg) = Models.Value;
        var top = CustomerValue.Top(CdnowFixture.Summary, bg, gg, 10);
        Assert.True(top.IsRanked);
        Assert.Equal(Ranked(All).Take(10), top.Rows);
        Assert.Equal(CdnowFixture.Summary.Customers.Count, top.Customers);
        string text = top.ToReport().ToText();
        Assert.Contains("Top 10 customers by predicted 12-month value", text, StringComparison.Ordinal);
        Assert.Contains("E[purchases 12 mo]", text, StringComparison.Ordinal);
    }

    [Property(MaxTest = 25)]
    public Property Top_n_is_the_first_n_of_every_customer_ranked() =>
        Prop.ForAll(Gen.Choose(0, 60).ToArbitrary(), Gen.Choose(0, 24).ToArbitrary(), (n, months) =>
        {
            var (bg, gg) = Models.Value;
            var all = months == 12 ? All : CustomerValue.Of(CdnowFixture.Summary, bg, gg, months);
            return CustomerValue.Top(CdnowFixture.Summary, bg, gg, n, months).Rows.SequenceEqual(Ranked(all).Take(n));
        });

    [Theory]
    [InlineData(300, 6, 0.02)]
    [InlineData(1500, 12, 0.0)]
    [InlineData(5000, 3, 0.01)]
    public void Bounded_heap_top_equals_ranking_every_customer(int top, int months, double discount)
    {
        var (bg, gg) = Models.Value;
        var fast = CustomerValue.Top(CdnowFixture.Summary, bg, gg, top, months, discount);
        Assert.Equal(Math.Min(top, CdnowFixture.Summary.Customers.Count), fast.Rows.Count);
        Assert.Equal(Ranked(CustomerValue.Of(CdnowFixture.Summary, bg, gg, months, discount)).Take(top), fast.Rows);
    }

    [Fact]
    public void Ties_are_broken_by_id_as_in_the_full_ranking()
    {
        var (bg, gg) = Models.Value;

        // One-time buyers of the same first day share x, t_x, T and the population mean spend, so their values tie exactly.
        var tied = CdnowFixture.Summary.Customers.Where(c => c.Frequency == 0).GroupBy(c => c.FirstPurchase).First(g => g.Count() >= 5).ToList();
        var top = CustomerValue.Top(CdnowFixture.Summary with { Customers = tied }, bg, gg, 3);

        Assert.Equal(tied.Select(c => c.CustomerId).Order(StringComparer.Ordinal).Take(3), top.Rows.Select(r => r.CustomerId));
        Assert.Equal(top.Rows[0].Value, top.Rows[2].Value);
    }

    [Fact]
    public void A_model_that_did_not_converge_predicts_nothing()
    {
        var (bg, gg) = Models.Value;
        var failed = gg with { Diagnostics = gg.Diagnostics with { Status = global::CxMetrics.Statistics.FitStatus.NotConverged } };
        Assert.Throws<InvalidOperationException>(() => CustomerValue.Of(CdnowFixture.Summary, bg, failed));
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerValue.Top(CdnowFixture.Summary, bg, gg, -1));
        Assert.Throws<ArgumentOutOfRangeException>("monthlyDiscountRate", () => CustomerValue.Of(CdnowFixture.Summary, bg, gg, monthlyDiscountRate: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>("monthlyDiscountRate", () => CustomerValueIntervals.Of(CdnowFixture.Summary, bg, gg, monthlyDiscountRate: double.NaN));
    }

    private static IEnumerable<CustomerValueRow> Ranked(CustomerValueResult all) =>
        all.Rows.OrderByDescending(r => r.Value).ThenBy(r => r.CustomerId, StringComparer.Ordinal);
}

using CxMetrics.Lifetime;

namespace CxMetrics.Tests.Lifetime;

public class HistoricalClvTests
{
    [Fact]
    public void Simple_clv_is_aov_times_frequency_times_lifespan_times_margin()
    {
        // Shopify's example: $50 AOV, 4 orders a year, 3-year lifespan → $600 revenue CLV; 30% margin → $180.
        Assert.Equal(600, HistoricalClv.Simple(50, 4, 3), 12);
        Assert.Equal(180, HistoricalClv.Simple(50, 4, 3, margin: 0.3), 12);
    }

    [Fact]
    public void Retention_discount_formula_matches_Gupta_Lehmann()
    {
        // m = 100, r = 0.8, d = 0.1 → 100·0.8/(1.1 − 0.8) = 266.67 (Gupta & Lehmann 2003, eq. 2).
        Assert.Equal(266.6667, HistoricalClv.RetentionDiscount(100, 0.8, 0.1), 4);
        Assert.Equal(0, HistoricalClv.RetentionDiscount(100, 0, 0.1), 12);
    }

    [Fact]
    public void Infinite_value_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("retentionRate", () => HistoricalClv.RetentionDiscount(100, 1, 0));
    }

    [Fact]
    public void Lifespan_from_churn_is_its_reciprocal()
    {
        Assert.Equal(4, HistoricalClv.LifespanFromChurn(0.25), 12);
        Assert.Throws<ArgumentOutOfRangeException>("churnRate", () => HistoricalClv.LifespanFromChurn(0));
    }

    [Fact]
    public void Measured_inputs_on_cdnow_are_spend_per_transaction_and_transactions_per_week()
    {
        var summary = CdnowFixture.Summary;
        var (aov, frequency, customers) = HistoricalClv.Inputs(summary);
        double transactions = summary.Customers.Sum(c => c.Frequency + 1);
        Assert.Equal(2357, customers);
        Assert.Equal((double)summary.Customers.Sum(c => c.CalibrationSpend) / transactions, aov!.Value, 9);
        Assert.Equal(transactions / summary.Customers.Sum(c => c.Age), frequency!.Value, 12);
    }

    [Theory]
    [InlineData(-1, 1, 1, 1, "averageOrderValue")]
    [InlineData(1, double.NaN, 1, 1, "purchaseFrequency")]
    [InlineData(1, 1, 1, 1.5, "margin")]
    public void Invalid_inputs_are_rejected(double aov, double f, double life, double margin, string param)
    {
        Assert.Throws<ArgumentOutOfRangeException>(param, () => HistoricalClv.Simple(aov, f, life, margin));
    }
}

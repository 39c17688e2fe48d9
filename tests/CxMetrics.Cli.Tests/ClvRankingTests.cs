using CxMetrics.Cli.Commands;
using CxMetrics.Csv;
using CxMetrics.Lifetime;
using NodaTime;

namespace CxMetrics.Cli.Tests;

public sealed class ClvRankingTests
{
    private static readonly Lazy<(CustomerBaseSummary Summary, IPurchaseModel Model, GammaGammaModel Spend)> Cdnow = new(() =>
    {
        var summary = CustomerBase.Of(CdnowCsv.Read(Sample.SampleFiles.Path("cdnow", "CDNOW_sample.txt")).ToList(), DateTimeZone.Utc,
            new CustomerSummaryOptions { CalibrationEnd = new LocalDate(1997, 9, 30), TimeUnit = TimeUnit.Week });
        var repeat = summary.Customers.Where(c => c.Frequency > 0 && c.MeanRepeatSpend is > 0).ToList();
        return (summary, BetaGeoNbd.Fit(summary.ToRfmData()), GammaGamma.Fit(repeat.Select(c => (double)c.Frequency).ToArray(), repeat.Select(c => c.MeanRepeatSpend!.Value).ToArray()));
    });

    [Theory]
    [InlineData(0, 12, 0.01)]
    [InlineData(1, 12, 0.01)]
    [InlineData(10, 12, 0.01)]
    [InlineData(300, 6, 0.02)]
    [InlineData(1500, 12, 0.0)]
    [InlineData(5000, 3, 0.01)]
    public void Bounded_heap_top_equals_ranking_every_customer(int top, int months, double discount)
    {
        var (summary, model, spend) = Cdnow.Value;

        var fast = ClvRanking.TopCustomers(summary.Customers, model, spend, top, months, discount);

        var naive = summary.Customers
            .Select((c, i) => (Customer: c, Index: i, Spend: spend.ConditionalExpectedSpend(c.Frequency, c.MeanRepeatSpend ?? 0)))
            .Select(r => (r.Customer, r.Index, r.Spend, Clv: DiscountedClv.DiscreteMonthly(model, r.Customer.Frequency, r.Customer.Recency, r.Customer.Age, r.Spend, months, discount)))
            .OrderByDescending(r => r.Clv)
            .ThenBy(r => r.Customer.CustomerId, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        Assert.Equal(Math.Min(top, summary.Customers.Count), fast.Count);
        Assert.Equal(naive, fast);
    }

    [Fact]
    public void Ties_are_broken_by_id_as_in_the_full_ranking()
    {
        var (summary, model, spend) = Cdnow.Value;

        // One-time buyers of the same first day share x, t_x, T and the population mean spend, so their values tie exactly.
        var tied = summary.Customers.Where(c => c.Frequency == 0).GroupBy(c => c.FirstPurchase).First(g => g.Count() >= 5).ToList();
        var top = ClvRanking.TopCustomers(tied, model, spend, 3, 12, 0.01);

        Assert.Equal(tied.Take(3).Select(c => c.CustomerId), top.Select(r => r.Customer.CustomerId));
        Assert.Equal(top[0].Clv, top[2].Clv);
    }
}

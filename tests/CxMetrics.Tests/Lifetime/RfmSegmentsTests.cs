using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

public class RfmSegmentsTests
{
    [Fact]
    public void Cdnow_segments_reproduce_pandas_qcut_of_first_ranks()
    {
        // rfm_reference.py: pandas qcut(rank(method='first'), 5) of each measure, the R rfm vignette's map, first match wins.
        (string Name, int Customers, double RevenueShare)[] reference =
        [
            ("Champions", 621, 0.641615), ("Loyal Customers", 298, 0.109037), ("Potential Loyalist", 468, 0.055355), ("New Customers", 0, 0),
            ("Promising", 0, 0), ("Need Attention", 42, 0.004971), ("About To Sleep", 169, 0.015473), ("At Risk", 310, 0.073815),
            ("Can't Lose Them", 0, 0), ("Hibernating", 49, 0.003568), ("Lost", 0, 0), ("Others", 400, 0.096166),
        ];
        var rfm = RfmSegments.Of(CdnowFixture.Summary);
        Assert.Equal(reference.Length, rfm.Segments.Count);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i].Name, rfm.Segments[i].Name);
            Assert.Equal(reference[i].Customers, rfm.Segments[i].Customers);
            Assert.Equal(reference[i].RevenueShare, rfm.Segments[i].RevenueShare!.Value, 0.000001);
        }

        var first = rfm.Scores.Take(5).Select(s => (s.CustomerId, s.Recency, s.Frequency, s.Monetary)).ToArray();
        Assert.Equal([("1", 5, 4, 4), ("10", 1, 1, 3), ("100", 4, 3, 3), ("1000", 5, 5, 4), ("1001", 2, 1, 3)], first);
        Assert.False(rfm.HasValues);
        Assert.Null(rfm.Segments[0].MeanValue);
    }

    [Fact]
    public void Segment_means_of_clv_and_p_alive_come_from_the_customer_values()
    {
        var values = CustomerValue.Of(CdnowFixture.Summary, FitCheckFixture.Bg, GammaGamma.Fit(CdnowFixture.Summary));
        var rfm = RfmSegments.Of(CdnowFixture.Summary, values);
        var byId = values.Rows.ToDictionary(r => r.CustomerId);
        foreach (var segment in rfm.Segments.Where(s => s.Customers > 0))
        {
            var members = rfm.Scores.Where(s => s.Segment == segment.Name).Select(s => byId[s.CustomerId]).ToArray();
            Assert.Equal(members.Average(m => m.Value), segment.MeanValue!.Value, 1e-9);
            Assert.Equal(members.Average(m => m.ProbabilityAlive), segment.MeanProbabilityAlive!.Value, 1e-12);
        }

        // Champions are worth more and are more likely alive than the customers no rule matches.
        Assert.True(rfm.Segments[0].MeanValue > rfm.Segments[^1].MeanValue);
        var partial = values with { Rows = values.Rows.Skip(1).ToArray() };
        Assert.Throws<ArgumentException>("values", () => RfmSegments.Of(CdnowFixture.Summary, partial));
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>("Bins", () => new RfmOptions { Bins = 1 });
        Assert.Throws<ArgumentOutOfRangeException>("Bins", () => new RfmOptions { Bins = 101 });
        Assert.Throws<ArgumentNullException>("Segments", () => new RfmOptions { Segments = null! });
        Assert.Throws<ArgumentNullException>("summary", () => RfmSegments.Of(null!));
    }

    [Property(MaxTest = 80)]
    public Property Scores_are_equal_count_bins_and_segments_partition_the_customers() =>
        Prop.ForAll(FitCheckFixture.Shops, Gen.Choose(2, 9).ToArbitrary(), (shop, bins) =>
        {
            var summary = CustomerBase.Of(shop.Orders, DateTimeZone.Utc, FitCheckFixture.ShopOptions);
            var rfm = RfmSegments.Of(summary, new RfmOptions { Bins = bins, Segments = [new("top", bins, bins, 1, bins, 1, bins)] });
            int n = summary.Customers.Count;
            bool balanced = new Func<RfmScore, int>[] { s => s.Recency, s => s.Frequency, s => s.Monetary }.All(score =>
            {
                var sizes = Enumerable.Range(1, bins).Select(b => rfm.Scores.Count(s => score(s) == b)).ToArray();
                return sizes.Sum() == n && sizes.Max() - sizes.Min() <= 1;
            });
            // Scores never decrease with the measure (ties may split, by customer order).
            bool monotone = rfm.Scores.All(a => rfm.Scores.All(b => !(a.Purchases < b.Purchases && a.Frequency > b.Frequency)
                && !(a.DaysSinceLastPurchase > b.DaysSinceLastPurchase && a.Recency > b.Recency)));
            return balanced && monotone
                && rfm.Segments.Sum(s => s.Customers) == n
                && rfm.Segments[0].Customers == rfm.Scores.Count(s => s.Recency == bins)
                && (n == 0 || Math.Abs(rfm.Segments.Sum(s => s.CustomerShare) - 1) < 1e-12);
        });
}

using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Tests.Internal;

/// <summary>Counts past <see cref="long.MaxValue"/> are refused by every tally, never wrapped to negative numbers.</summary>
public class CheckedCountTests
{
    private const long Max = long.MaxValue;

    [Fact]
    public void Nps_counts_whose_total_passes_the_largest_long_are_refused_naming_the_count()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>("passives", () => NpsTally.FromCounts(Max, Max, 0));
        Assert.Equal("passives", e.ParamName);
        Assert.Equal("detractors", Assert.Throws<ArgumentOutOfRangeException>("detractors", () => NpsTally.FromCounts(Max - 1, 0, 2)).ParamName);
    }

    [Fact]
    public void Nps_merge_past_the_largest_long_throws_and_leaves_the_tally_unchanged()
    {
        var tally = NpsTally.FromCounts(Max - 1, 0, 0);
        Assert.Throws<OverflowException>(() => tally.Merge(NpsTally.FromCounts(1, 0, 1)));
        Assert.Equal((Max - 1, 0L, 0L, Max - 1), (tally.Promoters, tally.Detractors, tally.Passives, tally.Count));
        Assert.Throws<OverflowException>(() => NpsTally.FromCounts(0, 0, 0, Max).AddUnanswered());
        Assert.Throws<OverflowException>(() => NpsTally.FromCounts(Max, 0, 0).Add(9));
    }

    [Fact]
    public void Rating_counts_and_merges_past_the_largest_long_are_refused()
    {
        Assert.Equal("countsPerScore", Assert.Throws<ArgumentOutOfRangeException>("countsPerScore", () => RatingTally.FromCounts(CsatScale.OneToFive, [Max, 1, 0, 0, 0])).ParamName);
        var tally = RatingTally.FromCounts(CsatScale.OneToFive, [0, 0, 0, 0, Max]);
        Assert.Throws<OverflowException>(() => tally.Merge(RatingTally.FromCounts(CsatScale.OneToFive, [1, 0, 0, 0, 0])));
        Assert.Equal(Max, tally.Count);
        Assert.Equal(0, tally.CountOf(1));
    }

    [Fact]
    public void Binomial_merge_past_the_largest_long_throws_and_leaves_the_tally_unchanged()
    {
        var tally = BinomialTally.FromCounts(Max, Max);
        Assert.Throws<OverflowException>(() => tally.Merge(BinomialTally.FromCounts(1, 1)));
        Assert.Equal((Max, Max), (tally.Successes, tally.Trials));
        Assert.Throws<OverflowException>(() => tally.Add(true));
    }

    [Fact]
    public void Moments_merge_past_the_largest_long_throws_and_leaves_the_accumulator_unchanged()
    {
        var moments = RunningMoments.FromParts(Max, 2, 0);
        Assert.Throws<OverflowException>(() => moments.Merge(RunningMoments.FromParts(1, 4, 0)));
        Assert.Equal((Max, 2.0), (moments.Count, moments.Mean));
    }

    [Fact]
    public void Session_conversion_merge_past_the_largest_long_throws_and_leaves_the_tally_unchanged()
    {
        var tally = ConversionTally.FromCounts(Max, Max);
        Assert.Throws<OverflowException>(() => tally.Merge(ConversionTally.FromCounts(1, 1)));
        Assert.Equal((Max, Max), (tally.Conversions, tally.Count));
    }

    [Fact]
    public void Support_merge_past_the_largest_long_throws_and_leaves_the_tally_unchanged()
    {
        var tally = SupportTally.FromCounts(Max, Max, 0, 0, 1, Max);
        Assert.Throws<OverflowException>(() => tally.Merge(SupportTally.FromCounts(1, 1, 0, 0, 0, 0)));
        Assert.Throws<OverflowException>(() => tally.Merge(SupportTally.FromCounts(0, 0, 0, 0, 0, 1)));
        Assert.Equal((Max, Max, Max), (tally.Tickets, tally.ResponsePending, tally.Reopens));
    }

    [Fact]
    public void Kaplan_meier_counts_and_merges_past_the_largest_long_are_refused()
    {
        Assert.Equal("censored", Assert.Throws<ArgumentOutOfRangeException>("censored", () => KaplanMeierTally.FromCounts([1.0], [Max], [1])).ParamName);
        Assert.Equal("events", Assert.Throws<ArgumentOutOfRangeException>("events", () => KaplanMeierTally.FromCounts([1.0, 2.0], [Max, 1], [0, 0])).ParamName);
        var tally = KaplanMeierTally.FromCounts([1.0], [Max - 1], [0]);
        Assert.Throws<OverflowException>(() => tally.Merge(KaplanMeierTally.FromCounts([2.0], [0], [5])));
        Assert.Equal((Max - 1, 0L, 1), (tally.Events, tally.Censored, tally.DistinctTimes));
    }

    [Fact]
    public void Customer_summary_merge_past_the_largest_long_throws_and_leaves_the_tally_unchanged()
    {
        var zone = DateTimeZone.Utc;
        var tally = new CustomerSummaryTally(zone);
        tally.Restore("c1", new LocalDate(2024, 1, 1), 10m);
        tally.Restore("EUR", Max);
        var other = new CustomerSummaryTally(zone);
        other.Add(new CxMetrics.Commerce.Order("c2", Instant.FromUtc(2024, 2, 1, 0, 0), 5m, "EUR"));
        Assert.Throws<OverflowException>(() => tally.Merge(other));
        Assert.Equal((Max, 1), (tally.OrderCount, tally.CustomerCount));
    }
}

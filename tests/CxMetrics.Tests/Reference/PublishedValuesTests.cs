using CxMetrics.Statistics;
using CxMetrics.Surveys;

namespace CxMetrics.Tests.Reference;

/// <summary>
/// Values published in the literature and by vendors, reproduced to the precision the source prints
/// (tolerance = half a unit in the last printed digit).
/// </summary>
public class PublishedValuesTests
{
    // Rocks (2016), The American Statistician 70(4), and MeasuringU's worked example: 50 / 30 / 20 of 100.
    [Fact]
    public void Nps_50_30_20_matches_the_published_standard_error_and_intervals()
    {
        var tally = NpsTally.FromCounts(promoters: 50, passives: 30, detractors: 20);
        var wald = Nps.From(tally, new SurveyOptions { NpsInterval = NpsIntervalMethod.Wald });
        var adjusted = Nps.From(tally);

        Assert.Equal(30.0, wald.Score!.Value, 10);
        Assert.Equal(7.8102, wald.StandardError!.Value, 0.00005);
        Assert.Equal(14.69, wald.Interval!.Value.Lower, 0.005);
        Assert.Equal(45.31, wald.Interval.Value.Upper, 0.005);
        Assert.Equal(NpsIntervalMethod.AdjustedWald, adjusted.IntervalMethod);
        Assert.Equal(14.05, adjusted.Interval!.Value.Lower, 0.005);
        Assert.Equal(44.20, adjusted.Interval.Value.Upper, 0.005);
    }

    // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, example (b): 81/263, Wilson score 95% [0.2553, 0.3662].
    [Fact]
    public void Wilson_81_of_263_matches_Newcombe_1998()
    {
        var ci = Proportion.Interval(81.0 / 263, 263);
        Assert.Equal(0.2553, ci.Lower, 0.00005);
        Assert.Equal(0.3662, ci.Upper, 0.00005);
    }

    // Newcombe (1998), Stat. Med. 17:873–890 (differences), example (a): 56/70 − 48/80, method 10 → [0.0524, 0.3339].
    [Fact]
    public void Newcombe_hybrid_interval_for_56_of_70_minus_48_of_80()
    {
        var cmp = Proportion.Compare(Proportion.FromCounts(56, 70), Proportion.FromCounts(48, 80));
        Assert.Equal(0.2, cmp.Difference!.Value, 12);
        Assert.Equal(0.0524, cmp.Interval!.Value.Lower, 0.00005);
        Assert.Equal(0.3339, cmp.Interval.Value.Upper, 0.00005);
    }

    // Newcombe (1998), Table I, examples (c) 15/148 → [0.0624, 0.1605] and (e) 0/20 → [0, 0.1611].
    [Theory]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_further_Newcombe_examples(long successes, long n, double lower, double upper)
    {
        var ci = Proportion.FromCounts(successes, n).Interval!.Value;
        Assert.Equal(lower, ci.Lower, 0.00005);
        Assert.Equal(upper, ci.Upper, 0.00005);
    }

    // Delighted's CSAT example: 40 fives, 30 fours, 10 threes, 5 twos, 15 ones → (40 + 30)/100 = 70%.
    [Fact]
    public void Csat_Delighted_example_is_70_percent()
    {
        var tally = RatingTally.FromCounts(CsatScale.OneToFive, [15, 5, 10, 30, 40]);
        var result = Rating.From(tally);
        Assert.Equal(70.0, result.Score!.Value, 10);
        Assert.Equal(100, result.Count);
        Assert.Equal(((15 * 1) + (5 * 2) + (10 * 3) + (30 * 4) + (40 * 5)) / 100.0, result.Mean.Value!.Value, 12);
    }

    // Monthly → annual compounding used throughout the retention docs: the standard normal 95% critical value.
    [Fact]
    public void Critical_value_for_95_percent_is_1_959964()
    {
        Assert.Equal(1.959964, StandardNormal.CriticalValue(0.95), 0.0000005);
        Assert.Equal(2.575829, StandardNormal.CriticalValue(0.99), 0.0000005);
    }
}

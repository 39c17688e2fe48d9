using CxMetrics.Surveys;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Surveys;

public class CsatTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 3, 1, 12, 0);

    // w·w overflows for 1e160 and underflows for 1e-200: the mean's interval failed on n_eff = NaN or 0, naming no record.
    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-200)]
    [InlineData(1e160)]
    [InlineData(1e300)]
    public void Equal_weights_of_any_size_give_the_unweighted_result(double weight)
    {
        int[] scores = [5, 4, 3, 2, 1, 5, 4];
        var tally = new RatingTally(CsatScale.OneToFive);
        foreach (int score in scores)
        {
            tally.Add(score, weight);
        }

        var weighted = Rating.From(tally);
        var plain = Rating.Of(scores, CsatScale.OneToFive);
        Assert.Equal(scores.Length, weighted.EffectiveSampleSize, 1e-12);
        Assert.Equal(plain.Score!.Value, weighted.Score!.Value, 1e-9);
        Assert.Equal(plain.Mean.Value!.Value, weighted.Mean.Value!.Value, 1e-12);
        Assert.Equal(plain.Mean.Interval!.Value.Lower, weighted.Mean.Interval!.Value.Lower, 1e-9);
        Assert.Equal(plain.Mean.Interval!.Value.Upper, weighted.Mean.Interval!.Value.Upper, 1e-9);
    }

    [Property]
    public Property Equal_weights_from_1e_minus_300_to_1e300_change_nothing() =>
        Prop.ForAll(Gen.Choose(1, 5).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(), Gen.Choose(-300, 300).ToArbitrary(), (scores, exponent) =>
        {
            double weight = Math.Pow(10, exponent);
            var tally = new RatingTally(CsatScale.OneToFive);
            foreach (int score in scores)
            {
                tally.Add(score, weight);
            }

            var weighted = Rating.From(tally);
            var plain = Rating.Of(scores, CsatScale.OneToFive);
            return Math.Abs(weighted.EffectiveSampleSize - scores.Length) <= 1e-12 * scores.Length
                && Math.Abs(plain.Score!.Value - weighted.Score!.Value) <= 1e-9
                && Math.Abs(plain.Mean.Value!.Value - weighted.Mean.Value!.Value) <= 1e-12;
        });

    [Fact]
    public void Default_scale_is_1_to_5_with_satisfied_4_and_5()
    {
        var r = Rating.Of([5, 4, 3, 2, 1], CsatScale.OneToFive);
        Assert.Equal(2, r.Favourable.Successes);
        Assert.Equal(40.0, r.Score!.Value, 10);
        Assert.Equal(3.0, r.Mean.Value!.Value, 12);
        Assert.Equal(Math.Sqrt(2.5), r.Mean.StandardDeviation!.Value, 12);
        Assert.Equal([1L, 1, 1, 1, 1], r.Histogram);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(7, 6)]
    [InlineData(10, 9)]
    public void Other_scales_count_their_top_box(int max, int satisfiedFrom)
    {
        var scale = max switch { 3 => CsatScale.OneToThree, 7 => CsatScale.OneToSeven, _ => CsatScale.OneToTen };
        Assert.Equal(satisfiedFrom, scale.FavourableMin);
        var r = Rating.Of([max, satisfiedFrom, satisfiedFrom - 1, 1], scale);
        Assert.Equal(50.0, r.Score!.Value, 10);
    }

    [Fact]
    public void Custom_scale_and_its_validation()
    {
        var scale = CsatScale.Create(0, 10, 8);
        Assert.Equal(66.7, Rating.Of([8, 9, 2], scale).Score!.Value, 0.05);
        Assert.Throws<ArgumentOutOfRangeException>("favourableMin", () => CsatScale.Create(1, 5, 6));
        Assert.Throws<ArgumentOutOfRangeException>("max", () => CsatScale.Create(5, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("direction", () => RatingScale.Create("CSAT", 1, 5, 1, 2, ScaleDirection.HigherIsBetter, "satisfied"));
        Assert.Throws<ArgumentOutOfRangeException>("max", () => RatingScale.Create("CSAT", 1, 500, 400, 500, ScaleDirection.HigherIsBetter, "satisfied"));
    }

    [Fact]
    public void Off_scale_scores_throw_with_the_scale_in_the_message()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("scores", () => Rating.Of([0, 3], CsatScale.OneToFive));
        Assert.Contains("score 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1–5", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("scores", () => Rating.Of(new byte[] { 1, 6 }, CsatScale.OneToFive));
        var bytes = new byte[100];
        Array.Fill(bytes, (byte)3);
        bytes[64] = 0;
        var bex = Assert.Throws<ArgumentOutOfRangeException>("scores", () => Rating.Of(bytes, CsatScale.OneToFive));
        Assert.Contains("position 64", bex.Message, StringComparison.Ordinal);
        var rex = Assert.Throws<ArgumentOutOfRangeException>("score", () => Rating.Of([new SurveyResponse("c-7", T0, 9)], CsatScale.OneToFive));
        Assert.Contains("c-7", rex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tallies_on_different_scales_do_not_merge()
    {
        var a = new RatingTally(CsatScale.OneToFive);
        var b = new RatingTally(CsatScale.OneToSeven);
        Assert.Throws<ArgumentException>("other", () => a.Merge(b));
        Assert.Throws<ArgumentException>("countsPerScore", () => RatingTally.FromCounts(CsatScale.OneToFive, [1, 2, 3]));
    }

    [Fact]
    public void Unanswered_and_empty_inputs()
    {
        var r = Rating.Of(new byte[] { 255, 255 }, CsatScale.OneToFive);
        Assert.Equal(2, r.Unanswered);
        Assert.Equal(0, r.Count);
        Assert.Null(r.Score);
        Assert.Null(r.Mean.Value);
        Assert.Contains("no estimate", r.ToString(), StringComparison.Ordinal);
        var single = Rating.Of([4], CsatScale.OneToFive);
        Assert.Equal(4, single.Mean.Value);
        Assert.Null(single.Mean.Interval);
    }

    [Fact]
    public void ToString_names_metric_share_and_band()
    {
        var text = Rating.From(RatingTally.FromCounts(CsatScale.OneToFive, [15, 5, 10, 30, 40])).ToString();
        Assert.StartsWith("CSAT 70.0% satisfied (4–5 of 1–5; 95% CI [60.4, 78.1]); mean 3.75", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Weighted_mean_and_share()
    {
        var responses = new[]
        {
            new SurveyResponse("a", T0, 5) { Weight = 3 },
            new SurveyResponse("b", T0, 1) { Weight = 1 },
        };
        var r = Rating.Of(responses, CsatScale.OneToFive);
        Assert.Equal(4.0, r.Mean.Value!.Value, 12);
        Assert.Equal(75.0, r.Score!.Value, 10);
        Assert.Equal(1.6, r.EffectiveSampleSize, 12);
    }

    [Property]
    public Property Merge_of_a_split_equals_the_whole() =>
        Prop.ForAll(SurveyGen.RatingBytes(1, 5).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (scores, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(scores, seed);
            var a = new RatingTally(CsatScale.OneToFive);
            a.AddRange(left);
            var b = new RatingTally(CsatScale.OneToFive);
            b.AddRange(right);
            var merged = Rating.From(a.Merge(b));
            var whole = Rating.Of(scores, CsatScale.OneToFive);
            return merged.Favourable == whole.Favourable && merged.Mean == whole.Mean && merged.Histogram.SequenceEqual(whole.Histogram)
                && merged.Unanswered == whole.Unanswered;
        });

    [Property(MaxTest = 1000)]
    public Property Share_and_mean_are_bounded_and_intervals_contain_them() =>
        Prop.ForAll(SurveyGen.RatingBytes(1, 7).ToArbitrary(), scores =>
        {
            var r = Rating.Of(scores, CsatScale.OneToSeven);
            if (r.Count == 0)
            {
                return r.Score is null;
            }

            var share = r.Favourable.Value!.Value;
            var mean = r.Mean.Value!.Value;
            return share is >= 0 and <= 1 && r.Favourable.Interval!.Value.Contains(share)
                && mean is >= 1 and <= 7 && (r.Mean.Interval is null || r.Mean.Interval.Value.Contains(mean));
        });

    [Property]
    public Property Byte_int_and_response_paths_agree() =>
        Prop.ForAll(Gen.Choose(1, 5).ArrayOf().ToArbitrary(), scores =>
        {
            var fromInts = Rating.Of(scores, CsatScale.OneToFive);
            var fromBytes = Rating.Of(scores.Select(s => (byte)s).ToArray(), CsatScale.OneToFive);
            var fromResponses = Rating.Of(scores.Select((s, i) => new SurveyResponse($"c{i}", T0, s)), CsatScale.OneToFive);
            return fromInts.Favourable == fromBytes.Favourable && fromInts.Mean == fromBytes.Mean
                && fromInts.Favourable == fromResponses.Favourable && fromInts.Mean == fromResponses.Mean;
        });
}

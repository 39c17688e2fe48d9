using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Surveys;

public class NpsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 3, 1, 12, 0);

    [Theory]
    [InlineData(0, NpsGroup.Detractor)]
    [InlineData(6, NpsGroup.Detractor)]
    [InlineData(7, NpsGroup.Passive)]
    [InlineData(8, NpsGroup.Passive)]
    [InlineData(9, NpsGroup.Promoter)]
    [InlineData(10, NpsGroup.Promoter)]
    public void Classify_uses_the_0_6_7_8_9_10_groups(int score, NpsGroup expected) =>
        Assert.Equal(expected, Nps.Classify(score));

    [Fact]
    public void Score_is_share_of_promoters_minus_share_of_detractors()
    {
        var result = Nps.Of([10, 9, 9, 8, 7, 6, 0, 3, 10, 5]);
        Assert.Equal(4, result.Promoters);
        Assert.Equal(2, result.Passives);
        Assert.Equal(4, result.Detractors);
        Assert.Equal(0.0, result.Score!.Value, 12);
        Assert.Equal(0.4, result.PromoterShare!.Value, 12);
        Assert.Equal(0.2, result.PassiveShare!.Value, 12);
    }

    [Fact]
    public void Out_of_scale_score_throws_naming_value_and_scale()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("scores", () => Nps.Of([3, 11]));
        Assert.Contains("11", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0–10", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("scores", () => Nps.Of([-1]));
    }

    [Fact]
    public void Out_of_scale_byte_throws_with_its_position_and_adds_nothing()
    {
        var scores = new byte[1000];
        scores[777] = 42;
        var tally = new NpsTally();
        var ex = Assert.Throws<ArgumentOutOfRangeException>("scores", () => tally.AddRange(scores));
        Assert.Contains("42", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position 777", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, tally.Count);
    }

    [Fact]
    public void Out_of_scale_response_names_the_response()
    {
        var responses = new[] { new SurveyResponse("c-1", T0, 12) { Id = "r-1042" } };
        var ex = Assert.Throws<ArgumentOutOfRangeException>("score", () => Nps.Of(responses));
        Assert.Contains("r-1042", ex.Message, StringComparison.Ordinal);
        Assert.Contains("score 12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unanswered_items_are_counted_and_excluded()
    {
        var responses = new[]
        {
            new SurveyResponse("a", T0, 10), new SurveyResponse("b", T0, null), new SurveyResponse("c", T0, 0),
        };
        var result = Nps.Of(responses);
        Assert.Equal(1, result.Unanswered);
        Assert.Equal(2, result.Count);
        Assert.Equal(0.0, result.Score!.Value, 12);

        var bytes = Nps.Of(new byte[] { 10, Nps.NoAnswer, 0, Nps.NoAnswer });
        Assert.Equal(2, bytes.Unanswered);
        Assert.Equal(2, bytes.Count);
    }

    [Fact]
    public void Empty_input_has_no_estimate()
    {
        var result = Nps.Of(ReadOnlySpan<int>.Empty);
        Assert.Equal(0, result.Count);
        Assert.Null(result.Score);
        Assert.Null(result.Interval);
        Assert.Null(result.StandardError);
        Assert.Contains("no estimate", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void All_promoters_give_100_with_a_nonzero_adjusted_interval()
    {
        var result = Nps.From(NpsTally.FromCounts(20, 0, 0));
        Assert.Equal(100, result.Score);
        Assert.Equal(100, result.Interval!.Value.Upper);
        Assert.True(result.Interval.Value.Lower < 100);
        var wald = Nps.From(NpsTally.FromCounts(20, 0, 0), new SurveyOptions { NpsInterval = NpsIntervalMethod.Wald });
        Assert.Equal(0, wald.Interval!.Value.Width, 12);
    }

    [Theory]
    [InlineData(NpsIntervalMethod.Wald)]
    [InlineData(NpsIntervalMethod.AdjustedWald)]
    public void Interval_is_z_times_the_interval_standard_error_either_side(NpsIntervalMethod method)
    {
        // 50 promoters, 30 passives, 20 detractors: no clipping at ±100, so the half-width is exactly z·SE.
        var result = Nps.From(NpsTally.FromCounts(50, 30, 20), new SurveyOptions { NpsInterval = method });
        double z = StandardNormal.CriticalValue(0.95);
        Assert.Equal(2 * z * result.IntervalStandardError!.Value, result.Interval!.Value.Width, 9);
        if (method == NpsIntervalMethod.Wald)
        {
            Assert.Equal(result.StandardError!.Value, result.IntervalStandardError.Value, 12);
        }
        else
        {
            // Rocks (2016): shares (50 + ¾)/103 and (20 + ¾)/103 on n + 3 = 103.
            double pa = 50.75 / 103, da = 20.75 / 103;
            Assert.Equal(100 * Math.Sqrt((pa + da - ((pa - da) * (pa - da))) / 103), result.IntervalStandardError.Value, 9);
            Assert.NotEqual(result.StandardError!.Value, result.IntervalStandardError.Value, 6);
        }
    }

    [Fact]
    public void Weights_change_the_score_and_shrink_the_effective_sample()
    {
        var responses = new[]
        {
            new SurveyResponse("a", T0, 10) { Weight = 3 },
            new SurveyResponse("b", T0, 0) { Weight = 1 },
        };
        var result = Nps.Of(responses);
        Assert.Equal(50, result.Score!.Value, 10); // (3 − 1)/4
        Assert.Equal(16.0 / 10.0, result.EffectiveSampleSize, 12); // (3+1)²/(9+1)
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_weights_are_rejected(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>("Weight", () => new SurveyResponse("a", T0, 5) { Weight = weight });
        Assert.Throws<ArgumentOutOfRangeException>(nameof(weight), () => new NpsTally().Add(5, weight));
    }

    [Fact]
    public void Comparison_tests_the_difference_with_combined_standard_errors()
    {
        var a = Nps.From(NpsTally.FromCounts(50, 30, 20));
        var b = Nps.From(NpsTally.FromCounts(40, 30, 30));
        var cmp = Nps.Compare(a, b);
        Assert.Equal(20, cmp.Difference!.Value, 10);
        // Variances: a 0.50 + 0.20 − 0.30² = 0.61; b 0.40 + 0.30 − 0.10² = 0.69; SE_diff = 100·√(0.0061 + 0.0069).
        Assert.Equal(100 * Math.Sqrt(0.0061 + 0.0069), cmp.StandardError!.Value, 9);
        Assert.Equal(20 / (100 * Math.Sqrt(0.013)), cmp.Z!.Value, 9);
        Assert.InRange(cmp.PValue!.Value, 0.07, 0.08); // z = 1.754 → p = 0.0794
        Assert.False(cmp.IsSignificantAt(0.05));
        Assert.True(cmp.Interval!.Value.Contains(0));
    }

    [Fact]
    public void Comparison_with_an_empty_side_has_no_values()
    {
        var cmp = Nps.Compare(Nps.From(NpsTally.FromCounts(5, 0, 0)), Nps.From(new NpsTally()));
        Assert.Null(cmp.Difference);
        Assert.Null(cmp.PValue);
        Assert.False(cmp.IsSignificantAt(0.05));
    }

    [Fact]
    public void Responses_for_margin_use_the_trinomial_variance()
    {
        // p = 0.5, d = 0.2: variance 0.61; ±5 points at 95%: 1.959964² · 0.61 / 0.05² = 937.3 → 938.
        Assert.Equal(938, Nps.SampleSizeForMargin(5, 0.5, 0.2));
        Assert.True(Nps.SampleSizeForMargin(5, 0.5, 0.2, population: 2000) < 938);
        Assert.Throws<ArgumentOutOfRangeException>("expectedDetractorShare", () => Nps.SampleSizeForMargin(5, 0.7, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>("marginPoints", () => Nps.SampleSizeForMargin(0, 0.5, 0.2));
    }

    [Fact]
    public void Responses_for_margin_without_expected_shares_are_the_worst_case()
    {
        // p = d = 0.5: variance 1, the largest; ±5 points at 95%: 1.959964² / 0.05² = 1536.6 → 1537.
        Assert.Equal(1537, Nps.SampleSizeForMargin(5));
        Assert.Equal(Nps.SampleSizeForMargin(5, 0.5, 0.5), Nps.SampleSizeForMargin(5));
    }

    [Property(MaxTest = 500)]
    public Property No_promoter_detractor_mix_needs_more_responses_than_the_default() =>
        Prop.ForAll(Gen.Choose(0, 100).Zip(Gen.Choose(0, 100)).Where(t => t.Item1 + t.Item2 <= 100).ToArbitrary(), t =>
            Nps.SampleSizeForMargin(5, t.Item1 / 100.0, t.Item2 / 100.0) <= Nps.SampleSizeForMargin(5));

    [Fact]
    public void ToString_reads_like_a_report_line()
    {
        string text = Nps.From(NpsTally.FromCounts(50, 30, 20)).ToString();
        Assert.Equal("NPS 30.0 (95% CI [14.1, 44.2], adjusted Wald; n = 100: 50 promoters, 30 passives, 20 detractors)", text);
    }

    [Fact]
    public void Tally_from_weighted_counts_rejects_inconsistent_sums()
    {
        Assert.Throws<ArgumentOutOfRangeException>("promoterWeight", () => NpsTally.FromWeightedCounts(1, 0, 0, 0, 0, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("promoterWeight", () => NpsTally.FromWeightedCounts(1, 0, 0, 0, double.NaN, 0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("promoters", () => NpsTally.FromCounts(-1, 0, 0));
        var t = NpsTally.FromWeightedCounts(2, 0, 1, 0, 3, 0, 1, 5);
        Assert.Equal(50, Nps.From(t).Score!.Value, 10);
    }

    [Property(MaxTest = 2000)]
    public Property Score_and_interval_stay_in_bounds() =>
        Prop.ForAll(SurveyGen.NpsInts, scores =>
        {
            var r = Nps.Of(scores);
            if (scores.Length == 0)
            {
                return r.Score is null;
            }

            var ci = r.Interval!.Value;
            var wald = Nps.Of(scores, new SurveyOptions { NpsInterval = NpsIntervalMethod.Wald }).Interval!.Value;
            return r.Score >= -100 && r.Score <= 100 && ci.Lower >= -100 && ci.Upper <= 100 && wald.Contains(r.Score.Value) && ci.Contains(r.Score.Value)
                && r.PromoterShare + r.PassiveShare + r.DetractorShare is > 1 - 1e-12 and < 1 + 1e-12
                && r.StandardError >= 0;
        });

    [Property(MaxTest = 500)]
    public Property Interval_contains_the_score_at_any_level_and_method() =>
        Prop.ForAll(SurveyGen.NpsInts, Gen.Choose(500, 999).Select(l => l / 1000.0).ToArbitrary(), (scores, level) =>
            scores.Length == 0 || Enum.GetValues<NpsIntervalMethod>().All(m =>
            {
                var r = Nps.Of(scores, new SurveyOptions { ConfidenceLevel = level, NpsInterval = m });
                return r.Interval!.Value.Contains(r.Score!.Value) && r.Interval.Value.Level == level;
            }));

    [Fact]
    public void Adjusted_interval_is_widened_to_the_observed_score_at_the_boundary()
    {
        var one = Nps.Of([2]);
        Assert.Equal(-100, one.Score);
        Assert.Equal(-100, one.Interval!.Value.Lower);
        Assert.True(one.Interval.Value.Upper > -100);
    }

    [Property]
    public Property Merge_of_a_split_equals_the_whole() =>
        Prop.ForAll(SurveyGen.NpsBytes, ArbMap.Default.ArbFor<int>(), (scores, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(scores, seed);
            var a = new NpsTally();
            a.AddRange(left);
            var b = new NpsTally();
            b.AddRange(right);
            var whole = Nps.Of(scores);
            var merged = Nps.From(a.Merge(b));
            return merged == whole && Nps.From(new NpsTally().Merge(b)) == Nps.Of(right);
        });

    [Property]
    public Property Result_does_not_depend_on_order() =>
        Prop.ForAll(SurveyGen.NpsInts, ArbMap.Default.ArbFor<int>(), (scores, seed) =>
        {
            var shuffled = scores.ToArray();
            new Random(seed).Shuffle(shuffled);
            return Nps.Of(scores) == Nps.Of(shuffled);
        });

    [Property]
    public Property Byte_and_int_paths_agree() =>
        Prop.ForAll(SurveyGen.NpsInts, scores =>
            Nps.Of(scores) == Nps.Of(scores.Select(s => (byte)s).ToArray()));

    // w·w overflows for 1e160 and 1e300 and underflows for 1e-200: Σw² was ∞ or 0 and n_eff came out 0 (no estimate).
    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-200)]
    [InlineData(1e160)]
    [InlineData(1e300)]
    public void Equal_weights_of_any_size_give_the_unweighted_result(double weight)
    {
        int[] scores = [10, 9, 8, 5, 0, 10, 7];
        var tally = new NpsTally();
        foreach (int score in scores)
        {
            tally.Add(score, weight);
        }

        var weighted = Nps.From(tally);
        var plain = Nps.Of(scores);
        Assert.Equal(scores.Length, weighted.EffectiveSampleSize, 1e-12);
        Assert.Equal(plain.Score!.Value, weighted.Score!.Value, 1e-9);
        Assert.Equal(plain.Interval!.Value.Lower, weighted.Interval!.Value.Lower, 1e-9);
        Assert.Equal(plain.Interval!.Value.Upper, weighted.Interval!.Value.Upper, 1e-9);
    }

    [Fact]
    public void One_dominant_weight_gives_an_effective_sample_of_one()
    {
        // {1e200, 1, 1}: (Σw)²/Σw² = (1e200 + 2)²/(1e400 + 2) = 1 to double precision; the score is the heavy answer's.
        var tally = new NpsTally();
        tally.Add(10, 1e200);
        tally.Add(0, 1);
        tally.Add(0, 1);
        var result = Nps.From(tally);
        Assert.Equal(1, result.EffectiveSampleSize, 1e-12);
        Assert.Equal(100, result.Score!.Value, 1e-9);
        Assert.Equal(double.PositiveInfinity, tally.SumOfSquaredWeights);
    }

    [Fact]
    public void Weight_sum_past_the_largest_double_is_refused()
    {
        var tally = new NpsTally();
        tally.Add(10, 1e308);
        var e = Assert.Throws<ArgumentOutOfRangeException>("weight", () => tally.Add(10, 1e308));
        Assert.Contains("1E+308", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, tally.Count);
        Assert.Throws<ArgumentOutOfRangeException>("total", () => tally.Merge(tally.Clone()));
    }

    [Property]
    public Property Equal_weights_from_1e_minus_300_to_1e300_change_nothing() =>
        Prop.ForAll(SurveyGen.NpsInts, Gen.Choose(-300, 300).ToArbitrary(), (scores, exponent) =>
        {
            double weight = Math.Pow(10, exponent);
            var tally = new NpsTally();
            foreach (int score in scores)
            {
                tally.Add(score, weight);
            }

            var weighted = Nps.From(tally);
            var plain = Nps.Of(scores);
            return Math.Abs(weighted.EffectiveSampleSize - scores.Length) <= 1e-12 * scores.Length
                && (plain.Score is null ? weighted.Score is null : Math.Abs(plain.Score.Value - weighted.Score!.Value) <= 1e-9);
        });

    [Property]
    public Property Weights_of_one_equal_unweighted() =>
        Prop.ForAll(SurveyGen.NpsInts, scores =>
        {
            var responses = scores.Select((s, i) => new SurveyResponse($"c{i}", T0, s) { Weight = 1.0 });
            return Nps.Of(responses) == Nps.Of(scores);
        });

    [Property]
    public Property Scaling_all_weights_changes_nothing() =>
        Prop.ForAll(SurveyGen.WeightedNps, Gen.Choose(1, 50).ToArbitrary(), (items, factor) =>
        {
            var a = new NpsTally();
            var b = new NpsTally();
            foreach (var (score, weight) in items)
            {
                a.Add(score, weight);
                b.Add(score, weight * factor);
            }

            var ra = Nps.From(a);
            var rb = Nps.From(b);
            return items.Length == 0 ? rb.Score is null : Close(ra.Score!.Value, rb.Score!.Value) && Close(ra.EffectiveSampleSize, rb.EffectiveSampleSize)
                && Close(ra.Interval!.Value.Lower, rb.Interval!.Value.Lower);
        });

    [Property]
    public Property Weighted_merge_of_a_split_equals_the_whole_within_rounding() =>
        Prop.ForAll(SurveyGen.WeightedNps, ArbMap.Default.ArbFor<int>(), (items, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(items, seed);
            var whole = new NpsTally();
            var a = new NpsTally();
            var b = new NpsTally();
            foreach (var (s, w) in items)
            {
                whole.Add(s, w);
            }

            foreach (var (s, w) in left)
            {
                a.Add(s, w);
            }

            foreach (var (s, w) in right)
            {
                b.Add(s, w);
            }

            var merged = Nps.From(b.Merge(a));
            var expected = Nps.From(whole);
            return merged.Count == expected.Count && (expected.Score is null
                ? merged.Score is null
                : Close(merged.Score!.Value, expected.Score.Value) && Close(merged.EffectiveSampleSize, expected.EffectiveSampleSize));
        });

    [Property]
    public Property Weighted_interval_contains_the_weighted_score() =>
        Prop.ForAll(SurveyGen.WeightedNps, items =>
        {
            var t = new NpsTally();
            foreach (var (s, w) in items)
            {
                t.Add(s, w);
            }

            var r = Nps.From(t, new SurveyOptions { NpsInterval = NpsIntervalMethod.Wald });
            return items.Length == 0 || (r.Interval!.Value.Contains(r.Score!.Value) && r.EffectiveSampleSize <= items.Length + 1e-9);
        });

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    [Fact]
    public void Comparing_all_promoters_with_all_detractors_has_no_z_statistic()
    {
        // Both sides have SE = 100·√((p + d − (p − d)²)/n) = 0, the scores differ by 200 points: z = 200/0 is undefined (null, not +∞).
        var cmp = Nps.Compare(Nps.From(NpsTally.FromCounts(10, 0, 0)), Nps.From(NpsTally.FromCounts(0, 0, 10)));
        Assert.Equal(200, cmp.Difference);
        Assert.Equal(0, cmp.StandardError);
        Assert.Null(cmp.Z);
        Assert.Null(cmp.PValue);
        Assert.False(cmp.IsSignificantAt(0.05));
        Assert.NotNull(cmp.Interval); // the adjusted-Wald interval still exists
        Assert.EndsWith("no z-test (standard error 0)", cmp.ToString(), StringComparison.Ordinal);

        // Equal scores with SE = 0 compare as equal.
        var same = Nps.Compare(Nps.From(NpsTally.FromCounts(0, 5, 0)), Nps.From(NpsTally.FromCounts(0, 9, 0)));
        Assert.Equal(0, same.Z);
        Assert.Equal(1, same.PValue);
    }

    [Property(MaxTest = 200)]
    public Property Comparisons_never_carry_an_infinite_or_NaN_statistic() =>
        Prop.ForAll(SurveyGen.NpsInts, SurveyGen.NpsInts, (a, b) =>
        {
            var cmp = Nps.Compare(Nps.Of(a), Nps.Of(b));
            return (cmp.Z is null) == (cmp.PValue is null) && (cmp.Z is null || double.IsFinite(cmp.Z.Value));
        });

    [Theory]
    [InlineData(1e-9)]
    [InlineData(double.Epsilon)]
    public void Responses_for_a_margin_too_small_to_count_are_refused_naming_the_margin(double margin)
    {
        // ±1e-9 points needs about 2.3e22 responses, beyond the largest count (9.2e18); it used to answer long.MaxValue.
        var e = Assert.Throws<ArgumentOutOfRangeException>("marginPoints", () => Nps.SampleSizeForMargin(margin, 0.5, 0.2));
        Assert.Equal("marginPoints", e.ParamName);
        Assert.Contains("largest count", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_for_a_tiny_margin_from_a_finite_population_are_the_whole_population() =>
        Assert.Equal(2000, Nps.SampleSizeForMargin(double.Epsilon, 0.5, 0.2, population: 2000));
}

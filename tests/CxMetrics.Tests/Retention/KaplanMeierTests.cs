using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention;

public class KaplanMeierTests
{
    // R survival: summary(survfit(Surv(time, status) ~ x, data = aml)), default conf.type = "log"
    // (time, n.risk, n.event, survival, std.err, lower 95% CI, upper 95% CI), as printed by R.
    public static TheoryData<double, double, double, double, double, double, double> MaintainedTable { get; } = new()
    {
        { 9, 11, 1, 0.909091, 0.086678, 0.7541, 1.000 },
        { 13, 10, 1, 0.818182, 0.116291, 0.6192, 1.000 },
        { 18, 8, 1, 0.715909, 0.1397, 0.4884, 1.000 },
        { 23, 7, 1, 0.613636, 0.152632, 0.3769, 0.999 },
        { 31, 5, 1, 0.490909, 0.164193, 0.2549, 0.946 },
        { 34, 4, 1, 0.368182, 0.1627, 0.1549, 0.875 },
        { 48, 2, 1, 0.184091, 0.153493, 0.0359, 0.944 },
    };

    public static TheoryData<double, double, double, double, double, double, double> NonmaintainedTable { get; } = new()
    {
        { 5, 12, 2, 0.8333, 0.1076, 0.6470, 1.000 },
        { 8, 10, 2, 0.6667, 0.1361, 0.4468, 0.995 },
        { 12, 8, 1, 0.5833, 0.1423, 0.3616, 0.941 },
        { 23, 6, 1, 0.4861, 0.1481, 0.2675, 0.883 },
        { 27, 5, 1, 0.3889, 0.1470, 0.1854, 0.816 },
        { 30, 4, 1, 0.2917, 0.1387, 0.1148, 0.741 },
        { 33, 3, 1, 0.1944, 0.1219, 0.0569, 0.664 },
        { 43, 2, 1, 0.0972, 0.0919, 0.0153, 0.620 },
    };

    [Theory]
    [MemberData(nameof(MaintainedTable))]
    public void Aml_maintained_matches_R_survfit(double time, double atRisk, double events, double survival, double se, double lower, double upper)
    {
        var fit = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        AssertStep(fit.StepAt(time)!.Value, time, atRisk, events, survival, se, lower, upper);
    }

    [Theory]
    [MemberData(nameof(NonmaintainedTable))]
    public void Aml_nonmaintained_matches_R_survfit(double time, double atRisk, double events, double survival, double se, double lower, double upper)
    {
        var fit = KaplanMeier.Fit(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent);
        AssertStep(fit.StepAt(time)!.Value, time, atRisk, events, survival, se, lower, upper);
    }

    [Fact]
    public void Aml_maintained_reference_values_to_six_decimals()
    {
        var fit = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        (double T, double S, double Se)[] expected = [(9, 0.909091, 0.086678), (13, 0.818182, 0.116291), (23, 0.613636, 0.152632), (31, 0.490909, 0.164193), (48, 0.184091, 0.153493)];
        foreach (var (t, s, se) in expected)
        {
            Assert.Equal(s, fit.SurvivalAt(t), 6);
            Assert.Equal(se, fit.StepAt(t)!.Value.StandardError!.Value, 6);
        }

        Assert.Equal(11, fit.Count);
        Assert.Equal(7, fit.Events);
        Assert.Equal(4, fit.Censored);
    }

    [Fact]
    public void Curve_reaching_zero_has_no_standard_error_or_interval_as_R()
    {
        var fit = KaplanMeier.Fit(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent);
        var last = fit.StepAt(45)!.Value;
        Assert.Equal(0, last.Survival);
        Assert.Null(last.StandardError);
        Assert.Null(last.Interval);
    }

    [Fact]
    public void Medians_and_their_intervals_match_R_print()
    {
        // R: print(survfit(Surv(time, status) ~ x, aml)): Maintained 31 [18, NA]; Nonmaintained 23 [8, NA];
        // survfit(Surv(time, status) ~ 1, aml): 27 [18, 45].
        var maintained = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        Assert.Equal(31, maintained.Median);
        Assert.Equal(18, maintained.MedianLower);
        Assert.Null(maintained.MedianUpper);

        var nonmaintained = KaplanMeier.Fit(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent);
        Assert.Equal(23, nonmaintained.Median);
        Assert.Equal(8, nonmaintained.MedianLower);
        Assert.Null(nonmaintained.MedianUpper);

        var all = KaplanMeier.Fit(AmlData.AllTime, AmlData.AllEvent);
        Assert.Equal(27, all.Median);
        Assert.Equal(18, all.MedianLower);
        Assert.Equal(45, all.MedianUpper);
    }

    [Fact]
    public void Pooled_aml_matches_R_survfit()
    {
        // summary(survfit(Surv(time, status) ~ 1, data = aml))
        var fit = KaplanMeier.Fit(AmlData.AllTime, AmlData.AllEvent);
        AssertStep(fit.StepAt(5)!.Value, 5, 23, 2, 0.9130, 0.0588, 0.8049, 1.000);
        AssertStep(fit.StepAt(23)!.Value, 23, 13, 2, 0.5466, 0.1073, 0.3721, 0.803);
        AssertStep(fit.StepAt(48)!.Value, 48, 2, 1, 0.0828, 0.0727, 0.0148, 0.462);
    }

    [Fact]
    public void Median_on_a_flat_at_one_half_is_the_midpoint_to_the_next_drop()
    {
        var fit = KaplanMeier.Fit([1.0, 2, 3, 4], [true, true, true, true]);
        Assert.Equal(0.5, fit.SurvivalAt(2), 12);
        Assert.Equal(2.5, fit.Median);
    }

    [Fact]
    public void Median_midpoint_stays_finite_for_times_near_the_largest_double()
    {
        // S = 1/2 from 1e308 until the drop at 1.7e308: (a + b)/2 overflows to ∞; the midpoint is 1.35e308.
        var fit = KaplanMeier.Fit([1e308, 1.7e308, 1], [true, true, false]);
        Assert.Equal(1.35e308, fit.Median!.Value, 1e294);
        Assert.True(double.IsFinite(fit.Median.Value));
    }

    [Fact]
    public void Survival_at_NaN_throws_rather_than_answering_one()
    {
        var fit = KaplanMeier.Fit([1.0, 2, 3, 4], [true, true, true, true]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>("time", () => fit.SurvivalAt(double.NaN));
        Assert.Equal("time", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>("time", () => fit.StepAt(double.NaN));
        Assert.Equal(1.0, fit.SurvivalAt(double.NegativeInfinity));
        Assert.Equal(0.0, fit.SurvivalAt(double.PositiveInfinity));
    }

    [Fact]
    public void Restricted_mean_standard_error_stays_finite_for_a_horizon_near_the_largest_double()
    {
        // Same curve shape as the by-hand case, every time scaled by 1e307: the SE scales by 1e307 too (A² would overflow).
        var fit = KaplanMeier.Fit([1e307, 3e307, 5e307], [true, true, false]);
        var rmst = KaplanMeier.RestrictedMean(fit, 4e307);
        Assert.Equal(8.0 / 3, rmst.Value!.Value / 1e307, 12);
        Assert.Equal(Math.Sqrt((25.0 / 9 / 6) + (1.0 / 9 / 2)), rmst.StandardError!.Value / 1e307, 12);
    }

    [Fact]
    public void Median_is_null_when_the_curve_never_falls_to_one_half()
    {
        var fit = KaplanMeier.Fit([1.0, 2, 3, 4], [true, false, false, false]);
        Assert.Null(fit.Median);
        Assert.Contains("NA", fit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_log_interval_is_the_power_form_of_the_complementary_log_log_transform()
    {
        var fit = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent, new KaplanMeierOptions { IntervalType = KaplanMeierIntervalType.LogLog });
        var step = fit.StepAt(23)!.Value;
        double s = step.Survival, sigma = step.StandardError!.Value / s, z = 1.959963984540054;
        // exp(−exp(log(−log S) ± zσ/log S)) = S^exp(±zσ/log S)
        Assert.Equal(Math.Pow(s, Math.Exp(-z * sigma / Math.Log(s))), step.Interval!.Value.Lower, 12);
        Assert.Equal(Math.Pow(s, Math.Exp(z * sigma / Math.Log(s))), step.Interval!.Value.Upper, 12);
        Assert.InRange(step.Interval.Value.Upper, s, 1);
    }

    [Fact]
    public void Plain_interval_is_survival_plus_minus_z_standard_errors_clipped()
    {
        var fit = KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent, new KaplanMeierOptions { IntervalType = KaplanMeierIntervalType.Plain, ConfidenceLevel = 0.9 });
        var step = fit.StepAt(31)!.Value;
        double z = 1.6448536269514722;
        Assert.Equal(step.Survival - (z * step.StandardError!.Value), step.Interval!.Value.Lower, 12);
        Assert.Equal(step.Survival + (z * step.StandardError.Value), step.Interval.Value.Upper, 12);
        Assert.Equal(1.0, fit.StepAt(9)!.Value.Interval!.Value.Upper);
    }

    [Fact]
    public void Restricted_mean_matches_R_print_rmean()
    {
        // R: print(survfit(Surv(time, status) ~ x, aml), rmean = 161): *rmean 52.6 (se 19.83) and 22.7 (se 4.18).
        var maintained = KaplanMeier.RestrictedMean(KaplanMeier.Fit(AmlData.MaintainedTime, AmlData.MaintainedEvent), 161);
        Assert.Equal(52.6, maintained.Value!.Value, 1);
        Assert.Equal(52.645454545, maintained.Value.Value, 7);
        Assert.Equal(19.83, maintained.StandardError!.Value, 2);
        var nonmaintained = KaplanMeier.RestrictedMean(KaplanMeier.Fit(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent), 161);
        Assert.Equal(22.7, nonmaintained.Value!.Value, 1);
        Assert.Equal(4.18, nonmaintained.StandardError!.Value, 2);
        Assert.True(maintained.Interval!.Value.Contains(maintained.Value.Value));
    }

    [Fact]
    public void Restricted_mean_by_hand_on_a_small_curve()
    {
        // S = 1 on [0,1), 2/3 on [1,3), 1/3 from 3; τ = 4 → 1 + 2·(2/3) + 1·(1/3) = 8/3.
        // Areas after events: A(3) = 1/3, A(1) = 4/3 + 1/3 = 5/3; Var = (5/3)²·1/(3·2) + (1/3)²·1/(2·1).
        var fit = KaplanMeier.Fit([1.0, 3, 5], [true, true, false]);
        var rmst = KaplanMeier.RestrictedMean(fit, 4);
        Assert.Equal(8.0 / 3, rmst.Value!.Value, 12);
        Assert.Equal(Math.Sqrt((25.0 / 9 / 6) + (1.0 / 9 / 2)), rmst.StandardError!.Value, 12);
    }

    [Fact]
    public void Empty_input_has_no_estimate()
    {
        var fit = KaplanMeier.Fit(ReadOnlySpan<double>.Empty, ReadOnlySpan<bool>.Empty);
        Assert.Equal(0, fit.Count);
        Assert.Empty(fit.Steps);
        Assert.Null(fit.Median);
        Assert.Equal(1.0, fit.SurvivalAt(10));
        Assert.Null(KaplanMeier.RestrictedMean(fit, 10).Value);
    }

    [Fact]
    public void Invalid_durations_throw_naming_value_and_position()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>("durations", () => KaplanMeier.Fit([1.0, -2, 3], [true, true, true]));
        Assert.Contains("-2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => KaplanMeier.Fit([double.NaN], [true]));
        Assert.Throws<ArgumentException>("events", () => KaplanMeier.Fit([1.0, 2], [true]));
        var named = Assert.Throws<ArgumentOutOfRangeException>("duration", () => new SurvivalObservation(-1, true, id: "cust-7"));
        Assert.Contains("cust-7", named.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("horizon", () => KaplanMeier.RestrictedMean(KaplanMeier.Fit([1.0], [true]), 0));
    }

    [Fact]
    public void Weights_act_as_replicated_observations()
    {
        var weighted = KaplanMeier.Fit([9.0, 13, 13, 18], [true, true, false, true], [2.0, 1, 3, 1]);
        var replicated = KaplanMeier.Fit([9.0, 9, 13, 13, 13, 13, 18], [true, true, true, false, false, false, true]);
        Assert.Equal(replicated.Steps.Select(s => s.Survival), weighted.Steps.Select(s => s.Survival));
        Assert.Equal(replicated.Steps.Select(s => s.StandardError), weighted.Steps.Select(s => s.StandardError));
    }

    [Fact]
    public void By_key_gives_one_curve_per_group()
    {
        var items = AmlData.MaintainedTime.Select((t, i) => (Group: "Maintained", Obs: new SurvivalObservation(t, AmlData.MaintainedEvent[i])))
            .Concat(AmlData.NonmaintainedTime.Select((t, i) => (Group: "Nonmaintained", Obs: new SurvivalObservation(t, AmlData.NonmaintainedEvent[i]))));
        var cells = KaplanMeier.By(items, x => x.Group, x => x.Obs);
        Assert.Equal(["Maintained", "Nonmaintained"], cells.Select(c => c.Key));
        Assert.Equal(31, cells[0].Result.Median);
        Assert.Equal(12, cells[1].Count);
    }

    [Property]
    public Property Survival_is_non_increasing_and_in_unit_interval() =>
        Prop.ForAll(SurvivalGen.Observations, data =>
        {
            var fit = Fit(data);
            double previous = 1;
            foreach (var step in fit.Steps)
            {
                if (step.Survival > previous || step.Survival < 0 || step.Survival > 1)
                {
                    return false;
                }

                if (step.Interval is { } ci && !(ci.Lower <= step.Survival + 1e-12 && step.Survival <= ci.Upper + 1e-12 && ci.Lower >= 0 && ci.Upper <= 1))
                {
                    return false;
                }

                previous = step.Survival;
            }

            return fit.Count == data.Length;
        });

    [Property]
    public Property Without_censoring_equals_the_empirical_survival_function() =>
        Prop.ForAll(SurvivalGen.Uncensored, durations =>
        {
            var fit = KaplanMeier.Fit(durations, durations.Select(_ => true).ToArray());
            return fit.Steps.All(step => Math.Abs(step.Survival - (durations.Count(d => d > step.Time) / (double)durations.Length)) < 1e-12);
        });

    [Property]
    public Property Merge_of_a_split_equals_the_whole() =>
        Prop.ForAll(SurvivalGen.Observations, ArbMap.Default.ArbFor<int>(), (data, seed) =>
        {
            var (left, right) = SurveyGen.SplitAt(data, seed);
            var a = new KaplanMeierTally();
            a.AddRange(left.Select(x => x.Duration).ToArray(), left.Select(x => x.Event).ToArray());
            var b = new KaplanMeierTally();
            foreach (var (d, e) in right)
            {
                b.Add(d, e);
            }

            var merged = KaplanMeier.From(a.Merge(b));
            var whole = Fit(data);
            return merged.Steps.SequenceEqual(whole.Steps) && merged.Median == whole.Median && merged.Count == whole.Count;
        });

    [Property]
    public Property Result_does_not_depend_on_order() =>
        Prop.ForAll(SurvivalGen.Observations, ArbMap.Default.ArbFor<int>(), (data, seed) =>
        {
            var shuffled = data.ToArray();
            new Random(seed).Shuffle(shuffled);
            return Fit(data).Steps.SequenceEqual(Fit(shuffled).Steps);
        });

    [Property]
    public Property Whole_number_weights_equal_replicated_observations() =>
        Prop.ForAll(SurvivalGen.Observations, ArbMap.Default.ArbFor<int>(), (data, seed) =>
        {
            var random = new Random(seed);
            var weights = data.Select(_ => (double)random.Next(1, 4)).ToArray();
            var weighted = KaplanMeier.Fit(data.Select(x => x.Duration).ToArray(), data.Select(x => x.Event).ToArray(), weights);
            var replicated = Fit([.. data.SelectMany((x, i) => Enumerable.Repeat(x, (int)weights[i]))]);
            return weighted.Steps.Count == replicated.Steps.Count
                && weighted.Steps.Zip(replicated.Steps).All(p => Math.Abs(p.First.Survival - p.Second.Survival) < 1e-12 && p.First.AtRisk == p.Second.AtRisk)
                && weighted.Median == replicated.Median;
        });

    [Property]
    public Property Radix_sort_agrees_with_array_sort() =>
        Prop.ForAll(SurvivalGen.Observations, data =>
        {
            var keys = data.Select(x => (ulong)BitConverter.DoubleToInt64Bits(x.Duration) << 1 | (x.Event ? 1UL : 0UL)).ToArray();
            var expected = keys.ToArray();
            Array.Sort(expected);
            KaplanMeierTally.SortKeys(keys);
            return keys.SequenceEqual(expected);
        });

    private static KaplanMeierResult Fit((double Duration, bool Event)[] data) =>
        KaplanMeier.Fit(data.Select(x => x.Duration).ToArray(), data.Select(x => x.Event).ToArray());

    private static void AssertStep(KaplanMeierStep step, double time, double atRisk, double events, double survival, double se, double lower, double upper)
    {
        Assert.Equal(time, step.Time);
        Assert.Equal(atRisk, step.AtRisk);
        Assert.Equal(events, step.Events);
        Assert.Equal(survival, step.Survival, 4);
        Assert.Equal(se, step.StandardError!.Value, 4);
        Assert.Equal(lower, step.Interval!.Value.Lower, 4);
        Assert.Equal(upper, step.Interval.Value.Upper, 3);
    }
}

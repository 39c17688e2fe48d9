using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Tests.Retention.Cox;

namespace CxMetrics.Tests.Retention.Survival;

/// <summary>Kaplan–Meier with delayed entry (left truncation) against R's <c>survfit(Surv(entry, time, status) ~ 1, lung)</c>.</summary>
public class DelayedEntryTests
{
    private static double[] Time => [.. LungData.Rows.Select(r => r.Time)];

    private static bool[] Dead => [.. LungData.Rows.Select(r => r.Dead)];

    [Theory]
    [InlineData("km delayed entry, log", KaplanMeierIntervalType.Log, false)]
    [InlineData("km delayed entry, log-log", KaplanMeierIntervalType.LogLog, false)]
    [InlineData("km delayed entry, weights", KaplanMeierIntervalType.Log, true)]
    public void Curve_matches_R_survfit_with_counting_process_data_step_by_step(string section, KaplanMeierIntervalType type, bool weighted)
    {
        var entries = SurvivalReference.Entries;
        var weights = SurvivalReference.Weights;
        var observations = LungData.Rows.Select(r => new SurvivalObservation(entries[r.Index], r.Time, r.Dead, weighted ? weights[r.Index] : 1.0));
        var fit = KaplanMeier.Fit(observations, new KaplanMeierOptions { IntervalType = type });
        var expected = SurvivalReference.Steps(section);

        Assert.Equal(expected.Length, fit.Steps.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var (r, step) = (expected[i], fit.Steps[i]);
            Assert.Equal(r[0], step.Time);
            Assert.Equal(r[1], step.AtRisk);
            Assert.Equal(r[2], step.Events);
            Assert.Equal(r[3], step.Censored);
            Assert.Equal(r[4], step.Survival, 1e-10);
            Assert.Equal(r[5], step.StandardError!.Value / step.Survival, 1e-9); // R's std.err is that of log S
            Assert.Equal(r[6], step.Interval!.Value.Lower, 1e-9);
            Assert.Equal(r[7], step.Interval!.Value.Upper, 1e-9);
        }

        // records, n.max, n.start, events, rmean, se(rmean), median, LCL, UCL
        var table = SurvivalReference.Table(section);
        Assert.Equal(table[0], fit.Count);
        Assert.Equal(table[2], fit.Steps[0].AtRisk);
        Assert.Equal(table[3], fit.Steps.Sum(s => s.Events));
        Assert.Equal(table[6], fit.Median);
        Assert.Equal(table[7], fit.MedianLower);
        Assert.Equal(table[8], fit.MedianUpper);
    }

    [Fact]
    public void Delayed_entry_lowers_the_curve_that_ignoring_it_would_overstate()
    {
        // Counting the late entrants as at risk from time 0 biases S upward: here the plain median is 310, R's
        // counting-process median 189 (survival_reference.out).
        var plain = KaplanMeier.Fit(Time, Dead);
        var delayed = KaplanMeier.Fit(SurvivalReference.Entries, Time, Dead);
        Assert.Equal(SurvivalReference.Table("km plain")[6], plain.Median);
        Assert.Equal(SurvivalReference.Table("km delayed entry, log")[6], delayed.Median);
        Assert.Equal(310, plain.Median);
        Assert.Equal(189, delayed.Median);
        Assert.True(delayed.SurvivalAt(300) < plain.SurvivalAt(300));
    }

    [Fact]
    public void Spans_tally_and_observations_give_the_same_curve()
    {
        var entries = SurvivalReference.Entries;
        var fromSpans = KaplanMeier.Fit(entries, Time, Dead);
        var tally = new KaplanMeierTally();
        tally.AddRange(entries, Time, Dead);
        var one = new KaplanMeierTally();
        foreach (var r in LungData.Rows)
        {
            one.Add(entries[r.Index], r.Time, r.Dead, 1.0);
        }

        Assert.Equal(fromSpans.Steps, KaplanMeier.From(tally).Steps);
        Assert.Equal(fromSpans.Steps, KaplanMeier.From(one).Steps);
        Assert.Equal(entries.Count(e => e > 0), tally.DelayedEntries);
        Assert.Equal(228, tally.Count);
        Assert.Contains("with delayed entry", tally.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tally_with_delayed_entries_travels_in_its_portable_form()
    {
        var tally = new KaplanMeierTally();
        tally.AddRange(SurvivalReference.Entries, Time, Dead);
        var expected = KaplanMeier.From(tally).Steps.ToArray();
        Assert.Equal(expected, KaplanMeier.From(TallyFormat.FromBytes<KaplanMeierTally>(TallyFormat.ToBytes(tally))).Steps);
        Assert.Equal(expected, KaplanMeier.From(TallyFormat.FromJson<KaplanMeierTally>(TallyFormat.ToJson(tally))).Steps);
        Assert.Contains("\"entries\":[{\"time\":", TallyFormat.ToJson(tally), StringComparison.Ordinal);
        Assert.DoesNotContain("entries", TallyFormat.ToJson(KaplanMeierTally.FromCounts([1.0], [1], [0])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_entry_that_cannot_belong_to_an_exit_is_refused()
    {
        // One exit at 2, but an entry at 3: nobody could have entered after every exit.
        string json = TallyFormat.ToJson(Tally((1, 2, true)));
        string bad = json.Replace("\"time\":1,\"count\"", "\"time\":3,\"count\"", StringComparison.Ordinal);
        Assert.NotEqual(json, bad);
        var error = Assert.Throws<TallyFormatException>(() => TallyFormat.FromJson<KaplanMeierTally>(bad));
        Assert.Equal(TallyFormatError.InvalidContent, error.Error);
        Assert.Contains("delayed entries do not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_at_an_exit_time_is_not_at_risk_there()
    {
        // Surv(entry, exit]: the one entering at 2 is not at risk at the death at 2, only at 3.
        var fit = KaplanMeier.From(Tally((0, 2, true), (0, 3, true), (2, 3, false), (0, 4, false)));
        Assert.Equal([3.0, 3, 1], fit.Steps.Select(s => s.AtRisk));
        Assert.Equal(2.0 / 3 * 2 / 3, fit.SurvivalAt(3), 1e-15);
    }

    [Fact]
    public void Entries_of_zero_are_observed_from_the_start_and_store_nothing()
    {
        var zero = Tally((0, 0, true), (0, 3, false));
        Assert.Equal(0, zero.DelayedEntries);
        Assert.Equal(2, zero.DistinctTimes);
        Assert.Equal(2.0, KaplanMeier.From(zero).Steps[0].AtRisk);
    }

    [Fact]
    public void Invalid_entries_are_refused_naming_the_argument()
    {
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => new SurvivalObservation(5, 5, true));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => new SurvivalObservation(6, 5, true));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => new SurvivalObservation(-1, 5, true));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => new SurvivalObservation(double.NaN, 5, true));
        Assert.Throws<ArgumentOutOfRangeException>("duration", () => new SurvivalObservation(1, -5, true));
        Assert.Throws<ArgumentOutOfRangeException>("entry", () => new KaplanMeierTally().Add(3, 2, true, 1));
        Assert.Throws<ArgumentOutOfRangeException>("weight", () => new KaplanMeierTally().Add(1, 2, true, 0));
        Assert.Throws<ArgumentOutOfRangeException>("entries", () => KaplanMeier.Fit([1.0, 4], [2.0, 3], [true, true]));
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => KaplanMeier.Fit([1.0, 0], [2.0, -3], [true, true]));
        Assert.Throws<ArgumentException>("entries", () => KaplanMeier.Fit([1.0], [2.0, 3], [true, true]));

        var tally = new KaplanMeierTally();
        Assert.Throws<ArgumentOutOfRangeException>("entries", () => tally.AddRange([0.0, 7], [2.0, 3], [true, false]));
        Assert.Equal(0, tally.Count); // atomic
    }

    private static KaplanMeierTally Tally(params (double Entry, double Exit, bool Event)[] rows)
    {
        var tally = new KaplanMeierTally();
        foreach (var (entry, exit, happened) in rows)
        {
            tally.Add(new SurvivalObservation(entry, exit, happened));
        }

        return tally;
    }
}

using CxMetrics.Experiments;
using CxMetrics.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

public class ExperimentTests
{
    private static readonly Instant Start = Instant.FromUtc(2024, 6, 1, 0, 0);
    private static readonly Duration Window = Duration.FromDays(30);

    private static ExperimentDesign Design(MultipleComparisonMethod adjustment = MultipleComparisonMethod.Holm, double controlShare = 0.5, double srmThreshold = 0.001) => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = controlShare, ["10% off"] = 1 - controlShare },
        OutcomeWindow = Window,
        Adjustment = adjustment,
        SampleRatioThreshold = srmThreshold,
    };

    private static IEnumerable<ExperimentObservation> Arm(string arm, int converted, int total, string? segment = null, double revenue = 20) =>
        Enumerable.Range(0, total).Select(i => new ExperimentObservation($"{arm}-{segment}-{i}", arm, segment, OutcomeStatus.Observed, i < converted, i < converted ? revenue + (i % 7) : 0));

    [Fact]
    public void Reads_the_reference_200_of_2000_against_240_of_2000()
    {
        var readout = Experiment.Of(Arm("control", 200, 2000).Concat(Arm("10% off", 240, 2000)), Design(MultipleComparisonMethod.None));
        var segment = Assert.Single(readout.Segments);
        var cmp = Assert.Single(segment.Comparisons);
        Assert.Equal(2.0213, cmp.Difference.Z!.Value, 0.00005);
        Assert.Equal(0.043245, cmp.Difference.PValue!.Value, 0.0000005);
        Assert.Equal(1.0052, cmp.Uplift.Interval!.Value.Lower, 0.00005);
        Assert.Equal(1.4325, cmp.Uplift.Interval.Value.Upper, 0.00005);
        Assert.True(cmp.IsSignificant);
        Assert.Equal("10% off", segment.BestArm);
        Assert.Equal("10% off", segment.Winner);
        Assert.True(readout.IsTrustworthy);
        Assert.Empty(readout.Warnings);
        Assert.Equal(["control", "10% off"], segment.Arms.Select(a => a.Arm));
    }

    [Fact]
    public void Sample_ratio_mismatch_is_flagged_before_the_read_out()
    {
        var data = Arm("control", 500, 5000).Concat(Arm("10% off", 520, 5200)).ToArray();
        var lenient = Experiment.Of(data, Design());
        Assert.Equal(3.9216, lenient.SampleRatio.Test.Statistic, 0.00005);
        Assert.Equal(0.04767, lenient.SampleRatio.Test.PValue, 0.000005);
        Assert.False(lenient.SampleRatio.IsMismatch);
        var strict = Experiment.Of(data, Design(srmThreshold: 0.05));
        Assert.True(strict.SampleRatio.IsMismatch);
        Assert.False(strict.IsTrustworthy);
        Assert.StartsWith("SAMPLE RATIO MISMATCH", strict.Warnings[0], StringComparison.Ordinal);
        var unequal = Experiment.Of(Arm("control", 100, 2000).Concat(Arm("10% off", 800, 8000)), Design(controlShare: 0.2));
        Assert.False(unequal.SampleRatio.IsMismatch);
        Assert.Equal(0.0, unequal.SampleRatio.Test.Statistic, 12);
    }

    [Fact]
    public void A_close_race_has_no_winner_and_the_family_is_adjusted()
    {
        var data = Arm("control", 100, 1000, "a").Concat(Arm("10% off", 104, 1000, "a"))
            .Concat(Arm("control", 100, 1000, "b")).Concat(Arm("10% off", 135, 1000, "b"));
        var holm = Experiment.Of(data, Design(MultipleComparisonMethod.Holm));
        Assert.Equal(["a", "b"], holm.Segments.Select(s => s.Segment));
        Assert.Null(holm.Segments[0].Winner);
        Assert.Equal("10% off", holm.Segments[0].BestArm);
        var raw = holm.Segments.Select(s => s.Comparisons[0].Difference.PValue!.Value).ToArray();
        var adjusted = holm.Segments.Select(s => s.Comparisons[0].AdjustedPValue!.Value).ToArray();
        Assert.Equal(MultipleComparisons.Adjust(raw, MultipleComparisonMethod.Holm), adjusted);
        Assert.All(raw.Zip(adjusted), p => Assert.True(p.Second >= p.First));
    }

    [Fact]
    public void An_arm_without_conversions_still_reports()
    {
        var readout = Experiment.Of(Arm("control", 0, 500).Concat(Arm("10% off", 10, 500)), Design());
        var cmp = readout.Segments[0].Comparisons[0];
        Assert.Null(cmp.Uplift.Ratio);
        Assert.NotNull(cmp.Difference.PValue);
        Assert.Equal(0, readout.Segments[0].Arms[0].Conversion.Value);
    }

    [Fact]
    public void Pending_outcomes_are_counted_apart_and_early_reads_warn()
    {
        var asOf = Start + Duration.FromDays(40);
        var assignments = new[]
        {
            new Assignment("c1", "control", Start) { Segment = "vip" },
            new Assignment("c2", "10% off", Start) { Segment = "vip" },
            new Assignment("c3", "10% off", Start + Duration.FromDays(20)) { Segment = "vip" }, // window closes day 50: pending
        };
        var events = new[]
        {
            new OutcomeEvent("c2", Start + Duration.FromDays(3), 40m, "EUR"),
            new OutcomeEvent("c2", Start + Duration.FromDays(29), 10m, "EUR"),
            new OutcomeEvent("c1", Start + Duration.FromDays(30), 99m, "EUR"), // exactly at the window end: outside
            new OutcomeEvent("c3", Start + Duration.FromDays(21), 5m, "EUR"),
            new OutcomeEvent("ghost", Start, 1m, "EUR"),
        };
        var design = Design() with { PlannedSampleSizePerArm = 100 };
        var readout = Experiment.Of(assignments, events, design, asOf);
        Assert.Equal(2, readout.Observed);
        Assert.Equal(1, readout.Pending);
        Assert.Equal(1, readout.EventsWithoutAssignment);
        Assert.Equal(1, readout.EventsOutsideWindow);
        var treated = readout.Segments[0].Arms[1];
        Assert.Equal((2L, 1L), (treated.Assigned, treated.Pending));
        Assert.Equal(1.0, treated.Conversion.Value);
        Assert.Equal(50.0, treated.RevenuePerCustomer.Value);
        Assert.Equal(0.0, readout.Segments[0].Arms[0].Conversion.Value);
        Assert.Contains(readout.Warnings, w => w.Contains("pending", StringComparison.Ordinal));
        Assert.Contains(readout.Warnings, w => w.Contains("planned sample size", StringComparison.Ordinal));
        Assert.Contains(readout.Warnings, w => w.Contains("without an assignment", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_is_rejected_with_names()
    {
        var twice = new[] { new Assignment("c1", "control", Start), new Assignment("c1", "10% off", Start) };
        var ex = Assert.Throws<ArgumentException>("assignments", () => Experiment.Outcomes(twice, [], Window, Start));
        Assert.Contains("'c1'", ex.Message, StringComparison.Ordinal);
        var mixed = new[] { new OutcomeEvent("c1", Start, 1m, "EUR"), new OutcomeEvent("c1", Start, 1m, "USD") };
        Assert.Throws<InvalidOperationException>(() => Experiment.Outcomes([new Assignment("c1", "control", Start)], mixed, Window, Start));
        var stray = new[] { new ExperimentObservation("x", "free item", null, OutcomeStatus.Observed, true, 1) };
        Assert.Contains("free item", Assert.Throws<ArgumentException>("observations", () => Experiment.Of(stray, Design())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("design", () => Experiment.Of([], Design() with { ControlArm = "nobody" }));
        Assert.Throws<ArgumentOutOfRangeException>("window", () => Experiment.Outcomes([], [], Duration.Zero, Start));
    }

    [Fact]
    public void Bootstrap_interval_is_reported_when_asked_and_is_reproducible()
    {
        var data = Arm("control", 300, 1000, revenue: 30).Concat(Arm("10% off", 330, 1000, revenue: 28)).ToArray();
        var design = Design() with { BootstrapResamples = 500, BootstrapSeed = 42 };
        var a = Experiment.Of(data, design).Segments[0].Comparisons[0];
        var b = Experiment.Of(data, design).Segments[0].Comparisons[0];
        Assert.NotNull(a.RevenueBootstrapInterval);
        Assert.Equal(a.RevenueBootstrapInterval, b.RevenueBootstrapInterval);
        Assert.True(a.RevenueBootstrapInterval!.Value.Contains(a.Revenue.Difference!.Value));
        Assert.Null(Experiment.Of(data, Design()).Segments[0].Comparisons[0].RevenueBootstrapInterval);
    }

    [Property(MaxTest = 100)]
    public Property Read_out_does_not_depend_on_input_order_and_intervals_contain_estimates() =>
        Prop.ForAll(
            Gen.Elements("control", "10% off").Zip(Gen.Elements("a", "b", "c")).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (items, seed) =>
            {
                var data = items.Select((x, i) => new ExperimentObservation($"c{i}", x.Item1.Item1, x.Item1.Item2, OutcomeStatus.Observed, x.Item2, x.Item2 ? 10 + (i % 5) : 0)).ToArray();
                var shuffled = data.ToArray();
                new Random(seed).Shuffle(shuffled);
                var a = Experiment.Of(data, Design());
                var b = Experiment.Of(shuffled, Design());
                bool same = a.Segments.Zip(b.Segments).All(p => p.First.BestArm == p.Second.BestArm
                    && p.First.Arms.SequenceEqual(p.Second.Arms, EqualityComparer<ArmResult>.Create((x, y) => x!.Conversion == y!.Conversion && x.Assigned == y.Assigned))
                    && p.First.Comparisons.Zip(p.Second.Comparisons).All(c => c.First.Difference == c.Second.Difference && c.First.AdjustedPValue == c.Second.AdjustedPValue));
                bool contains = a.Segments.SelectMany(s => s.Comparisons).All(c =>
                    (c.Difference.Difference is not { } d || c.Difference.Interval!.Value.Contains(d))
                    && (c.Uplift.Ratio is not { } r || c.Uplift.Interval!.Value.Contains(r))
                    && (c.AdjustedPValue is not { } ap || (ap >= c.Difference.PValue!.Value && ap <= 1)));
                return same && contains;
            });

    [Fact]
    public void Revenue_beyond_the_decimal_range_throws_naming_the_customer()
    {
        Assignment[] assignments = [new("c-huge", "control", Start), new("c2", "10% off", Start)];
        OutcomeEvent[] events = [new("c-huge", Start + Duration.FromDays(1), decimal.MaxValue, "EUR"), new("c-huge", Start + Duration.FromDays(2), decimal.MaxValue, "EUR")];

        var ex = Assert.Throws<OverflowException>(() => Experiment.Of(assignments, events, Design(), Start + Duration.FromDays(60)));

        Assert.Contains("outcome revenue of customer 'c-huge'", ex.Message, StringComparison.Ordinal);
    }
}

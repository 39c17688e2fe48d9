using CxMetrics.Experiments;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

/// <summary>CUPED, sequential tests and the BCa interval inside the experiment read-out.</summary>
public class ExperimentDailyReadTests
{
    private static ExperimentDesign Design(bool cuped = false, bool sequential = false, int resamples = 0) => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 0.5, ["treatment"] = 0.5 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = MultipleComparisonMethod.None,
        Cuped = cuped,
        Sequential = sequential,
        BootstrapResamples = resamples,
    };

    /// <summary>
    /// 4,000 customers per arm whose revenue follows their pre-period spend (revenue = 0.8·pre + noise, +1.5 in the
    /// treatment); every tenth customer has no pre-period data (covariate null, counted as 0).
    /// </summary>
    private static List<ExperimentObservation> Observations()
    {
        var random = new SplitMix64(42);
        var list = new List<ExperimentObservation>();
        foreach (string arm in new[] { "control", "treatment" })
        {
            for (int i = 0; i < 4000; i++)
            {
                double pre = 40 * random.NextDouble() * random.NextDouble() * 4;
                double revenue = Math.Max(0, (0.8 * pre) + (10 * (random.NextDouble() - 0.5)) + (arm == "treatment" ? 1.5 : 0));
                bool converted = revenue > 20;
                list.Add(new ExperimentObservation($"{arm}-{i}", arm, null, OutcomeStatus.Observed, converted, converted ? revenue : 0, i % 10 == 0 ? null : pre));
            }
        }

        return list;
    }

    [Fact]
    public void Cuped_read_out_equals_Cuped_From_the_arms_with_missing_covariates_as_zero()
    {
        var observations = Observations();
        var readout = Experiment.Of(observations, Design(cuped: true));
        var c = Assert.Single(Assert.Single(readout.Segments).Comparisons);
        CupedTally Revenue(string arm) => CupedTally.Of(
            [.. observations.Where(o => o.Arm == arm).Select(o => o.Revenue)],
            [.. observations.Where(o => o.Arm == arm).Select(o => o.Covariate ?? 0)]);
        var expected = Cuped.From(Revenue("treatment"), Revenue("control"), 0.95);
        Assert.Equal(expected, c.CupedRevenue);
        Assert.NotNull(c.CupedConversion);
        Assert.True(c.CupedRevenue!.VarianceRatio < 0.6);
        Assert.True(c.CupedRevenue.Adjusted.Interval!.Value.Width < c.Revenue.Interval!.Value.Width);
        Assert.Equal(c.CupedRevenue.Adjusted.PValue, c.RevenueAdjustedPValue);
        Assert.Equal(c.CupedConversion!.Adjusted.PValue, c.AdjustedPValue);
        Assert.False(readout.IsSequential);
        Assert.Null(c.SequentialInterval);
        Assert.Contains("CUPED", readout.ToReport().ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_read_out_uses_always_valid_p_values_and_says_so()
    {
        var observations = Observations();
        var fixedRead = Experiment.Of(observations, Design());
        var readout = Experiment.Of(observations, Design(sequential: true));
        Assert.True(readout.IsSequential);
        var c = Assert.Single(Assert.Single(readout.Segments).Comparisons);
        var f = Assert.Single(Assert.Single(fixedRead.Segments).Comparisons);
        Assert.Null(f.SequentialPValue);
        Assert.Equal(c.SequentialPValue, c.AdjustedPValue);
        Assert.Equal(c.RevenueSequentialPValue, c.RevenueAdjustedPValue);
        Assert.True(c.SequentialPValue >= f.Difference.PValue);
        Assert.True(c.SequentialInterval!.Value.Width > f.Difference.Interval!.Value.Width);
        Assert.True(c.RevenueSequentialInterval!.Value.Width > f.Revenue.Interval!.Value.Width);
        string text = readout.ToReport().ToText();
        Assert.Contains("sequential, always valid", text, StringComparison.Ordinal);
        Assert.Contains("fixed horizon", fixedRead.ToReport().ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cuped_and_sequential_together_put_the_sequence_around_the_adjusted_difference()
    {
        var readout = Experiment.Of(Observations(), Design(cuped: true, sequential: true));
        var c = Assert.Single(Assert.Single(readout.Segments).Comparisons);
        double centre = (c.RevenueSequentialInterval!.Value.Lower + c.RevenueSequentialInterval.Value.Upper) / 2;
        Assert.Equal(c.CupedRevenue!.Adjusted.Difference!.Value, centre, 9);
    }

    [Fact]
    public void Bootstrap_read_out_carries_the_BCa_interval_beside_the_percentile_one()
    {
        var observations = Observations();
        var readout = Experiment.Of(observations, Design(resamples: 500));
        var c = Assert.Single(Assert.Single(readout.Segments).Comparisons);
        var expected = Bootstrap.MeanDifferenceBca(
            [.. observations.Where(o => o.Arm == "treatment").Select(o => o.Revenue)],
            [.. observations.Where(o => o.Arm == "control").Select(o => o.Revenue)], 0.95, 500, 1)!;
        Assert.Equal(expected.Percentile, c.RevenueBootstrapInterval);
        Assert.Equal(expected.Interval, c.RevenueBcaInterval);
    }

    [Fact]
    public void A_tally_cannot_carry_CUPED_and_the_builder_passes_the_covariate_on()
    {
        var tally = ExperimentTally.Of(Observations());
        Assert.Throws<ArgumentException>("design", () => Experiment.From(tally, Design(cuped: true)));
        Assert.NotNull(Experiment.From(tally, Design(sequential: true)));

        var at = Instant.FromUtc(2026, 1, 1, 0, 0);
        var outcomes = Experiment.Outcomes(
            [new Assignment("a", "control", at) { Covariate = 12.5 }, new Assignment("b", "treatment", at)],
            [], Duration.FromDays(1), at + Duration.FromDays(2));
        Assert.Equal(12.5, outcomes.Observations.Single(o => o.CustomerId == "a").Covariate);
        Assert.Null(outcomes.Observations.Single(o => o.CustomerId == "b").Covariate);
        Assert.Throws<ArgumentOutOfRangeException>("Covariate", () => new Assignment("c", "control", at) { Covariate = double.NaN });
    }
}

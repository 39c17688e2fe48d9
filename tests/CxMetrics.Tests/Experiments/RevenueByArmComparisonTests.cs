using CxMetrics.Breakdowns;
using CxMetrics.Experiments;
using CxMetrics.Statistics;
using NodaTime;

namespace CxMetrics.Tests.Experiments;

/// <summary>
/// <see cref="Experiment.CompareRevenue"/>: revenue per customer of every arm of a segment compared at once, against base
/// R (<c>revenue_by_arm_reference.R</c>, output in <c>revenue_by_arm_reference.out</c>): <c>oneway.test</c> for the omnibus
/// Welch ANOVA, <c>t.test</c> for each pair, <c>p.adjust</c> for Holm and Benjamini–Hochberg.
/// </summary>
public class RevenueByArmComparisonTests
{
    private static readonly double[] Control = [.. Enumerable.Repeat(0.0, 24), 12.5, 30, 45.9, 8, 22, 60];
    private static readonly double[] TenPercentOff = [.. Enumerable.Repeat(0.0, 20), 10, 15, 27.5, 33, 41, 18, 9.9, 55, 70, 12];
    private static readonly double[] FreeShipping = [.. Enumerable.Repeat(0.0, 8), 25, 35, 80, 14, 16.5, 29, 44, 52, 38, 61, 27, 33, 70, 19, 48, 26, 31];

    private static ExperimentDesign Design(MultipleComparisonMethod adjustment) => new()
    {
        ControlArm = "control",
        PlannedSplit = new Dictionary<string, double> { ["control"] = 1, ["10% off"] = 1, ["free shipping"] = 1 },
        OutcomeWindow = Duration.FromDays(30),
        Adjustment = adjustment,
    };

    /// <summary>The three arms' customers, all observed, plus one pending customer per arm (not counted).</summary>
    private static ExperimentTally Tally()
    {
        var tally = new ExperimentTally();
        foreach (var (arm, revenue) in new[] { ("control", Control), ("10% off", TenPercentOff), ("free shipping", FreeShipping) })
        {
            for (int i = 0; i < revenue.Length; i++)
            {
                tally.Add(new ExperimentObservation($"{arm}-{i}", arm, null, OutcomeStatus.Observed, revenue[i] > 0, revenue[i]));
            }

            tally.Add(new ExperimentObservation($"{arm}-pending", arm, null, OutcomeStatus.Pending, false, 0));
        }

        return tally;
    }

    [Fact]
    public void Every_pair_of_arms_and_the_omnibus_test_match_R()
    {
        var segment = Assert.Single(Experiment.From(Tally(), Design(MultipleComparisonMethod.Holm)).Segments);
        var holm = Experiment.CompareRevenue(segment);

        var omnibus = Assert.IsType<OmnibusTest>(holm.Omnibus);
        Assert.Equal(OmnibusTestKind.WelchAnova, omnibus.Kind);
        Assert.Equal(3, omnibus.Groups);
        Assert.Equal(6.65534982112254, omnibus.Statistic!.Value, 1e-9);
        Assert.Equal(2, omnibus.DegreesOfFreedom);
        Assert.Equal(50.2274273346432, omnibus.DenominatorDegreesOfFreedom!.Value, 1e-8);
        Assert.Equal(0.00272931537322793, omnibus.PValue!.Value, 1e-12);

        // (first, second, difference, t, df, interval, p, Holm, BH) in the read-out's arm order: control first, then by name.
        (string, string, double, double, double, double, double, double, double, double)[] r =
        [
            ("control", "10% off", -3.76666666666667, -0.884935415230752, 55.6184239996637, -12.29461395207283, 4.76128061873949, 0.380001301113149, 0.3800013011131487, 0.3800013011131487),
            ("control", "free shipping", -19.9933333333333, -3.66325083113643, 38.4646165958429, -31.03771447455089, -8.94895219211578, 0.000747821454978899, 0.0022434643649367, 0.0022434643649367),
            ("10% off", "free shipping", -16.2266666666667, -2.80200669885074, 44.2620420591706, -27.8958858738113, -4.5574474595220, 0.00750649644764681, 0.0150129928952936, 0.0112597446714702),
        ];
        var bh = Experiment.CompareRevenue(segment, MultipleComparisonMethod.BenjaminiHochberg);
        Assert.Equal(3, holm.Pairs.Count);
        for (int i = 0; i < r.Length; i++)
        {
            var (first, second, difference, t, df, lower, upper, p, holmP, bhP) = r[i];
            var pair = holm.Pairs[i];
            Assert.Equal((first, second), (pair.First, pair.Second));
            Assert.Equal(difference, pair.Difference!.Value, 1e-10);
            Assert.Equal(t, pair.Comparison.T!.Value, 1e-10);
            Assert.Equal(df, pair.Comparison.DegreesOfFreedom!.Value, 1e-8);
            Assert.Equal(lower, pair.Interval!.Value.Lower, 1e-9);
            Assert.Equal(upper, pair.Interval!.Value.Upper, 1e-9);
            Assert.Equal(p, pair.PValue!.Value, 1e-12);
            Assert.Equal(holmP, pair.AdjustedPValue!.Value, 1e-12);
            Assert.Equal(bhP, bh.Pairs[i].AdjustedPValue!.Value, 1e-12);
        }

        Assert.Equal([("control", "free shipping"), ("10% off", "free shipping")], holm.SignificantPairs(0.05).Select(x => (x.First, x.Second)));
    }

    [Fact]
    public void Pairs_against_the_control_are_the_read_outs_own_revenue_comparisons_before_adjustment()
    {
        var readout = Experiment.From(Tally(), Design(MultipleComparisonMethod.Holm));
        var segment = Assert.Single(readout.Segments);
        var all = Experiment.CompareRevenue(segment);
        foreach (var c in segment.Comparisons)
        {
            // The read-out compares arm − control; the breakdown pair is control − arm: same test, sign flipped.
            var pair = Assert.Single(all.Pairs, p => p.First == "control" && p.Second == c.Arm);
            Assert.Equal(-c.Revenue.Difference!.Value, pair.Difference!.Value, 1e-12);
            Assert.Equal(c.Revenue.PValue!.Value, pair.PValue!.Value, 1e-12);
        }
    }

    [Fact]
    public void Arms_without_observed_customers_leave_no_omnibus_test_and_pairs_without_p_values()
    {
        var tally = new ExperimentTally();
        tally.Add(new ExperimentObservation("a", "control", null, OutcomeStatus.Observed, true, 20));
        tally.Add(new ExperimentObservation("b", "control", null, OutcomeStatus.Observed, false, 0));
        tally.Add(new ExperimentObservation("c", "10% off", null, OutcomeStatus.Pending, false, 0));
        var segment = Assert.Single(Experiment.From(tally, Design(MultipleComparisonMethod.Holm)).Segments);

        var comparison = Experiment.CompareRevenue(segment);

        Assert.Null(comparison.Omnibus);
        Assert.All(comparison.Pairs, p => Assert.Null(p.PValue));
        Assert.Equal(3, comparison.Pairs.Count);
        Assert.Throws<ArgumentNullException>("segment", () => Experiment.CompareRevenue(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Experiment.CompareRevenue(segment, level: 1));
    }
}

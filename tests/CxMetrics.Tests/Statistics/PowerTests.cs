using CxMetrics.Experiments;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using NodaTime;

namespace CxMetrics.Tests.Statistics;

/// <summary>
/// Power, minimum detectable effect and sample size against R's <c>power.prop.test</c> and <c>power.t.test</c>:
/// References/power.R produced References/power.out.txt, whose numbers are written here (CI does not run R). R's root
/// finding ran with <c>tol = 1e-12</c>, so the solved quantities agree to about 1e-9.
/// </summary>
public class PowerTests
{
    [Fact]
    public void Proportion_power_and_effect_match_power_prop_test()
    {
        Assert.Equal(3841, Proportion.SampleSizePerArm(0.10, 0.02)); // R n = 3840.84748244
        Assert.Equal(0.697045300405, Proportion.Power(0.10, 0.02, 3000), 10);
        Assert.Equal(0.350532286599, Proportion.Power(0.03, 0.005, 4000, alpha: 0.1), 10);
        Assert.Equal(0.0416403985579 - 0.03, Proportion.MinimumDetectableEffect(0.03, 4000)!.Value, 9);
        Assert.Equal(0.169901147924 - 0.10, Proportion.MinimumDetectableEffect(0.10, 500, power: 0.9)!.Value, 9);
        Assert.Null(Proportion.MinimumDetectableEffect(0.5, 1, power: 0.99));
        Assert.Throws<ArgumentOutOfRangeException>("customersPerArm", () => Proportion.Power(0.1, 0.02, 0));
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => Proportion.Power(0.1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>("baseline", () => Proportion.MinimumDetectableEffect(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("power", () => Proportion.MinimumDetectableEffect(0.1, 10, power: 1));
    }

    [Fact]
    public void Power_at_the_sample_size_reaches_the_target_and_one_less_does_not()
    {
        long n = Proportion.SampleSizePerArm(0.10, 0.02);
        Assert.True(Proportion.Power(0.10, 0.02, n) >= 0.8);
        Assert.True(Proportion.Power(0.10, 0.02, n - 1) < 0.8);
        long t = WelchTest.SampleSizePerArm(40, 2);
        Assert.True(WelchTest.Power(40, 2, t) >= 0.8);
        Assert.True(WelchTest.Power(40, 2, t - 1) < 0.8);
    }

    [Fact]
    public void Mean_power_and_sample_size_match_power_t_test()
    {
        Assert.Equal(6281, WelchTest.SampleSizePerArm(40, 2));            // R n = 6280.06429634
        Assert.Equal(86, WelchTest.SampleSizePerArm(1, 0.5, power: 0.9)); // R n = 85.0313133115
        Assert.Equal(6, WelchTest.SampleSizePerArm(1, -2));               // R n = 5.09000075869
        Assert.Equal(0.705331092159, WelchTest.Power(40, 2, 5000), 9);
        Assert.Equal(0.561984615034, WelchTest.Power(1, 1, 10), 9);
        Assert.Equal(0.293737561242, WelchTest.Power(1, 1, 10, alpha: 0.01), 9);
        Assert.Equal(2.50611493398, WelchTest.MinimumDetectableEffect(40, 4000), 8);
        Assert.Equal(1.50663585023, WelchTest.MinimumDetectableEffect(1, 8), 8);
        Assert.Throws<ArgumentOutOfRangeException>("standardDeviation", () => WelchTest.Power(0, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>("customersPerArm", () => WelchTest.Power(1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => WelchTest.SampleSizePerArm(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffect", () => WelchTest.SampleSizePerArm(1, 1e-9));
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => WelchTest.MinimumDetectableEffect(1, 10, alpha: 1));
    }

    [Fact]
    public void Nps_sample_size_uses_the_variance_of_promoter_and_detractor_shares()
    {
        // V = 0.4 + 0.2 − 0.2² = 0.56; n = 2·0.56·(1.959964 + 0.841621)²/0.05² = 3,516.3 → 3,517.
        double z = StandardNormal.CriticalValue(0.95) + MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.8);
        double exact = 2 * 0.56 * z * z / (0.05 * 0.05);
        Assert.Equal(3516.298120988, exact, 6);
        Assert.Equal(3517, Nps.SampleSizePerArm(5, 0.4, 0.2));
        Assert.Equal(3517, Nps.SampleSizePerArm(-5, 0.4, 0.2));
        Assert.True(Nps.SampleSizePerArm(5) > Nps.SampleSizePerArm(5, 0.4, 0.2)); // worst case V = 1
        Assert.Equal(5.0, Nps.MinimumDetectableEffect(3516, 0.4, 0.2), 3);
        Assert.Equal(0.8, Nps.Power(5, 3516, 0.4, 0.2), 3);
        Assert.Throws<ArgumentOutOfRangeException>("expectedDetractorShare", () => Nps.SampleSizePerArm(5, 0.7, 0.4));
        Assert.Throws<ArgumentOutOfRangeException>("minimumDetectableEffectPoints", () => Nps.SampleSizePerArm(0));
        Assert.Throws<ArgumentOutOfRangeException>("responsesPerArm", () => Nps.MinimumDetectableEffect(0));
    }

    [Fact]
    public void Design_answers_what_2000_visitors_a_week_for_4_weeks_can_detect()
    {
        var design = new ExperimentDesign
        {
            ControlArm = "A",
            PlannedSplit = new Dictionary<string, double> { ["A"] = 0.5, ["B"] = 0.5 },
            OutcomeWindow = Duration.FromDays(7),
            Adjustment = MultipleComparisonMethod.Holm,
        };

        // 8,000 visitors split 50/50: 4,000 per arm; R power.prop.test(n = 4000, p1 = 0.03, power = 0.8)$p2 = 0.04164.
        Assert.Equal(0.0416403985579 - 0.03, design.MinimumDetectableConversionEffect(0.03, 2_000 * 4)!.Value, 9);

        // R power.t.test(n = 4000, sd = 40, power = 0.8)$delta = 2.506.
        Assert.Equal(2.50611493398, design.MinimumDetectableRevenueEffect(40, 2_000 * 4), 8);

        // An uneven split plans with the smallest arm: 20% of 8,000 = 1,600 customers.
        var uneven = design with { PlannedSplit = new Dictionary<string, double> { ["A"] = 0.8, ["B"] = 0.2 } };
        Assert.Equal(Proportion.MinimumDetectableEffect(0.03, 1600), uneven.MinimumDetectableConversionEffect(0.03, 8000));
        Assert.Throws<ArgumentOutOfRangeException>("units", () => design.MinimumDetectableConversionEffect(0.03, 1));
        Assert.Throws<ArgumentOutOfRangeException>("SequentialTuningParameter", () => design with { SequentialTuningParameter = 0 });
    }
}

using System.Globalization;
using CxMetrics.Retention;

namespace CxMetrics.Tests.Retention.Cox;

/// <summary>
/// The pointwise interval of the adjusted survival curve against R survival 3.5.3's <c>survfit(coxph, newdata)</c>
/// (<c>cox_extension_reference.R</c> next to this file, its output in <c>cox_extension_reference.out</c>): the standard error
/// of the cumulative hazard includes the coefficients' uncertainty, and the interval is the log type.
/// </summary>
public class CoxSurvivalCurveTests
{
    private static readonly LungData.Row[] Lung = LungData.Rows;
    private static readonly double[] Times = [5, 100, 300, 500, 1000];

    private static CoxDesign AgeSex(IReadOnlyList<LungData.Row> rows) => new CoxDesign()
        .WithNumeric("age", rows.Select(r => r.Age).ToArray())
        .WithNumeric("sex", rows.Select(r => (double)r.Sex).ToArray());

    private static CoxDesign Profile(double age, double sex) => new CoxDesign().WithNumeric("age", [age]).WithNumeric("sex", [sex]);

    private static void AssertCurve(CoxSurvivalCurve curve, double[] times, double[] survival, double[] se, double[] lower, double[] upper)
    {
        for (int i = 0; i < times.Length; i++)
        {
            var step = curve.Steps.Last(s => s.Time <= times[i]);
            Assert.Equal(survival[i], step.Survival, 1e-8);
            Assert.Equal(se[i], step.StandardError, 1e-8);
            Assert.Equal(lower[i], step.Lower, 1e-8);
            Assert.Equal(upper[i], step.Upper, 1e-8);
        }
    }

    [Fact]
    public void Efron_profile_interval_matches_R_survfit()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung));
        var curve = model.SurvivalCurve(Profile(60, 2));
        Assert.Equal(0.95, curve.ConfidenceLevel);
        AssertCurve(
            curve,
            Times,
            [0.9970599851, 0.9052098624, 0.6457429559, 0.4265235398, 0.1345809288],
            [0.002967407367, 0.02162666491, 0.06846274749, 0.1283108204, 0.3649173372],
            [0.9912779033, 0.8676421192, 0.5646561739, 0.3316840873, 0.06582112799],
            [1, 0.9444042385, 0.7384741093, 0.548480729, 0.2751704042]);
    }

    [Fact]
    public void The_level_of_the_model_sets_the_interval()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung), new CoxOptions { ConfidenceLevel = 0.9 });
        AssertCurve(
            model.SurvivalCurve(Profile(75, 1)),
            Times,
            [0.9936680351, 0.8066616021, 0.3892466818, 0.1590901416, 0.01320927569],
            [0.006389317878, 0.04575729401, 0.1463276384, 0.2810356062, 0.7964932914],
            [0.9832797715, 0.7481774639, 0.3059818356, 0.1002040427, 0.003563718091],
            [1, 0.8697173754, 0.4951698489, 0.2525813579, 0.04896149466]);
    }

    [Fact]
    public void Breslow_profile_interval_matches_R_survfit()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung), new CoxOptions { Ties = CoxTies.Breslow });
        AssertCurve(
            model.SurvivalCurve(Profile(60, 2)),
            Times,
            [0.9970582023, 0.9053184632, 0.6459571204, 0.426823765, 0.1346650678],
            [0.002969196429, 0.02160262549, 0.06841006733, 0.1282083459, 0.364927651],
            [0.991272655, 0.867787099, 0.5649017692, 0.3319842272, 0.0658609475],
            [1, 0.9444730404, 0.7386427589, 0.5487565717, 0.2753480047]);
    }

    [Fact]
    public void Stratified_profile_interval_matches_R_survfit()
    {
        var design = new CoxDesign()
            .WithNumeric("age", Lung.Select(r => r.Age).ToArray())
            .WithStrata("sex", Lung.Select(r => r.Sex.ToString(CultureInfo.InvariantCulture)).ToArray());
        var model = CoxRegression.Fit(LungData.Observations(Lung), design);
        AssertCurve(
            model.SurvivalCurve(new CoxDesign().WithNumeric("age", [60]).WithStrata("sex", ["2"])),
            Times,
            [0.9892489064, 0.9245025513, 0.6834045823, 0.4297911453, 0.1034259012],
            [0.0108117407, 0.02972595818, 0.07525060009, 0.1455129513, 0.5225587506],
            [0.9685066531, 0.8721784112, 0.5896909457, 0.3231443858, 0.03713868299],
            [1, 0.9799657459, 0.7920111823, 0.5716343427, 0.2880262889]);
    }

    [Fact]
    public void Case_weighted_profile_interval_matches_R_survfit()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung, r => 1 + ((r.Index + 1) % 3)), AgeSex(Lung));
        AssertCurve(
            model.SurvivalCurve(Profile(60, 2)),
            Times,
            [0.9987143544, 0.9175669017, 0.6695050341, 0.4704016883, 0.1640139007],
            [0.001292335708, 0.01361755717, 0.04602927773, 0.08281489238, 0.2424025529],
            [0.9961878805, 0.89340104, 0.6117495445, 0.3999233002, 0.1019875667],
            [1, 0.9423864327, 0.7327132398, 0.5533004659, 0.263763128]);
    }

    [Fact]
    public void The_interval_holds_the_estimate_and_widens_at_an_unusual_profile()
    {
        var model = CoxRegression.Fit(LungData.Observations(Lung), AgeSex(Lung));
        var typical = model.SurvivalCurve(Profile(Lung.Average(r => r.Age), 1.5));
        var unusual = model.SurvivalCurve(Profile(90, 1.5));
        foreach (var step in typical.Steps.Concat(unusual.Steps))
        {
            Assert.InRange(step.Survival, step.Lower, step.Upper);
            Assert.True(step.Upper <= 1);
            Assert.True(step.StandardError > 0);
        }

        // At the covariate means only the baseline's own variance is left; far from them the coefficients' uncertainty adds to it.
        for (int i = 0; i < typical.Steps.Count; i++)
        {
            Assert.True(unusual.Steps[i].StandardError > typical.Steps[i].StandardError);
        }
    }
}

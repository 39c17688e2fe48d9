using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Retention;

public class LogRankTests
{
    [Fact]
    public void Aml_groups_match_R_survdiff()
    {
        // survdiff(Surv(time, status) ~ x, data = aml): Chisq = 3.4 on 1 df, p = 0.07;
        // full precision: 3.396389, p = 0.065339. Observed 7 / 11, expected 10.69 / 7.31.
        var result = LogRank.Of(AmlData.AllTime, AmlData.AllEvent, AmlData.AllGroup);
        Assert.Equal(3.396389, result.ChiSquare!.Value, 6);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.Equal(0.065339, result.PValue!.Value, 6);
        Assert.Equal(7, result.Groups[0].Observed);
        Assert.Equal(10.69, result.Groups[0].Expected, 2);
        Assert.Equal(7.31, result.Groups[1].Expected, 2);
        Assert.Equal(11, result.Groups[0].Count);
    }

    [Fact]
    public void Tallies_give_the_same_test_as_spans()
    {
        var a = new KaplanMeierTally();
        a.AddRange(AmlData.MaintainedTime, AmlData.MaintainedEvent);
        var b = new KaplanMeierTally();
        b.AddRange(AmlData.NonmaintainedTime, AmlData.NonmaintainedEvent);
        var result = LogRank.From([a, b], ["Maintained", "Nonmaintained"]);
        Assert.Equal(3.396389, result.ChiSquare!.Value, 6);
        Assert.Equal("Maintained", result.Groups[0].Label);
    }

    [Fact]
    public void Three_groups_have_two_degrees_of_freedom_and_identical_groups_give_zero()
    {
        var t = AmlData.MaintainedTime;
        var e = AmlData.MaintainedEvent;
        var same = LogRank.Of([.. t, .. t, .. t], [.. e, .. e, .. e], [.. t.Select(_ => 0), .. t.Select(_ => 1), .. t.Select(_ => 2)]);
        Assert.Equal(2, same.DegreesOfFreedom);
        Assert.Equal(0, same.ChiSquare!.Value, 10);
        Assert.Equal(1, same.PValue!.Value, 10);
    }

    [Fact]
    public void One_group_or_no_events_gives_no_test()
    {
        var one = LogRank.Of(AmlData.MaintainedTime, AmlData.MaintainedEvent, new int[AmlData.MaintainedTime.Length]);
        Assert.Null(one.ChiSquare);
        Assert.Null(one.PValue);
        var none = LogRank.Of([1.0, 2], [false, false], [0, 1]);
        Assert.Null(none.ChiSquare);
    }

    [Fact]
    public void Singular_covariance_gives_no_test_instead_of_nan()
    {
        // Both remaining customers churn at 22, emptying the risk set: the only event time carries no variance.
        var result = LogRank.Of([13.0, 12, 22, 22], [false, false, true, true], [1, 2, 2, 1]);
        Assert.Null(result.ChiSquare);
        Assert.Null(result.PValue);
    }

    [Property]
    public Property Statistic_is_non_negative_and_invariant_to_relabelling() =>
        Prop.ForAll(SurvivalGen.Grouped, ArbMap.Default.ArbFor<int>(), (data, seed) =>
        {
            var durations = data.Select(x => x.Duration).ToArray();
            var events = data.Select(x => x.Event).ToArray();
            var result = LogRank.Of(durations, events, data.Select(x => x.Group).ToArray());
            var permutation = new[] { 0, 1, 2, 3 };
            new Random(seed).Shuffle(permutation);
            var relabelled = LogRank.Of(durations, events, data.Select(x => permutation[x.Group]).ToArray());
            if (result.ChiSquare is not { } chi)
            {
                return relabelled.ChiSquare is null;
            }

            return chi >= 0 && result.PValue is >= 0 and <= 1 && result.DegreesOfFreedom == relabelled.DegreesOfFreedom
                && Math.Abs(chi - relabelled.ChiSquare!.Value) <= 1e-8 * Math.Max(1, chi);
        });
}

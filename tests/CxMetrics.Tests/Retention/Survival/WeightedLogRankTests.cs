using CxMetrics.Retention;
using CxMetrics.Tests.Retention.Cox;

namespace CxMetrics.Tests.Retention.Survival;

/// <summary>Stratified and Fleming–Harrington G(ρ, γ) log-rank tests against R's <c>survdiff</c> (survival_reference.out).</summary>
public class WeightedLogRankTests
{
    private static LungData.Row[] Lung => LungData.Rows;

    private static double[] Time => [.. Lung.Select(r => r.Time)];

    private static bool[] Dead => [.. Lung.Select(r => r.Dead)];

    private static int[] Sex => [.. Lung.Select(r => r.Sex)];

    [Fact]
    public void Plain_and_rho_one_on_sex_match_R_survdiff()
    {
        Assert.Equal(10.32674195, LogRank.Of(Time, Dead, Sex).ChiSquare!.Value, 7);
        var rho = LogRank.Of(Time, Dead, Sex, new LogRankOptions { Rho = 1 });
        var r = SurvivalReference.Values("survdiff sex rho=1"); // chisq, obs ×2, exp ×2, var 2×2
        Assert.Equal(12.7141514, rho.ChiSquare!.Value, 6);
        Assert.Equal(r[0], rho.ChiSquare!.Value, 1e-8);
        Assert.Equal(r[1], rho.Groups[0].Observed, 1e-8);
        Assert.Equal(r[2], rho.Groups[1].Observed, 1e-8);
        Assert.Equal(r[3], rho.Groups[0].Expected, 1e-8);
        Assert.Equal(r[4], rho.Groups[1].Expected, 1e-8);
        Assert.Equal(r[5], rho.Groups[0].Variance, 1e-8);
        Assert.Equal(1.0, rho.Rho);
        Assert.StartsWith("log-rank G(1, 0) χ² = 12.71 on 1 df", rho.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stratified_by_ecog_matches_R_survdiff_with_strata()
    {
        // survdiff(Surv(time, status) ~ sex + strata(ph.ecog), lung): R drops the row without ph.ecog.
        var rows = Lung.Where(r => r.Ecog is not null).ToArray();
        var strata = rows.Select(r => r.Ecog!.Value).ToArray();
        var test = LogRank.Of(rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Dead).ToArray(), rows.Select(r => r.Sex).ToArray(), strata);
        var r = SurvivalReference.Values("survdiff sex + strata(ph.ecog)"); // chisq, obs ×2, exp ×2, n per group
        Assert.Equal(10.7951, test.ChiSquare!.Value, 4);
        Assert.Equal(r[0], test.ChiSquare!.Value, 1e-8);
        Assert.Equal(r[1], test.Groups[0].Observed);
        Assert.Equal(r[2], test.Groups[1].Observed);
        Assert.Equal(r[3], test.Groups[0].Expected, 1e-8);
        Assert.Equal(r[4], test.Groups[1].Expected, 1e-8);
        Assert.Equal(4, test.Strata);
        Assert.Equal(1, test.DegreesOfFreedom);
        Assert.Equal(r[5], test.Groups[0].Count);
        Assert.Equal(r[6], test.Groups[1].Count);
        Assert.Contains("4 strata", test.ToString(), StringComparison.Ordinal);

        var rho = LogRank.Of(rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Dead).ToArray(), rows.Select(r => r.Sex).ToArray(), strata, new LogRankOptions { Rho = 1 });
        Assert.Equal(SurvivalReference.Values("survdiff sex + strata(ph.ecog) rho=1")[0], rho.ChiSquare!.Value, 1e-8);

        // The same through By with a stratum key.
        var by = LogRank.By(rows, r => r.Sex, r => r.Ecog, r => new SurvivalObservation(r.Time, r.Dead));
        Assert.Equal(test.ChiSquare!.Value, by.ChiSquare!.Value, 1e-12);
        Assert.Equal(["1", "2"], by.Groups.Select(g => g.Label));
    }

    [Fact]
    public void Four_groups_match_R()
    {
        var rows = Lung.Where(r => r.Ecog is not null).ToArray();
        var test = LogRank.Of(rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Dead).ToArray(), rows.Select(r => r.Ecog!.Value).ToArray());
        Assert.Equal(SurvivalReference.Values("survdiff ph.ecog")[0], test.ChiSquare!.Value, 1e-8);
        Assert.Equal(3, test.DegreesOfFreedom);
    }

    [Fact]
    public void Fleming_Harrington_rho_gamma_match_the_R_script_written_from_the_definition()
    {
        // Rows: rho, gamma, chisq, obs ×2, exp ×2. The script checks its own (0, 0) and (1, 0) against survdiff.
        foreach (var r in SurvivalReference.Rows("hand-written G(rho, gamma) on sex:"))
        {
            var test = LogRank.Of(Time, Dead, Sex, new LogRankOptions { Rho = r[0], Gamma = r[1] });
            Assert.Equal(r[2], test.ChiSquare!.Value, 1e-8);
            Assert.Equal(r[3], test.Groups[0].Observed, 1e-8);
            Assert.Equal(r[5], test.Groups[0].Expected, 1e-8);
            Assert.Equal(r[6], test.Groups[1].Expected, 1e-8);
        }
    }

    [Fact]
    public void Delayed_entry_gives_the_score_test_of_coxph_with_counting_process_data()
    {
        // coxph(Surv(entry, time, status) ~ sex, ties = "exact")$score = 9.180031331 and the hand-written G(ρ, γ) with entries.
        var entries = SurvivalReference.Entries;
        var exact = SurvivalReference.Values("coxph score tests");
        foreach (var r in SurvivalReference.Rows("hand-written G(rho, gamma) on sex with the delayed entries"))
        {
            var test = LogRank.By(Lung, x => x.Sex, x => new SurvivalObservation(entries[x.Index], x.Time, x.Dead), new LogRankOptions { Rho = r[0], Gamma = r[1] });
            Assert.Equal(r[2], test.ChiSquare!.Value, 1e-8);
            Assert.Equal(r[3], test.Groups[0].Observed, 1e-8);
            Assert.Equal(r[5], test.Groups[0].Expected, 1e-8);
        }

        var plain = LogRank.By(Lung, x => x.Sex, x => new SurvivalObservation(entries[x.Index], x.Time, x.Dead));
        Assert.Equal(exact[2], plain.ChiSquare!.Value, 1e-8);
        Assert.Equal(exact[0], LogRank.Of(Time, Dead, Sex).ChiSquare!.Value, 1e-8);
    }

    [Fact]
    public void Options_refuse_negative_or_infinite_exponents_naming_the_property()
    {
        Assert.Throws<ArgumentOutOfRangeException>("Rho", () => new LogRankOptions { Rho = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("Gamma", () => new LogRankOptions { Gamma = double.PositiveInfinity });
        Assert.Throws<ArgumentOutOfRangeException>("Rho", () => new LogRankOptions { Rho = double.NaN });
    }

    [Fact]
    public void Strata_of_different_sizes_or_missing_tallies_are_refused()
    {
        var a = KaplanMeierTally.FromCounts([1.0], [1], [0]);
        Assert.Throws<ArgumentException>("strata", () => LogRank.From([[a, a.Clone()], [a.Clone()]]));
        Assert.Throws<ArgumentException>("strata", () => LogRank.From(Array.Empty<IReadOnlyList<KaplanMeierTally>>()));
        Assert.Throws<ArgumentException>("groups", () => LogRank.From(Array.Empty<KaplanMeierTally>()));
        Assert.Throws<ArgumentNullException>("strata[1][0]", () => LogRank.From([[a], [null!]]));
        Assert.Throws<ArgumentException>("strata", () => LogRank.Of([1.0], [true], [0], [0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>("durations", () => LogRank.Of([-1.0], [true], [0], [0]));
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Tests.Internal;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Breakdowns;

/// <summary>Every cell of a breakdown compared at once: the omnibus test and the adjusted pairs of each family's <c>Compare(breakdown)</c>.</summary>
public class BreakdownComparisonTests
{
    // Promoters, passives, detractors per channel, as the 3 x 4 table of kgroups_reference.R.
    private static readonly (string Channel, long Promoters, long Passives, long Detractors)[] Channels =
        [("app", 120, 80, 50), ("email", 60, 70, 40), ("phone", 30, 25, 45), ("web", 200, 90, 60)];

    [Fact]
    public void Nps_by_channel_carries_the_chi_square_of_the_three_by_k_table_as_R_and_every_pair()
    {
        var cells = Nps.By(Channels.Select(c => KeyValuePair.Create(c.Channel, NpsTally.FromCounts(c.Promoters, c.Passives, c.Detractors))));
        var comparison = Nps.Compare(cells);
        Assert.Equal(OmnibusTestKind.ChiSquareIndependence, comparison.Omnibus!.Kind);
        Assert.Equal(56.7794766885479, comparison.Omnibus.Statistic!.Value, 1e-9);
        Assert.Equal(6, comparison.Omnibus.DegreesOfFreedom);
        Assert.Equal(2.02468396935274e-10, comparison.Omnibus.PValue!.Value, 1e-20);
        Assert.Equal(4, comparison.Omnibus.Groups);
        Assert.Equal(6, comparison.Pairs.Count);
        Assert.Equal(MultipleComparisonMethod.Holm, comparison.Method);
        var appPhone = comparison.Pairs.Single(p => p.First == "app" && p.Second == "phone");
        var direct = Nps.Compare(cells[0].Result, cells[2].Result);
        Assert.Equal(direct, appPhone.Comparison);
        Assert.Equal(direct.Difference, appPhone.Difference);
        Assert.Equal(direct.Interval, appPhone.Interval);
        Assert.Equal(direct.PValue, appPhone.PValue);
        var raw = comparison.Pairs.Select(p => p.PValue!.Value).ToArray();
        Assert.Equal(MultipleComparisons.Adjust(raw, MultipleComparisonMethod.Holm), comparison.Pairs.Select(p => p.AdjustedPValue!.Value));
        Assert.Contains("χ² independence across 4 groups", comparison.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csat_by_touchpoint_compares_favourable_shares_by_chi_square_homogeneity()
    {
        var scale = CsatScale.OneToFive;
        var cells = Rating.By(new[]
        {
            KeyValuePair.Create("chat", RatingTally.FromCounts(scale, [1, 2, 0, 40, 43])),
            KeyValuePair.Create("email", RatingTally.FromCounts(scale, [1, 1, 1, 45, 45])),
            KeyValuePair.Create("phone", RatingTally.FromCounts(scale, [2, 3, 2, 60, 69])),
            KeyValuePair.Create("shop", RatingTally.FromCounts(scale, [4, 5, 3, 30, 40])),
        });
        var comparison = Rating.Compare(cells);
        // Favourable (4–5) of answered: 83/86, 90/93, 129/136, 70/82, the four channels of R's prop.test.
        Assert.Equal(12.6004112971276, comparison.Omnibus!.Statistic!.Value, 1e-10);
        Assert.Equal(0.00558547666162702, comparison.Omnibus.PValue!.Value, 1e-14);
        Assert.Equal(0.00714096227095324, comparison.Pairs.Single(p => p.First == "email" && p.Second == "shop").PValue!.Value, 1e-12);
    }

    [Fact]
    public void Fewer_than_two_cells_with_data_have_no_omnibus_test_and_pairs_without_p_are_not_adjusted()
    {
        var cells = Nps.By([KeyValuePair.Create("a", NpsTally.FromCounts(5, 3, 2)), KeyValuePair.Create("b", new NpsTally())]);
        var comparison = Nps.Compare(cells);
        Assert.Null(comparison.Omnibus);
        var pair = Assert.Single(comparison.Pairs);
        Assert.Null(pair.PValue);
        Assert.Null(pair.AdjustedPValue);
        Assert.Empty(Nps.Compare(Nps.By(Array.Empty<KeyValuePair<string, NpsTally>>())).Pairs);
    }

    [Fact]
    public void The_report_lists_the_omnibus_test_and_every_pair()
    {
        var cells = Nps.By(Channels.Select(c => KeyValuePair.Create(c.Channel, NpsTally.FromCounts(c.Promoters, c.Passives, c.Detractors))));
        var report = Nps.Compare(cells, MultipleComparisonMethod.BenjaminiHochberg).ToReport();
        string text = report.ToText();
        RenderingAssert.WellFormed(report.ToMarkdown(), report.ToHtml());
        Assert.Contains("Omnibus test: χ² independence", text, StringComparison.Ordinal);
        Assert.Contains("Pairwise comparisons", text, StringComparison.Ordinal);
        Assert.Contains("Benjamini–Hochberg", text, StringComparison.Ordinal);
        Assert.Contains("app", text, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Adjusted_p_is_at_least_raw_p_and_pairs_are_every_pair() =>
        Prop.ForAll(Tallies().ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (tallies, holm) =>
        {
            var cells = Nps.By(tallies.Select((t, i) => KeyValuePair.Create(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), t)));
            var comparison = Nps.Compare(cells, holm ? MultipleComparisonMethod.Holm : MultipleComparisonMethod.BenjaminiHochberg);
            return comparison.Pairs.Count == tallies.Length * (tallies.Length - 1) / 2
                && comparison.Pairs.All(p => p.PValue is null ? p.AdjustedPValue is null : p.AdjustedPValue >= p.PValue && p.AdjustedPValue <= 1);
        });

    [Property(MaxTest = 100)]
    public Property Relabelling_the_channels_leaves_the_omnibus_test_unchanged() =>
        Prop.ForAll(Tallies().ToArbitrary(), ArbMap.Default.ArbFor<int>(), (tallies, seed) =>
        {
            var rng = new Random(seed);
            var labels = Enumerable.Range(0, tallies.Length).OrderBy(_ => rng.Next()).ToArray();
            var a = Nps.Compare(Nps.By(tallies.Select((t, i) => KeyValuePair.Create(i, t)))).Omnibus;
            var b = Nps.Compare(Nps.By(tallies.Select((t, i) => KeyValuePair.Create(labels[i], t)))).Omnibus;
            return a is null ? b is null : b is not null && Math.Abs(a.Statistic!.Value - b.Statistic!.Value) <= 1e-9 * Math.Max(1, a.Statistic.Value)
                && a.DegreesOfFreedom == b.DegreesOfFreedom;
        });

    [Property(MaxTest = 100)]
    public Property Comparing_merged_shards_equals_comparing_the_whole() =>
        Prop.ForAll(Tallies().ToArbitrary(), ArbMap.Default.ArbFor<int>(), (tallies, seed) =>
        {
            var rng = new Random(seed);
            // Each channel's tally split into two shards by count; the breakdown merges a key given twice.
            var shards = tallies.SelectMany((t, i) =>
            {
                long p = rng.NextInt64(t.Promoters + 1), q = rng.NextInt64(t.Passives + 1), d = rng.NextInt64(t.Detractors + 1);
                return new[] { KeyValuePair.Create(i, NpsTally.FromCounts(p, q, d)), KeyValuePair.Create(i, NpsTally.FromCounts(t.Promoters - p, t.Passives - q, t.Detractors - d)) };
            });
            var whole = Nps.Compare(Nps.By(tallies.Select((t, i) => KeyValuePair.Create(i, t))));
            var merged = Nps.Compare(Nps.By(shards));
            return whole.Omnibus == merged.Omnibus && whole.Pairs.SequenceEqual(merged.Pairs);
        });

    private static Gen<NpsTally[]> Tallies() =>
        (from p in Gen.Choose(0, 60)
         from q in Gen.Choose(0, 60)
         from d in Gen.Choose(0, 60)
         select NpsTally.FromCounts(p, q, d)).ArrayOf().Where(a => a.Length <= 12);
}

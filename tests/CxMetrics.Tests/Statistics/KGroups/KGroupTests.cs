using CxMetrics.Breakdowns;
using CxMetrics.Conversion;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Statistics.KGroups;

/// <summary>
/// Chi-square homogeneity and independence and Welch's ANOVA against R (kgroups_reference.R, its output in
/// kgroups_reference.out), and their invariants.
/// </summary>
public class KGroupTests
{
    // The same vectors as kgroups_reference.R.
    private static readonly double[] Email = [5.2, 7.9, 3.1, 12.4, 6.6, 8.8, 4.0, 9.5, 15.1, 6.2];
    private static readonly double[] Chat = [0.4, 0.9, 0.3, 1.2, 0.6, 0.8, 2.1, 0.5];
    private static readonly double[] Phone = [1.5, 2.2, 3.9, 0.8, 2.7, 1.9, 4.4, 2.0, 3.1, 2.6, 1.1, 2.9];

    private static readonly double[][] Arms =
    [
        [0, 0, 0, 25, 0, 40, 0, 0, 12, 0, 0, 60, 0, 0, 0],
        [0, 30, 0, 0, 45, 0, 0, 22, 0, 0, 80, 0, 0, 15, 0, 0],
        [0, 0, 0, 0, 10, 0, 0, 0, 0, 35, 0, 0],
        [55, 0, 0, 20, 0, 0, 90, 0, 0, 30, 0, 0, 0, 65],
        [0, 0, 18, 0, 0, 0, 0, 27, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0],
    ];

    [Fact]
    public void Homogeneity_of_four_channels_matches_R_prop_test()
    {
        var result = ChiSquareTest.Homogeneity([83, 90, 129, 70], [86, 93, 136, 82]);
        Assert.Equal(12.6004112971276, result.Statistic, 1e-10);
        Assert.Equal(3, result.DegreesOfFreedom);
        Assert.Equal(0.00558547666162702, result.PValue, 1e-14);
    }

    [Fact]
    public void Homogeneity_of_six_channels_with_small_rates_matches_R_prop_test()
    {
        var result = ChiSquareTest.Homogeneity([12, 30, 7, 41, 22, 18], [400, 820, 310, 900, 650, 480]);
        Assert.Equal(4.42901371385219, result.Statistic, 1e-10);
        Assert.Equal(5, result.DegreesOfFreedom);
        Assert.Equal(0.489436965486524, result.PValue, 1e-12);
    }

    [Fact]
    public void Homogeneity_of_two_groups_is_R_prop_test_without_continuity_correction_and_the_pooled_z_squared()
    {
        var result = ChiSquareTest.Homogeneity([45, 30], [200, 210]);
        Assert.Equal(4.62452025586354, result.Statistic, 1e-10);
        Assert.Equal(0.0315180742522271, result.PValue, 1e-13);
        var z = Proportion.Compare(Proportion.FromCounts(45, 200), Proportion.FromCounts(30, 210)).Z!.Value;
        Assert.Equal(z * z, result.Statistic, 1e-10);
    }

    [Fact]
    public void Independence_of_the_NPS_table_of_four_channels_matches_R_chisq_test()
    {
        var result = ChiSquareTest.Independence(new double[,] { { 120, 60, 30, 200 }, { 80, 70, 25, 90 }, { 50, 40, 45, 60 } });
        Assert.Equal(56.7794766885479, result.Statistic, 1e-9);
        Assert.Equal(6, result.DegreesOfFreedom);
        Assert.Equal(2.02468396935274e-10, result.PValue, 1e-20);
    }

    [Fact]
    public void Welch_anova_of_three_channels_matches_R_oneway_test()
    {
        var result = WelchAnova.From([Moments(Email), Moments(Chat), Moments(Phone)]);
        Assert.Equal(23.0594217758414, result.F!.Value, 1e-9);
        Assert.Equal(2, result.NumeratorDegreesOfFreedom);
        Assert.Equal(16.0879445846092, result.DenominatorDegreesOfFreedom!.Value, 1e-9);
        Assert.Equal(1.88571346494045e-05, result.PValue!.Value, 1e-16);
        Assert.Equal(3, result.Groups);
    }

    [Fact]
    public void Welch_anova_of_five_arms_of_revenue_matches_R_oneway_test()
    {
        var result = WelchAnova.From([.. Arms.Select(Moments)]);
        Assert.Equal(1.44660034082565, result.F!.Value, 1e-10);
        Assert.Equal(4, result.NumeratorDegreesOfFreedom);
        Assert.Equal(31.514622563817, result.DenominatorDegreesOfFreedom!.Value, 1e-9);
        Assert.Equal(0.241846899365521, result.PValue!.Value, 1e-12);
    }

    [Fact]
    public void Welch_anova_of_two_channels_is_R_oneway_test_and_Welch_t_squared()
    {
        var anova = WelchAnova.From([Moments(Email), Moments(Chat)]);
        Assert.Equal(34.3728487415089, anova.F!.Value, 1e-9);
        Assert.Equal(9.54523741152398, anova.DenominatorDegreesOfFreedom!.Value, 1e-9);
        Assert.Equal(0.000190710901412243, anova.PValue!.Value, 1e-15);
        var t = WelchTest.From(Moments(Email), Moments(Chat));
        Assert.Equal(5.86283623696833, t.T!.Value, 1e-10);
        Assert.Equal(t.T.Value * t.T.Value, anova.F.Value, 1e-9);
        Assert.Equal(t.DegreesOfFreedom!.Value, anova.DenominatorDegreesOfFreedom.Value, 1e-9);
        Assert.Equal(t.PValue!.Value, anova.PValue.Value, 1e-12);
    }

    [Fact]
    public void Pairwise_conversion_p_values_and_their_Holm_and_BH_adjustments_match_R()
    {
        double[] raw = [0.92232009573426854, 0.56158705406105369, 0.01132896042468755, 0.48473924671197705, 0.00714096227095324, 0.01614329377863568];
        double[] holm = [1, 1, 0.0566448021234378, 1, 0.0428457736257194, 0.0645731751145427];
        double[] bh = [0.9223200957342685, 0.6739044648732644, 0.0322865875572714, 0.6739044648732644, 0.0322865875572714, 0.0322865875572714];
        var cells = ConversionRate.By(new[] { ("a", 83L, 86L), ("b", 90L, 93L), ("c", 129L, 136L), ("d", 70L, 82L) }
            .Select(c => KeyValuePair.Create(c.Item1, ConversionTally.FromCounts(c.Item2, c.Item3))));
        var byHolm = ConversionRate.Compare(cells);
        var byBh = ConversionRate.Compare(cells, MultipleComparisonMethod.BenjaminiHochberg);
        Assert.Equal(["a-b", "a-c", "a-d", "b-c", "b-d", "c-d"], byHolm.Pairs.Select(p => p.First + "-" + p.Second));
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(raw[i], byHolm.Pairs[i].PValue!.Value, 1e-12);
            Assert.Equal(holm[i], byHolm.Pairs[i].AdjustedPValue!.Value, 1e-12);
            Assert.Equal(bh[i], byBh.Pairs[i].AdjustedPValue!.Value, 1e-12);
        }

        Assert.Equal(12.6004112971276, byHolm.Omnibus!.Statistic!.Value, 1e-10);
        Assert.Equal(OmnibusTestKind.ChiSquareHomogeneity, byHolm.Omnibus.Kind);
        Assert.Equal(["b-d"], byHolm.SignificantPairs().Select(p => p.First + "-" + p.Second));
        Assert.Equal(3, byBh.SignificantPairs().Count);
    }

    [Fact]
    public void Support_comparison_runs_Welch_anova_on_the_measure_of_merged_tallies()
    {
        var tallies = new[] { ("email", Email), ("chat", Chat), ("phone", Phone) }.SelectMany(c =>
        {
            // Each channel arrives in two shards, merged by the breakdown.
            var first = new SupportTally();
            first.AddHours(SupportMeasure.FirstResponse, TimeBasis.Business, c.Item2.AsSpan(0, 3));
            var second = new SupportTally();
            second.AddHours(SupportMeasure.FirstResponse, TimeBasis.Business, c.Item2.AsSpan(3));
            return new[] { KeyValuePair.Create(c.Item1, first), KeyValuePair.Create(c.Item1, second) };
        });
        var comparison = SupportMetrics.Compare(SupportMetrics.By(tallies), SupportMeasure.FirstResponse);
        Assert.Equal(OmnibusTestKind.WelchAnova, comparison.Omnibus!.Kind);
        Assert.Equal(23.0594217758414, comparison.Omnibus.Statistic!.Value, 1e-9);
        Assert.Equal(16.0879445846092, comparison.Omnibus.DenominatorDegreesOfFreedom!.Value, 1e-9);
        var chatEmail = comparison.Pairs.Single(p => p.First == "chat" && p.Second == "email");
        Assert.Equal(Chat.Average() - Email.Average(), chatEmail.Difference!.Value, 1e-12);
        Assert.Equal(0.000190710901412243, chatEmail.PValue!.Value, 1e-13);
        Assert.Equal(Math.Min(1, 3 * chatEmail.PValue.Value), chatEmail.AdjustedPValue!.Value, 1e-13);
        Assert.Throws<ArgumentOutOfRangeException>("measure", () => SupportMetrics.Compare(SupportMetrics.By(tallies), (SupportMeasure)99));
    }

    [Fact]
    public void Degenerate_inputs_give_no_test_instead_of_NaN()
    {
        Assert.Equal(new ChiSquareResult(0, 2, 1), ChiSquareTest.Homogeneity([0, 0, 0], [10, 20, 30]));
        Assert.Equal(new ChiSquareResult(0, 2, 1), ChiSquareTest.Homogeneity([10, 20, 30], [10, 20, 30]));
        Assert.Equal(new ChiSquareResult(0, 0, 1), ChiSquareTest.Homogeneity([3, 0], [10, 0]));
        // An empty channel and an empty category are left out, degrees of freedom included.
        var withEmpty = ChiSquareTest.Independence(new double[,] { { 120, 0, 60 }, { 80, 0, 70 }, { 0, 0, 0 } });
        var without = ChiSquareTest.Independence(new double[,] { { 120, 60 }, { 80, 70 } });
        Assert.Equal(without, withEmpty);
        Assert.Equal(1, without.DegreesOfFreedom);
        Assert.Null(WelchAnova.From([Moments([1, 2, 3]), Moments([4, 4, 4])]).F);
        Assert.Null(WelchAnova.From([Moments([1, 2, 3]), Moments([4])]).F);
        Assert.Equal(1, WelchAnova.From([Moments([1, 2, 3]), Moments([4]), Moments([2, 5])]).NumeratorDegreesOfFreedom);
    }

    [Fact]
    public void Argument_errors_name_the_parameter()
    {
        Assert.Throws<ArgumentException>("trials", () => ChiSquareTest.Homogeneity([1, 2], [3]));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => ChiSquareTest.Homogeneity([4, 2], [3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => ChiSquareTest.Homogeneity([-1, 2], [3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>("trials", () => ChiSquareTest.Homogeneity([1, 2], [double.NaN, 3]));
        Assert.Throws<ArgumentOutOfRangeException>("table", () => ChiSquareTest.Independence(new double[,] { { 1, -2 }, { 3, 4 } }));
        Assert.Throws<ArgumentNullException>("table", () => ChiSquareTest.Independence(null!));
        Assert.Throws<ArgumentNullException>("groups", () => WelchAnova.From(null!));
        Assert.Throws<ArgumentNullException>("groups", () => WelchAnova.From([Moments([1, 2]), null!]));
        Assert.Throws<ArgumentNullException>("breakdown", () => Nps.Compare<string>(null!));
        var cells = Nps.By([KeyValuePair.Create("a", NpsTally.FromCounts(1, 2, 3))]);
        Assert.Throws<ArgumentOutOfRangeException>("method", () => Nps.Compare(cells, (MultipleComparisonMethod)7));
    }

    [Property(MaxTest = 200)]
    public Property Homogeneity_of_two_groups_equals_the_pooled_z_squared() =>
        Prop.ForAll(Counts().ToArbitrary(), Counts().ToArbitrary(), (a, b) =>
        {
            var chi = ChiSquareTest.Homogeneity([a.X, b.X], [a.N, b.N]);
            var z = Proportion.Compare(Proportion.FromCounts(a.X, a.N), Proportion.FromCounts(b.X, b.N)).Z ?? 0;
            return Math.Abs(chi.Statistic - (z * z)) <= 1e-9 * Math.Max(1, z * z);
        });

    [Property(MaxTest = 200)]
    public Property Homogeneity_is_the_independence_test_of_the_two_row_table() =>
        Prop.ForAll(Counts().ArrayOf().ToArbitrary(), groups =>
        {
            var table = new double[2, groups.Length];
            for (int j = 0; j < groups.Length; j++)
            {
                table[0, j] = groups[j].X;
                table[1, j] = groups[j].N - groups[j].X;
            }

            var homogeneity = ChiSquareTest.Homogeneity([.. groups.Select(g => (double)g.X)], [.. groups.Select(g => (double)g.N)]);
            var independence = ChiSquareTest.Independence(table);
            return independence.DegreesOfFreedom == 0 || (Math.Abs(homogeneity.Statistic - independence.Statistic) <= 1e-8 * Math.Max(1, homogeneity.Statistic)
                && homogeneity.DegreesOfFreedom == independence.DegreesOfFreedom);
        });

    [Property(MaxTest = 200)]
    public Property Welch_anova_of_two_groups_is_Welch_t_squared() =>
        Prop.ForAll(Sample().ToArbitrary(), Sample().ToArbitrary(), (a, b) =>
        {
            var anova = WelchAnova.From([Moments(a), Moments(b)]);
            var t = WelchTest.From(Moments(a), Moments(b));
            if (anova.F is not { } f)
            {
                return t.T is null || Moments(a).SumOfSquaredDeviations == 0 || Moments(b).SumOfSquaredDeviations == 0;
            }

            return Math.Abs(f - (t.T!.Value * t.T.Value)) <= 1e-8 * Math.Max(1, f)
                && Math.Abs(anova.DenominatorDegreesOfFreedom!.Value - t.DegreesOfFreedom!.Value) <= 1e-8 * t.DegreesOfFreedom.Value
                && Math.Abs(anova.PValue!.Value - t.PValue!.Value) <= 1e-9;
        });

    [Property(MaxTest = 100)]
    public Property Permuting_the_groups_leaves_every_omnibus_statistic_unchanged() =>
        Prop.ForAll(Counts().ArrayOf().ToArbitrary(), Sample().ArrayOf().ToArbitrary(), ArbMap.Default.ArbFor<int>(), (groups, samples, seed) =>
        {
            var rng = new Random(seed);
            var shuffled = groups.OrderBy(_ => rng.Next()).ToArray();
            var shuffledSamples = samples.OrderBy(_ => rng.Next()).ToArray();
            var h1 = ChiSquareTest.Homogeneity([.. groups.Select(g => (double)g.X)], [.. groups.Select(g => (double)g.N)]);
            var h2 = ChiSquareTest.Homogeneity([.. shuffled.Select(g => (double)g.X)], [.. shuffled.Select(g => (double)g.N)]);
            var a1 = WelchAnova.From([.. samples.Select(Moments)]);
            var a2 = WelchAnova.From([.. shuffledSamples.Select(Moments)]);
            return Close(h1.Statistic, h2.Statistic) && h1.DegreesOfFreedom == h2.DegreesOfFreedom
                && (a1.F is null ? a2.F is null : Close(a1.F.Value, a2.F!.Value) && Close(a1.DenominatorDegreesOfFreedom!.Value, a2.DenominatorDegreesOfFreedom!.Value));
        });

    [Property(MaxTest = 100)]
    public Property Welch_anova_of_merged_shards_equals_that_of_the_whole() =>
        Prop.ForAll(Sample().ArrayOf().ToArbitrary(), ArbMap.Default.ArbFor<int>(), (samples, seed) =>
        {
            var rng = new Random(seed);
            var merged = samples.Select(s =>
            {
                int cut = rng.Next(s.Length + 1);
                return Moments(s[..cut]).Merge(Moments(s[cut..]));
            }).ToArray();
            var whole = WelchAnova.From([.. samples.Select(Moments)]);
            var fromShards = WelchAnova.From(merged);
            return whole.F is null ? fromShards.F is null : Close(whole.F.Value, fromShards.F!.Value) && Close(whole.PValue!.Value, fromShards.PValue!.Value);
        });

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    private static Gen<(long X, long N)> Counts() =>
        from n in Gen.Choose(0, 500)
        from x in Gen.Choose(0, n)
        select ((long)x, (long)n);

    private static Gen<double[]> Sample() => Gen.Choose(0, 10_000).Select(i => i / 100.0).ArrayOf();

    internal static RunningMoments Moments(double[] values)
    {
        var m = new RunningMoments();
        foreach (double v in values)
        {
            m.Add(v);
        }

        return m;
    }
}

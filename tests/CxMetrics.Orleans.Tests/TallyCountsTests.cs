using CxMetrics.Statistics;
using CxMetrics.Surveys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CxMetrics.Orleans.Tests;

public sealed class TallyCountsTests
{
    private static readonly Gen<byte[]> NpsBytes = Gen.Frequency(
        (20, Gen.Choose(0, 10).Select(i => (byte)i)),
        (1, Gen.Constant((byte)255))).ArrayOf();

    private static readonly Gen<byte[]> CsatBytes = Gen.Frequency(
        (20, Gen.Choose(1, 5).Select(i => (byte)i)),
        (1, Gen.Constant((byte)255))).ArrayOf();

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(TallyCounts).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static TallyCounts Nps(byte[] scores)
    {
        var tally = new NpsTally();
        tally.AddRange(scores);
        return TallyCounts.From(tally);
    }

    private static TallyCounts Csat(byte[] scores)
    {
        var tally = new RatingTally(CsatScale.OneToFive);
        tally.AddRange(scores);
        return TallyCounts.From(tally);
    }

    [Property(MaxTest = 200)]
    public Property Merged_nps_counts_equal_the_counts_of_the_whole_and_rebuild_the_same_result() =>
        Prop.ForAll(NpsBytes.ToArbitrary(), NpsBytes.ToArbitrary(), (left, right) =>
        {
            TallyCounts merged = Nps(left).Merge(Nps(right));
            byte[] whole = [.. left, .. right];
            return merged.Equals(Nps(whole)) && CxMetrics.Surveys.Nps.From(merged.ToNpsTally()) == CxMetrics.Surveys.Nps.Of(whole);
        });

    [Property(MaxTest = 100)]
    public Property Merge_is_associative_and_commutative_with_empty_as_identity() =>
        Prop.ForAll(CsatBytes.ToArbitrary(), CsatBytes.ToArbitrary(), CsatBytes.ToArbitrary(), (a, b, c) =>
        {
            TallyCounts x = Csat(a), y = Csat(b), z = Csat(c);
            return x.Merge(y).Merge(z).Equals(x.Merge(y.Merge(z)))
                && x.Merge(y).Equals(y.Merge(x))
                && x.Merge(TallyCounts.Empty).Equals(x) && TallyCounts.Empty.Merge(x).Equals(x)
                && x.Merge(y).Merge(z).Equals(Csat([.. a, .. b, .. c]));
        });

    [Property(MaxTest = 100)]
    public Property Orleans_serialisation_round_trips_the_counts_and_the_grain_state() =>
        Prop.ForAll(NpsBytes.ToArbitrary(), CsatBytes.ToArbitrary(), (nps, csat) =>
        {
            var state = new TallyGrainState { Counts = Csat(csat), RecentBatchIds = ["a", "b"], BatchesApplied = 2 };
            TallyGrainState copy = Serializer.Deserialize<TallyGrainState>(Serializer.SerializeToArray(state))!;
            return Serializer.Deserialize<TallyCounts>(Serializer.SerializeToArray(Nps(nps)))!.Equals(Nps(nps))
                && copy.Counts.Equals(state.Counts) && copy.RecentBatchIds.SequenceEqual(state.RecentBatchIds) && copy.BatchesApplied == 2
                && copy.Counts.ToRatingTally().Scale == CsatScale.OneToFive;
        });

    [Fact]
    public void Weighted_nps_counts_keep_their_weights()
    {
        NpsTally weighted = NpsTally.FromWeightedCounts(3, 2, 1, 4, 4.5, 2.0, 0.5, 9.0);

        NpsTally rebuilt = TallyCounts.From(weighted).ToNpsTally();

        Assert.Equal(weighted.ToString(), rebuilt.ToString());
        Assert.Equal(weighted.EffectiveSampleSize, rebuilt.EffectiveSampleSize);
        Assert.Equal(CxMetrics.Surveys.Nps.From(weighted), CxMetrics.Surveys.Nps.From(rebuilt));
    }

    private static readonly Gen<(int Score, double Weight)[]> WeightedCsat =
        Gen.Choose(1, 5).Zip(Gen.Choose(1, 8), (score, quarters) => (score, quarters / 4.0)).ArrayOf();

    private static RatingTally WeightedTally((int Score, double Weight)[] answers)
    {
        var tally = new RatingTally(CsatScale.OneToFive);
        foreach (var (score, weight) in answers)
        {
            tally.Add(score, weight);
        }

        return tally;
    }

    [Fact]
    public void Weighted_rating_counts_keep_their_weights_and_effective_sample_size()
    {
        var tally = new RatingTally(CsatScale.OneToFive);
        tally.Add(5, 2.5);
        tally.Add(4, 0.5);
        tally.Add(1, 1.25);
        tally.AddUnanswered(2);

        TallyCounts counts = TallyCounts.From(tally);
        RatingTally rebuilt = counts.ToRatingTally();

        Assert.Equal([1, 0, 0, 1, 1, 2], counts.Counts.ToArray());
        Assert.Equal([1.25, 0, 0, 0.5, 2.5, 4.25, 1.5625 + 0.25 + 6.25], counts.Weights.ToArray());
        Assert.Equal(tally.Weights.ToArray(), rebuilt.Weights.ToArray());
        Assert.Equal(tally.EffectiveSampleSize, rebuilt.EffectiveSampleSize);
        Assert.Equal(4.25 * 4.25 / 8.0625, rebuilt.EffectiveSampleSize, 12);
        Assert.Equal(CxMetrics.Surveys.Csat.From(tally).Mean, CxMetrics.Surveys.Csat.From(rebuilt).Mean);
        Assert.Equal(CxMetrics.Surveys.Csat.From(tally).Favourable, CxMetrics.Surveys.Csat.From(rebuilt).Favourable);
    }

    [Property(MaxTest = 100)]
    public Property Merged_weighted_rating_counts_equal_the_counts_of_the_whole() =>
        Prop.ForAll(WeightedCsat.ToArbitrary(), WeightedCsat.ToArbitrary(), WeightedCsat.ToArbitrary(), (a, b, c) =>
        {
            // Quarter weights are sums of powers of two, so every order of addition gives the same double exactly.
            TallyCounts x = TallyCounts.From(WeightedTally(a)), y = TallyCounts.From(WeightedTally(b)), z = TallyCounts.From(WeightedTally(c));
            TallyCounts whole = TallyCounts.From(WeightedTally([.. a, .. b, .. c]));
            return x.Merge(y).Merge(z).Equals(whole) && y.Merge(x).Merge(z).Equals(x.Merge(y.Merge(z)))
                && x.Merge(y).Merge(z).ToRatingTally().EffectiveSampleSize == WeightedTally([.. a, .. b, .. c]).EffectiveSampleSize;
        });

    [Fact]
    public void Rating_counts_stored_without_weights_read_as_unweighted_and_merge_with_weighted_ones()
    {
        // The layout of the previous version: counts per score and unanswered, no weights.
        var legacy = (TallyCounts)typeof(TallyCounts)
            .GetConstructor(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, [typeof(TallyKind), typeof(long[]), typeof(double[]), typeof(RatingScaleSpec)])!
            .Invoke([TallyKind.Rating, new long[] { 1, 0, 0, 2, 3, 1 }, Array.Empty<double>(), RatingScaleSpec.From(CsatScale.OneToFive)]);
        var unweighted = RatingTally.FromCounts(CsatScale.OneToFive, [1, 0, 0, 2, 3], 1);
        var weighted = new RatingTally(CsatScale.OneToFive);
        weighted.Add(2, 0.5);

        Assert.Equal(TallyCounts.From(unweighted), legacy);
        Assert.Equal(unweighted.EffectiveSampleSize, legacy.ToRatingTally().EffectiveSampleSize);
        Assert.Equal(TallyCounts.From(unweighted.Merge(weighted)), legacy.Merge(TallyCounts.From(weighted)));
    }

    [Fact]
    public void Binomial_counts_round_trip_and_empty_counts_give_empty_tallies()
    {
        BinomialTally rate = BinomialTally.FromCounts(7, 100);

        Assert.Equal("7 of 100", TallyCounts.From(rate).ToBinomialTally().ToString());
        Assert.Equal(100, TallyCounts.From(rate).Observations);
        Assert.Equal(0, TallyCounts.Empty.ToNpsTally().Count);
        Assert.Equal(0, TallyCounts.Empty.ToBinomialTally().Trials);
        Assert.Equal(0, TallyCounts.Empty.ToRatingTally(CsatScale.OneToFive).Count);
        Assert.Throws<InvalidOperationException>(() => TallyCounts.Empty.ToRatingTally());
    }

    [Fact]
    public void Counts_of_another_kind_or_scale_do_not_merge_or_convert()
    {
        TallyCounts nps = Nps([10, 3]);
        TallyCounts onFive = Csat([5]);
        var sevenTally = new RatingTally(CsatScale.OneToSeven);
        sevenTally.Add(7);

        Assert.Throws<ArgumentException>(() => nps.Merge(onFive));
        Assert.Throws<ArgumentException>(() => onFive.Merge(TallyCounts.From(sevenTally)));
        Assert.Throws<InvalidOperationException>(() => nps.ToBinomialTally());
        Assert.Throws<InvalidOperationException>(() => onFive.ToNpsTally());
    }

    [Fact]
    public void Merging_counts_that_would_overflow_throws()
    {
        TallyCounts big = TallyCounts.From(BinomialTally.FromCounts(0, long.MaxValue));

        Assert.Throws<OverflowException>(() => big.Merge(TallyCounts.From(BinomialTally.FromCounts(1, 1))));
    }
}

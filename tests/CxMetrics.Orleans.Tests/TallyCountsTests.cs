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

    [Fact]
    public void A_weighted_rating_tally_is_rejected_rather_than_rebuilt_wrongly()
    {
        var tally = new RatingTally(CsatScale.OneToFive);
        tally.Add(5, 2.5);

        var error = Assert.Throws<ArgumentException>(() => TallyCounts.From(tally));

        Assert.Contains("weighted", error.Message, StringComparison.Ordinal);
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

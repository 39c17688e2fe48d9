using CxMetrics.Orleans.Tests.Cluster;
using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Orleans.Tests;

[Collection(SharedCluster.Name)]
public sealed class TallyQueryGrainTests(ClusterFixture fixture)
{
    private static readonly CalendarPeriod Week = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Week);

    [Fact(Timeout = 30_000)]
    public async Task A_week_from_its_days_and_a_region_from_its_shops_equal_the_single_process_merge()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        string[] region = ["north-1", "north-2", "north-3"];
        var all = new List<byte>();
        var perShop = new Dictionary<string, List<byte>>();
        var random = new Random(21);
        int batch = 0;
        foreach (string shop in region)
        {
            perShop[shop] = [];
            foreach (TallyKey day in new TallyKey(shop, "nps", TallyKey.AllSegments, Week).Split(PeriodUnit.Day))
            {
                byte[] scores = [.. Enumerable.Range(0, 30 + random.Next(40)).Select(_ => (byte)random.Next(11))];
                await fixture.Client.GetTallyGrain(day).AddNpsScoresAsync($"q-{batch++}", scores).WaitAsync(cancel);
                all.AddRange(scores);
                perShop[shop].AddRange(scores);
            }
        }

        TallyKey weekOfFirst = new(region[0], "nps", TallyKey.AllSegments, Week);
        NpsTally week = (await fixture.Client.MergeAsync<NpsTally>(weekOfFirst.Split(PeriodUnit.Day)).WaitAsync(cancel))!;
        NpsTally regionWeek = (await fixture.Client.MergeAsync<NpsTally>(region.SelectMany(s => weekOfFirst.WithShop(s).Split(PeriodUnit.Day))).WaitAsync(cancel))!;

        Assert.Equal(Nps.Of([.. perShop[region[0]]]), Nps.From(week));
        Assert.Equal(Nps.Of([.. all]), Nps.From(regionWeek));
        Assert.Equal(all.Count, regionWeek.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Rating_and_binomial_keys_merge_like_their_core_tallies()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        TallyKey csat = new("merge-shop", "csat", TallyKey.AllSegments, Week);
        TallyKey conversion = new("merge-shop", "conversion", TallyKey.AllSegments, Week);
        var scale = CsatScale.OneToFive;
        var expectedCsat = new RatingTally(CsatScale.OneToFive);
        var expectedConversion = new BinomialTally();
        var random = new Random(22);
        foreach (TallyKey day in csat.Split(PeriodUnit.Day))
        {
            byte[] scores = [.. Enumerable.Range(0, 25).Select(_ => random.Next(20) == 0 ? (byte)255 : (byte)(1 + random.Next(5)))];
            bool[] outcomes = [.. Enumerable.Range(0, 60).Select(_ => random.Next(10) == 0)];
            await fixture.Client.GetTallyGrain(day).AddRatingScoresAsync($"c-{day}", scale, scores).WaitAsync(cancel);
            await fixture.Client.GetTallyGrain(new TallyKey("merge-shop", "conversion", TallyKey.AllSegments, day.Period)).AddOutcomesAsync($"o-{day}", outcomes).WaitAsync(cancel);
            expectedCsat.AddRange(scores);
            foreach (bool outcome in outcomes)
            {
                expectedConversion.Add(outcome);
            }
        }

        RatingTally mergedCsat = (await fixture.Client.MergeAsync<RatingTally>(csat.Split(PeriodUnit.Day)).WaitAsync(cancel))!;
        BinomialTally mergedConversion = (await fixture.Client.MergeAsync<BinomialTally>(conversion.Split(PeriodUnit.Day)).WaitAsync(cancel))!;

        RatingResult expected = Rating.From(expectedCsat), actual = Rating.From(mergedCsat);
        Assert.Equal(expected.Histogram, actual.Histogram);
        Assert.Equal(expected.Favourable, actual.Favourable);
        Assert.Equal(expected.Mean, actual.Mean);
        Assert.Equal(expected.Unanswered, actual.Unanswered);
        Assert.Equal(expectedConversion.ToEstimate(), mergedConversion.ToEstimate());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_weighted_rating_stream_merged_across_shops_and_days_equals_the_single_process_tally()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        string[] shops = ["weighted-1", "weighted-2"];
        var expected = new RatingTally(CsatScale.OneToFive);
        var random = new Random(23);
        var keys = new List<TallyKey>();
        foreach (string shop in shops)
        {
            foreach (TallyKey day in new TallyKey(shop, "csat", TallyKey.AllSegments, Week).Split(PeriodUnit.Day))
            {
                keys.Add(day);
                for (int batch = 0; batch < 3; batch++)
                {
                    // A pre-aggregated batch (e.g. a GROUP BY with SUM(w) and SUM(w*w)); quarter weights add up exactly in any order.
                    var part = new RatingTally(CsatScale.OneToFive);
                    for (int i = 0; i < 20; i++)
                    {
                        if (random.Next(15) == 0)
                        {
                            part.AddUnanswered();
                            expected.AddUnanswered();
                            continue;
                        }

                        int score = 1 + random.Next(5);
                        double weight = (1 + random.Next(12)) / 4.0;
                        part.Add(score, weight);
                        expected.Add(score, weight);
                    }

                    byte[] counts = TallyFormat.ToBytes(part);
                    Assert.Equal(BatchOutcome.Applied, await fixture.Client.GetTallyGrain(day).AddTallyAsync($"w-{day}-{batch}", counts).WaitAsync(cancel));
                    Assert.Equal(BatchOutcome.AlreadyApplied, await fixture.Client.GetTallyGrain(day).AddTallyAsync($"w-{day}-{batch}", counts).WaitAsync(cancel));
                }
            }
        }

        byte[] merged = await fixture.Client.MergeAsync(keys).WaitAsync(cancel);
        RatingTally actual = TallyFormat.FromBytes<RatingTally>(merged);

        Assert.Equal(TallyFormat.ToBytes(expected), merged);
        Assert.Equal(expected.Counts.ToArray(), actual.Counts.ToArray());
        Assert.Equal(expected.Weights.ToArray(), actual.Weights.ToArray());
        Assert.Equal(expected.Unanswered, actual.Unanswered);
        Assert.Equal(expected.EffectiveSampleSize, actual.EffectiveSampleSize);
        Assert.NotEqual(expected.Count, expected.EffectiveSampleSize);
        RatingResult want = Rating.From(expected), got = Rating.From(actual);
        Assert.Equal(want.Mean, got.Mean);
        Assert.Equal(want.Favourable, got.Favourable);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_key_listed_twice_or_keys_of_different_kinds_are_rejected_and_no_keys_merge_to_empty()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        TallyKey nps = new("mixed", "nps", TallyKey.AllSegments, Week);
        TallyKey rate = new("mixed", "conversion", TallyKey.AllSegments, Week);
        await fixture.Client.GetTallyGrain(nps).AddNpsScoresAsync("m1", [10]).WaitAsync(cancel);
        await fixture.Client.GetTallyGrain(rate).AddOutcomesAsync("m2", [true]).WaitAsync(cancel);

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.MergeAsync([nps, nps]).WaitAsync(cancel));
        var mixed = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.MergeAsync([nps, rate]).WaitAsync(cancel));

        Assert.Contains("listed twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains(rate.ToString(), mixed.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Client.MergeAsync([]).WaitAsync(cancel));
        Assert.Null(await fixture.Client.MergeAsync<NpsTally>([new TallyKey("never-written", "nps", TallyKey.AllSegments, Week)]).WaitAsync(cancel));
    }
}

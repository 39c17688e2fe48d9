using CxMetrics.Orleans.Tests.Cluster;
using CxMetrics.Portable;
using CxMetrics.Surveys;
using CxMetrics.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;

namespace CxMetrics.Orleans.Tests;

[Collection(SharedCluster.Name)]
public sealed class TallyGrainTests(ClusterFixture fixture)
{
    private static readonly CalendarPeriod Day = CalendarPeriod.Containing(new LocalDate(2026, 11, 23), PeriodUnit.Day);

    private static TallyKey Key(string shop, string metric = "nps") => new(shop, metric, TallyKey.AllSegments, Day);

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_writers_to_one_key_lose_nothing()
    {
        TallyKey key = Key("concurrent");
        var keys = new[] { key };
        IReadOnlyList<EventBatch> batches = EventBatch.Generate(keys, batches: 200, size: 50, seed: 11);

        // 16 writers at once, each with its own share of the batches, all to the same grain.
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (int b = w; b < batches.Count; b += 16)
            {
                Assert.Equal(BatchOutcome.Applied, await batches[b].SendAsync(fixture.Client));
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(writers);

        byte[] stored = await fixture.Client.GetTallyGrain(key).GetTallyAsync();
        Assert.Equal(EventBatch.Expected(batches)[key], stored);
        NpsTally nps = TallyFormat.FromBytes<NpsTally>(stored);
        Assert.Equal(200 * 50, nps.Count + nps.Unanswered);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_same_batch_sent_by_many_writers_at_once_is_counted_once()
    {
        TallyKey key = Key("same-batch");
        EventBatch batch = EventBatch.Generate([key], 1, 100, seed: 12)[0];

        BatchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => batch.SendAsync(fixture.Client)));

        Assert.Equal(1, outcomes.Count(o => o == BatchOutcome.Applied));
        Assert.Equal(7, outcomes.Count(o => o == BatchOutcome.AlreadyApplied));
        Assert.Equal(batch.ToPayload(), await fixture.Client.GetTallyGrain(key).GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_retried_batch_is_not_counted_twice_even_after_the_grain_is_reactivated()
    {
        TallyKey key = Key("retry");
        IReadOnlyList<EventBatch> batches = EventBatch.Generate([key], 3, 40, seed: 13);
        foreach (EventBatch batch in batches)
        {
            Assert.Equal(BatchOutcome.Applied, await batch.SendAsync(fixture.Client));
        }

        // Forget the activation: the next call reads counts and remembered ids from storage.
        await fixture.Cluster.DeactivateAsync(fixture.Client.GetTallyGrain(key));

        Assert.Equal(BatchOutcome.AlreadyApplied, await batches[1].SendAsync(fixture.Client));
        Assert.Equal(EventBatch.Expected(batches)[key], await fixture.Client.GetTallyGrain(key).GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 45_000)]
    public async Task Storage_writes_failing_before_or_after_commit_neither_lose_nor_double_count_when_the_client_retries()
    {
        // Keys of "flaky-*" shops: every 3rd write commits but reports failure (the grain cannot tell it was stored),
        // every 5th fails without committing. The client retries each failed batch with its id.
        IReadOnlyList<TallyKey> keys = EventBatch.WeekKeys("flaky", 2, "nps", "conversion");
        IReadOnlyList<EventBatch> batches = EventBatch.Generate(keys, 120, 30, seed: 14);
        var failures = new StrongBox<int>();
        int faultsBefore = fixture.Database.InjectedFaults;

        foreach (var chunk in batches.Chunk(8))
        {
            await Task.WhenAll(chunk.Select(b => b.SendWithRetriesAsync(fixture.Client, failures, TestContext.Current.CancellationToken)));
        }

        Assert.True(fixture.Database.InjectedFaults - faultsBefore >= 40, $"only {fixture.Database.InjectedFaults - faultsBefore} faults were injected");
        Assert.True(failures.Value >= 40, $"the client saw only {failures.Value} failures");
        foreach (var (key, expected) in EventBatch.Expected(batches))
        {
            Assert.Equal(expected, await fixture.Client.GetTallyGrain(key).GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_batch_with_a_bad_score_is_rejected_whole_and_changes_nothing()
    {
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("bad-score"));
        await grain.AddNpsScoresAsync("ok", [10, 9, 3]);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.AddNpsScoresAsync("bad", [10, 11, 3]));

        Assert.Contains("score 11 at position 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(2, 0, 1)), await grain.GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("bad", [7]));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_batch_of_another_kind_or_scale_is_rejected()
    {
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("kinds", "csat"));
        await grain.AddRatingScoresAsync("r1", CsatScale.OneToFive, [5, 4, 1, 255]);

        var kind = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddOutcomesAsync("o1", [true]));
        var scale = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddRatingScoresAsync("r2", CsatScale.OneToSeven, [7]));

        Assert.Contains("cannot merge a Binomial payload into a Rating payload", kind.Message, StringComparison.Ordinal);
        Assert.Contains("1–7", scale.Message, StringComparison.Ordinal);
        RatingTally stored = (await grain.GetTallyAsync<RatingTally>().WaitAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal([1L, 0, 0, 1, 1], stored.Counts.ToArray());
        Assert.Equal(1, stored.Unanswered);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_pre_aggregated_weighted_tally_is_merged_once_with_its_weights()
    {
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("pre-aggregated"));
        NpsTally weighted = NpsTally.FromWeightedCounts(3, 2, 1, 4, 4.5, 2.0, 0.5, 9.0);
        await grain.AddNpsScoresAsync("events", [10, 0]);

        Assert.Equal(BatchOutcome.Applied, await grain.AddTallyAsync("group-by", weighted));
        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddTallyAsync("group-by", TallyFormat.ToBytes(weighted)));

        NpsTally expected = weighted.Clone();
        expected.AddRange([10, 0]);
        Assert.Equal(TallyFormat.ToBytes(expected), await grain.GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Nps.From(expected), Nps.From((await grain.GetTallyAsync<NpsTally>().WaitAsync(TestContext.Current.CancellationToken))!));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_empty_batch_is_applied_without_a_write_and_uses_no_slot_of_the_id_window()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        ITallyGrain fresh = fixture.Client.GetTallyGrain(Key("empty-first"));
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("empty-batches"));
        Assert.Equal(BatchOutcome.Applied, await fresh.AddNpsScoresAsync("nothing", []).WaitAsync(cancel));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("first", [10, 3]).WaitAsync(cancel));

        // As many empty batches as the window holds: none of them pushes "first" out.
        for (int b = 0; b < ClusterFixture.RememberedBatchIds; b++)
        {
            Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync($"empty-{b}", []).WaitAsync(cancel));
        }

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("first", [10, 3]).WaitAsync(cancel));
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(1, 0, 1)), await grain.GetTallyAsync().WaitAsync(cancel));
        Assert.Empty(await fresh.GetTallyAsync().WaitAsync(cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.AddOutcomesAsync("empty-other-kind", []));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reused_batch_id_with_other_content_is_rejected_but_the_same_content_in_any_order_is_already_applied()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("reused-id"));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("b1", [10, 9, 3]).WaitAsync(cancel));

        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("b1", [3, 10, 9]).WaitAsync(cancel));
        var other = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddNpsScoresAsync("b1", [7]));
        var kind = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddOutcomesAsync("b1", [true, false, true]));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddNpsScoresAsync("b1", []));

        Assert.Contains("batch id 'b1' was already applied to key 'reused-id/nps/all/day:2026-11-23' with other content", other.Message, StringComparison.Ordinal);
        Assert.All([other, kind, empty], e => Assert.EndsWith("Nothing was counted. (Parameter 'batchId')", e.Message, StringComparison.Ordinal));
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(2, 0, 1)), await grain.GetTallyAsync().WaitAsync(cancel));
    }

    [Fact(Timeout = 30_000)]
    public async Task Ids_stored_without_fingerprints_are_answered_already_applied_and_later_ids_are_compared()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        TallyKey key = Key("old-ids");
        ITallyGrain grain = fixture.Client.GetTallyGrain(key);
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("old-1", [10]).WaitAsync(cancel));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("old-2", [9]).WaitAsync(cancel));
        await fixture.Cluster.DeactivateAsync(grain);

        // The stored state as the previous version wrote it: ids, no fingerprints.
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        int rewritten = fixture.Database.Rewrite("old-ids", bytes =>
        {
            var old = serializer.Deserialize<TallyGrainState>(bytes)!;
            old.RecentBatchFingerprints = [];
            return serializer.SerializeToArray(old);
        });
        Assert.Equal(1, rewritten);

        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("old-1", [0]).WaitAsync(cancel));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("new-1", [7]).WaitAsync(cancel));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("old-2", [0]).WaitAsync(cancel));
        Assert.Equal(BatchOutcome.AlreadyApplied, await grain.AddNpsScoresAsync("new-1", [7]).WaitAsync(cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => grain.AddNpsScoresAsync("new-1", [0]));
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(2, 1, 0)), await grain.GetTallyAsync().WaitAsync(cancel));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_known_batch_id_is_validated_before_it_is_answered_already_applied()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("known-invalid"));
        Assert.Equal(BatchOutcome.Applied, await grain.AddNpsScoresAsync("b1", [10]).WaitAsync(cancel));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.AddNpsScoresAsync("b1", [10, 11]));

        Assert.Contains("score 11 at position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_batch_of_another_kind_names_the_reason_and_one_parameter_only()
    {
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("kind-message", "csat"));
        await grain.AddRatingScoresAsync("r1", CsatScale.OneToFive, [5]).WaitAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddOutcomesAsync("o1", [true]));

        Assert.Equal(
            "batch 'o1' cannot be added to key 'kind-message/csat/all/day:2026-11-23': cannot merge a Binomial payload into a Rating payload. (Parameter 'outcomes')",
            error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task Blank_or_overlong_batch_ids_are_rejected()
    {
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("ids"));

        await Assert.ThrowsAsync<ArgumentException>(() => grain.AddNpsScoresAsync(" ", [1]));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddNpsScoresAsync(new string('x', 201), [1]));

        Assert.Contains("201 characters", error.Message, StringComparison.Ordinal);
        Assert.Empty(await grain.GetTallyAsync().WaitAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_corrupt_or_foreign_payload_is_rejected_naming_the_problem_and_changes_nothing()
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        ITallyGrain grain = fixture.Client.GetTallyGrain(Key("corrupt"));
        Assert.Equal(BatchOutcome.Applied, await grain.AddTallyAsync("good", NpsTally.FromCounts(1, 2, 3)).WaitAsync(cancel));
        byte[] changed = TallyFormat.ToBytes(NpsTally.FromCounts(4, 0, 0));
        changed[TallyFormat.HeaderLength] ^= 1;

        var corrupt = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddTallyAsync("changed", changed));
        var foreign = await Assert.ThrowsAsync<ArgumentException>(() => grain.AddTallyAsync("foreign", "{\"a\":1}"u8.ToArray()));

        Assert.Contains("(ChecksumMismatch)", corrupt.Message, StringComparison.Ordinal);
        Assert.Contains("(NotATally)", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(TallyFormat.ToBytes(NpsTally.FromCounts(1, 2, 3)), await grain.GetTallyAsync().WaitAsync(cancel));
    }
}

using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Retention;

public class SubscriptionTallyTests
{
    private static readonly IdPseudonymiser Key = new("0123456789abcdef0123456789abcdef"u8);

    private static readonly CalendarPeriod[] Months = [.. Enumerable.Range(1, 6).Select(m => CalendarPeriod.Containing(new LocalDate(2024, m, 1), PeriodUnit.Month))];

    private static Arbitrary<(SubscriptionEvent[] Events, int Shops, int Seed)> Split { get; } =
        RetentionGen.Subscriptions.Generator.Zip(Gen.Choose(1, 3)).Zip(Gen.Choose(0, int.MaxValue)).Select(x => (x.Item1.Item1, x.Item1.Item2, x.Item2)).ToArbitrary();

    /// <summary>The events split by shop (a hash of the customer) and by UTC day, one tally per shop × day.</summary>
    private static List<SubscriptionTally> ShopDayShards(SubscriptionEvent[] events, int shops, IdPseudonymiser? pseudonymiser = null)
    {
        var shards = new Dictionary<(int Shop, LocalDate Day), SubscriptionTally>();
        foreach (var e in events)
        {
            var key = (Math.Abs(StringComparer.Ordinal.GetHashCode(e.CustomerId)) % shops, e.At.InUtc().Date);
            if (!shards.TryGetValue(key, out var tally))
            {
                shards.Add(key, tally = new SubscriptionTally { Pseudonymiser = pseudonymiser });
            }

            tally.Add(e);
        }

        return [.. shards.Values];
    }

    private static string History(SubscriptionHistory h) =>
        $"{h.Currency}|{h.CustomerCount}|{h.SubscriptionCount}|{string.Join(";", h.Spells)}|{string.Join(";", h.Ledger)}";

    /// <summary>Customer churn (three denominators) and the MRR bridge of each month of 2024's first half.</summary>
    /// <param name="h">The history.</param>
    /// <param name="format">"R" for every bit; "G12" where customers are summed in another order (pseudonyms sort differently, and customer-days are a floating sum).</param>
    private static string Metrics(SubscriptionHistory h, string format = "R")
    {
        var lines = new List<string>();
        foreach (var month in Months)
        {
            foreach (var d in new[] { ChurnDenominator.StartOfPeriod, ChurnDenominator.StartPlusNew, ChurnDenominator.CustomerDays })
            {
                var c = CustomerChurn.Of(h, month, DateTimeZone.Utc, new ChurnOptions { Denominator = d, SamePeriod = SamePeriodChurnPolicy.Include });
                lines.Add($"{c.Rate?.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} {c}");
            }

            var r = RevenueChurn.Of(h, month, DateTimeZone.Utc);
            lines.Add($"{r} {r.GrossMrrChurnRate?.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} {r.NetMrrChurnRate?.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return string.Join("\n", lines);
    }

    [Property(MaxTest = 150)]
    public Property Shards_by_shop_and_day_merged_in_any_order_replay_to_the_history_of_the_whole() => Prop.ForAll(Split, x =>
    {
        var shards = ShopDayShards(x.Events, x.Shops);
        new Random(x.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shards));
        var merged = new SubscriptionTally();
        foreach (var shard in shards)
        {
            merged.Merge(shard);
        }

        var whole = SubscriptionHistory.Replay(x.Events);
        var fromMerged = SubscriptionHistory.From(merged);
        var fromShuffled = SubscriptionHistory.From(SubscriptionTally.Of(RetentionGen.Shuffle(x.Events, x.Seed)));
        return (History(fromMerged) == History(whole) && History(fromShuffled) == History(whole) && Metrics(fromMerged) == Metrics(whole)
            && merged.EventCount == x.Events.Length).Label(History(fromMerged) + "\nvs\n" + History(whole));
    });

    [Property(MaxTest = 60)]
    public Property Shards_sent_as_payloads_merge_to_the_bytes_of_the_whole() => Prop.ForAll(Split, x =>
    {
        byte[] merged = TallyFormat.ToBytes(new SubscriptionTally());
        foreach (var shard in ShopDayShards(x.Events, x.Shops))
        {
            merged = TallyFormat.Merge(merged, x.Seed % 2 == 0 ? TallyFormat.ToBytes(shard) : TallyFormat.ToBytes(TallyFormat.FromJson<SubscriptionTally>(TallyFormat.ToJson(shard))));
        }

        // Every subscription's events are at distinct instants, so the payload of the whole is one, however it was split.
        return merged.AsSpan().SequenceEqual(TallyFormat.ToBytes(SubscriptionTally.Of(x.Events)))
            && History(SubscriptionHistory.From(TallyFormat.FromBytes<SubscriptionTally>(merged))) == History(SubscriptionHistory.Replay(x.Events));
    });

    [Property(MaxTest = 60)]
    public Property Pseudonymised_shards_give_the_same_churn_and_mrr_and_their_payloads_hold_no_raw_id() => Prop.ForAll(Split, x =>
    {
        var merged = new SubscriptionTally();
        bool noRawIds = true;
        foreach (var shard in ShopDayShards(x.Events, x.Shops, Key))
        {
            string json = TallyFormat.ToJson(shard);
            string bytes = System.Text.Encoding.UTF8.GetString(TallyFormat.ToBytes(shard));
            noRawIds &= x.Events.All(e => !json.Contains($"\"{e.CustomerId}\"", StringComparison.Ordinal) && !json.Contains($"\"{e.SubscriptionId}\"", StringComparison.Ordinal)
                && !bytes.Contains(e.SubscriptionId, StringComparison.Ordinal));
            merged.Merge(TallyFormat.FromBytes<SubscriptionTally>(TallyFormat.ToBytes(shard)));
        }

        var history = SubscriptionHistory.From(merged);
        bool pseudonyms = history.Spells.All(s => s.CustomerId.Length == IdPseudonymiser.PseudonymLength);
        return (noRawIds && pseudonyms && Metrics(history, "G12") == Metrics(SubscriptionHistory.Replay(x.Events), "G12")).Label($"no raw ids {noRawIds}, pseudonyms {pseudonyms}\n{Metrics(history, "G12")}\nvs\n{Metrics(SubscriptionHistory.Replay(x.Events), "G12")}");
    });

    [Fact]
    public void A_subscription_started_in_one_shard_and_cancelled_in_another_churns_once_merged()
    {
        var march = CalendarPeriod.Containing(new LocalDate(2024, 3, 1), PeriodUnit.Month);
        var monday = SubscriptionTally.Of([SubscriptionEvent.Started("s1", "c1", Instant.FromUtc(2024, 1, 1, 9, 0), 30m, "EUR"), SubscriptionEvent.Started("s2", "c2", Instant.FromUtc(2024, 1, 1, 10, 0), 10m, "EUR")]);
        var later = SubscriptionTally.Of([SubscriptionEvent.Cancelled("s1", "c1", Instant.FromUtc(2024, 3, 10, 0, 0))]);
        var history = SubscriptionHistory.From(TallyFormat.FromBytes<SubscriptionTally>(TallyFormat.Merge(TallyFormat.ToBytes(later), TallyFormat.ToBytes(monday))));
        var churn = CustomerChurn.Of(history, march, DateTimeZone.Utc, new ChurnOptions { Denominator = ChurnDenominator.StartOfPeriod, SamePeriod = SamePeriodChurnPolicy.Include });
        Assert.Equal(0.5, churn.Rate!.Value, 12);
        var revenue = RevenueChurn.Of(history, march, DateTimeZone.Utc);
        Assert.Equal(40m, revenue.StartingMrr);
        Assert.Equal(30m, revenue.ChurnedMrr);
        Assert.Throws<ArgumentException>(() => SubscriptionHistory.From(later)); // a cancel without its start is not a history
    }

    [Fact]
    public void Merging_a_subscription_of_another_customer_or_currency_is_refused_and_changes_nothing()
    {
        var tally = SubscriptionTally.Of([SubscriptionEvent.Started("s1", "c1", Instant.FromUtc(2024, 1, 1, 0, 0), 30m, "EUR")]);
        string before = TallyFormat.ToJson(tally);
        var moved = Assert.Throws<ArgumentException>(() => tally.Merge(SubscriptionTally.Of([SubscriptionEvent.Cancelled("s1", "c2", Instant.FromUtc(2024, 2, 1, 0, 0))])));
        Assert.Equal("other", moved.ParamName);
        Assert.Throws<InvalidOperationException>(() => tally.Merge(SubscriptionTally.Of([SubscriptionEvent.Started("s2", "c2", Instant.FromUtc(2024, 1, 1, 0, 0), 3m, "USD")])));
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => tally.Merge(tally)).ParamName);
        Assert.Equal("subscriptionEvent", Assert.Throws<ArgumentException>(() => tally.Add(SubscriptionEvent.Paused("s1", "c9", Instant.FromUtc(2024, 2, 1, 0, 0)))).ParamName);
        Assert.Equal(before, TallyFormat.ToJson(tally));
    }

    [Fact]
    public void Events_of_one_subscription_at_one_instant_keep_the_order_they_were_added_in()
    {
        var at = Instant.FromUtc(2024, 1, 1, 0, 0);
        var first = SubscriptionTally.Of([SubscriptionEvent.Started("s", "c", at, 10m, "EUR"), SubscriptionEvent.PlanChanged("s", "c", at, 20m, "EUR")]);
        var back = TallyFormat.FromJson<SubscriptionTally>(TallyFormat.ToJson(first));
        Assert.Equal([SubscriptionEventKind.Start, SubscriptionEventKind.PlanChange], back.Events.Select(e => e.Kind));
        Assert.Equal(20m, SubscriptionHistory.From(back).MrrJustBefore("c", at + Duration.FromDays(1)));
    }

    [Property(MaxTest = 100)]
    public Property Earliest_and_latest_are_the_extreme_events_and_merge_like_the_whole() => Prop.ForAll(Split, x =>
    {
        var merged = new SubscriptionTally();
        foreach (var shard in ShopDayShards(x.Events, x.Shops))
        {
            merged.Merge(shard);
        }

        var whole = SubscriptionTally.Of(x.Events);
        Instant? earliest = x.Events.Length == 0 ? null : x.Events.Min(e => e.At);
        Instant? latest = AsOfRule.Latest([.. x.Events.Select(e => e.At)]);
        return whole.Earliest == earliest && whole.Latest == latest && merged.Earliest == earliest && merged.Latest == latest
            && whole.Clone().Earliest == earliest && whole.Clone().Latest == latest;
    });

    [Fact]
    public void An_empty_tally_has_no_earliest_or_latest_event()
    {
        var empty = new SubscriptionTally();
        Assert.Null(empty.Earliest);
        Assert.Null(empty.Latest);
        Assert.Null(empty.Merge(new SubscriptionTally()).Latest);
    }

    private static Arbitrary<(SubscriptionEvent[] Events, int Shops, int Seed)> LabelledSplit { get; } =
        RetentionGen.LabelledSubscriptions.Generator.Zip(Gen.Choose(1, 3)).Zip(Gen.Choose(0, int.MaxValue)).Select(x => (x.Item1.Item1, x.Item1.Item2, x.Item2)).ToArbitrary();

    /// <summary>The subscription dashboard of a history: MRR by plan, interval and segment per month, trials by plan, cohorts.</summary>
    private static string Dashboard(SubscriptionHistory h)
    {
        var lines = new List<string>();
        var asOf = RetentionGen.Origin + Duration.FromDays(120);
        foreach (var month in Months)
        {
            foreach (var key in new Func<SubscriptionEvent, string?>[] { e => e.Plan, e => e.BillingInterval, e => e.Segment })
            {
                lines.AddRange(RevenueChurn.By(h, key, month, DateTimeZone.Utc).Select(c => $"{month} {c.Key}: {c.Result} {c.Result.EndingPayingCustomers} {c.Result.Arpa} {c.Result.QuickRatio}"));
            }
        }

        lines.AddRange(TrialConversion.By(h, e => e.Plan, asOf).Select(c => $"{c.Key}: {c.Result}"));
        var cohorts = SubscriptionCohorts.Of(h, asOf, new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Month));
        lines.Add($"{cohorts} {string.Join(",", cohorts.Mrr.SelectMany(r => r))} {string.Join(",", cohorts.PayingCustomers.SelectMany(r => r))}");
        return string.Join("\n", lines);
    }

    [Property(MaxTest = 100)]
    public Property Labelled_shards_merged_in_any_order_and_sent_as_payloads_give_the_dashboard_of_the_whole() => Prop.ForAll(LabelledSplit, x =>
    {
        var whole = SubscriptionTally.Of(x.Events);
        var shards = ShopDayShards(x.Events, x.Shops);
        var merged = new SubscriptionTally();
        foreach (var shard in RetentionGen.Shuffle([.. shards], x.Seed))
        {
            merged.Merge(TallyFormat.FromBytes<SubscriptionTally>(TallyFormat.ToBytes(shard)));
        }

        Assert.Equal(whole.Events, merged.Events);
        Assert.Equal(Dashboard(SubscriptionHistory.From(whole)), Dashboard(SubscriptionHistory.From(merged)));
        Assert.Equal(TallyFormat.ToBytes(whole), TallyFormat.ToBytes(merged));
    });

    [Property(MaxTest = 100)]
    public Property Events_are_in_the_replay_order_of_a_stable_sort_and_reading_them_twice_costs_no_second_sort() => Prop.ForAll(LabelledSplit, x =>
    {
        var tally = SubscriptionTally.Of(RetentionGen.Shuffle(x.Events, x.Seed));
        var expected = tally.Events.ToArray();
        var naive = RetentionGen.Shuffle(x.Events, x.Seed).OrderBy(e => e.CustomerId, StringComparer.Ordinal).ThenBy(e => e.At).ThenBy(e => e.SubscriptionId, StringComparer.Ordinal).ToArray();
        Assert.Equal(naive, expected);
        Assert.Same(tally.Events, tally.Events);
        tally.Add(SubscriptionEvent.Started("zz", "zz", RetentionGen.Origin, 1m, "EUR"));
        Assert.Equal(expected.Length + 1, tally.Events.Count);
    });

    [Fact]
    public void Events_read_back_from_the_columns_keep_the_mrr_scale_the_labels_and_the_nanoseconds()
    {
        // 10.0 and 10.00 are equal decimals but print differently, and an instant may carry nanoseconds beyond its ticks.
        var at = Instant.FromUtc(2024, 1, 1, 9, 0).PlusNanoseconds(123);
        SubscriptionEvent[] events =
        [
            SubscriptionEvent.Started("s1", "c1", at, 10.0m, "EUR", "basic", "month", "smb"),
            SubscriptionEvent.Started("s2", "c1", at, 10.00m, "EUR", "basic", "month", "smb"),
            SubscriptionEvent.PlanChanged("s2", "c1", at.PlusNanoseconds(1), 10.00m, "EUR", "pro"),
            SubscriptionEvent.TrialStarted("s3", "c2", Instant.FromUtc(1969, 12, 31, 23, 59).PlusNanoseconds(-7), "basic"),
            SubscriptionEvent.Paused("s1", "c1", at.PlusNanoseconds(99)),
        ];
        var tally = SubscriptionTally.Of(events);
        var back = tally.Events.ToArray();
        Assert.Equal(events.OrderBy(e => e.CustomerId, StringComparer.Ordinal).ThenBy(e => e.At).ThenBy(e => e.SubscriptionId, StringComparer.Ordinal), back);
        Assert.Equal(["10.0", "10.00", "10.00", string.Empty, string.Empty], back.Select(e => e.Mrr?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        Assert.Equal(events[3].At, back[4].At); // record equality above compares every property, the instant to the nanosecond
        var merged = new SubscriptionTally().Merge(SubscriptionTally.Of([SubscriptionEvent.Started("s9", "c0", at, 5m, "EUR", "other")])).Merge(tally);
        Assert.Equal(back, merged.Events.Where(e => e.SubscriptionId != "s9"));
    }

    [Fact]
    public void A_history_replayed_before_more_events_are_added_keeps_the_events_it_was_replayed_from()
    {
        var tally = SubscriptionTally.Of([SubscriptionEvent.Started("s1", "c1", Instant.FromUtc(2024, 1, 1, 0, 0), 30m, "EUR", "basic")]);
        var history = SubscriptionHistory.From(tally);
        for (int i = 0; i < 40; i++)
        {
            tally.Add(SubscriptionEvent.Started($"t{i}", "a", Instant.FromUtc(2024, 1, 2, 0, 0), 1m, "EUR", "pro"));
        }

        var byPlan = RevenueChurn.By(history, e => e.Plan, CalendarPeriod.Containing(new LocalDate(2024, 1, 1), PeriodUnit.Month), DateTimeZone.Utc);
        Assert.Equal(["basic"], byPlan.Select(c => c.Key));
        Assert.Equal(30m, byPlan[0].Result.EndingMrr);
        Assert.Equal(41, SubscriptionHistory.From(tally).SubscriptionCount);
    }
}

using System.Globalization;
using System.Text;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Lifetime;
using CxMetrics.Portable;
using CxMetrics.Retention;
using CxMetrics.Tests.Arbitraries;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Tests.Portable;

public class IdPseudonymiserTests
{
    private static readonly IdPseudonymiser Shop = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    // Raw ids with '#', which base64url never writes, so finding one in a payload can only mean it was stored.
    private static string Raw(string id) => $"customer#{id}#shop";

    [Fact]
    public void Pseudonym_is_the_first_16_bytes_of_hmac_sha256_in_base64url()
    {
        // RFC 4231 test case 1: key 20 × 0x0b, data "Hi There" → b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7.
        var rfc = new IdPseudonymiser(Enumerable.Repeat((byte)0x0b, 20).ToArray());
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("b0344c61d8db38535ca8afceaf0bf12b")).TrimEnd('=').Replace('+', '-').Replace('/', '_'), rfc.Pseudonymise("Hi There"));
        Assert.Equal(IdPseudonymiser.PseudonymLength, rfc.Pseudonymise("Hi There").Length);
        Assert.Equal(rfc.Pseudonymise("c1"), rfc.Pseudonymise("c1"));
        Assert.NotEqual(rfc.Pseudonymise("c1"), Shop.Pseudonymise("c1"));
        Assert.NotEqual(rfc.Pseudonymise("c1"), rfc.Pseudonymise("c2"));
        Assert.Equal(IdPseudonymiser.PseudonymLength, rfc.Pseudonymise(new string('é', 2_000)).Length);
    }

    [Fact]
    public void A_key_shorter_than_16_bytes_is_refused()
    {
        var e = Assert.Throws<ArgumentException>("key", () => new IdPseudonymiser(new byte[15]));
        Assert.Contains("15 bytes", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 60)]
    public Property Conversion_shards_pseudonymised_merge_to_the_counts_of_raw_ids_and_their_payloads_hold_no_raw_id() =>
        Prop.ForAll(Gen.Choose(0, 12).Zip(ArbMap.Default.GeneratorFor<bool>()).Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().ToArbitrary(), rows =>
        {
            ConversionTally Shard(bool first, IdPseudonymiser? p)
            {
                var t = new ConversionTally(ConversionUnit.Visitor) { Pseudonymiser = p };
                foreach (var ((visitor, converted), side) in rows.Where(r => r.Item2 == first))
                {
                    t.Add(Raw(visitor.ToString(CultureInfo.InvariantCulture)), converted);
                }

                return t;
            }

            var plain = Shard(true, null).Merge(Shard(false, null));
            var hidden = Read<ConversionTally>(Shard(true, Shop)).Merge(Read<ConversionTally>(Shard(false, Shop)));
            return (plain.Count == hidden.Count && plain.Conversions == hidden.Conversions && NoRawId(Shard(true, Shop), rows.Select(r => Raw(r.Item1.Item1.ToString(CultureInfo.InvariantCulture)))))
                .Label($"{plain.Count}/{plain.Conversions} vs {hidden.Count}/{hidden.Conversions}");
        });

    [Property(MaxTest = 40)]
    public Property Cohort_and_customer_summary_shards_pseudonymised_give_the_same_metrics_and_hold_no_raw_id() =>
        Prop.ForAll(RetentionGen.Order.Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().Select(a => a.Take(40).ToArray()).ToArbitrary(), rows =>
        {
            var orders = rows.Select(r => (Order: new Order(Raw(r.Item1.CustomerId), r.Item1.PlacedAt, r.Item1.Amount, r.Item1.Currency), First: r.Item2)).ToArray();
            CohortTally Cohort(bool first, IdPseudonymiser? p)
            {
                var t = new CohortTally { Pseudonymiser = p };
                foreach (var (o, _) in orders.Where(o => o.First == first))
                {
                    t.Add(o);
                }

                t.AddSignup(Raw("signup-only"), RetentionGen.Origin);
                return t;
            }

            CustomerSummaryTally Summary(bool first, IdPseudonymiser? p)
            {
                var t = new CustomerSummaryTally(Berlin) { Pseudonymiser = p };
                t.AddRange(orders.Where(o => o.First == first).Select(o => o.Order));
                return t;
            }

            var grid = new PeriodGrid(Berlin, PeriodUnit.Month);
            var options = CohortOptions.Default;
            var asOf = RetentionGen.Origin + Duration.FromDays(400);
            string plainCohort = Cohorts.From(Cohort(true, null).Merge(Cohort(false, null)), asOf, grid, options).ToReport().ToText();
            string hiddenCohort = Cohorts.From(Read<CohortTally>(Cohort(true, Shop)).Merge(Read<CohortTally>(Cohort(false, Shop))), asOf, grid, options).ToReport().ToText();
            var plainSummary = Summary(true, null).Merge(Summary(false, null));
            var hiddenSummary = Read<CustomerSummaryTally>(Summary(true, Shop)).Merge(Read<CustomerSummaryTally>(Summary(false, Shop)));
            var raw = orders.Select(o => o.Order.CustomerId).Append(Raw("signup-only"));
            bool cohort = plainCohort == hiddenCohort;
            bool periods = Periods(plainSummary) == Periods(hiddenSummary) && plainSummary.OrderCount == hiddenSummary.OrderCount && plainSummary.CustomerCount == hiddenSummary.CustomerCount;
            bool hiddenIds = NoRawId(Cohort(true, Shop), raw) && NoRawId(Summary(false, Shop), raw);
            return (cohort && periods && hiddenIds).Label($"cohort matrix {cohort}, customer periods {periods}, no raw id {hiddenIds}");
        });

    [Property(MaxTest = 40)]
    public Property Cart_shards_pseudonymised_judge_units_alike_and_hold_no_raw_key() =>
        Prop.ForAll(CartGen.RichEvent.Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().Select(a => a.Take(30).ToArray()).ToArbitrary(), CartGen.AsOfMinute, (rows, minute) =>
        {
            var events = rows.Select(r => (Event: new CartEvent(Raw(r.Item1.Key), r.Item1.Kind, r.Item1.At, r.Item1.Value, r.Item1.Currency)
            {
                ItemId = r.Item1.ItemId, Channel = r.Item1.Channel, Device = r.Item1.Device, Segment = r.Item1.Segment,
            }, First: r.Item2)).ToArray();
            CartTally Shard(bool first, IdPseudonymiser? p)
            {
                var t = new CartTally { Pseudonymiser = p };
                t.AddRange(events.Where(e => e.First == first).Select(e => e.Event));
                return t;
            }

            var asOf = CartGen.At(minute);
            string plain = Outcomes(Shard(true, null).Merge(Shard(false, null)), asOf);
            string hidden = Outcomes(Read<CartTally>(Shard(true, Shop)).Merge(Read<CartTally>(Shard(false, Shop))), asOf);
            return (plain == hidden && NoRawId(Shard(true, Shop), events.Select(e => e.Event.Key))).Label($"{plain} vs {hidden}");
        });

    [Property(MaxTest = 40)]
    public Property Inactivity_churn_shards_pseudonymised_judge_customers_alike_and_hold_no_raw_id() =>
        Prop.ForAll(RetentionGen.Order.Zip(ArbMap.Default.GeneratorFor<bool>()).ArrayOf().Select(a => a.Take(40).ToArray()).ToArbitrary(), Gen.Choose(0, 200).ToArbitrary(), (rows, day) =>
        {
            InactivityChurnTally Shard(bool first, IdPseudonymiser? p)
            {
                var t = new InactivityChurnTally(Duration.FromDays(21), RetentionGen.AsOf) { Pseudonymiser = p };
                foreach (var (o, _) in rows.Where(r => r.Item2 == first))
                {
                    t.Add(Raw(o.CustomerId), o.PlacedAt);
                }

                return t;
            }

            var at = Instant.Min(RetentionGen.AsOf, RetentionGen.Origin + Duration.FromDays(day));
            var plain = Shard(true, null).Merge(Shard(false, null)).CountsAt(at);
            var hidden = Read(Shard(true, Shop)).Merge(Read(Shard(false, Shop))).CountsAt(at);
            return (plain == hidden && NoRawId(Shard(true, Shop), rows.Select(r => Raw(r.Item1.CustomerId)))).Label($"{plain} vs {hidden}");
        });

    [Property(MaxTest = 40)]
    public Property Subscription_shards_pseudonymised_replay_to_the_same_mrr_and_hold_no_raw_id() =>
        Prop.ForAll(RetentionGen.Subscriptions, events =>
        {
            var renamed = events.Select(e => e.Kind switch
            {
                SubscriptionEventKind.Start => SubscriptionEvent.Started(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At, e.Mrr!.Value, e.Currency!),
                SubscriptionEventKind.PlanChange => SubscriptionEvent.PlanChanged(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At, e.Mrr!.Value, e.Currency!),
                SubscriptionEventKind.Reactivate => SubscriptionEvent.Reactivated(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At, e.Mrr!.Value, e.Currency!),
                SubscriptionEventKind.Pause => SubscriptionEvent.Paused(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At),
                SubscriptionEventKind.Resume => SubscriptionEvent.Resumed(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At),
                SubscriptionEventKind.Skip => SubscriptionEvent.Skipped(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At),
                _ => SubscriptionEvent.Cancelled(Raw(e.SubscriptionId), Raw(e.CustomerId), e.At),
            }).ToArray();
            var january = RetentionGen.Origin;
            SubscriptionTally Shard(bool beforeMarch, IdPseudonymiser? p)
            {
                var t = new SubscriptionTally { Pseudonymiser = p };
                t.AddRange(renamed.Where(e => e.At < Instant.FromUtc(2024, 3, 1, 0, 0) == beforeMarch));
                return t;
            }

            var plain = SubscriptionHistory.Replay(renamed);
            var hidden = SubscriptionHistory.From(Read(Shard(false, Shop)).Merge(Read(Shard(true, Shop))));
            decimal[] Mrr(SubscriptionHistory h) => [.. Enumerable.Range(0, 7).Select(m => h.Ledger.Where(x => x.At < january.Plus(Duration.FromDays(30 * m))).Sum(x => x.Amount))];
            bool same = Mrr(plain).SequenceEqual(Mrr(hidden)) && plain.Spells.Count == hidden.Spells.Count && plain.Ledger.Count == hidden.Ledger.Count
                && plain.Ledger.Select(x => x.Kind).Order().SequenceEqual(hidden.Ledger.Select(x => x.Kind).Order());
            var raw = renamed.SelectMany(e => new[] { e.CustomerId, e.SubscriptionId });
            return (same && NoRawId(Shard(true, Shop), raw) && NoRawId(Shard(false, Shop), raw)).Label($"same history {same}");
        });

    private static T Read<T>(T tally)
        where T : class => TallyFormat.FromBytes<T>(TallyFormat.ToBytes(tally));

    /// <summary>Neither the binary nor the JSON payload contains the UTF-8 bytes of any raw id.</summary>
    private static bool NoRawId<T>(T tally, IEnumerable<string> raw)
        where T : class
    {
        byte[] bytes = TallyFormat.ToBytes(tally), json = Encoding.UTF8.GetBytes(TallyFormat.ToJson(tally));
        return raw.All(id => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) < 0 && json.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) < 0
            && bytes.AsSpan().IndexOf("customer#"u8) < 0);
    }

    /// <summary>Every customer's periods and amounts, ids left out, sorted.</summary>
    private static string Periods(CustomerSummaryTally t)
    {
        var parts = new List<string>();
        t.ForEachCustomer((_, periods, amounts) =>
        {
            var cells = new string[periods.Length];
            for (int i = 0; i < periods.Length; i++)
            {
                cells[i] = string.Create(CultureInfo.InvariantCulture, $"{periods[i]:uuuu-MM-dd}={amounts[i]}");
            }

            parts.Add(string.Join(",", cells));
        });
        parts.Sort(StringComparer.Ordinal);
        return string.Join(";", parts);
    }

    /// <summary>Every unit's judgement, keys left out, sorted.</summary>
    private static string Outcomes(CartTally t, Instant asOf) =>
        string.Join(";", t.Evaluate(asOf).Select(o => $"{o.Status}|{o.Value}|{o.Currency}|{o.Device}|{o.EverAbandoned}|{o.Recovery}").Order(StringComparer.Ordinal));
}

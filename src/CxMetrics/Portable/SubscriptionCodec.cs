using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="SubscriptionTally"/>: the currency, the subscriptions ordered by customer then id (id, customer),
/// then the events in replay order — by customer, instant, subscription, and as added within one subscription and
/// instant — each with its subscription's position, instant (Unix ticks), kind, MRR (0 for the kinds without one) and the
/// plan, billing interval and segment labels (null for the kinds without them).
/// </summary>
internal sealed class SubscriptionTallyCodec : TallyCodec<SubscriptionTally>
{
    public override TallyKind Kind => TallyKind.Subscription;

    public override string Name => "subscription";

    public override void Write(SubscriptionTally tally, TallyFieldWriter writer)
    {
        writer.String("currency", tally.Currency);
        var subscriptions = tally.Owners.OrderBy(o => o.Value, StringComparer.Ordinal).ThenBy(o => o.Key, StringComparer.Ordinal).ToArray();
        var position = new Dictionary<string, int>(subscriptions.Length, StringComparer.Ordinal);
        writer.BeginArray("subscriptions", subscriptions.Length);
        for (int i = 0; i < subscriptions.Length; i++)
        {
            writer.BeginItem();
            writer.String("id", subscriptions[i].Key);
            writer.String("customer", subscriptions[i].Value);
            writer.EndItem();
            position.Add(subscriptions[i].Key, i);
        }

        writer.EndArray();
        var events = tally.Events;
        writer.BeginArray("events", events.Count);
        foreach (var e in events)
        {
            writer.BeginItem();
            writer.Int32("subscription", position[e.SubscriptionId]);
            writer.Int64("ticks", e.At.ToUnixTimeTicks());
            writer.Byte("kind", (byte)e.Kind);
            writer.Decimal("mrr", e.Mrr ?? 0m);
            writer.String("plan", e.Plan);
            writer.String("interval", e.BillingInterval);
            writer.String("segment", e.Segment);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override SubscriptionTally Read(TallyFieldReader reader)
    {
        string? currency = reader.String("currency");
        int n = reader.BeginArray("subscriptions", 10);
        var ids = new string[n];
        var customers = new string[n];
        var customerRank = new int[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            ids[i] = reader.RequiredString("id");
            customers[i] = reader.RequiredString("customer");
            reader.EndItem();
            int order = i == 0 ? -1 : string.CompareOrdinal(customers[i - 1], customers[i]);
            if (order > 0 || (order == 0 && string.CompareOrdinal(ids[i - 1], ids[i]) >= 0))
            {
                throw TallyFieldReader.Invalid($"subscription {i} ('{ids[i]}' of customer '{customers[i]}') is out of (customer, id) order or repeated.");
            }

            customerRank[i] = i == 0 ? 0 : customerRank[i - 1] + (order == 0 ? 0 : 1);
        }

        reader.EndArray();
        int m = reader.BeginArray("events", 41);
        var tally = new SubscriptionTally();
        var used = new bool[n];
        (int Customer, long Ticks, int Subscription) previous = (-1, long.MinValue, -1);
        Span<int> bits = stackalloc int[4];
        for (int i = 0; i < m; i++)
        {
            reader.BeginItem();
            int s = reader.Int32("subscription");
            long ticks = reader.Int64("ticks");
            byte kind = reader.Byte("kind");
            decimal mrr = reader.Decimal("mrr");
            string? plan = reader.String("plan");
            string? interval = reader.String("interval");
            string? segment = reader.String("segment");
            reader.EndItem();
            if (s < 0 || s >= n || !Enum.IsDefined((SubscriptionEventKind)kind))
            {
                throw TallyFieldReader.Invalid($"event {i} names subscription {s} of {n} and kind {kind}: unknown.");
            }

            var key = (customerRank[s], ticks, s);
            if (key.CompareTo(previous) < 0)
            {
                throw TallyFieldReader.Invalid($"event {i} is out of replay order (customer, instant, subscription).");
            }

            previous = key;
            bool priced = SubscriptionEvent.IsPriced((SubscriptionEventKind)kind);
            decimal.GetBits(mrr, bits);
            if (!priced && (bits[0] | bits[1] | bits[2] | bits[3]) != 0)
            {
                throw TallyFieldReader.Invalid($"event {i} is a {(SubscriptionEventKind)kind}, which carries no MRR, but stores {mrr}.");
            }

            if (priced && currency is null)
            {
                throw TallyFieldReader.Invalid($"event {i} carries an MRR but the tally has no currency.");
            }

            bool labelled = SubscriptionEvent.IsLabelled((SubscriptionEventKind)kind);
            if ((!labelled && (plan ?? interval ?? segment) is not null) || plan is { Length: 0 } || interval is { Length: 0 } || segment is { Length: 0 })
            {
                throw TallyFieldReader.Invalid($"event {i} is a {(SubscriptionEventKind)kind} with labels ('{plan}', '{interval}', '{segment}') it cannot carry.");
            }

            used[s] = true;
            SubscriptionEvent restored;
            try
            {
                restored = SubscriptionEvent.Restore(ids[s], customers[s], Instant.FromUnixTimeTicks(ticks), (SubscriptionEventKind)kind, priced ? mrr : null, priced ? currency : null, plan, interval, segment);
            }
            catch (ArgumentException error)
            {
                throw TallyFieldReader.Invalid($"event {i}: {error.Message}", error);
            }

            tally.Add(restored);
        }

        reader.EndArray();
        int unused = Array.IndexOf(used, false);
        if (unused >= 0)
        {
            throw TallyFieldReader.Invalid($"subscription '{ids[unused]}' has no event.");
        }

        if (!string.Equals(tally.Currency, currency, StringComparison.Ordinal))
        {
            throw TallyFieldReader.Invalid($"the tally stores currency '{currency}' but its events give '{tally.Currency}'.");
        }

        return tally;
    }
}

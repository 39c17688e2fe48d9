using CxMetrics.Commerce;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="CartTally"/>: the events added, then each unit's state in ordinal key order — key, currency,
/// duplicate and out-of-order counts, channel / device / segment each with the time of the event that carried it, and the
/// unit's distinct events in (time, kind, value, item) order, each value only when the event has one. That is the whole per-unit state, pending units included, so
/// a tally read back merges with another shard's exactly as the original would (a cart's "add to cart" on one machine
/// meets its purchase on another), and equal tallies give equal bytes.
/// </summary>
internal sealed class CartTallyCodec : TallyCodec<CartTally>
{
    // key (4) + currency (4) + two counts (16) + three attributes (3 × 12) + events array (4).
    private const int MinimumUnitBytes = 64;

    // ticks (8) + kind (1) + hasValue (1) + item (4); the value (16) only when present.
    private const int MinimumEventBytes = 14;

    public override TallyKind Kind => TallyKind.Cart;

    public override string Name => "cart";

    public override void Write(CartTally tally, TallyFieldWriter writer)
    {
        writer.Int64("eventsAdded", tally.EventsAdded);
        var journeys = tally.SortedJourneys();
        writer.BeginArray("units", journeys.Length);
        foreach (var unit in journeys)
        {
            writer.BeginItem();
            writer.String("key", unit.Key);
            writer.String("currency", unit.Currency);
            writer.Int64("duplicates", unit.Duplicates);
            writer.Int64("outOfOrder", unit.OutOfOrder);
            WriteAttribute(writer, "channel", unit.Channel);
            WriteAttribute(writer, "device", unit.Device);
            WriteAttribute(writer, "segment", unit.Segment);
            var entries = unit.SortedEntries();
            writer.BeginArray("events", entries.Count);
            foreach (var e in entries)
            {
                writer.BeginItem();
                writer.Int64("ticks", e.Ticks);
                writer.Byte("kind", (byte)e.Kind);
                writer.Bool("hasValue", e.Value is not null);
                if (e.Value is { } value)
                {
                    writer.Decimal("value", value);
                }

                writer.String("item", e.ItemId);
                writer.EndItem();
            }

            writer.EndArray();
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override CartTally Read(TallyFieldReader reader)
    {
        long eventsAdded = reader.Int64("eventsAdded");
        int n = reader.BeginArray("units", MinimumUnitBytes);
        var journeys = new CartJourney[n];
        string? previous = null;
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            string key = reader.RequiredString("key");
            if (string.IsNullOrWhiteSpace(key))
            {
                throw TallyFieldReader.Invalid($"unit {i} has a blank key; unit keys are not empty.");
            }

            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                throw TallyFieldReader.Invalid($"unit keys must be distinct and in ordinal order; '{key}' follows '{previous}'.");
            }

            previous = key;
            string? currency = reader.String("currency");
            long duplicates = reader.Int64("duplicates"), outOfOrder = reader.Int64("outOfOrder");
            var channel = ReadAttribute(reader, "channel");
            var device = ReadAttribute(reader, "device");
            var segment = ReadAttribute(reader, "segment");
            int m = reader.BeginArray("events", MinimumEventBytes);
            var entries = new CartJourney.Entry[m];
            for (int j = 0; j < m; j++)
            {
                reader.BeginItem();
                long ticks = reader.Int64("ticks");
                byte kind = reader.Byte("kind");
                decimal? value = reader.Bool("hasValue") ? reader.Decimal("value") : null;
                string? item = reader.String("item");
                reader.EndItem();
                entries[j] = new CartJourney.Entry(ticks, (CartEventKind)kind, value, item);
            }

            reader.EndArray();
            reader.EndItem();
            journeys[i] = CartJourney.Restore(key, currency, duplicates, outOfOrder, channel, device, segment, entries);
        }

        reader.EndArray();
        return CartTally.FromJourneys(journeys, eventsAdded);
    }

    private static void WriteAttribute(TallyFieldWriter writer, string name, CartJourney.Attribute attribute)
    {
        writer.String(name, attribute.Value);
        writer.Int64(name + "Ticks", attribute.Ticks);
    }

    private static CartJourney.Attribute ReadAttribute(TallyFieldReader reader, string name)
    {
        string? value = reader.String(name);
        return new CartJourney.Attribute(reader.Int64(name + "Ticks"), value);
    }
}

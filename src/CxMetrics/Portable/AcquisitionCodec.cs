using CxMetrics.Acquisition;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="AcquisitionTally"/>: the currency (null without orders and spend); the customers in the tally's
/// own order, each with its id, whether it was acquired, the acquisition instant (Unix ticks, 0 when not acquired), source
/// and campaign (null when not acquired); the orders as added, each with its customer's position, instant (Unix ticks)
/// and amount; the spend per source and period in ordinal source, then period order, each with its source, period unit,
/// week start (0 for the units other than week), period start date and amount.
/// </summary>
internal sealed class AcquisitionTallyCodec : TallyCodec<AcquisitionTally>
{
    public override TallyKind Kind => TallyKind.Acquisition;

    public override string Name => "acquisition";

    public override void Write(AcquisitionTally tally, TallyFieldWriter writer)
    {
        writer.String("currency", tally.Currency);
        int n = tally.Slots;
        writer.BeginArray("customers", n);
        for (int i = 0; i < n; i++)
        {
            bool acquired = tally.AcquiredTicks[i] != long.MaxValue;
            writer.BeginItem();
            writer.String("id", tally.Ids[i]);
            writer.Bool("acquired", acquired);
            writer.Int64("ticks", acquired ? tally.AcquiredTicks[i] : 0);
            writer.String("source", tally.Sources[i]);
            writer.String("campaign", tally.Campaigns[i]);
            writer.EndItem();
        }

        writer.EndArray();
        int m = tally.OrderSlots.Count;
        writer.BeginArray("orders", m);
        for (int i = 0; i < m; i++)
        {
            writer.BeginItem();
            writer.Int32("customer", tally.OrderSlots[i]);
            writer.Int64("ticks", tally.OrderTicks[i]);
            writer.Decimal("amount", tally.OrderAmounts[i]);
            writer.EndItem();
        }

        writer.EndArray();
        var spend = tally.Spend.OrderBy(s => s.Key.Source, StringComparer.Ordinal).ThenBy(s => s.Key.Period).ThenBy(s => s.Key.Period.WeekStart).ToArray();
        writer.BeginArray("spend", spend.Length);
        foreach (var ((source, period), amount) in spend)
        {
            writer.BeginItem();
            writer.String("source", source);
            writer.Byte("unit", (byte)period.Unit);
            writer.Byte("weekStart", (byte)period.WeekStart);
            writer.Date("start", period.Start);
            writer.Decimal("amount", amount);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override AcquisitionTally Read(TallyFieldReader reader)
    {
        string? currency = reader.String("currency");
        if (currency is not null && !Commerce.CurrencyCode.IsValid(currency))
        {
            throw TallyFieldReader.Invalid($"currency '{currency}' is not an ISO 4217 code.");
        }

        var tally = new AcquisitionTally();
        int n = reader.BeginArray("customers", 22);
        var acquired = new bool[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            string id = reader.RequiredString("id");
            bool isAcquired = reader.Bool("acquired");
            long ticks = reader.Int64("ticks");
            string? source = reader.String("source");
            string? campaign = reader.String("campaign");
            reader.EndItem();
            if (!isAcquired && (ticks != 0 || source is not null || campaign is not null))
            {
                throw TallyFieldReader.Invalid($"customer {i} ('{id}') is not acquired but stores an instant, source or campaign.");
            }

            if (isAcquired)
            {
                Instant.FromUnixTimeTicks(ticks); // in NodaTime's range, or ArgumentOutOfRangeException → InvalidContent
            }

            acquired[i] = isAcquired;
            tally.RestoreSlot(id, isAcquired ? ticks : null, source, campaign);
        }

        reader.EndArray();
        int m = reader.BeginArray("orders", 28);
        var ordered = new bool[n];
        for (int i = 0; i < m; i++)
        {
            reader.BeginItem();
            int slot = reader.Int32("customer");
            long ticks = reader.Int64("ticks");
            decimal amount = reader.Decimal("amount");
            reader.EndItem();
            if (slot < 0 || slot >= n || amount < 0)
            {
                throw TallyFieldReader.Invalid($"order {i} names customer {slot} of {n} with amount {amount}: out of range or negative.");
            }

            Instant.FromUnixTimeTicks(ticks);
            ordered[slot] = true;
            tally.RestoreOrder(slot, ticks, amount);
        }

        reader.EndArray();
        for (int i = 0; i < n; i++)
        {
            if (!acquired[i] && !ordered[i])
            {
                throw TallyFieldReader.Invalid($"customer {i} is neither acquired nor named by an order.");
            }
        }

        int k = reader.BeginArray("spend", 27);
        (string Source, CalendarPeriod Period)? previous = null;
        for (int i = 0; i < k; i++)
        {
            reader.BeginItem();
            string? source = reader.String("source");
            byte unit = reader.Byte("unit");
            byte weekStart = reader.Byte("weekStart");
            var start = reader.Date("start");
            decimal amount = reader.Decimal("amount");
            reader.EndItem();
            if (string.IsNullOrWhiteSpace(source) || amount < 0 || !Enum.IsDefined((PeriodUnit)unit)
                || ((PeriodUnit)unit == PeriodUnit.Week ? weekStart is < 1 or > 7 : weekStart != 0))
            {
                throw TallyFieldReader.Invalid($"spend {i} (source '{source}', unit {unit}, week start {weekStart}, amount {amount}) is not a valid spend record.");
            }

            var period = CalendarPeriod.Containing(start, (PeriodUnit)unit, weekStart == 0 ? IsoDayOfWeek.Monday : (IsoDayOfWeek)weekStart);
            if (period.Start != start)
            {
                throw TallyFieldReader.Invalid($"spend {i}: {start} does not start a period of unit {(PeriodUnit)unit}.");
            }

            if (previous is { } p && (string.CompareOrdinal(p.Source, source) > 0 || (p.Source == source && Order(p.Period, period) >= 0)))
            {
                throw TallyFieldReader.Invalid($"spend {i} ('{source}' in {period}) is out of (source, period) order or repeated.");
            }

            previous = (source, period);
            tally.RestoreSpend(source, period, amount);
        }

        reader.EndArray();
        if ((currency is null) != (m == 0 && k == 0))
        {
            throw TallyFieldReader.Invalid($"currency {currency ?? "(none)"} does not fit {m} orders and {k} spend records: a tally has a currency exactly when it has orders or spend.");
        }

        tally.RestoreCurrency(currency);
        return tally;
    }

    /// <summary>Unit, then start, then week start (two first weeks of the calendar can share a start).</summary>
    private static int Order(CalendarPeriod a, CalendarPeriod b)
    {
        int c = a.CompareTo(b);
        return c != 0 ? c : a.WeekStart.CompareTo(b.WeekStart);
    }
}

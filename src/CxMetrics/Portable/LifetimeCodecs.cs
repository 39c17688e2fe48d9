using CxMetrics.Lifetime;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="CustomerSummaryTally"/>: the zone id (tzdb), the merge period, the currency, the order count, then
/// per customer in ordinal id order the merge periods in date order with the amount bought in each.
/// </summary>
internal sealed class CustomerSummaryTallyCodec : TallyCodec<CustomerSummaryTally>
{
    public override TallyKind Kind => TallyKind.CustomerSummary;

    public override string Name => "customer-summary";

    public override void Write(CustomerSummaryTally tally, TallyFieldWriter writer)
    {
        writer.String("zone", tally.Zone.Id);
        writer.Byte("mergeWithin", (byte)tally.MergeWithin);
        writer.String("currency", tally.Currency);
        writer.Int64("orderCount", tally.OrderCount);
        writer.BeginArray("customers", tally.CustomerCount);
        tally.ForEachCustomer((id, periods, amounts) =>
        {
            writer.BeginItem();
            writer.String("id", id);
            writer.BeginArray("periods", periods.Length);
            for (int i = 0; i < periods.Length; i++)
            {
                writer.BeginItem();
                writer.Date("start", periods[i]);
                writer.Decimal("amount", amounts[i]);
                writer.EndItem();
            }

            writer.EndArray();
            writer.EndItem();
        });

        writer.EndArray();
    }

    public override CustomerSummaryTally Read(TallyFieldReader reader)
    {
        string zoneId = reader.RequiredString("zone");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw TallyFieldReader.Invalid($"zone '{zoneId}' is not in this library's tz database ({DateTimeZoneProviders.Tzdb.VersionId}).");
        byte unit = reader.Byte("mergeWithin");
        if (!Enum.IsDefined((PeriodUnit)unit))
        {
            throw TallyFieldReader.Invalid($"field 'mergeWithin' holds {unit}, not a known period unit.");
        }

        var tally = new CustomerSummaryTally(zone, (PeriodUnit)unit);
        string? currency = reader.String("currency");
        if (currency is not null)
        {
            Commerce.CurrencyCode.Validate(currency);
        }

        long orderCount = reader.Int64("orderCount");
        int n = reader.BeginArray("customers", 8);
        string? previous = null;
        long periodsTotal = 0;
        for (int c = 0; c < n; c++)
        {
            reader.BeginItem();
            string id = reader.RequiredString("id");
            if (previous is not null && string.CompareOrdinal(previous, id) >= 0)
            {
                throw TallyFieldReader.Invalid($"customer ids must be distinct and in ordinal order; '{id}' follows '{previous}'.");
            }

            int m = reader.BeginArray("periods", 20);
            if (m == 0)
            {
                throw TallyFieldReader.Invalid($"customer '{id}' has no periods.");
            }

            LocalDate? last = null;
            for (int i = 0; i < m; i++)
            {
                reader.BeginItem();
                var start = reader.Date("start");
                decimal amount = reader.Decimal("amount");
                reader.EndItem();
                if (amount < 0 || (last is { } l && start <= l))
                {
                    throw TallyFieldReader.Invalid($"customer '{id}' period {start} (amount {amount}) is negative or out of order.");
                }

                tally.Restore(id, start, amount);
                last = start;
            }

            reader.EndArray();
            reader.EndItem();
            previous = id;
            periodsTotal += m;
        }

        reader.EndArray();
        if (orderCount < periodsTotal || (currency is null) != (n == 0))
        {
            throw TallyFieldReader.Invalid($"{orderCount} orders in currency {currency ?? "(none)"} cannot make {periodsTotal} customer-periods of {n} customers.");
        }

        tally.Restore(currency, orderCount);
        return tally;
    }
}

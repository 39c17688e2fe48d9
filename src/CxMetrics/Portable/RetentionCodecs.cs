using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="CohortTally"/>: the currency, the customers in their dense order (id, signup instant or none),
/// then the orders in the order added (customer position, instant, amount).
/// </summary>
internal sealed class CohortTallyCodec : TallyCodec<CohortTally>
{
    /// <summary>Stored for a customer without a recorded signup.</summary>
    private const long NoSignup = long.MaxValue;

    public override TallyKind Kind => TallyKind.Cohort;

    public override string Name => "cohort";

    public override void Write(CohortTally tally, TallyFieldWriter writer)
    {
        if (tally.IsBound)
        {
            throw new NotSupportedException("an accumulator bound to a calendar grid (customer-period rows) has no portable form yet; serialise an unbound one.");
        }

        writer.String("currency", tally.Currency);
        var signups = tally.SignupTicks;
        writer.BeginArray("customers", tally.CustomerCount);
        for (int c = 0; c < tally.CustomerCount; c++)
        {
            writer.BeginItem();
            writer.String("id", tally.CustomerId(c));
            writer.Int64("signupTicks", signups[c]);
            writer.EndItem();
        }

        writer.EndArray();
        writer.BeginArray("orders", tally.OrderCount);
        for (int i = 0; i < tally.OrderCount; i++)
        {
            writer.BeginItem();
            writer.Int32("customer", tally.OrderCustomer(i));
            writer.Int64("ticks", tally.OrderTick(i));
            writer.Decimal("amount", tally.OrderAmount(i));
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override CohortTally Read(TallyFieldReader reader)
    {
        string? currency = reader.String("currency");
        int n = reader.BeginArray("customers", 12);
        var ids = new string[n];
        var signups = new long[n];
        for (int c = 0; c < n; c++)
        {
            reader.BeginItem();
            ids[c] = reader.RequiredString("id");
            signups[c] = reader.Int64("signupTicks");
            reader.EndItem();
        }

        reader.EndArray();
        int m = reader.BeginArray("orders", 28);
        var codes = new int[m];
        var placed = new Instant[m];
        var amounts = new decimal[m];
        for (int i = 0; i < m; i++)
        {
            reader.BeginItem();
            codes[i] = reader.Int32("customer");
            placed[i] = Instant.FromUnixTimeTicks(reader.Int64("ticks"));
            amounts[i] = reader.Decimal("amount");
            reader.EndItem();
        }

        reader.EndArray();
        var tally = new CohortTally();
        if (currency is not null)
        {
            // Registers every id in stored order (the dense order), then appends the orders.
            tally.AddRange(ids, codes, placed, amounts, currency);
        }
        else if (m > 0)
        {
            throw TallyFieldReader.Invalid($"{m} orders are stored without a currency.");
        }

        for (int c = 0; c < n; c++)
        {
            if (signups[c] != NoSignup)
            {
                tally.AddSignup(ids[c], Instant.FromUnixTimeTicks(signups[c]));
            }
            else if (currency is null)
            {
                throw TallyFieldReader.Invalid($"customer '{ids[c]}' has neither an order nor a signup.");
            }
        }

        if (tally.CustomerCount != n)
        {
            throw TallyFieldReader.Invalid($"the {n} stored customer ids are not distinct.");
        }

        return tally;
    }
}

/// <summary>
/// Payload of <see cref="KaplanMeierTally"/>: the total weight, then per distinct exit time in increasing order its event
/// and censored counts and weights; then, only when the tally has delayed entries, an optional trailing array
/// <c>entries</c> of {time, count, weight} per distinct entry time in increasing order (so a tally without delayed entries
/// keeps the bytes it always had).
/// </summary>
internal sealed class KaplanMeierTallyCodec : TallyCodec<KaplanMeierTally>
{
    public override TallyKind Kind => TallyKind.KaplanMeier;

    public override string Name => "kaplan-meier";

    public override void Write(KaplanMeierTally tally, TallyFieldWriter writer)
    {
        writer.Double("totalWeight", tally.TotalWeight);
        var rows = tally.ToRows();
        int exits = 0, entries = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            exits += rows.EventCount(i) + rows.CensoredCount(i) > 0 ? 1 : 0;
            entries += rows.EntryCount(i) > 0 ? 1 : 0;
        }

        writer.BeginArray("times", exits);
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows.EventCount(i) + rows.CensoredCount(i) == 0)
            {
                continue;
            }

            writer.BeginItem();
            writer.Double("time", rows.Times[i]);
            writer.Int64("events", rows.EventCount(i));
            writer.Int64("censored", rows.CensoredCount(i));
            writer.Double("eventWeight", rows.EventWeight[i]);
            writer.Double("censoredWeight", rows.CensoredWeight[i]);
            writer.EndItem();
        }

        writer.EndArray();
        if (entries > 0)
        {
            writer.BeginArray("entries", entries);
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows.EntryCount(i) > 0)
                {
                    writer.BeginItem();
                    writer.Double("time", rows.Times[i]);
                    writer.Int64("count", rows.EntryCount(i));
                    writer.Double("weight", rows.EntryWeight![i]);
                    writer.EndItem();
                }
            }

            writer.EndArray();
        }
    }

    public override KaplanMeierTally Read(TallyFieldReader reader)
    {
        double total = reader.Double("totalWeight");
        int n = reader.BeginArray("times", 40);
        var times = new double[n];
        var events = new long[n];
        var censored = new long[n];
        var eventWeights = new double[n];
        var censoredWeights = new double[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            times[i] = reader.Double("time");
            events[i] = reader.Int64("events");
            censored[i] = reader.Int64("censored");
            eventWeights[i] = reader.Double("eventWeight");
            censoredWeights[i] = reader.Double("censoredWeight");
            reader.EndItem();
        }

        reader.EndArray();
        if (!reader.Has("entries"))
        {
            return KaplanMeierTally.FromStoredRows(times, events, censored, eventWeights, censoredWeights, total);
        }

        int m = reader.BeginArray("entries", 24);
        var entryTimes = new double[m];
        var entryCounts = new long[m];
        var entryWeights = new double[m];
        for (int i = 0; i < m; i++)
        {
            reader.BeginItem();
            entryTimes[i] = reader.Double("time");
            entryCounts[i] = reader.Int64("count");
            entryWeights[i] = reader.Double("weight");
            reader.EndItem();
        }

        reader.EndArray();
        if (m == 0)
        {
            throw TallyFieldReader.Invalid("array 'entries' is written only when it has items.");
        }

        return KaplanMeierTally.FromStoredRows(times, events, censored, eventWeights, censoredWeights, total, entryTimes, entryCounts, entryWeights);
    }
}

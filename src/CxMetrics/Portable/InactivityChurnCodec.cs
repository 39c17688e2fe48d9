using CxMetrics.Retention;
using NodaTime;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="InactivityChurnTally"/>: the window (nanoseconds), whether there is an as-of and its instant (Unix
/// ticks, 0 without), the orders kept and after the as-of, then the customers in ordinal id order, each with its spells in
/// start order (first and last order of the spell, Unix ticks). Spells of one customer are more than a window apart.
/// </summary>
internal sealed class InactivityChurnTallyCodec : TallyCodec<InactivityChurnTally>
{
    public override TallyKind Kind => TallyKind.InactivityChurn;

    public override string Name => "inactivity-churn";

    public override void Write(InactivityChurnTally tally, TallyFieldWriter writer)
    {
        writer.Int64("windowNanoseconds", tally.Window.ToInt64Nanoseconds());
        writer.Bool("hasAsOf", tally.AsOf is not null);
        writer.Int64("asOfTicks", tally.AsOf?.ToUnixTimeTicks() ?? 0);
        writer.Int64("orders", tally.Orders);
        writer.Int64("ordersAfterAsOf", tally.OrdersAfterAsOf);
        var customers = tally.CustomerSpells().ToArray();
        Array.Sort(customers, static (a, b) => string.CompareOrdinal(a.Customer, b.Customer));
        writer.BeginArray("customers", customers.Length);
        foreach (var (customer, spells) in customers)
        {
            writer.BeginItem();
            writer.String("id", customer);
            writer.BeginArray("spells", spells.Count);
            foreach (var (start, last) in spells)
            {
                writer.BeginItem();
                writer.Int64("startTicks", start.ToUnixTimeTicks());
                writer.Int64("lastTicks", last.ToUnixTimeTicks());
                writer.EndItem();
            }

            writer.EndArray();
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override InactivityChurnTally Read(TallyFieldReader reader)
    {
        long windowNanoseconds = reader.Int64("windowNanoseconds");
        bool hasAsOf = reader.Bool("hasAsOf");
        long asOfTicks = reader.Int64("asOfTicks");
        long orders = reader.Int64("orders"), after = reader.Int64("ordersAfterAsOf");
        if (windowNanoseconds <= 0 || orders < 0 || after < 0 || (!hasAsOf && (asOfTicks != 0 || after != 0)))
        {
            throw TallyFieldReader.Invalid($"window {windowNanoseconds} ns, as-of {hasAsOf}/{asOfTicks}, orders {orders} and {after} after the as-of: the window must be positive, counts ≥ 0, and orders after an as-of need one.");
        }

        var window = Duration.FromNanoseconds(windowNanoseconds);
        Instant? asOf = hasAsOf ? Instant.FromUnixTimeTicks(asOfTicks) : null;
        int n = reader.BeginArray("customers", 9);
        var customers = new List<(string, List<(Instant, Instant)>)>(n);
        string? previous = null;
        long spellCount = 0;
        for (int c = 0; c < n; c++)
        {
            reader.BeginItem();
            string id = reader.RequiredString("id");
            if (previous is not null && string.CompareOrdinal(previous, id) >= 0)
            {
                throw TallyFieldReader.Invalid($"customer ids must be distinct and in ordinal order; '{id}' follows '{previous}'.");
            }

            previous = id;
            int m = reader.BeginArray("spells", 16);
            if (m == 0)
            {
                throw TallyFieldReader.Invalid($"customer '{id}' has no spell.");
            }

            var spells = new List<(Instant, Instant)>(m);
            for (int i = 0; i < m; i++)
            {
                reader.BeginItem();
                var start = Instant.FromUnixTimeTicks(reader.Int64("startTicks"));
                var last = Instant.FromUnixTimeTicks(reader.Int64("lastTicks"));
                reader.EndItem();
                if (last < start || (asOf is { } a && last > a) || (i > 0 && start <= spells[i - 1].Item2 + window))
                {
                    throw TallyFieldReader.Invalid($"spell {i} of customer '{id}' ({start} to {last}) ends before it starts, lies after the as-of, or is not more than a window after the spell before it.");
                }

                spells.Add((start, last));
            }

            reader.EndArray();
            reader.EndItem();
            spellCount += m;
            customers.Add((id, spells));
        }

        reader.EndArray();
        if (orders < spellCount)
        {
            throw TallyFieldReader.Invalid($"{spellCount} spells need at least as many orders, not {orders}.");
        }

        return InactivityChurnTally.Restore(window, asOf, orders, after, customers);
    }
}

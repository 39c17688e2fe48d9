using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Acquisition;

/// <summary>
/// The mergeable statistic of acquisition cohorts: each customer's acquisition (instant, source, campaign), the orders
/// (customer, instant, amount) and the spend per source and period. It holds no as-of instant and no grid, so one tally
/// answers <see cref="CustomerAcquisition.From"/> at any as-of; customers, their orders and the spend may arrive in any
/// order and in different shards (an order whose customer is not acquired yet waits for them). A customer acquired twice
/// keeps the earliest acquisition (at the same instant, the ordinally smaller source, then campaign), so merging is
/// associative and commutative. The empty tally is the identity of <see cref="Merge"/>.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them. Memory is one entry per customer and per order.</remarks>
public sealed class AcquisitionTally
{
    private readonly Dictionary<string, int> slots = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private readonly List<long> acquiredTicks = []; // long.MaxValue: not acquired (yet)
    private readonly List<string?> sources = [];
    private readonly List<string?> campaigns = [];
    private readonly List<int> orderSlots = [];
    private readonly List<long> orderTicks = [];
    private readonly List<decimal> orderAmounts = [];
    private readonly Dictionary<(string Source, CalendarPeriod Period), decimal> spend = [];

    /// <summary>Acquired customers (each counted once).</summary>
    public long Customers { get; private set; }

    /// <summary>Orders added, of acquired customers or not.</summary>
    public long Orders => orderSlots.Count;

    /// <summary>Spend records added (after adding up those of the same source and period: distinct source × period pairs).</summary>
    public int SpendCells => spend.Count;

    /// <summary>The one currency of the orders and the spend, or <see langword="null"/> before the first of them.</summary>
    public string? Currency { get; private set; }

    internal int Slots => ids.Count;

    internal List<string> Ids => ids;

    internal List<string?> Campaigns => campaigns;

    internal List<long> AcquiredTicks => acquiredTicks;

    internal List<string?> Sources => sources;

    internal List<int> OrderSlots => orderSlots;

    internal List<long> OrderTicks => orderTicks;

    internal List<decimal> OrderAmounts => orderAmounts;

    internal Dictionary<(string Source, CalendarPeriod Period), decimal> Spend => spend;

    /// <summary>The tally of acquired customers, their orders and (optionally) the spend.</summary>
    /// <param name="customers">The acquired customers.</param>
    /// <param name="orders">The orders.</param>
    /// <param name="spend">The acquisition spend; <see langword="null"/> for none.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="orders"/> (or one of their items) is null.</exception>
    /// <exception cref="ArgumentException">The orders and the spend are not all in one currency.</exception>
    public static AcquisitionTally Of(IEnumerable<AcquiredCustomer> customers, IEnumerable<Order> orders, IEnumerable<AcquisitionSpend>? spend = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(orders);
        var tally = new AcquisitionTally();
        if (orders.TryGetNonEnumeratedCount(out int orderCount))
        {
            tally.orderSlots.EnsureCapacity(orderCount);
            tally.orderTicks.EnsureCapacity(orderCount);
            tally.orderAmounts.EnsureCapacity(orderCount);
        }

        if (customers.TryGetNonEnumeratedCount(out int customerCount))
        {
            tally.slots.EnsureCapacity(customerCount);
            tally.ids.EnsureCapacity(customerCount);
            tally.acquiredTicks.EnsureCapacity(customerCount);
            tally.sources.EnsureCapacity(customerCount);
            tally.campaigns.EnsureCapacity(customerCount);
        }

        foreach (var c in customers)
        {
            ArgumentNullException.ThrowIfNull(c, nameof(customers));
            tally.Add(c);
        }

        foreach (var o in orders)
        {
            ArgumentNullException.ThrowIfNull(o, nameof(orders));
            tally.Add(o, nameof(orders));
        }

        foreach (var s in spend ?? [])
        {
            ArgumentNullException.ThrowIfNull(s, nameof(spend));
            tally.Add(s, nameof(spend));
        }

        return tally;
    }

    /// <summary>Adds an acquired customer; a customer seen before keeps the earlier acquisition.</summary>
    /// <param name="customer">The customer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public void Add(AcquiredCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Acquire(Slot(customer.CustomerId), customer.AcquiredAt.ToUnixTimeTicks(), customer.Source, customer.Campaign);
    }

    /// <summary>Adds an order (its customer may be acquired before or after, here or in a tally merged later).</summary>
    /// <param name="order">The order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentException">The order's currency differs from the currency of the orders and spend added before.</exception>
    public void Add(Order order) => Add(order, nameof(order));

    /// <summary>Adds acquisition spend of a source in a period (adding to any spend of the same source and period).</summary>
    /// <param name="spend">The spend.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spend"/> is null.</exception>
    /// <exception cref="ArgumentException">The spend's currency differs from the currency of the orders and spend added before.</exception>
    /// <exception cref="OverflowException">The spend of the source and period would pass the range of <see cref="decimal"/>.</exception>
    public void Add(AcquisitionSpend spend) => Add(spend, nameof(spend));

    /// <summary>A new tally with the same customers, orders and spend.</summary>
    /// <returns>The copy.</returns>
    public AcquisitionTally Clone() => new AcquisitionTally().Merge(this);

    /// <summary>Adds another tally into this one: customers by id (earliest acquisition kept), orders appended, spend added.</summary>
    /// <param name="other">The tally to add.</param>
    /// <returns>This tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself, or its currency differs from this tally's (this tally is unchanged).</exception>
    /// <exception cref="OverflowException">A merged spend would pass the range of <see cref="decimal"/>.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public AcquisitionTally Merge(AcquisitionTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Currency is { } c)
        {
            UseCurrency(c, "the merged tally", nameof(other));
        }

        var map = new int[other.ids.Count];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = Slot(other.ids[i]);
            if (other.acquiredTicks[i] != long.MaxValue)
            {
                Acquire(map[i], other.acquiredTicks[i], other.sources[i], other.campaigns[i]);
            }
        }

        for (int i = 0; i < other.orderSlots.Count; i++)
        {
            orderSlots.Add(map[other.orderSlots[i]]);
            orderTicks.Add(other.orderTicks[i]);
            orderAmounts.Add(other.orderAmounts[i]);
        }

        foreach (var (key, amount) in other.spend)
        {
            spend[key] = Guard.AddMoney(spend.GetValueOrDefault(key), amount, "the acquisition spend", $"{key.Source} in {key.Period}");
        }

        return this;
    }

    /// <summary>Restores a customer slot of a stored tally (portable form): a new id, acquired at <paramref name="ticks"/> or not (<see langword="null"/>).</summary>
    internal void RestoreSlot(string id, long? ticks, string? source, string? campaign)
    {
        if (slots.ContainsKey(id))
        {
            throw new ArgumentException($"customer '{id}' is stored twice.", nameof(id));
        }

        int slot = Slot(id);
        if (ticks is { } t)
        {
            Acquire(slot, t, source, campaign);
        }
    }

    /// <summary>Restores an order of a stored tally: its customer's slot, instant and amount.</summary>
    internal void RestoreOrder(int slot, long ticks, decimal amount)
    {
        orderSlots.Add(slot);
        orderTicks.Add(ticks);
        orderAmounts.Add(amount);
    }

    /// <summary>Restores the spend of one source and period (distinct keys) of a stored tally.</summary>
    internal void RestoreSpend(string source, CalendarPeriod period, decimal amount) => spend.Add((source, period), amount);

    /// <summary>Restores the currency of a stored tally.</summary>
    internal void RestoreCurrency(string? currency) => Currency = currency;

    /// <inheritdoc/>
    public override string ToString() => $"AcquisitionTally({Customers} acquired customers, {Orders} orders, {SpendCells} spend cells)";

    private void Add(Order order, string paramName)
    {
        ArgumentNullException.ThrowIfNull(order, paramName);
        if (!string.Equals(Currency, order.Currency, StringComparison.Ordinal))
        {
            UseCurrency(order.Currency, order.Label, paramName); // the label (a formatted instant) only off the common path
        }

        orderSlots.Add(Slot(order.CustomerId));
        orderTicks.Add(order.PlacedAt.ToUnixTimeTicks());
        orderAmounts.Add(order.Amount);
    }

    private void Add(AcquisitionSpend record, string paramName)
    {
        ArgumentNullException.ThrowIfNull(record, paramName);
        UseCurrency(record.Currency, $"spend of '{record.Source}' in {record.Period}", paramName);
        var key = (record.Source, record.Period);
        spend[key] = Guard.AddMoney(spend.GetValueOrDefault(key), record.Amount, "the acquisition spend", $"{record.Source} in {record.Period}");
    }

    private void UseCurrency(string currency, string what, string paramName)
    {
        if (Currency is null)
        {
            Currency = currency;
        }
        else if (!string.Equals(Currency, currency, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what} is in {currency} but the acquisition data so far is in {Currency}: convert to one currency first.", paramName);
        }
    }

    private int Slot(string id)
    {
        ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(slots, id, out bool exists);
        if (!exists)
        {
            slot = ids.Count;
            ids.Add(id);
            acquiredTicks.Add(long.MaxValue);
            sources.Add(null);
            campaigns.Add(null);
        }

        return slot;
    }

    private void Acquire(int slot, long ticks, string? source, string? campaign)
    {
        long before = acquiredTicks[slot];
        if (before == long.MaxValue)
        {
            Customers++;
        }
        else
        {
            int c = ticks.CompareTo(before);
            if (c == 0)
            {
                c = string.CompareOrdinal(source, sources[slot]);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(campaign, campaigns[slot]);
            }

            if (c >= 0)
            {
                return;
            }
        }

        acquiredTicks[slot] = ticks;
        sources[slot] = source;
        campaigns[slot] = campaign;
    }
}

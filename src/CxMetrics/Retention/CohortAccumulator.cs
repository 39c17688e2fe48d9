using CxMetrics.Internal;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The mergeable state behind a <see cref="CohortMatrix"/>: per customer (keyed by customer id, mapped once to a dense
/// index) the instants and amounts of their orders and, optionally, their signup instant. Feed it orders one at a time,
/// as columns (<see cref="AddRange(ReadOnlySpan{string}, ReadOnlySpan{int}, ReadOnlySpan{Instant}, ReadOnlySpan{decimal}, string)"/>, the fast path), or shard by shard and <see cref="Merge"/> the shards.
/// </summary>
/// <remarks>
/// <para><b>What merge requires.</b> A customer's cohort is decided by their earliest order (or signup) over <em>all</em>
/// shards, so the state cannot be per-cohort counts; it is a per-customer state that merges by customer id (orders
/// concatenate, signups keep the earliest). Shards may therefore split a customer's orders any way — by day, by server, at
/// random — and <c>CohortMatrix.From(a.Merge(b))</c> equals the matrix of all orders. The empty accumulator is the
/// identity of <see cref="Merge"/>. The cost is memory: 28 bytes per order plus the customer dictionary, the orders held
/// in fixed-size chunks so that growing never copies them (doubling arrays held up to 2.5 times that while they grew); shards that
/// partition <em>customers</em> (e.g. by hash of the id) could instead be reduced to counts, but this type does not assume
/// that.</para>
/// <para>Orders are money: all must be in one currency (<see cref="CurrencyCode.EnsureSame"/>). Not thread-safe: one
/// accumulator per thread, then merge.</para>
/// </remarks>
public sealed class CohortAccumulator
{
    private const long NoSignup = long.MaxValue;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private long[] signup = [];
    private long[] firstOrder = [];
    private readonly ChunkedColumn<int> orderCustomer = new();
    private readonly ChunkedColumn<long> orderTicks = new();
    private readonly ChunkedColumn<decimal> orderAmount = new();

    /// <summary>Creates an empty accumulator.</summary>
    public CohortAccumulator()
    {
    }

    /// <summary>
    /// When set, every id this tally's <c>Add</c> methods receive is stored as its keyed pseudonym (see
    /// <see cref="Portable.IdPseudonymiser"/>), so its payload carries no raw id; counts and metrics are unchanged. Use the
    /// same pseudonymiser on every shard that is merged. <see langword="null"/> (default): ids are stored as given.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The currency of the orders; <see langword="null"/> before the first order.</summary>
    public string? Currency { get; private set; }

    /// <summary>Distinct customers seen (by order or signup).</summary>
    public int CustomerCount => ids.Count;

    /// <summary>Orders added.</summary>
    public int OrderCount => orderCustomer.Count;

    /// <summary>The customer index of order <paramref name="i"/> (in the order added).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int OrderCustomer(int i) => orderCustomer[i];

    /// <summary>The instant (Unix ticks) of order <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long OrderTick(int i) => orderTicks[i];

    /// <summary>The amount of order <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal decimal OrderAmount(int i) => orderAmount[i];

    internal ReadOnlySpan<long> SignupTicks => signup.AsSpan(0, ids.Count);

    /// <summary>Per customer, the instant (Unix ticks) of their earliest order; <see cref="long.MaxValue"/> without orders.</summary>
    internal ReadOnlySpan<long> FirstOrderTicks => firstOrder.AsSpan(0, ids.Count);

    /// <summary>Adds an order.</summary>
    /// <param name="order">The order.</param>
    /// <exception cref="InvalidOperationException">Its currency differs from the orders before it.</exception>
    public void Add(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Currency is null || !string.Equals(Currency, order.Currency, StringComparison.Ordinal))
        {
            CheckCurrency(order.Currency, order.Label); // the label is formatted only when it may be needed
        }

        EnsureOrderCapacity(OrderCount + 1);
        Append(CustomerIndex(Pseudonym(order.CustomerId)), order.PlacedAt.ToUnixTimeTicks(), order.Amount);
    }

    /// <summary>
    /// Adds orders given as columns: one dictionary lookup per order and nothing else allocated (for large batches with
    /// many orders per customer the dictionary-encoded overload is faster). Atomic:
    /// when a value is invalid, nothing is added and the exception names its position.
    /// </summary>
    /// <param name="customerIds">Who bought, per order.</param>
    /// <param name="placedAt">When, per order.</param>
    /// <param name="amounts">Order values, ≥ 0, per order.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <exception cref="ArgumentException">The columns differ in length, an id is empty, an amount negative, or the currency malformed or different from earlier orders.</exception>
    public void AddRange(ReadOnlySpan<string> customerIds, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts, string currency)
    {
        if (customerIds.Length != placedAt.Length || customerIds.Length != amounts.Length)
        {
            throw new ArgumentException($"the columns must have one entry per order: {customerIds.Length} customer ids, {placedAt.Length} instants, {amounts.Length} amounts.", nameof(placedAt));
        }

        CurrencyCode.Validate(currency);
        for (int i = 0; i < customerIds.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(customerIds[i]))
            {
                throw new ArgumentException($"customer id at position {i} is empty.", nameof(customerIds));
            }

            if (amounts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), amounts[i], $"order amount {amounts[i]} at position {i} (customer '{customerIds[i]}') is negative; record refunds separately.");
            }
        }

        CheckCurrency(currency, "the orders added");
        EnsureOrderCapacity(OrderCount + customerIds.Length);
        for (int i = 0; i < customerIds.Length; i++)
        {
            Append(CustomerIndex(Pseudonym(customerIds[i])), placedAt[i].ToUnixTimeTicks(), amounts[i]);
        }
    }

    /// <summary>
    /// Adds orders whose customer column is dictionary-encoded, as Apache Arrow and Parquet store string columns: the
    /// distinct ids once in <paramref name="customerDictionary"/>, and per order a code indexing it. Each distinct id is
    /// looked up once, so this is the fastest path for large batches. Atomic like the other overload.
    /// </summary>
    /// <param name="customerDictionary">The distinct customer ids.</param>
    /// <param name="customerCodes">Per order, the position of its customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">When, per order.</param>
    /// <param name="amounts">Order values, ≥ 0, per order.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <exception cref="ArgumentException">Lengths differ, a code is outside the dictionary, an id is empty, an amount negative, or the currency wrong.</exception>
    public void AddRange(ReadOnlySpan<string> customerDictionary, ReadOnlySpan<int> customerCodes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts, string currency)
    {
        if (customerCodes.Length != placedAt.Length || customerCodes.Length != amounts.Length)
        {
            throw new ArgumentException($"the columns must have one entry per order: {customerCodes.Length} customer codes, {placedAt.Length} instants, {amounts.Length} amounts.", nameof(placedAt));
        }

        CurrencyCode.Validate(currency);
        for (int i = 0; i < customerDictionary.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(customerDictionary[i]))
            {
                throw new ArgumentException($"customer id at dictionary position {i} is empty.", nameof(customerDictionary));
            }
        }

        for (int i = 0; i < customerCodes.Length; i++)
        {
            if ((uint)customerCodes[i] >= (uint)customerDictionary.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(customerCodes), customerCodes[i], $"customer code {customerCodes[i]} at position {i} is outside the dictionary of {customerDictionary.Length} ids.");
            }

            if (amounts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), amounts[i], $"order amount {amounts[i]} at position {i} (customer '{customerDictionary[customerCodes[i]]}') is negative; record refunds separately.");
            }
        }

        CheckCurrency(currency, "the orders added");
        var map = new int[customerDictionary.Length];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = CustomerIndex(Pseudonym(customerDictionary[i]));
        }

        EnsureOrderCapacity(OrderCount + customerCodes.Length);
        for (int i = 0; i < customerCodes.Length; i++)
        {
            Append(map[customerCodes[i]], placedAt[i].ToUnixTimeTicks(), amounts[i]);
        }
    }

    /// <summary>Records a customer's signup (for <see cref="CohortAnchor.Signup"/>); when several are recorded, the earliest counts.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="signedUpAt">When they signed up.</param>
    public void AddSignup(string customerId, Instant signedUpAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        int c = CustomerIndex(Pseudonym(customerId));
        signup[c] = Math.Min(signup[c], signedUpAt.ToUnixTimeTicks());
    }

    /// <summary>Adds another accumulator's customers and orders into this one, matching customers by id; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">The accumulator to add.</param>
    /// <returns>This accumulator.</returns>
    /// <exception cref="InvalidOperationException">The two hold orders in different currencies.</exception>
    /// <exception cref="OverflowException">The merged orders would pass <see cref="Array.MaxLength"/>; this accumulator is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    public CohortAccumulator Merge(CohortAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if (other.Currency is { } c)
        {
            CheckCurrency(c, "the merged accumulator's orders");
        }

        if ((long)OrderCount + other.OrderCount > Array.MaxLength)
        {
            throw new OverflowException($"merging {other.OrderCount} orders into {OrderCount} would pass the {Array.MaxLength} orders an accumulator can hold; nothing was added.");
        }

        var map = new int[other.ids.Count];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = CustomerIndex(other.ids[i]);
            signup[map[i]] = Math.Min(signup[map[i]], other.signup[i]);
        }

        int count = other.OrderCount;
        EnsureOrderCapacity(OrderCount + count);
        for (int i = 0; i < count; i++)
        {
            Append(map[other.OrderCustomer(i)], other.OrderTick(i), other.OrderAmount(i));
        }

        return this;
    }

    /// <summary>A new accumulator with the same content.</summary>
    /// <returns>The copy.</returns>
    public CohortAccumulator Clone() => new CohortAccumulator { Pseudonymiser = Pseudonymiser }.Merge(this);

    /// <summary>The customer id of a dense index.</summary>
    internal string CustomerId(int customer) => ids[customer];

    private void Append(int customer, long ticks, decimal amount)
    {
        orderCustomer.Add(customer);
        orderTicks.Add(ticks);
        orderAmount.Add(amount);
        if (ticks < firstOrder[customer])
        {
            firstOrder[customer] = ticks;
        }
    }

    private string Pseudonym(string customerId) => Pseudonymiser?.Pseudonymise(customerId) ?? customerId;

    private int CustomerIndex(string customerId)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, customerId, out bool exists);
        if (!exists)
        {
            slot = ids.Count;
            ids.Add(customerId);
            if (signup.Length < ids.Count)
            {
                int old = signup.Length;
                Array.Resize(ref signup, Math.Max(16, old * 2));
                Array.Resize(ref firstOrder, signup.Length);
                signup.AsSpan(old).Fill(NoSignup);
                firstOrder.AsSpan(old).Fill(long.MaxValue);
            }
        }

        return slot;
    }

    private void EnsureOrderCapacity(int needed)
    {
        orderCustomer.EnsureCapacity(needed);
        orderTicks.EnsureCapacity(needed);
        orderAmount.EnsureCapacity(needed);
    }

    private void CheckCurrency(string currency, string what)
    {
        if (Currency is null)
        {
            Currency = currency;
        }
        else
        {
            CurrencyCode.EnsureSame(Currency, currency, what);
        }
    }
}

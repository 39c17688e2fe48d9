using CxMetrics.Internal;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The mergeable state behind a <see cref="CohortMatrix"/>: per customer (keyed by customer id, mapped once to a dense
/// index) their orders and, optionally, their signup instant. Feed it orders one at a time,
/// as columns (<see cref="AddRange(ReadOnlySpan{string}, ReadOnlySpan{int}, ReadOnlySpan{Instant}, ReadOnlySpan{decimal}, string)"/>, the fast path), or shard by shard and <see cref="Merge"/> the shards.
/// </summary>
/// <remarks>
/// <para><b>What merge requires.</b> A customer's cohort is decided by their earliest order (or signup) over <em>all</em>
/// shards, so the state cannot be per-cohort counts; it is a per-customer state that merges by customer id (orders
/// concatenate, signups keep the earliest). Shards may therefore split a customer's orders any way — by day, by server, at
/// random — and <c>Cohorts.From(a.Merge(b))</c> equals the matrix of all orders. The empty accumulator is the
/// identity of <see cref="Merge"/>.</para>
/// <para><b>Two forms.</b> The unbound accumulator (<see cref="CohortTally()"/>) keeps every order — 20 bytes each
/// (customer, instant, amount packed in 8 bytes) in fixed-size chunks that growing never copies — so any options and
/// as-of can be applied later, elapsed windows and the signup anchor included. The bound accumulator
/// (<see cref="CohortTally(PeriodGrid, Instant?)"/>) knows the calendar grid up front and keeps one 16-byte row
/// per customer and period holding the exact sum of its amounts (consecutive orders of a customer in one period add into
/// one row; a sum that decimal addition would round stays in separate rows), so memory grows with customers × active
/// periods: about half the orders' size for monthly cohorts of a typical shop. Input may arrive in any order — the
/// cohort, the customer's earliest period, is decided when the matrix is built. Shards that partition <em>customers</em>
/// (e.g. by hash of the id) could instead be reduced to counts, but neither form assumes that.</para>
/// <para>Orders are money: all must be in one currency (<see cref="CurrencyCode.EnsureSame"/>). Not thread-safe: one
/// accumulator per thread, then merge.</para>
/// </remarks>
public sealed class CohortTally
{
    private const long NoSignup = long.MaxValue;
    private const int FoldRun = 64; // rows whose customer state is loaded together in the dictionary-encoded AddRange
    private readonly CustomerCodeMap ids = new(); // the customers: ids, id → index (lazy), a caller dictionary's codes
    private long[] signup = [];
    private long[] firstOrder = [];
    private readonly ChunkedColumn<int> orderCustomer = new();
    private readonly ChunkedColumn<long> orderTicks = new();
    private readonly CompactDecimalColumn orderAmount = new();

    // Bound to a calendar grid (the second constructor): one row per customer and period instead of one per order.
    private readonly PeriodGrid? grid;
    private readonly long boundAsOf = long.MaxValue;
    private readonly List<long> periodStart = [];
    private readonly List<long> periodEnd = [];
    private readonly Dictionary<CalendarPeriod, int> periodIds = [];
    private int lastPeriod = -1;
    private long lastPeriodFrom = long.MaxValue; // the last period's range [from, to) in Unix ticks
    private long lastPeriodTo = long.MinValue;
    private readonly ChunkedColumn<int> rowPeriod = new();
    private LastRow[] lastRow = []; // bound: per customer, their latest row, its period and their first period start, in one cache line
    private int orders;
    private long latestKept = long.MinValue;

    /// <summary>Creates an empty accumulator that keeps every order (any options and as-of can be applied later).</summary>
    public CohortTally()
    {
    }

    /// <summary>
    /// Creates an empty accumulator bound to the calendar periods of <paramref name="grid"/> (cohorts by first purchase,
    /// calendar windows) and, optionally, an as-of instant: it keeps one row per customer and period with the amount bought
    /// in it — memory grows with customers × active periods instead of orders — and counts orders after
    /// <paramref name="asOf"/> without keeping them. Input may come in any order. Its matrix equals that of the unbound
    /// accumulator for the same orders, for the same grid, options without an elapsed window and with the first-purchase
    /// anchor (brackets and confidence level are free), and an as-of from its latest kept order to <paramref name="asOf"/>.
    /// </summary>
    /// <param name="grid">The calendar periods the rows are kept in.</param>
    /// <param name="asOf">Orders after this instant are counted and dropped; <see langword="null"/> keeps all.</param>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is <see langword="null"/>.</exception>
    public CohortTally(PeriodGrid grid, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        this.grid = grid;
        boundAsOf = asOf?.ToUnixTimeTicks() ?? long.MaxValue;
    }

    /// <summary>Whether the accumulator keeps customer-period rows (the bound constructor) instead of orders.</summary>
    internal bool IsBound => grid is not null;

    /// <summary>Bound: orders after the bound as-of (counted, not kept).</summary>
    internal long OrdersAfterAsOf { get; private set; }

    /// <summary>Rows kept: orders, or (bound) customer-period rows.</summary>
    internal int RowCount => orderCustomer.Count;

    /// <summary>Bound: the customer of row <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RowCustomer(int i) => orderCustomer[i];

    /// <summary>Bound: the start (Unix ticks) of the period of row <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long RowPeriodStart(int i) => periodStart[rowPeriod[i]];

    /// <summary>Bound: the amount of row <paramref name="i"/> (the exact sum of its orders).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal decimal RowAmount(int i) => orderAmount[i];

    /// <summary>Bound: throws unless a matrix for <paramref name="options"/> at <paramref name="asOf"/> can be built exactly from the rows.</summary>
    internal void CheckBinding(PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        var g = this.grid!;
        if (!g.Equals(grid) || options.ElapsedWindow is not null || options.Anchor != CohortAnchor.FirstPurchase)
        {
            throw new ArgumentException($"the accumulator keeps periods of the grid {g} by first purchase; asked for the grid {grid}, anchor {options.Anchor}, window {options.ElapsedWindow?.ToString() ?? "calendar"}.", nameof(grid));
        }

        long t = asOf.ToUnixTimeTicks();
        if (t < latestKept || t > boundAsOf)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"as-of {asOf} is outside what the accumulator can answer exactly: from its latest kept order {Instant.FromUnixTimeTicks(latestKept)} to its bound as-of {(boundAsOf == long.MaxValue ? "(none)" : Instant.FromUnixTimeTicks(boundAsOf).ToString())}.");
        }
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

    /// <summary>Orders added (with a bound as-of, those after it included).</summary>
    public int OrderCount => IsBound ? orders : orderCustomer.Count;

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

        if (IsBound)
        {
            orders = checked(orders + 1);
            AppendBound(CustomerIndex(Pseudonym(order.CustomerId)), order.PlacedAt.ToUnixTimeTicks(), order.Amount);
            return;
        }

        EnsureOrderCapacity(OrderCount + 1);
        Append(CustomerIndex(Pseudonym(order.CustomerId)), order.PlacedAt.ToUnixTimeTicks(), order.Amount);
    }

    /// <summary>
    /// Adds one order whose customer is dictionary-encoded (a reader's dense customer index, e.g. CxMetrics.Csv's
    /// <c>OrderRow.CustomerIndex</c> into <c>OrderRows.CustomerIds</c>): the id is looked up once per customer, and
    /// nothing is allocated per order. The accumulator remembers the codes of one dictionary at a time (by reference);
    /// the dictionary may grow but must keep the id at each code.
    /// </summary>
    /// <param name="customerDictionary">The customer ids. When it is an <see cref="IDistinctIdList"/> (as a reader's id table is) and only its codes add customers, no id → index dictionary is kept beside it; any other list is looked up by id once per new code, so an id it repeats is one customer.</param>
    /// <param name="customerCode">The position of the order's customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">When the order was placed.</param>
    /// <param name="amount">The order value, ≥ 0.</param>
    /// <param name="currency">The ISO 4217 currency of the amount.</param>
    /// <exception cref="ArgumentException">The code is outside the dictionary, its id is empty, the amount negative, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from the orders before it.</exception>
    public void Add(IReadOnlyList<string> customerDictionary, int customerCode, Instant placedAt, decimal amount, string currency)
    {
        int customer = ids.Resolve(customerDictionary, customerCode, amount, currency, Currency, Pseudonymiser); // or refuse, changing nothing
        Currency ??= currency;
        EnsureCustomerCapacity();
        if (IsBound)
        {
            orders = checked(orders + 1);
            AppendBound(customer, placedAt.ToUnixTimeTicks(), amount);
            return;
        }

        EnsureOrderCapacity(OrderCount + 1);
        Append(customer, placedAt.ToUnixTimeTicks(), amount);
    }

    /// <summary>
    /// Adds a batch of orders whose customers are dictionary-encoded (a reader's batch of rows, e.g. CxMetrics.Csv's
    /// <c>OrderBatch</c>): the same as <see cref="Add(IReadOnlyList{string}, int, Instant, decimal, string)"/> for each order
    /// in turn, but the customers' state is loaded for a run of rows before they are folded, so that on a large customer
    /// base the memory latencies overlap instead of adding up. Every code, new id and amount and the currency are checked
    /// first: when one is refused, nothing is added.
    /// </summary>
    /// <param name="customerDictionary">The customer ids, as for the one-order overload (it may grow between batches).</param>
    /// <param name="customerCodes">Per order, the position of its customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">Per order, when it was placed.</param>
    /// <param name="amounts">Per order, its value, ≥ 0.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <exception cref="ArgumentException">The columns differ in length, a code is outside the dictionary, an id is empty, an amount negative, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from the orders before it.</exception>
    /// <exception cref="OverflowException">The orders would pass what the accumulator can count or hold; nothing was added.</exception>
    public void AddRange(IReadOnlyList<string> customerDictionary, ReadOnlySpan<int> customerCodes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts, string currency)
    {
        if (customerCodes.Length != placedAt.Length || customerCodes.Length != amounts.Length)
        {
            throw new ArgumentException($"the columns must have one entry per order: {customerCodes.Length} customer codes, {placedAt.Length} instants, {amounts.Length} amounts.", nameof(placedAt));
        }

        ids.CheckRange(customerDictionary, customerCodes, amounts, currency, Currency, Pseudonymiser);
        if ((long)OrderCount + customerCodes.Length > (IsBound ? int.MaxValue : Array.MaxLength))
        {
            throw new OverflowException($"adding {customerCodes.Length} orders to {OrderCount} would pass the orders an accumulator can {(IsBound ? "count" : "hold")}; nothing was added.");
        }

        Currency ??= currency;
        if (!IsBound)
        {
            EnsureOrderCapacity(OrderCount + customerCodes.Length);
        }

        Span<int> customers = stackalloc int[FoldRun];
        Span<int> periods = stackalloc int[FoldRun];
        for (int from = 0; from < customerCodes.Length; from += FoldRun)
        {
            int n = Math.Min(FoldRun, customerCodes.Length - from);
            ids.ResolveCheckedRange(customerDictionary, customerCodes.Slice(from, n), customers, Pseudonymiser);
            EnsureCustomerCapacity();
            if (IsBound)
            {
                FoldBound(customers[..n], placedAt.Slice(from, n), amounts.Slice(from, n), periods);
            }
            else
            {
                CacheLines.Touch(firstOrder, customers[..n]);
                for (int k = 0; k < n; k++)
                {
                    Append(customers[k], placedAt[from + k].ToUnixTimeTicks(), amounts[from + k]);
                }
            }
        }
    }

    /// <summary>
    /// Bound: folds a run of resolved orders as <see cref="AppendBound"/> does one by one, after loading in two tight loops
    /// what the fold of each row reads at random — the customer's state, then the row it may add into (when the order falls
    /// in the period of the customer's latest row) — so that those cache misses overlap.
    /// </summary>
    private void FoldBound(ReadOnlySpan<int> customers, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts, Span<int> periods)
    {
        for (int k = 0; k < customers.Length; k++)
        {
            long ticks = placedAt[k].ToUnixTimeTicks();
            periods[k] = ticks > boundAsOf ? -1 : PeriodId(ticks);
        }

        CacheLines.Touch(lastRow, customers);
        int touched = 0;
        for (int k = 0; k < customers.Length; k++)
        {
            ref var state = ref lastRow[customers[k]];
            if (state.Row >= 0 && state.Period == periods[k])
            {
                touched += orderAmount.Touch(state.Row);
            }
        }

        CacheLines.Keep(touched);
        for (int k = 0; k < customers.Length; k++)
        {
            orders++;
            if (periods[k] < 0)
            {
                OrdersAfterAsOf++;
                continue;
            }

            latestKept = Math.Max(latestKept, placedAt[k].ToUnixTimeTicks());
            AppendRow(customers[k], periods[k], amounts[k]);
        }
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
        if (IsBound)
        {
            orders = checked(orders + customerIds.Length);
            for (int i = 0; i < customerIds.Length; i++)
            {
                AppendBound(CustomerIndex(Pseudonym(customerIds[i])), placedAt[i].ToUnixTimeTicks(), amounts[i]);
            }

            return;
        }

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

        if (IsBound)
        {
            orders = checked(orders + customerCodes.Length);
            for (int i = 0; i < customerCodes.Length; i++)
            {
                AppendBound(map[customerCodes[i]], placedAt[i].ToUnixTimeTicks(), amounts[i]);
            }

            return;
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
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public CohortTally Merge(CohortTally other)
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

        if (other.IsBound && (!IsBound || !other.grid!.Equals(grid) || other.boundAsOf != boundAsOf))
        {
            throw new ArgumentException($"cannot merge an accumulator bound to the grid {other.grid} into {(IsBound ? $"one bound to the grid {grid}" : "an unbound one")}: a bound accumulator's rows cannot be split into orders.", nameof(other));
        }

        var map = new int[other.ids.Count];
        for (int i = 0; i < map.Length; i++)
        {
            map[i] = CustomerIndex(other.ids[i]);
            signup[map[i]] = Math.Min(signup[map[i]], other.signup[i]);
        }

        if (IsBound)
        {
            MergeRows(other, map);
            return this;
        }

        int count = other.OrderCount;
        EnsureOrderCapacity(OrderCount + count);
        for (int i = 0; i < count; i++)
        {
            Append(map[other.OrderCustomer(i)], other.OrderTick(i), other.OrderAmount(i));
        }

        return this;
    }

    /// <summary>A new accumulator with the same content (bound to the same grid and as-of when this one is).</summary>
    /// <returns>The copy.</returns>
    public CohortTally Clone() =>
        (grid is null ? new CohortTally { Pseudonymiser = Pseudonymiser } : new CohortTally(grid, boundAsOf == long.MaxValue ? null : Instant.FromUnixTimeTicks(boundAsOf)) { Pseudonymiser = Pseudonymiser }).Merge(this);

    private void MergeRows(CohortTally other, int[] map)
    {
        orders = checked(orders + other.OrderCount);
        OrdersAfterAsOf += other.OrdersAfterAsOf; // an unbound accumulator has none
        if (other.IsBound)
        {
            var periods = new int[other.periodStart.Count];
            for (int p = 0; p < periods.Length; p++)
            {
                periods[p] = PeriodId(other.periodStart[p]);
            }

            latestKept = Math.Max(latestKept, other.latestKept);
            int rows = other.RowCount;
            for (int i = 0; i < rows; i++)
            {
                AppendRow(map[other.orderCustomer[i]], periods[other.rowPeriod[i]], other.orderAmount[i]);
            }

            return;
        }

        int count = other.OrderCount;
        for (int i = 0; i < count; i++)
        {
            AppendBound(map[other.OrderCustomer(i)], other.OrderTick(i), other.OrderAmount(i));
        }
    }

    /// <summary>Bound: keeps or drops one order (the caller counts it).</summary>
    private void AppendBound(int customer, long ticks, decimal amount)
    {
        if (ticks > boundAsOf)
        {
            OrdersAfterAsOf++;
            return;
        }

        latestKept = Math.Max(latestKept, ticks);
        AppendRow(customer, PeriodId(ticks), amount);
    }

    /// <summary>
    /// The dense id (first-seen order) of the grid period holding <paramref name="ticks"/>: the last period's range first
    /// (orders come mostly in time order), else the grid's mapping and one dictionary lookup.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PeriodId(long ticks) => ticks >= lastPeriodFrom && ticks < lastPeriodTo ? lastPeriod : EnterPeriod(ticks);

    /// <summary>The dense id of the grid period holding <paramref name="ticks"/>, found on the grid, and remembered as the last period.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int EnterPeriod(long ticks)
    {
        var period = grid!.Containing(Instant.FromUnixTimeTicks(ticks));
        if (!periodIds.TryGetValue(period, out int id))
        {
            id = periodStart.Count;
            periodIds.Add(period, id);
            var interval = period.ToInterval(grid.Zone);
            periodStart.Add((interval.HasStart ? interval.Start : Instant.MinValue).ToUnixTimeTicks());
            periodEnd.Add(interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue);
        }

        lastPeriod = id;
        lastPeriodFrom = periodStart[id];
        lastPeriodTo = periodEnd[id];
        return id;
    }

    /// <summary>Bound: adds an amount to the customer's row of period <paramref name="period"/> when it is their latest row and the sum is exact, else appends a row.</summary>
    private void AppendRow(int customer, int period, decimal amount)
    {
        // One read of the customer's state (not of firstOrder, lastRow and the row's period apart): the column of rows is
        // touched at the customer's last row only when the order falls in that row's period.
        ref var state = ref lastRow[customer];
        long start = periodStart[period];
        if (start < state.FirstStart)
        {
            state.FirstStart = start;
            firstOrder[customer] = start;
        }

        int last = state.Row;
        if (last >= 0 && state.Period == period && orderAmount.TryAddExact(last, amount))
        {
            return;
        }

        if (orderCustomer.Count == Array.MaxLength)
        {
            throw new OverflowException($"the accumulator holds {orderCustomer.Count} customer-period rows, as many as it can; nothing was added.");
        }

        state.Row = orderCustomer.Count;
        state.Period = period;
        orderCustomer.Add(customer);
        rowPeriod.Add(period);
        orderAmount.Add(amount);
    }

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
        int customer = ids.IndexOf(customerId);
        EnsureCustomerCapacity();
        return customer;
    }

    /// <summary>Grows the per-customer arrays to the customers known.</summary>
    private void EnsureCustomerCapacity()
    {
        if (signup.Length < ids.Count)
        {
            int old = signup.Length;
            Array.Resize(ref signup, Math.Max(Math.Max(16, old * 2), ids.Count));
            Array.Resize(ref firstOrder, signup.Length);
            signup.AsSpan(old).Fill(NoSignup);
            firstOrder.AsSpan(old).Fill(long.MaxValue);
            if (IsBound)
            {
                Array.Resize(ref lastRow, signup.Length);
                lastRow.AsSpan(old).Fill(new LastRow { Row = -1, Period = -1, FirstStart = long.MaxValue });
            }
        }
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

    /// <summary>A bound accumulator's state of one customer: their latest row and its period, and the start of their first period (as in firstOrder).</summary>
    private struct LastRow
    {
        public long FirstStart;
        public int Row;
        public int Period;
    }
}

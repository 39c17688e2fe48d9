using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Lifetime;

/// <summary>
/// The mergeable state behind a <see cref="CustomerBaseSummary"/>: per customer (keyed by id), the value bought in each
/// local merge period (a day by default) in an explicit <see cref="DateTimeZone"/>. Shards of a transaction log can be
/// tallied apart and merged — even when a customer's orders are spread over shards — and the summary of the merged tally
/// equals the summary of the whole log. The calibration end and time unit are applied only when summarising, so one
/// tally serves any cut-off.
/// </summary>
/// <remarks>
/// Not thread-safe: give each thread its own tally and merge them.
/// <para><b>Layout.</b> No object per customer: each customer id is mapped once to a dense index, and every purchase is one
/// row of a flat log (customer index, merge period, amount packed in 8 bytes: 16 bytes) held in fixed-size chunks, so growing never
/// copies. A purchase in the same period as the customer's previous row is added into that row, so orders arriving in time
/// order cost one row per customer-period. Rows are grouped by customer (a stable counting sort) and sorted by period only
/// when summarising or serialising; same-period amounts are then added in the order they arrived, as the tally has always
/// added them. An exact sum beyond <see cref="decimal"/>'s range throws when the rows meet — on <see cref="Add(Order)"/> for
/// consecutive same-period orders, otherwise on <see cref="Summarize"/> — naming the customer.</para>
/// </remarks>
public sealed class CustomerSummaryTally
{
    private const int FoldRun = 64; // rows whose customer state is loaded together in AddRange
    private readonly CustomerCodeMap ids = new(); // the customers: ids, id → index (lazy), a caller dictionary's codes
    private readonly ChunkedColumn<Row> rows = new(); // customer, merge period, packed amount: one 16-byte append per row
    private readonly PackedDecimals rowAmounts = new(); // the rows' amounts beyond 8 bytes
    private LastRow[] lastRow = []; // per customer: their latest row and its period (one read per order, not two)

    /// <summary>Creates an empty tally.</summary>
    /// <param name="zone">The shop's zone, in which an order's instant becomes a local date.</param>
    /// <param name="mergeWithin">Purchases in the same period of this unit are one transaction (default: a day, as in the
    /// BG/NBD and Pareto/NBD literature).</param>
    /// <exception cref="ArgumentNullException">The zone is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The unit is not defined.</exception>
    public CustomerSummaryTally(DateTimeZone zone, PeriodUnit mergeWithin = PeriodUnit.Day)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!Enum.IsDefined(mergeWithin))
        {
            throw new ArgumentOutOfRangeException(nameof(mergeWithin), mergeWithin, $"unknown period unit {mergeWithin}.");
        }

        Zone = zone;
        MergeWithin = mergeWithin;
        grid = new PeriodGrid(zone, mergeWithin);
    }

    // The one instant → period mapping (weeks from Monday).
    private readonly PeriodGrid grid;

    // The last period an instant fell in, as its instant range [from, to) in Unix ticks (orders come mostly in time order).
    private long periodFrom = long.MaxValue;
    private long periodTo = long.MinValue;
    private LocalDate periodStart;

    /// <summary>The zone in which order instants become local dates.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The period within which purchases are merged into one transaction.</summary>
    public PeriodUnit MergeWithin { get; }

    /// <summary>
    /// When set, every id this tally's <c>Add</c> methods receive is stored as its keyed pseudonym (see
    /// <see cref="Portable.IdPseudonymiser"/>), so its payload carries no raw id; counts and metrics are unchanged. Use the
    /// same pseudonymiser on every shard that is merged. <see langword="null"/> (default): ids are stored as given.
    /// </summary>
    public Portable.IdPseudonymiser? Pseudonymiser { get; init; }

    /// <summary>The currency of the orders added; <see langword="null"/> while empty.</summary>
    public string? Currency { get; private set; }

    /// <summary>Orders added (before merging same-period purchases).</summary>
    public long OrderCount { get; private set; }

    /// <summary>Distinct customers.</summary>
    public int CustomerCount => ids.Count;

    /// <summary>Adds one order.</summary>
    /// <param name="order">The order.</param>
    /// <exception cref="InvalidOperationException">The order's currency differs from the tally's.</exception>
    public void Add(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (Currency is null)
        {
            Currency = order.Currency;
        }
        else if (!string.Equals(Currency, order.Currency, StringComparison.Ordinal))
        {
            CurrencyCode.EnsureSame(Currency, order.Currency, order.Label); // the label is formatted only for the message
        }

        var period = PeriodStart(order.PlacedAt);
        long orderCount = CheckedCount.Add(OrderCount, 1, "the order count");
        AddAmount(Pseudonymiser?.Pseudonymise(order.CustomerId) ?? order.CustomerId, period, order.Amount);
        OrderCount = orderCount;
    }

    /// <summary>
    /// Adds one order whose customer is dictionary-encoded (a reader's dense customer index, e.g. CxMetrics.Csv's
    /// <c>OrderRow.CustomerIndex</c> into <c>OrderRows.CustomerIds</c>): the id is looked up once per customer, and
    /// nothing is allocated per order. The tally remembers the codes of one dictionary at a time (by reference); the
    /// dictionary may grow but must keep the id at each code.
    /// </summary>
    /// <param name="customerDictionary">The customer ids. When it is an <see cref="IDistinctIdList"/> (as a reader's id table is) and only its codes add customers, no id → index dictionary is kept beside it; any other list is looked up by id once per new code, so an id it repeats is one customer.</param>
    /// <param name="customerCode">The position of the order's customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">When the order was placed.</param>
    /// <param name="amount">The order value, ≥ 0.</param>
    /// <param name="currency">The ISO 4217 currency of the amount.</param>
    /// <exception cref="ArgumentException">The code is outside the dictionary, its id is empty, the amount negative, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from the tally's.</exception>
    public void Add(IReadOnlyList<string> customerDictionary, int customerCode, Instant placedAt, decimal amount, string currency)
    {
        int customer = ids.Resolve(customerDictionary, customerCode, amount, currency, Currency, Pseudonymiser); // or refuse, changing nothing
        Currency ??= currency;
        EnsureCustomerCapacity();
        var period = PeriodStart(placedAt);
        long orderCount = CheckedCount.Add(OrderCount, 1, "the order count");
        AddAmount(customer, period, amount);
        OrderCount = orderCount;
    }

    /// <summary>
    /// Adds a batch of orders whose customers are dictionary-encoded (a reader's batch of rows, e.g. CxMetrics.Csv's
    /// <c>OrderBatch</c>): the same as <see cref="Add(IReadOnlyList{string}, int, Instant, decimal, string)"/> for each order
    /// in turn, but the customers' state is loaded for a run of rows before they are folded, so that on a large customer
    /// base the memory latencies overlap instead of adding up. Every code, new id and amount and the currency are checked
    /// first: when one is refused, nothing is added. (A same-period sum beyond <see cref="decimal"/>'s range throws as in
    /// <see cref="Add(Order)"/>, with the orders before it added and counted.)
    /// </summary>
    /// <param name="customerDictionary">The customer ids, as for the one-order overload.</param>
    /// <param name="customerCodes">Per order, the position of its customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">Per order, when it was placed.</param>
    /// <param name="amounts">Per order, its value, ≥ 0.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <exception cref="ArgumentException">The columns differ in length, a code is outside the dictionary, an id is empty, an amount negative, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from the tally's.</exception>
    public void AddRange(IReadOnlyList<string> customerDictionary, ReadOnlySpan<int> customerCodes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts, string currency)
    {
        if (customerCodes.Length != placedAt.Length || customerCodes.Length != amounts.Length)
        {
            throw new ArgumentException($"the columns must have one entry per order: {customerCodes.Length} customer codes, {placedAt.Length} instants, {amounts.Length} amounts.", nameof(placedAt));
        }

        ids.CheckRange(customerDictionary, customerCodes, amounts, currency, Currency, Pseudonymiser);
        CheckedCount.Add(OrderCount, customerCodes.Length, "the order count");
        Currency ??= currency;
        Span<int> run = stackalloc int[FoldRun];
        Span<LocalDate> periods = stackalloc LocalDate[FoldRun];
        for (int from = 0; from < customerCodes.Length; from += FoldRun)
        {
            int n = Math.Min(FoldRun, customerCodes.Length - from);
            var customers = run[..n];
            ids.ResolveCheckedRange(customerDictionary, customerCodes.Slice(from, n), customers, Pseudonymiser);
            EnsureCustomerCapacity();
            var instants = placedAt.Slice(from, n);
            for (int k = 0; k < customers.Length; k++)
            {
                periods[k] = PeriodStart(instants[k]);
            }

            LoadStates(customers, periods);
            var batch = amounts.Slice(from, n);
            for (int k = 0; k < customers.Length; k++)
            {
                AddAmount(customers[k], periods[k], batch[k]);
                OrderCount++;
            }
        }
    }

    /// <summary>
    /// Loads, in two tight loops, what the fold of a run of rows reads at random — each customer's state, then the row an
    /// order adds into when it falls in the period of its customer's latest row — so that those cache misses overlap.
    /// </summary>
    private void LoadStates(ReadOnlySpan<int> customers, ReadOnlySpan<LocalDate> periods)
    {
        CacheLines.Touch(lastRow, customers);
        var states = lastRow;
        int touched = 0;
        for (int k = 0; k < customers.Length; k++)
        {
            ref var state = ref states[customers[k]];
            if (state.Row >= 0 && state.Period == periods[k])
            {
                touched += rows[state.Row].Customer;
            }
        }

        CacheLines.Keep(touched);
    }

    /// <summary>Adds orders.</summary>
    /// <param name="orders">The orders.</param>
    /// <exception cref="InvalidOperationException">Orders are in different currencies.</exception>
    public void AddRange(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        foreach (var order in orders)
        {
            Add(order);
        }
    }

    /// <summary>Adds another tally's orders into this one; <paramref name="other"/> is unchanged.</summary>
    /// <param name="other">A tally with the same zone and merge period.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="ArgumentException">The zone or merge period differ.</exception>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The merged order count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public CustomerSummaryTally Merge(CustomerSummaryTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        if ((other.Zone.Id != Zone.Id || other.MergeWithin != MergeWithin))
        {
            throw new ArgumentException($"cannot merge a tally in zone {other.Zone.Id} merging per {other.MergeWithin} into one in zone {Zone.Id} merging per {MergeWithin}.", nameof(other));
        }

        if (other.Currency is { } currency)
        {
            CheckCurrency(currency, "a merged tally");
        }

        long orderCount = CheckedCount.Add(OrderCount, other.OrderCount, "the order count");

        var map = new int[other.ids.Count];
        for (int c = 0; c < map.Length; c++)
        {
            map[c] = CustomerIndex(other.ids[c]);
        }

        int count = other.rows.Count;
        for (int r = 0; r < count; r++)
        {
            ref var row = ref other.rows[r];
            AddAmount(map[row.Customer], row.Period, other.rowAmounts.Unpack(row.Amount));
        }

        OrderCount = orderCount;
        return this;
    }

    /// <summary>A new tally with the same zone, merge period, currency and orders.</summary>
    /// <returns>The copy.</returns>
    public CustomerSummaryTally Clone() => new CustomerSummaryTally(Zone, MergeWithin) { Pseudonymiser = Pseudonymiser }.Merge(this);

    /// <summary>
    /// Summarises every customer acquired by the calibration end (see <see cref="CustomerSummary"/> for the definitions).
    /// </summary>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <returns>The summary, customers ordered by id.</returns>
    /// <exception cref="ArgumentException">The holdout ends before the calibration.</exception>
    internal CustomerBaseSummary Summarize(CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HoldoutEnd is { } holdoutEnd && holdoutEnd < options.CalibrationEnd)
        {
            throw new ArgumentException($"holdout end {holdoutEnd} is before calibration end {options.CalibrationEnd}.", nameof(options));
        }

        double unitDays = options.TimeUnit.Days;
        var result = new CustomerSummaryList(ids.Count, options.HoldoutEnd is not null);
        int later = 0;
        ForEachCustomer((id, dates, amounts) =>
        {
            if (!SummarizeCustomer(id, dates, amounts, options, unitDays, result))
            {
                later++;
            }
        });

        return new CustomerBaseSummary { Customers = result, AcquiredAfterCalibration = later, Currency = Currency, Options = options };
    }

    /// <summary>One customer's summary as a record (see the column overload); <see langword="null"/> when acquired after the calibration end.</summary>
    internal static CustomerSummary? SummarizeCustomer(string id, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<decimal> amounts, CustomerSummaryOptions options, double unitDays)
    {
        var one = new CustomerSummaryList(1, options.HoldoutEnd is not null);
        return SummarizeCustomer(id, dates, amounts, options, unitDays, one) ? one[0] : null;
    }

    /// <summary>
    /// One customer's summary from their merge periods in date order and the amount bought in each (the one computation
    /// behind <see cref="Summarize"/> and the hash-partitioned <c>CustomerBase.OfParallel</c>), appended to
    /// <paramref name="into"/>; <see langword="false"/> (nothing appended) when the first purchase falls after the calibration end. A merge period belongs to calibration when it starts on or
    /// before the calibration end.
    /// </summary>
    internal static bool SummarizeCustomer(string id, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<decimal> amounts, CustomerSummaryOptions options, double unitDays, CustomerSummaryList into)
    {
        var first = dates[0];
        if (first > options.CalibrationEnd)
        {
            return false;
        }

        int x = 0, holdout = 0;
        var last = first;
        decimal repeatSpend = 0, calibrationSpend = amounts[0], holdoutSpend = 0;
        for (int i = 1; i < dates.Length; i++)
        {
            var date = dates[i];
            decimal amount = amounts[i];
            if (date <= options.CalibrationEnd)
            {
                x++;
                last = date;
                repeatSpend = Guard.AddMoney(repeatSpend, amount, "order amounts of customer", id);
                calibrationSpend = Guard.AddMoney(calibrationSpend, amount, "order amounts of customer", id);
            }
            else if (options.HoldoutEnd is { } end && date <= end)
            {
                holdout++;
                holdoutSpend = Guard.AddMoney(holdoutSpend, amount, "holdout order amounts of customer", id);
            }
        }

        into.Add(id, first, x, Period.DaysBetween(first, last) / unitDays, Period.DaysBetween(first, options.CalibrationEnd) / unitDays,
            x > 0 ? (double)(repeatSpend / x) : null, calibrationSpend, holdout, holdoutSpend);
        return true;
    }

    /// <summary>Formats the counts.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"CustomerSummaryTally({CustomerCount} customers, {OrderCount} orders, zone {Zone.Id}, merged per {MergeWithin})";

    /// <summary>One customer's merge periods in date order (distinct) and the amount bought in each.</summary>
    internal delegate void CustomerPeriods(string id, ReadOnlySpan<LocalDate> periods, ReadOnlySpan<decimal> amounts);

    /// <summary>
    /// Visits every customer in ordinal id order with their merge periods in date order and the amount bought in each (the
    /// one grouping behind <see cref="Summarize"/> and serialisation). Rows are grouped by customer with a stable counting
    /// sort; a customer's rows are sorted by period only when they did not arrive in order, ties kept in arrival order, and
    /// same-period amounts are added in that order.
    /// </summary>
    internal void ForEachCustomer(CustomerPeriods visit)
    {
        int n = ids.Count, rowCount = rows.Count;
        var start = new int[n + 1];
        for (int r = 0; r < rowCount; r++)
        {
            start[rows[r].Customer + 1]++;
        }

        for (int c = 0; c < n; c++)
        {
            start[c + 1] += start[c];
        }

        var byCustomer = new int[rowCount];
        var cursor = start[..^1];
        for (int r = 0; r < rowCount; r++)
        {
            byCustomer[cursor[rows[r].Customer]++] = r;
        }

        var sortedIds = ids.CopyIds();
        var customerOf = new int[n];
        for (int c = 0; c < n; c++)
        {
            customerOf[c] = c;
        }

        OrdinalSort.Sort(sortedIds, customerOf);
        var dates = new LocalDate[16];
        var amounts = new decimal[16];
        var keys = new ulong[16];
        for (int k = 0; k < n; k++)
        {
            if (k % VisitRun == 0)
            {
                LoadRows(customerOf.AsSpan(k, Math.Min(VisitRun, n - k)), start, byCustomer);
            }

            int c = customerOf[k];
            string id = sortedIds[k];
            int from = start[c], length = start[c + 1] - from;
            if (dates.Length < length)
            {
                int size = Math.Max(length, dates.Length * 2);
                dates = new LocalDate[size];
                amounts = new decimal[size];
                keys = new ulong[size];
            }

            bool ordered = true;
            for (int i = 0; i < length; i++)
            {
                ref var row = ref rows[byCustomer[from + i]];
                dates[i] = row.Period;
                amounts[i] = rowAmounts.Unpack(row.Amount);
                ordered &= i == 0 || dates[i] > dates[i - 1];
            }

            if (!ordered)
            {
                length = SortAndCombine(id, dates, amounts, keys, length);
            }

            visit(id, dates.AsSpan(0, length), amounts.AsSpan(0, length));
        }
    }

    /// <summary>
    /// Loads, in two tight loops, what visiting a run of customers in id order reads at random — where each customer's rows
    /// start, then the rows themselves (in arrival order, scattered over the whole column) — so that those cache and TLB
    /// misses are in flight together rather than one after another (a million customers' rows: several times faster).
    /// </summary>
    private void LoadRows(ReadOnlySpan<int> customers, int[] start, int[] byCustomer)
    {
        int touched = 0;
        foreach (int c in customers)
        {
            touched += start[c + 1];
        }

        foreach (int c in customers)
        {
            for (int i = start[c], end = start[c + 1]; i < end; i++)
            {
                touched += rows[byCustomer[i]].Customer;
            }
        }

        CacheLines.Keep(touched);
    }

    /// <summary>Customers whose rows <see cref="ForEachCustomer"/> loads together.</summary>
    private const int VisitRun = 32;

    /// <summary>Restores stored state: adds one customer-period amount without counting an order.</summary>
    internal void Restore(string id, LocalDate period, decimal amount) => AddAmount(id, period, amount);

    /// <summary>Restores the stored currency and order count.</summary>
    internal void Restore(string? currency, long orderCount)
    {
        Currency = currency;
        OrderCount = orderCount;
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

    private void AddAmount(string id, LocalDate period, decimal amount) => AddAmount(CustomerIndex(id), period, amount);

    /// <summary>The first day of the merge period holding <paramref name="at"/> (the grid's mapping, the last period's range first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LocalDate PeriodStart(Instant at)
    {
        long ticks = at.ToUnixTimeTicks();
        return ticks >= periodFrom && ticks < periodTo ? periodStart : EnterPeriod(at);
    }

    /// <summary>Maps <paramref name="at"/> on the grid and remembers its period's range.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private LocalDate EnterPeriod(Instant at)
    {
        var period = grid.Containing(at);
        var range = period.ToInterval(Zone);
        periodFrom = range.HasStart ? range.Start.ToUnixTimeTicks() : long.MinValue;
        periodTo = range.HasEnd ? range.End.ToUnixTimeTicks() : long.MaxValue;
        periodStart = period.Start;
        return periodStart;
    }

    private void AddAmount(int customer, LocalDate period, decimal amount)
    {
        ref var state = ref lastRow[customer];
        int last = state.Row;
        if (last >= 0 && state.Period == period)
        {
            AddToRow(ref rows[last].Amount, amount, customer);
            return;
        }

        int count = rows.Count;
        if (count == Array.MaxLength)
        {
            ThrowFull(count);
        }

        rows.Add(new Row { Customer = customer, Period = period, Amount = rowAmounts.Pack(amount, 0) });
        state.Row = count;
        state.Period = period;
    }

    /// <summary>Adds an amount into a row's: two narrow amounts as integers (exactly decimal addition's result), anything else as decimals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddToRow(ref long slot, decimal amount, int customer)
    {
        if (PackedDecimals.TryPackNarrow(amount, out long packed) && PackedDecimals.TryAddNarrow(slot, packed, out long sum))
        {
            slot = sum;
        }
        else
        {
            AddToRowAsDecimals(ref slot, amount, customer);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddToRowAsDecimals(ref long slot, decimal amount, int customer) =>
        slot = rowAmounts.Pack(Guard.AddMoney(rowAmounts.Unpack(slot), amount, "order amounts of customer", ids[customer]), slot);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowFull(int count) =>
        throw new OverflowException($"the tally holds {count} customer-period rows, as many as it can; nothing was added.");

    private int CustomerIndex(string id)
    {
        int customer = ids.IndexOf(id);
        EnsureCustomerCapacity();
        return customer;
    }

    /// <summary>Grows the per-customer array to the customers known.</summary>
    private void EnsureCustomerCapacity()
    {
        if (lastRow.Length < ids.Count)
        {
            int old = lastRow.Length;
            Array.Resize(ref lastRow, Math.Max(Math.Max(16, old * 2), ids.Count));
            lastRow.AsSpan(old).Fill(new LastRow { Row = -1 });
        }
    }

    /// <summary>
    /// Sorts one customer's rows by period, ties in arrival order, and adds same-period amounts in that order; returns the
    /// number of distinct periods, left at the front of <paramref name="dates"/> and <paramref name="amounts"/>.
    /// </summary>
    private static int SortAndCombine(string id, LocalDate[] dates, decimal[] amounts, ulong[] keys, int length)
    {
        for (int i = 0; i < length; i++)
        {
            keys[i] = ((ulong)Pack(dates[i]) << 32) | (uint)i;
        }

        var order = keys.AsSpan(0, length);
        order.Sort();
        var sortedDates = new LocalDate[length];
        var sortedAmounts = new decimal[length];
        for (int i = 0; i < length; i++)
        {
            int j = (int)(uint)order[i];
            sortedDates[i] = dates[j];
            sortedAmounts[i] = amounts[j];
        }

        int distinct = 0;
        for (int i = 0; i < length; i++)
        {
            if (distinct > 0 && dates[distinct - 1] == sortedDates[i])
            {
                amounts[distinct - 1] = Guard.AddMoney(amounts[distinct - 1], sortedAmounts[i], "order amounts of customer", id);
            }
            else
            {
                dates[distinct] = sortedDates[i];
                amounts[distinct] = sortedAmounts[i];
                distinct++;
            }
        }

        return distinct;
    }

    /// <summary>An ISO date as an integer in date order (year + 10,000, month, day in separate bit fields).</summary>
    private static uint Pack(LocalDate date) => ((uint)(date.Year + 10_000) << 9) | ((uint)date.Month << 5) | (uint)date.Day;

    /// <summary>One customer-period row: the customer's index, the period's first day, the amount bought in it (<see cref="PackedDecimals"/>).</summary>
    private struct Row
    {
        public int Customer;
        public LocalDate Period;
        public long Amount;
    }

    /// <summary>One customer's latest row and its merge period.</summary>
    private struct LastRow
    {
        public int Row;
        public LocalDate Period;
    }
}

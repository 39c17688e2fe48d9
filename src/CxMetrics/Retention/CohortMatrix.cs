using System.Globalization;
using System.Numerics;
using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// A cohort retention matrix: one row per cohort (customers whose first order — or signup — fell in the same local
/// period), one column per offset (periods since the cohort's), with customer counts and revenue on the same grid.
/// </summary>
/// <remarks>
/// <para>Three readings of retention per cell (Amplitude's retention analysis uses these names; Mixpanel calls the
/// first two "on" and "on or after"):
/// <b>N-period</b> (<see cref="Active"/>): customers of the cohort who ordered <em>in</em> offset k;
/// <b>unbounded</b> (<see cref="Unbounded"/>): customers who ordered in offset k <em>or later</em> (up to the as-of) —
/// computed per customer from their last offset, never by summing columns, so it never double-counts and never rises with k;
/// <b>bracket</b> (<see cref="BracketActive"/>): customers who ordered in any offset of a bracket.</para>
/// <para>A cell is <see langword="null"/> when it cannot be fully observed at the as-of instant: for calendar windows
/// when its period has not ended; for elapsed windows when the window of the cohort's latest possible member has not
/// ended (<c>cohort end + (k + 1)·window</c>). Null is "not yet known", never 0. Rows cover every period from the first
/// cohort to the last, empty ones included (size 0).</para>
/// <para>Revenue retention of a cell is its revenue over the cohort's offset-0 revenue: the revenue view of the same
/// cohort table (it may exceed 1).</para>
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record CohortMatrix : Reporting.IReportable
{
    /// <summary>The largest grid built (cohorts × offsets), so a tiny elapsed window cannot exhaust memory: 20 million cells.</summary>
    public const long MaxCells = 20_000_000;

    /// <summary>The most offsets (columns) built: 4,096 (11 years of days).</summary>
    public const int MaxColumns = 4096;

    /// <summary>The cohort period unit.</summary>
    public required PeriodUnit Period { get; init; }

    /// <summary>The zone (TZDB id) the periods are local to.</summary>
    public required string Zone { get; init; }

    /// <summary>What put customers into cohorts.</summary>
    public required CohortAnchor Anchor { get; init; }

    /// <summary>The elapsed window, or <see langword="null"/> for calendar-period windows.</summary>
    public required Duration? ElapsedWindow { get; init; }

    /// <summary>The as-of instant: later orders are not used.</summary>
    public required Instant AsOf { get; init; }

    /// <summary>Currency of <see cref="Revenue"/>; <see langword="null"/> without orders.</summary>
    public required string? Currency { get; init; }

    /// <summary>The cohorts (rows), in time order.</summary>
    public required IReadOnlyList<CalendarPeriod> Cohorts { get; init; }

    /// <summary>Customers per cohort.</summary>
    public required IReadOnlyList<long> Sizes { get; init; }

    /// <summary>The number of offsets (columns), 0 … Columns − 1.</summary>
    public required int Columns { get; init; }

    /// <summary>N-period counts <c>[cohort][offset]</c>: customers who ordered in that offset; null when not observable yet.</summary>
    public required IReadOnlyList<IReadOnlyList<long?>> Active { get; init; }

    /// <summary>Unbounded counts <c>[cohort][offset]</c>: customers who ordered in that offset or later.</summary>
    public required IReadOnlyList<IReadOnlyList<long?>> Unbounded { get; init; }

    /// <summary>Revenue <c>[cohort][offset]</c>: the sum of the cohort's orders in that offset.</summary>
    public required IReadOnlyList<IReadOnlyList<decimal?>> Revenue { get; init; }

    /// <summary>The brackets of <see cref="BracketActive"/>.</summary>
    public required IReadOnlyList<CohortBracket> Brackets { get; init; }

    /// <summary>Bracket counts <c>[cohort][bracket]</c>: customers who ordered in any offset of the bracket.</summary>
    public required IReadOnlyList<IReadOnlyList<long?>> BracketActive { get; init; }

    /// <summary>Orders after the as-of instant (not used).</summary>
    public required long OrdersAfterAsOf { get; init; }

    /// <summary>With the signup anchor: orders placed before the customer's signup (not used).</summary>
    public required long OrdersBeforeAnchor { get; init; }

    /// <summary>With the signup anchor: customers who have orders but no signup, so are in no cohort (their orders are not used).</summary>
    public required long CustomersWithoutAnchor { get; init; }

    /// <summary>Confidence level of <see cref="RetentionEstimate"/>.</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>The N-period retention of a cell, <c>Active / Size</c>; null when not observable or the cohort is empty.</summary>
    /// <param name="cohort">Row.</param>
    /// <param name="offset">Column.</param>
    /// <returns>The share.</returns>
    public double? Retention(int cohort, int offset) => Share(Active[cohort][offset], Sizes[cohort]);

    /// <summary>The unbounded retention of a cell, <c>Unbounded / Size</c>.</summary>
    /// <param name="cohort">Row.</param>
    /// <param name="offset">Column.</param>
    /// <returns>The share.</returns>
    public double? UnboundedRetention(int cohort, int offset) => Share(Unbounded[cohort][offset], Sizes[cohort]);

    /// <summary>The bracket retention of a cohort.</summary>
    /// <param name="cohort">Row.</param>
    /// <param name="bracket">Index into <see cref="Brackets"/>.</param>
    /// <returns>The share.</returns>
    public double? BracketRetention(int cohort, int bracket) => Share(BracketActive[cohort][bracket], Sizes[cohort]);

    /// <summary>The N-period retention of a cell with its Wilson interval; null when the cell is not observable.</summary>
    /// <param name="cohort">Row.</param>
    /// <param name="offset">Column.</param>
    /// <returns>The estimate (without value for an empty cohort).</returns>
    public ProportionEstimate? RetentionEstimate(int cohort, int offset) =>
        Active[cohort][offset] is { } n ? Proportion.FromCounts(n, Sizes[cohort], ConfidenceLevel) : null;

    /// <summary>Revenue retention: the cell's revenue over the cohort's offset-0 revenue; null when unobservable or offset-0 revenue is 0.</summary>
    /// <param name="cohort">Row.</param>
    /// <param name="offset">Column.</param>
    /// <returns>The ratio (may exceed 1).</returns>
    public double? RevenueRetention(int cohort, int offset) =>
        Revenue[cohort][offset] is { } r && Revenue[cohort][0] is { } r0 && r0 > 0 ? (double)(r / r0) : null;

    /// <summary>The matrix of orders.</summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit (day, week, month, quarter; year works too) and the week start.</param>
    /// <param name="options">Anchor, windows, brackets, confidence level and the small-cell minimum.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <returns>The matrix.</returns>
    internal static CohortMatrix Of(IEnumerable<Order> orders, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var accumulator = new CohortTally();
        foreach (var order in orders)
        {
            accumulator.Add(order);
        }

        return From(accumulator, grid, options, asOf);
    }

    /// <summary>
    /// The matrix of many orders on all cores: one contiguous chunk of orders per worker (at least 8,192 each) fills its own
    /// <see cref="CohortTally"/>, and the accumulators are merged in input order, which reproduces the sequential
    /// accumulator exactly (same customers in the same order, same orders). The matrix is identical to <see cref="Of(IEnumerable{Order}, PeriodGrid, CohortOptions, Instant)"/>.
    /// </summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit (day, week, month, quarter; year works too) and the week start.</param>
    /// <param name="options">Anchor, windows, brackets, confidence level and the small-cell minimum.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The matrix.</returns>
    internal static CohortMatrix OfParallel(ReadOnlyMemory<Order> orders, PeriodGrid grid, CohortOptions options, Instant asOf, int? degreeOfParallelism = null) =>
        From(AccumulateParallel(orders, degreeOfParallelism, Internal.ParallelTally.MinimumRecordChunk), grid, options, asOf);

    internal static CohortTally AccumulateParallel(ReadOnlyMemory<Order> orders, int? degreeOfParallelism, int minimumChunk) =>
        Internal.ParallelTally.Run(orders, degreeOfParallelism, static () => new CohortTally(), static (accumulator, span) =>
        {
            foreach (var order in span)
            {
                accumulator.Add(order);
            }
        }, static (a, b) => a.Merge(b), minimumChunk);

    /// <summary>
    /// One matrix per key (segment, channel, or a tuple), each cell with its customer count and a small-cell flag
    /// (<see cref="Breakdowns.BreakdownCell{TKey, TResult}"/>). The key is read per order, so it should be a customer attribute
    /// (a segment); with a per-order key such as the channel, a customer whose orders span channels is in several matrices,
    /// each judged on that channel's orders only.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="orders">The orders.</param>
    /// <param name="key">The key of an order.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit (day, week, month, quarter; year works too) and the week start.</param>
    /// <param name="options">Anchor, windows, brackets, confidence level and the small-cell minimum.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    internal static IReadOnlyList<Breakdowns.BreakdownCell<TKey, CohortMatrix>> By<TKey>(
        IEnumerable<Order> orders, Func<Order, TKey> key, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        return Breakdowns.Grouping.By(
            orders, key, static () => new CohortTally(), static (a, o) => a.Add(o), a => From(a, grid, options, asOf), static a => a.CustomerCount, options.MinimumCellSize);
    }

    /// <summary>
    /// One matrix per key from accumulators filled elsewhere (one pass over a file, shards): the same cells as
    /// <see cref="By{TKey}(IEnumerable{Order}, Func{Order, TKey}, PeriodGrid, CohortOptions, Instant)"/> gives for the orders the
    /// accumulators hold. A key given once uses its accumulator as it is (not copied, not changed); the accumulators of a key
    /// given more than once are merged into a new one.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="accumulators">One or more accumulators per key.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit (day, week, month, quarter; year works too) and the week start.</param>
    /// <param name="options">Anchor, windows, brackets, confidence level and the small-cell minimum.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no accumulators.</returns>
    internal static IReadOnlyList<Breakdowns.BreakdownCell<TKey, CohortMatrix>> By<TKey>(
        IEnumerable<KeyValuePair<TKey, CohortTally>> accumulators, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        return Breakdowns.Grouping.FromTallies(
            accumulators, static () => new CohortTally(), static (a, b) => MergeInto(a, b), a => From(a, grid, options, asOf), static a => a.CustomerCount, options.MinimumCellSize);
    }

    /// <summary>Merges <paramref name="b"/> into <paramref name="a"/>; a fresh empty unbound <paramref name="a"/> (the grouping's new cell) takes a copy of a bound <paramref name="b"/>.</summary>
    private static CohortTally MergeInto(CohortTally a, CohortTally b) =>
        !a.IsBound && b.IsBound && a.CustomerCount == 0 && a.Currency is null ? b.Clone() : a.Merge(b);

    /// <summary>
    /// The matrix of an accumulator: anchors per customer, dense cohort and offset indices, then one pass over the orders
    /// counting into arrays (a bit per customer and offset for distinct counts) — no per-order allocation.
    /// </summary>
    /// <param name="accumulator">The orders (and signups).</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit (day, week, month, quarter; year works too) and the week start.</param>
    /// <param name="options">Anchor, windows, brackets, confidence level and the small-cell minimum.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <returns>The matrix.</returns>
    internal static CohortMatrix From(CohortTally accumulator, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        if (accumulator.IsBound)
        {
            // Customer-period rows stand in for orders: each row is an order at its period's start, with the exact sum of
            // the period's amounts — the same cohorts, offsets and cells for calendar windows; orders after the bound as-of
            // were counted when added.
            accumulator.CheckBinding(grid, options, asOf);
            var matrix = Build(new StoredRows(accumulator), accumulator.CustomerCount, accumulator.FirstOrderTicks, [], accumulator.Currency, grid, options, asOf);
            return accumulator.OrdersAfterAsOf == 0 ? matrix : matrix with { OrdersAfterAsOf = accumulator.OrdersAfterAsOf };
        }

        var columns = new StoredOrders(accumulator);
        return Build(columns, accumulator.CustomerCount, accumulator.FirstOrderTicks, accumulator.SignupTicks, accumulator.Currency, grid, options, asOf);
    }

    /// <summary>
    /// The matrix of one batch of orders given as columns with a dictionary-encoded customer column (the layout of Arrow /
    /// Parquet string columns), computed straight from the columns without copying them into an accumulator — the fastest
    /// path when all orders are at hand. Cohorts are by first purchase.
    /// </summary>
    /// <param name="customerDictionary">The customer ids (a repeated id is the same customer).</param>
    /// <param name="customerCodes">Per order, the position of its customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">When, per order.</param>
    /// <param name="amounts">Order values, ≥ 0, per order.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets, confidence level; the anchor must be <see cref="CohortAnchor.FirstPurchase"/>.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <returns>The matrix (equal to the accumulator path's).</returns>
    /// <exception cref="ArgumentException">Lengths differ, a code is outside the dictionary, an id is empty, an amount negative, the currency malformed, or the anchor is signup.</exception>
    internal static CohortMatrix Of(
        ReadOnlySpan<string> customerDictionary, ReadOnlySpan<int> customerCodes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts,
        string currency, PeriodGrid grid, CohortOptions options, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Anchor != CohortAnchor.FirstPurchase)
        {
            throw new ArgumentException($"the columnar path has no signups; anchor {options.Anchor} needs a CohortTally with AddSignup.", nameof(options));
        }

        if (customerCodes.Length != placedAt.Length || customerCodes.Length != amounts.Length)
        {
            throw new ArgumentException($"the columns must have one entry per order: {customerCodes.Length} customer codes, {placedAt.Length} instants, {amounts.Length} amounts.", nameof(placedAt));
        }

        CurrencyCode.Validate(currency);
        for (int i = 0; i < customerCodes.Length; i++)
        {
            int code = customerCodes[i];
            if ((uint)code >= (uint)customerDictionary.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(customerCodes), code, $"customer code {code} at position {i} is outside the dictionary of {customerDictionary.Length} ids.");
            }

            // decimal.IsNegative reads the sign bit; −0 has it set but is not below zero, so confirm with the comparison.
            if (decimal.IsNegative(amounts[i]) && amounts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), amounts[i], $"order amount {amounts[i]} at position {i} (customer '{customerDictionary[code]}') is negative; record refunds separately.");
            }
        }

        var unique = new Dictionary<string, int>(customerDictionary.Length, StringComparer.Ordinal);
        var map = new int[customerDictionary.Length];
        bool identity = true;
        for (int i = 0; i < map.Length; i++)
        {
            string id = customerDictionary[i];
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException($"customer id at dictionary position {i} is empty.", nameof(customerDictionary));
            }

            ref int slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(unique, id, out bool exists);
            if (!exists)
            {
                slot = unique.Count - 1;
            }

            map[i] = slot;
            identity &= slot == i;
        }

        string? used = customerCodes.Length > 0 ? currency : null;
        if (options.ElapsedWindow is null)
        {
                var fast = BuildCalendar(new CodedOrders(customerCodes, placedAt, amounts), map.Length, identity ? null : map, unique.Count, used, grid, options, asOf);
            if (fast is not null)
            {
                return fast;
            }
        }

        var first = new long[unique.Count];
        first.AsSpan().Fill(long.MaxValue);
        for (int i = 0; i < customerCodes.Length; i++)
        {
            long t = placedAt[i].ToUnixTimeTicks();
            ref long f = ref first[map[customerCodes[i]]];
            if (t < f)
            {
                f = t;
            }
        }

        return Build(new EncodedOrders(map, customerCodes, placedAt, amounts), unique.Count, first, [], used, grid, options, asOf);
    }

    /// <summary>
    /// The fast path for calendar windows and first-purchase cohorts when all periods from the first order to the as-of fit in
    /// 64 (e.g. 5 years of months). One pass over the orders sets, per customer slot, a bit for each period (counted from the
    /// first period) they ordered in — 4 bytes of state per slot up to 32 periods, 8 up to 64; no first-order pass, because
    /// the cohort is the lowest bit. Slots are customer codes: when <paramref name="slotToCustomer"/> maps several codes to
    /// one customer (a dictionary with a repeated id), their bits are ORed together afterwards, so the order loop never
    /// goes through the map. A second pass adds revenue into cells through a one-byte cohort row per slot (a small array
    /// that stays in cache). Returns <see langword="null"/> with more than 64 periods (the general path handles those).
    /// </summary>
    private static CohortMatrix? BuildCalendar<TOrders>(TOrders orders, int slots, int[]? slotToCustomer, int customers, string? currency, PeriodGrid grid, CohortOptions options, Instant asOf)
        where TOrders : IOrderColumns, allows ref struct
    {
        long asOfTicks = asOf.ToUnixTimeTicks();
        int count = orders.Count;
        long minTicks = long.MaxValue, after = 0;
        for (int i = 0; i < count; i++)
        {
            long t = orders.Ticks(i);
            if (t > asOfTicks)
            {
                after++;
            }
            else if (t < minTicks)
            {
                minTicks = t;
            }
        }

        if (minTicks == long.MaxValue)
        {
            return Empty(currency, grid, options, asOf, after, 0);
        }

        var first = grid.Containing(Instant.FromUnixTimeTicks(minTicks));
        var periods = grid.Index(first, asOfTicks);
        if (periods.Count > 64)
        {
            return null;
        }

        var periodOf = new byte[count];
        var slotMask = periods.Count <= 32 ? Widen(MarkPeriods<TOrders, uint>(orders, slots, periods, asOfTicks, periodOf)) : MarkPeriods<TOrders, ulong>(orders, slots, periods, asOfTicks, periodOf);
        var mask = slotMask;
        if (slotToCustomer is not null)
        {
            mask = new ulong[customers];
            for (int slot = 0; slot < slots; slot++)
            {
                mask[slotToCustomer[slot]] |= slotMask[slot];
            }
        }

        int columns = Math.Max(1, ObservableOffsets(periods, 0, null, asOfTicks));
        int maxRows = periods.Count;
        var brackets = options.Brackets;
        var sizes = new long[maxRows];
        var active = new long[maxRows * columns];
        var unbounded = new long[maxRows * columns];
        var bracketCounts = new long[maxRows * brackets.Count];
        int rows = 0;
        for (int c = 0; c < customers; c++)
        {
            ulong m = mask[c];
            if (m == 0)
            {
                continue;
            }

            int row = BitOperations.TrailingZeroCount(m);
            rows = Math.Max(rows, row + 1);
            sizes[row]++;
            ulong offsets = m >> row;
            int last = 63 - BitOperations.LeadingZeroCount(offsets);
            unbounded[(row * columns) + Math.Min(last, columns - 1)]++;
            ulong observed = columns >= 64 ? offsets : offsets & ((1UL << columns) - 1);
            while (observed != 0)
            {
                active[(row * columns) + BitOperations.TrailingZeroCount(observed)]++;
                observed &= observed - 1;
            }

            for (int b = 0; b < brackets.Count; b++)
            {
                if (AnyBit(new ReadOnlySpan<ulong>(ref offsets), brackets[b].First, Math.Min(brackets[b].Last, Math.Min(columns, 64) - 1)))
                {
                    bracketCounts[(row * brackets.Count) + b]++;
                }
            }
        }

        // The cohort row of each slot (the lowest period bit of its customer), one byte so the revenue pass stays in cache.
        var rowOf = new byte[slots];
        for (int slot = 0; slot < slots; slot++)
        {
            ulong m = slotToCustomer is null ? mask[slot] : mask[slotToCustomer[slot]];
            rowOf[slot] = m == 0 ? NoPeriod : (byte)BitOperations.TrailingZeroCount(m);
        }

        var revenue = CellRevenue(orders, periodOf, rowOf, maxRows, columns);
        return Assemble(periods, rows, columns, sizes, active, unbounded, revenue, bracketCounts, currency, grid, options, asOf, after, 0, 0);
    }

    private const byte NoPeriod = byte.MaxValue;

    /// <summary>Sets bit <c>p</c> of a slot's mask for each order in period p (orders after the as-of get <see cref="NoPeriod"/>).</summary>
    private static TMask[] MarkPeriods<TOrders, TMask>(TOrders orders, int slots, PeriodIndexer periods, long asOfTicks, Span<byte> periodOf)
        where TOrders : IOrderColumns, allows ref struct
        where TMask : unmanaged, IBinaryInteger<TMask>
    {
        var mask = new TMask[slots];
        for (int i = 0; i < periodOf.Length; i++)
        {
            long t = orders.Ticks(i);
            if (t > asOfTicks)
            {
                periodOf[i] = NoPeriod;
                continue;
            }

            int p = periods.Index(t);
            periodOf[i] = (byte)p;
            mask[orders.Customer(i)] |= TMask.One << p;
        }

        return mask;
    }

    private static ulong[] Widen(uint[] masks)
    {
        var wide = new ulong[masks.Length];
        for (int i = 0; i < masks.Length; i++)
        {
            wide[i] = masks[i];
        }

        return wide;
    }

    /// <summary>
    /// Revenue per cell. Decimal additions are slow, so every amount's mantissa is summed exactly in 128-bit integers at
    /// the largest scale seen so far (sums are rescaled when a finer scale appears), and each cell is rebuilt at the largest scale of its own amounts — the very decimal a chain of decimal
    /// additions gives (their sum is exact unless it overflows 96 bits, which falls back to decimal additions).
    /// </summary>
    private static decimal[] CellRevenue<TOrders>(TOrders orders, ReadOnlySpan<byte> periodOf, ReadOnlySpan<byte> rowOf, int rows, int columns)
        where TOrders : IOrderColumns, allows ref struct
    {
        int cells = rows * columns;
        var sums = new UInt128[cells];
        var scales = new byte[cells];
        Span<int> bits = stackalloc int[4];
        int maxScale = 0;
        Span<UInt128> pow10 = stackalloc UInt128[29];
        pow10[0] = 1;
        for (int e = 1; e < pow10.Length; e++)
        {
            pow10[e] = pow10[e - 1] * 10;
        }

        try
        {
            for (int i = 0; i < periodOf.Length; i++)
            {
                int p = periodOf[i];
                if (p == NoPeriod)
                {
                    continue;
                }

                int row = rowOf[orders.Customer(i)];
                int k = p - row;
                if (k < columns)
                {
                    int cell = (row * columns) + k;
                    decimal.GetBits(orders.Amount(i), bits);
                    int scale = (bits[3] >> 16) & 0xFF;
                    if (scale > maxScale)
                    {
                        // A finer scale than any so far: rescale the running sums (a few cells, at most 28 times).
                        for (int c = 0; c < cells; c++)
                        {
                            sums[c] = checked(sums[c] * pow10[scale - maxScale]);
                        }

                        maxScale = scale;
                    }

                    var mantissa = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
                    sums[cell] = checked(sums[cell] + (scale == maxScale ? mantissa : mantissa * pow10[maxScale - scale]));
                    scales[cell] = Math.Max(scales[cell], (byte)scale);
                }
            }
        }
        catch (OverflowException)
        {
            return DecimalRevenue(orders, periodOf, rowOf, rows, columns);
        }

        var revenue = new decimal[cells];
        var limit = (UInt128.One << 96) - 1;
        for (int cell = 0; cell < cells; cell++)
        {
            var value = sums[cell] / pow10[maxScale - scales[cell]];
            if (value > limit)
            {
                return DecimalRevenue(orders, periodOf, rowOf, rows, columns);
            }

            revenue[cell] = new decimal((int)(uint)value, (int)(uint)(value >> 32), (int)(uint)(value >> 64), false, scales[cell]);
        }

        return revenue;
    }

    private static decimal[] DecimalRevenue<TOrders>(TOrders orders, ReadOnlySpan<byte> periodOf, ReadOnlySpan<byte> rowOf, int rows, int columns)
        where TOrders : IOrderColumns, allows ref struct
    {
        var revenue = new decimal[rows * columns];
        try
        {
            for (int i = 0; i < periodOf.Length; i++)
            {
                int p = periodOf[i];
                if (p != NoPeriod && rowOf[orders.Customer(i)] is var row && p - row < columns)
                {
                    revenue[(row * columns) + p - row] += orders.Amount(i);
                }
            }
        }
        catch (OverflowException ex)
        {
            throw Guard.MoneyOverflow("order amounts in a cohort cell", ex);
        }

        return revenue;
    }

    private static CohortMatrix Build<TOrders>(
        TOrders orders, int customers, ReadOnlySpan<long> firstOrder, ReadOnlySpan<long> signup, string? currency, PeriodGrid grid, CohortOptions options, Instant asOf)
        where TOrders : IOrderColumns, allows ref struct
    {
        if (options.Anchor == CohortAnchor.FirstPurchase && options.ElapsedWindow is null && BuildCalendar(orders, customers, null, customers, currency, grid, options, asOf) is { } fast)
        {
            return fast;
        }

        long asOfTicks = asOf.ToUnixTimeTicks();

        // One 24-byte state per customer (anchor, offsets seen, cohort row, last offset) so the order passes touch one cache line per order.
        var state = new CustomerState[customers];
        for (int c = 0; c < customers; c++)
        {
            state[c] = new CustomerState { Anchor = long.MaxValue, Row = -1, Last = -1 };
        }

        // Each customer's earliest order is known up front: when it is after the as-of, so are all their orders.
        long withoutAnchor = 0;
        bool bySignup = options.Anchor == CohortAnchor.Signup;
        for (int c = 0; c < customers; c++)
        {
            long anchorTicks = bySignup ? signup[c] : firstOrder[c];
            if (anchorTicks <= asOfTicks)
            {
                state[c].Anchor = anchorTicks;
            }
            else if (bySignup && signup[c] == long.MaxValue && firstOrder[c] != long.MaxValue)
            {
                withoutAnchor++;
            }
        }

        long minAnchor = long.MaxValue;
        for (int c = 0; c < customers; c++)
        {
            minAnchor = Math.Min(minAnchor, state[c].Anchor);
        }

        if (minAnchor == long.MaxValue)
        {
            long after = 0;
            for (int i = 0; i < orders.Count; i++)
            {
                after += orders.Ticks(i) > asOfTicks ? 1 : 0;
            }

            return Empty(currency, grid, options, asOf, after, withoutAnchor);
        }

        var first = grid.Containing(Instant.FromUnixTimeTicks(minAnchor));
        var periods = grid.Index(first, asOfTicks);
        int rows = 0;
        for (int c = 0; c < customers; c++)
        {
            if (state[c].Anchor != long.MaxValue)
            {
                state[c].Row = periods.Index(state[c].Anchor);
                rows = Math.Max(rows, state[c].Row + 1);
            }
        }

        long? window = options.ElapsedWindow?.BclCompatibleTicks;
        int columns = Math.Max(1, ObservableOffsets(periods, 0, window, asOfTicks));
        if ((long)rows * columns > MaxCells || columns > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"{rows} cohorts × {columns} offsets exceed {MaxCells:N0} cells or {MaxColumns:N0} offsets: use a longer period or elapsed window ({grid.Unit}, window {options.ElapsedWindow?.ToString() ?? "calendar"}), or an earlier as-of.");
        }

        int words = (columns + 63) >> 6;
        // With up to 64 offsets a customer's offsets live in their state (one cache line per order); beyond, in a bit array.
        var bits = new ulong[words > 1 ? (long)customers * words : 0];
        var revenue = new decimal[rows * columns];
        long beforeAnchor = 0, ordersAfter = 0;

        // Blocks of orders: the first loop only touches per-customer state (its cache misses overlap), the second adds
        // the decimal amounts into cells sequentially — a decimal add after each miss would serialise the misses.
        const int Block = 2048;
        Span<int> cellOf = stackalloc int[Block];
        int count = orders.Count;
        for (int from = 0; from < count; from += Block)
        {
            int to = Math.Min(count, from + Block);
            for (int i = from; i < to; i++)
            {
                cellOf[i - from] = -1;
                long t = orders.Ticks(i);
                if (t > asOfTicks)
                {
                    ordersAfter++;
                    continue;
                }

                int c = orders.Customer(i);
                ref var s = ref state[c];
                if (s.Row < 0)
                {
                    continue;
                }

                if (t < s.Anchor)
                {
                    beforeAnchor++;
                    continue;
                }

                long offset = window is { } w ? (t - s.Anchor) / w : periods.Index(t) - s.Row;
                int k = (int)Math.Min(offset, int.MaxValue);
                if (k > s.Last)
                {
                    s.Last = k;
                }

                if (k < columns)
                {
                    if (words == 1)
                    {
                        s.Bits |= 1UL << k;
                    }
                    else
                    {
                        bits[((long)c * words) + (k >> 6)] |= 1UL << (k & 63);
                    }

                    cellOf[i - from] = (s.Row * columns) + k;
                }
            }

            try
            {
                for (int i = from; i < to; i++)
                {
                    int cell = cellOf[i - from];
                    if (cell >= 0)
                    {
                        revenue[cell] += orders.Amount(i);
                    }
                }
            }
            catch (OverflowException ex)
            {
                throw Guard.MoneyOverflow("order amounts in a cohort cell", ex);
            }
        }

        var sizes = new long[rows];
        var active = new long[rows * columns];
        var unbounded = new long[rows * columns];
        var brackets = options.Brackets;
        var bracketCounts = new long[rows * brackets.Count];
        for (int c = 0; c < customers; c++)
        {
            int row = state[c].Row;
            if (row < 0)
            {
                continue;
            }

            sizes[row]++;
            var mask = words == 1 ? new ReadOnlySpan<ulong>(ref state[c].Bits) : bits.AsSpan((int)((long)c * words), words);
            for (int wd = 0; wd < words; wd++)
            {
                ulong word = mask[wd];
                while (word != 0)
                {
                    int k = (wd << 6) + BitOperations.TrailingZeroCount(word);
                    active[(row * columns) + k]++;
                    word &= word - 1;
                }
            }

            if (state[c].Last >= 0)
            {
                unbounded[(row * columns) + Math.Min(state[c].Last, columns - 1)]++;
            }

            for (int b = 0; b < brackets.Count; b++)
            {
                if (AnyBit(mask, brackets[b].First, Math.Min(brackets[b].Last, columns - 1)))
                {
                    bracketCounts[(row * brackets.Count) + b]++;
                }
            }
        }

        return Assemble(periods, rows, columns, sizes, active, unbounded, revenue, bracketCounts, currency, grid, options, asOf, ordersAfter, beforeAnchor, withoutAnchor);
    }

    /// <summary>Turns the dense counts (<c>[row · columns + offset]</c>; unbounded holds customers by their last offset) into the record, nulling unobservable cells.</summary>
    private static CohortMatrix Assemble(
        PeriodIndexer periods, int rows, int columns, long[] sizes, long[] active, long[] unbounded, decimal[] revenue, long[] bracketCounts,
        string? currency, PeriodGrid grid, CohortOptions options, Instant asOf, long ordersAfter, long beforeAnchor, long withoutAnchor)
    {
        long asOfTicks = asOf.ToUnixTimeTicks();
        long? window = options.ElapsedWindow?.BclCompatibleTicks;
        var brackets = options.Brackets;
        var activeRows = new long?[rows][];
        var unboundedRows = new long?[rows][];
        var revenueRows = new decimal?[rows][];
        var bracketRows = new long?[rows][];
        var cohorts = new CalendarPeriod[rows];
        for (int r = 0; r < rows; r++)
        {
            cohorts[r] = periods.Periods[r];
            int observable = Math.Min(columns, ObservableOffsets(periods, r, window, asOfTicks));
            activeRows[r] = new long?[columns];
            unboundedRows[r] = new long?[columns];
            revenueRows[r] = new decimal?[columns];
            long running = 0;
            for (int k = columns - 1; k >= 0; k--)
            {
                running += unbounded[(r * columns) + k];
                if (k < observable)
                {
                    activeRows[r][k] = active[(r * columns) + k];
                    unboundedRows[r][k] = running;
                    revenueRows[r][k] = revenue[(r * columns) + k];
                }
            }

            bracketRows[r] = new long?[brackets.Count];
            for (int b = 0; b < brackets.Count; b++)
            {
                bracketRows[r][b] = brackets[b].Last < observable ? bracketCounts[(r * brackets.Count) + b] : null;
            }
        }

        return new CohortMatrix
        {
            Period = grid.Unit, Zone = grid.Zone.Id, Anchor = options.Anchor, ElapsedWindow = options.ElapsedWindow, AsOf = asOf,
            Currency = currency, Cohorts = cohorts, Sizes = sizes.AsSpan(0, rows).ToArray(), Columns = columns, Active = activeRows, Unbounded = unboundedRows,
            Revenue = revenueRows, Brackets = [.. brackets], BracketActive = bracketRows, OrdersAfterAsOf = ordersAfter,
            OrdersBeforeAnchor = beforeAnchor, CustomersWithoutAnchor = withoutAnchor, ConfidenceLevel = options.ConfidenceLevel,
        };
    }

    /// <summary>How many offsets of cohort <paramref name="row"/> are fully observed at the as-of instant.</summary>
    private static int ObservableOffsets(PeriodIndexer periods, int row, long? window, long asOfTicks)
    {
        if (window is { } w)
        {
            long cohortEnd = periods.Start(row + 1);
            return asOfTicks < cohortEnd ? 0 : (int)Math.Min(int.MaxValue - 64, (asOfTicks - cohortEnd) / w);
        }

        int complete = 0;
        while (row + complete < periods.Count && periods.Start(row + complete + 1) <= asOfTicks)
        {
            complete++;
        }

        return complete;
    }

    private static bool AnyBit(ReadOnlySpan<ulong> mask, int from, int to)
    {
        for (int k = from; k <= to; k++)
        {
            if ((mask[k >> 6] & (1UL << (k & 63))) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Order columns as the builder reads them; implemented by ref structs over spans so the JIT specialises the loops.</summary>
    private interface IOrderColumns
    {
        int Count { get; }

        int Customer(int i);

        long Ticks(int i);

        decimal Amount(int i);
    }

    private readonly struct StoredOrders(CohortTally accumulator) : IOrderColumns
    {
        public int Count => accumulator.OrderCount;

        public int Customer(int i) => accumulator.OrderCustomer(i);

        public long Ticks(int i) => accumulator.OrderTick(i);

        public decimal Amount(int i) => accumulator.OrderAmount(i);
    }

    private readonly struct StoredRows(CohortTally accumulator) : IOrderColumns
    {
        public int Count => accumulator.RowCount;

        public int Customer(int i) => accumulator.RowCustomer(i);

        public long Ticks(int i) => accumulator.RowPeriodStart(i);

        public decimal Amount(int i) => accumulator.RowAmount(i);
    }

    private readonly ref struct EncodedOrders(int[] map, ReadOnlySpan<int> codes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts) : IOrderColumns
    {
        private readonly ReadOnlySpan<int> codes = codes;
        private readonly ReadOnlySpan<Instant> placedAt = placedAt;
        private readonly ReadOnlySpan<decimal> amounts = amounts;

        public int Count => codes.Length;

        public int Customer(int i) => map[codes[i]];

        public long Ticks(int i) => placedAt[i].ToUnixTimeTicks();

        public decimal Amount(int i) => amounts[i];
    }

    private readonly ref struct CodedOrders(ReadOnlySpan<int> codes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts) : IOrderColumns
    {
        private readonly ReadOnlySpan<int> codes = codes;
        private readonly ReadOnlySpan<Instant> placedAt = placedAt;
        private readonly ReadOnlySpan<decimal> amounts = amounts;

        public int Count => codes.Length;

        public int Customer(int i) => codes[i];

        public long Ticks(int i) => placedAt[i].ToUnixTimeTicks();

        public decimal Amount(int i) => amounts[i];
    }

    private struct CustomerState
    {
        public long Anchor;
        public ulong Bits;
        public int Row;
        public int Last;
    }

    private static double? Share(long? count, long size) => count is { } n && size > 0 ? (double)n / size : null;

    private static CohortMatrix Empty(string? currency, PeriodGrid grid, CohortOptions options, Instant asOf, long ordersAfter, long withoutAnchor) => new()
    {
        Period = grid.Unit, Zone = grid.Zone.Id, Anchor = options.Anchor, ElapsedWindow = options.ElapsedWindow, AsOf = asOf,
        Currency = currency, Cohorts = [], Sizes = [], Columns = 0, Active = [], Unbounded = [], Revenue = [],
        Brackets = [.. options.Brackets], BracketActive = [], OrdersAfterAsOf = ordersAfter, OrdersBeforeAnchor = 0,
        CustomersWithoutAnchor = withoutAnchor, ConfidenceLevel = options.ConfidenceLevel,
    };

    /// <summary>Formats as <c>Cohort retention by Month (Europe/Berlin, FirstPurchase): 12 cohorts, 2,357 customers, 18 offsets, as of 1998-07-01T00:00:00Z</c>.</summary>
    /// <returns>The matrix in one line; the grid is in <see cref="ToReport"/>.</returns>
    public override string ToString()
    {
        long customers = 0;
        foreach (long size in Sizes)
        {
            customers += size;
        }

        return $"Cohort retention by {Period} ({Zone}, {Anchor}{(ElapsedWindow is { } w ? ", " + ResultTable.Days(w) + " windows" : string.Empty)}): " +
            $"{ResultTable.Count(Cohorts.Count)} cohorts, {ResultTable.Count(customers)} customers, {ResultTable.Count(Columns)} offsets, as of {ResultTable.When(AsOf)}";
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Summary(), Grid());

    private ResultTable Summary() => new ResultTable("Cohort retention")
        .Row("period", Period.ToString())
        .Row("zone", Zone)
        .Row("anchor", Anchor.ToString())
        .Row("window", ElapsedWindow is { } w ? ResultTable.Days(w) : "calendar periods")
        .Row("as of", ResultTable.When(AsOf))
        .Row("cohorts", ResultTable.Count(Cohorts.Count))
        .Row("customers", ResultTable.Count(Sizes.Sum()))
        .Row("orders after as-of (not counted)", ResultTable.Count(OrdersAfterAsOf))
        .Row("orders before the anchor (not counted)", ResultTable.Count(OrdersBeforeAnchor))
        .Row("customers without an anchor (not counted)", ResultTable.Count(CustomersWithoutAnchor));

    private ResultGrid Grid()
    {
        const int MaxShownColumns = 60;
        int shown = Math.Min(Columns, MaxShownColumns);
        var columns = new string[shown + 2];
        columns[0] = "<cohort";
        columns[1] = "size";
        for (int k = 0; k < shown; k++)
        {
            columns[k + 2] = "+" + k.ToString(CultureInfo.InvariantCulture);
        }

        var grid = new ResultGrid("Share of the cohort active in each period since its first", columns);
        for (int c = 0; c < Cohorts.Count; c++)
        {
            var cells = new Reporting.ReportCell[shown + 2];
            cells[0] = Cohorts[c].ToString();
            cells[1] = ResultTable.Count(Sizes[c]);
            for (int k = 0; k < shown; k++)
            {
                cells[k + 2] = ResultTable.Percent(Retention(c, k));
            }

            grid.Row(cells);
        }

        grid.Note("— = not observable yet at the as-of instant (or an empty cohort).");
        if (Columns > shown)
        {
            grid.Note(string.Create(CultureInfo.InvariantCulture, $"… offsets {shown}–{Columns - 1} not shown ({Columns} in all)."));
        }

        return grid;
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Retention;

/// <summary>
/// The cohort calculator: orders (or a <see cref="CohortTally"/> fed elsewhere) in, a <see cref="CohortMatrix"/> out — one row per
/// cohort (customers whose first order, or signup, fell in the same local period), one column per offset.
/// </summary>
public static class Cohorts
{
    /// <summary>The matrix of orders.</summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="asOf">The as-of instant: later cells are not observable yet.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Orders are in different currencies, or an order amount is negative.</exception>
    public static CohortMatrix Of(IEnumerable<Order> orders, Instant asOf, PeriodGrid grid, CohortOptions options) => CohortMatrix.Of(orders, grid, options, asOf);

    /// <summary>
    /// The matrix of one batch of orders given as columns with a dictionary-encoded customer column (the layout of Arrow /
    /// Parquet string columns), computed straight from the columns without copying them into a tally — the fastest
    /// path when all orders are at hand. Cohorts are by first purchase.
    /// </summary>
    /// <param name="customerDictionary">The customer ids (a repeated id is the same customer).</param>
    /// <param name="customerCodes">Per order, the position of its customer in <paramref name="customerDictionary"/>.</param>
    /// <param name="placedAt">When, per order.</param>
    /// <param name="amounts">Order values, ≥ 0, per order.</param>
    /// <param name="currency">The ISO 4217 currency of all amounts.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals; the anchor must be <see cref="CohortAnchor.FirstPurchase"/>.</param>
    /// <returns>The matrix (equal to the tally path's).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, an id is empty, the currency malformed, or the anchor is signup.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside the dictionary or an amount is negative.</exception>
    public static CohortMatrix Of(
        ReadOnlySpan<string> customerDictionary, ReadOnlySpan<int> customerCodes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts,
        string currency, Instant asOf, PeriodGrid grid, CohortOptions options) =>
        CohortMatrix.Of(customerDictionary, customerCodes, placedAt, amounts, currency, grid, options, asOf);

    /// <summary>
    /// The matrix of many orders on all cores: one contiguous chunk of orders per worker (at least 8,192 each) fills its own
    /// <see cref="CohortTally"/>, and the tallies are merged in input order, which reproduces the sequential
    /// tally exactly. The matrix is identical to <see cref="Of(IEnumerable{Order}, Instant, PeriodGrid, CohortOptions)"/>.
    /// </summary>
    /// <param name="orders">The orders, in any order.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals.</param>
    /// <param name="degreeOfParallelism">Workers to use; default <see cref="Environment.ProcessorCount"/>.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">Orders are in different currencies, or an order amount is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degreeOfParallelism"/> is below 1.</exception>
    public static CohortMatrix OfParallel(ReadOnlyMemory<Order> orders, Instant asOf, PeriodGrid grid, CohortOptions options, int? degreeOfParallelism = null) =>
        CohortMatrix.OfParallel(orders, grid, options, asOf, degreeOfParallelism);

    /// <summary>
    /// The matrix of a tally: anchors per customer, dense cohort and offset indices, then one pass over the orders
    /// counting into arrays (a bit per customer and offset for distinct counts) — no per-order allocation.
    /// </summary>
    /// <param name="tally">The orders (and signups).</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The tally was bound to other options or another as-of.</exception>
    public static CohortMatrix From(CohortTally tally, Instant asOf, PeriodGrid grid, CohortOptions options) => CohortMatrix.From(tally, grid, options, asOf);

    /// <summary>
    /// One matrix per key (segment, channel, or a tuple), each cell with its customer count and a small-cell flag. The key
    /// is read per order, so it should be a customer attribute (a segment); with a per-order key such as the channel, a
    /// customer whose orders span channels is in several matrices, each judged on that channel's orders only.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="orders">The orders.</param>
    /// <param name="key">The key of an order.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, CohortMatrix>> By<TKey>(
        IEnumerable<Order> orders, Func<Order, TKey> key, Instant asOf, PeriodGrid grid, CohortOptions options) =>
        CohortMatrix.By(orders, key, grid, options, asOf);

    /// <summary>
    /// One matrix per key from tallies filled elsewhere (one pass over a file, shards): the same cells as
    /// <see cref="By{TKey}(IEnumerable{Order}, Func{Order, TKey}, Instant, PeriodGrid, CohortOptions)"/> gives for the orders the
    /// tallies hold. A key given once uses its tally as it is (not copied, not changed); the tallies of a key given more
    /// than once are merged into a new one.
    /// </summary>
    /// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
    /// <param name="tallies">One or more tallies per key.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The cohort periods: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Windows, brackets and intervals.</param>
    /// <returns>One cell per key, ordered by key; empty when there are no tallies.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, CohortMatrix>> By<TKey>(
        IEnumerable<KeyValuePair<TKey, CohortTally>> tallies, Instant asOf, PeriodGrid grid, CohortOptions options) =>
        CohortMatrix.By(tallies, grid, options, asOf);
}

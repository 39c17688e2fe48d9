using CxMetrics.Breakdowns;
using CxMetrics.Statistics;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// Cart and checkout abandonment rates. Cart abandonment rate = <c>1 − completed purchases / carts created</c> (Baymard
/// Institute, "Cart Abandonment Rate Statistics": a documented average of about 70% over 49 studies; Shopify Help Center,
/// "Abandoned checkouts"); checkout abandonment = <c>1 − completed / started checkouts</c>. A unit without purchase counts
/// as abandoned only after <see cref="CartOptions.InactivityTimeout"/> without customer activity, measured to an as-of
/// instant; before that it is pending and excluded from both numerator and denominator (Shopify likewise waits 10
/// minutes before a checkout counts as abandoned). The interval is Wilson's (<see cref="Proportion.FromCounts"/>).
/// </summary>
public static class Abandonment
{
    /// <summary>The abandonment rate of events as of an instant.</summary>
    /// <param name="events">The events, in any order.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="scope">Cart (default) or checkout abandonment.</param>
    /// <param name="options">Unit, time-out, level.</param>
    /// <returns>The result.</returns>
    public static AbandonmentResult Of(IEnumerable<CartEvent> events, Instant asOf, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null) =>
        From(CartTally.Of(events), asOf, scope, options);

    /// <summary>The abandonment rate of a tally as of an instant.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="scope">Cart or checkout abandonment.</param>
    /// <param name="options">Unit, time-out, level.</param>
    /// <returns>The result, with the tally's anomalies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static AbandonmentResult From(CartTally tally, Instant asOf, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var outcomes = tally.Evaluate(asOf, options);
        var counts = new StatusCounts(scope);
        foreach (var o in outcomes)
        {
            counts.Add(o);
        }

        return counts.ToResult(options, asOf, tally.Anomalies(outcomes));
    }

    /// <summary>An abandonment rate from counts, e.g. a database <c>GROUP BY</c> or a published example.</summary>
    /// <param name="purchased">Units that purchased.</param>
    /// <param name="abandoned">Units abandoned (past the time-out).</param>
    /// <param name="pending">Units still within the time-out.</param>
    /// <param name="unit">The analysis unit.</param>
    /// <param name="scope">Cart or checkout abandonment.</param>
    /// <param name="options">The confidence level and interval method (the rest is not used); <see cref="CartOptions.Default"/> when omitted.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static AbandonmentResult FromCounts(long purchased, long abandoned, long pending = 0, AnalysisUnit unit = AnalysisUnit.Cart, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null)
    {
        options ??= CartOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(purchased);
        ArgumentOutOfRangeException.ThrowIfNegative(abandoned);
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        return new AbandonmentResult
        {
            Unit = unit, Scope = scope, InactivityTimeout = null,
            Purchased = purchased, Abandoned = abandoned, Pending = pending,
            Rate = Proportion.FromCounts(abandoned, purchased + abandoned, options.ConfidenceLevel, options.ProportionInterval), Anomalies = null,
        };
    }

    /// <summary>Compares two abandonment rates (segments or periods): Newcombe interval and pooled two-proportion z-test.</summary>
    /// <param name="first">The first rate (e.g. mobile, or this month).</param>
    /// <param name="second">The second rate.</param>
    /// <param name="options">The confidence level of the interval; <see cref="CartOptions.Default"/> when omitted.</param>
    /// <returns>The comparison (see <see cref="Proportion.Compare"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="first"/> or <paramref name="second"/> is null.</exception>
    public static ProportionComparison Compare(AbandonmentResult first, AbandonmentResult second, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Proportion.Compare(first.Rate, second.Rate, (options ?? CartOptions.Default).ConfidenceLevel);
    }

    /// <summary>
    /// Abandonment per key of the unit (channel, device, segment, …), each cell with its decided n and a small-cell flag.
    /// Units without cart activity are in no cell (they are counted in the overall result's anomalies).
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tally">The tally.</param>
    /// <param name="key">The key of a unit, e.g. <c>o =&gt; o.Device</c>; <see langword="null"/> keys form their own cell.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="scope">Cart or checkout abandonment.</param>
    /// <param name="options">Unit, time-out, level, small-cell minimum.</param>
    /// <returns>One cell per key, ordered by key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, AbandonmentResult>> By<TKey>(
        CartTally tally, Func<CartOutcome, TKey> key, Instant asOf, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var units = InScope(tally.Evaluate(asOf, options), scope);
        return Grouping.By(units, key, () => new StatusCounts(scope), static (c, o) => c.Add(o), c => c.ToResult(options, asOf, null), static c => c.Decided, options.MinimumCellSize);
    }

    /// <summary>
    /// Abandonment per calendar period of <paramref name="grid"/> of the unit's first cart activity (every period from the
    /// first to the last, empty ones included), each compared with the period before it (two-proportion z-test).
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="scope">Cart or checkout abandonment.</param>
    /// <param name="options">Unit, time-out, level, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<PeriodCell<AbandonmentResult, ProportionComparison>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, null, scope, options);

    /// <summary>Abandonment per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each compared with the period before it.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="scope">Cart or checkout abandonment.</param>
    /// <param name="options">Unit, time-out, level, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, in time order.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<AbandonmentResult, ProportionComparison>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, AbandonmentScope scope = AbandonmentScope.Cart, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, (first, last), scope, options);

    private static IReadOnlyList<PeriodCell<AbandonmentResult, ProportionComparison>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, AbandonmentScope scope, CartOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        Grouping.CheckRange(grid, range, options.MaxPeriods);
        var units = InScope(tally.Evaluate(asOf, options), scope);
        return Grouping.ByPeriod(
            units, static o => o.FirstCartActivity!.Value, grid, range, () => new StatusCounts(scope), static (c, o) => c.Add(o),
            c => c.ToResult(options, asOf, null), static c => c.Decided, (later, earlier) => Compare(later, earlier, options), options.MinimumCellSize, options.MaxPeriods);
    }

    private static List<CartOutcome> InScope(IReadOnlyList<CartOutcome> outcomes, AbandonmentScope scope)
    {
        var list = new List<CartOutcome>(outcomes.Count);
        foreach (var o in outcomes)
        {
            if (StatusCounts.IsInScope(o, scope))
            {
                list.Add(o);
            }
        }

        return list;
    }

    /// <summary>Purchased / abandoned / pending counts of the units in scope.</summary>
    private sealed class StatusCounts(AbandonmentScope scope)
    {
        public long Purchased { get; private set; }

        public long Abandoned { get; private set; }

        public long Pending { get; private set; }

        public long Decided => Purchased + Abandoned;

        public static bool IsInScope(CartOutcome o, AbandonmentScope scope) =>
            o.Status is CartStatus.Purchased or CartStatus.Abandoned or CartStatus.Pending
            && (scope == AbandonmentScope.Cart || o.StartedCheckout);

        public void Add(CartOutcome o)
        {
            if (!IsInScope(o, scope))
            {
                return;
            }

            switch (o.Status)
            {
                case CartStatus.Purchased:
                    Purchased++;
                    break;
                case CartStatus.Abandoned:
                    Abandoned++;
                    break;
                default:
                    Pending++;
                    break;
            }
        }

        public AbandonmentResult ToResult(CartOptions options, Instant asOf, CartAnomalies? anomalies) => new()
        {
            Unit = options.Unit,
            Scope = scope,
            InactivityTimeout = options.InactivityTimeout,
            Purchased = Purchased,
            Abandoned = Abandoned,
            Pending = Pending,
            Rate = Proportion.FromCounts(Abandoned, Decided, options.ConfidenceLevel, options.ProportionInterval),
            Anomalies = anomalies,
        };
    }
}

using CxMetrics.Breakdowns;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Commerce;

/// <summary>
/// How much it takes to buy: for each purchased unit, the distinct customer events (clicks into the cart, checkout
/// steps, …) and the time from its first cart event to its purchase, summarised by median and percentiles — overall,
/// per segment and per calendar period of the purchase. Fewer steps and less time mean less effort (the behavioural side of
/// Dixon, Freeman &amp; Toman 2010, "Stop Trying to Delight Your Customers", HBR, whose Customer Effort Score asks for it
/// in a survey).
/// </summary>
public static class EffortToBuy
{
    /// <summary>The effort to buy of a tally.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Unit (and steps/time-out, which do not change the effort).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static EffortResult From(CartTally tally, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        var acc = new Accumulator();
        foreach (var o in tally.Evaluate(asOf, options))
        {
            acc.Add(o);
        }

        return acc.ToResult(options.Unit);
    }

    /// <summary>The effort to buy per key (segment, channel, device, …).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="tally">The tally.</param>
    /// <param name="key">The key of a unit; <see langword="null"/> keys form their own cell.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="options">Unit and small-cell minimum.</param>
    /// <returns>One cell per key with purchases, ordered by key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<TKey, EffortResult>> By<TKey>(CartTally tally, Func<CartOutcome, TKey> key, Instant asOf, CartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        return Grouping.By(Purchased(tally, asOf, options), key, static () => new Accumulator(), static (a, o) => a.Add(o), a => a.ToResult(options.Unit), static a => a.Count, options.MinimumCellSize);
    }

    /// <summary>
    /// The effort to buy per calendar period of <paramref name="grid"/> of the purchase (every period from the first to the
    /// last purchase, empty ones included), each with the change of the medians from the period before.
    /// </summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="options">Unit, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tally"/> or <paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The periods with data span more than <see cref="CxMetrics.Statistics.EstimateOptions.MaxPeriods"/> (naming <paramref name="options"/>).</exception>
    public static IReadOnlyList<PeriodCell<EffortResult, EffortChange>> ByPeriod(CartTally tally, Instant asOf, PeriodGrid grid, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, null, options);

    /// <summary>The effort to buy per calendar period of <paramref name="grid"/> from <paramref name="first"/> to <paramref name="last"/>, each with the change of the medians from the period before.</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="grid">The period grid: the shop's zone, the unit and the week start.</param>
    /// <param name="first">The first period listed, a period of <paramref name="grid"/>.</param>
    /// <param name="last">The last period listed, not before <paramref name="first"/>; data outside the range is left out.</param>
    /// <param name="options">Unit, small-cell minimum, the largest number of periods listed.</param>
    /// <returns>One cell per period of the range, in time order.</returns>
    /// <exception cref="ArgumentException">A period of the range is not of the grid, or the range is reversed.</exception>
    public static IReadOnlyList<PeriodCell<EffortResult, EffortChange>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, CalendarPeriod first, CalendarPeriod last, CartOptions? options = null) =>
        ByPeriod(tally, asOf, grid, (first, last), options);

    private static IReadOnlyList<PeriodCell<EffortResult, EffortChange>> ByPeriod(
        CartTally tally, Instant asOf, PeriodGrid grid, (CalendarPeriod, CalendarPeriod)? range, CartOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        options ??= CartOptions.Default;
        Grouping.CheckRange(grid, range, options.MaxPeriods);
        return Grouping.ByPeriod(
            Purchased(tally, asOf, options), static o => o.PurchasedAt!.Value, grid, range, static () => new Accumulator(), static (a, o) => a.Add(o),
            a => a.ToResult(options.Unit), static a => a.Count,
            static (now, before) => new EffortChange(now.Events.Median - before.Events.Median, now.Seconds.Median - before.Seconds.Median),
            options.MinimumCellSize, options.MaxPeriods);
    }

    private static List<CartOutcome> Purchased(CartTally tally, Instant asOf, CartOptions options)
    {
        var list = new List<CartOutcome>();
        foreach (var o in tally.Evaluate(asOf, options))
        {
            if (o.Status == CartStatus.Purchased)
            {
                list.Add(o);
            }
        }

        return list;
    }

    private sealed class Accumulator
    {
        private readonly List<double> events = [];
        private readonly List<double> seconds = [];

        public long Count => events.Count;

        public void Add(CartOutcome o)
        {
            if (o.Status == CartStatus.Purchased && o.TimeToPurchase is { } time && o.EventsToPurchase is { } n)
            {
                events.Add(n);
                seconds.Add(time.TotalSeconds);
            }
        }

        public EffortResult ToResult(AnalysisUnit unit) => new()
        {
            Unit = unit,
            Purchases = events.Count,
            Events = Statistics.QuantileSummary.Of(events.ToArray()),
            Seconds = Statistics.QuantileSummary.Of(seconds.ToArray()),
        };
    }
}

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

    /// <summary>The effort to buy per calendar period of the purchase in the shop's zone (periods without purchases are left out).</summary>
    /// <param name="tally">The tally.</param>
    /// <param name="asOf">The as-of instant.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <param name="unit">Day, week, month, quarter or year.</param>
    /// <param name="options">Unit and small-cell minimum.</param>
    /// <param name="weekStart">First day of a week (ISO: Monday).</param>
    /// <returns>One cell per period with purchases, in time order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public static IReadOnlyList<BreakdownCell<CalendarPeriod, EffortResult>> ByPeriod(
        CartTally tally, Instant asOf, DateTimeZone zone, PeriodUnit unit, CartOptions? options = null, IsoDayOfWeek weekStart = IsoDayOfWeek.Monday)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return By(tally, o => CalendarPeriod.Containing(o.PurchasedAt!.Value, zone, unit, weekStart), asOf, options);
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

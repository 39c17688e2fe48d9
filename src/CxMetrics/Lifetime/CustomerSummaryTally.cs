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
/// <remarks>Not thread-safe: give each thread its own tally and merge them. Memory is one entry per customer-period.</remarks>
public sealed class CustomerSummaryTally
{
    private readonly Dictionary<string, Dictionary<LocalDate, decimal>> customers = new(StringComparer.Ordinal);

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
    }

    /// <summary>The zone in which order instants become local dates.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The period within which purchases are merged into one transaction.</summary>
    public PeriodUnit MergeWithin { get; }

    /// <summary>The currency of the orders added; <see langword="null"/> while empty.</summary>
    public string? Currency { get; private set; }

    /// <summary>Orders added (before merging same-period purchases).</summary>
    public long OrderCount { get; private set; }

    /// <summary>Distinct customers.</summary>
    public int CustomerCount => customers.Count;

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

        var period = CalendarPeriod.Containing(order.PlacedAt, Zone, MergeWithin).Start;
        long orderCount = CheckedCount.Add(OrderCount, 1, "the order count");
        AddAmount(order.CustomerId, period, order.Amount);
        OrderCount = orderCount;
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

        foreach (var (id, periods) in other.customers.ToArray())
        {
            foreach (var (period, amount) in periods.ToArray())
            {
                AddAmount(id, period, amount);
            }
        }

        OrderCount = orderCount;
        return this;
    }

    /// <summary>A new tally with the same zone, merge period, currency and orders.</summary>
    /// <returns>The copy.</returns>
    public CustomerSummaryTally Clone() => new CustomerSummaryTally(Zone, MergeWithin).Merge(this);

    /// <summary>
    /// Summarises every customer acquired by the calibration end (see <see cref="CustomerSummary"/> for the definitions).
    /// </summary>
    /// <param name="options">Calibration end, optional holdout end, time unit.</param>
    /// <returns>The summary, customers ordered by id.</returns>
    /// <exception cref="ArgumentException">The holdout ends before the calibration.</exception>
    public CustomerBaseSummary Summarize(CustomerSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HoldoutEnd is { } holdoutEnd && holdoutEnd < options.CalibrationEnd)
        {
            throw new ArgumentException($"holdout end {holdoutEnd} is before calibration end {options.CalibrationEnd}.", nameof(options));
        }

        double unitDays = options.TimeUnit.Days;
        var result = new List<CustomerSummary>(customers.Count);
        int later = 0;
        var ids = customers.Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        var dates = new List<LocalDate>();
        var amounts = new List<decimal>();
        foreach (string id in ids)
        {
            var periods = customers[id];
            dates.Clear();
            dates.AddRange(periods.Keys);
            dates.Sort();
            amounts.Clear();
            foreach (var date in dates)
            {
                amounts.Add(periods[date]);
            }

            if (SummarizeCustomer(id, CollectionsMarshal.AsSpan(dates), CollectionsMarshal.AsSpan(amounts), options, unitDays) is { } summary)
            {
                result.Add(summary);
            }
            else
            {
                later++;
            }
        }

        return new CustomerBaseSummary { Customers = result, AcquiredAfterCalibration = later, Currency = Currency, Options = options };
    }

    /// <summary>
    /// One customer's summary from their merge periods in date order and the amount bought in each (the one computation
    /// behind <see cref="Summarize"/> and the hash-partitioned <c>CustomerBaseSummary.OfParallel</c>); <see langword="null"/>
    /// when the first purchase falls after the calibration end. A merge period belongs to calibration when it starts on or
    /// before the calibration end.
    /// </summary>
    internal static CustomerSummary? SummarizeCustomer(string id, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<decimal> amounts, CustomerSummaryOptions options, double unitDays)
    {
        var first = dates[0];
        if (first > options.CalibrationEnd)
        {
            return null;
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

        return new CustomerSummary
        {
            CustomerId = id,
            FirstPurchase = first,
            Frequency = x,
            Recency = Period.DaysBetween(first, last) / unitDays,
            Age = Period.DaysBetween(first, options.CalibrationEnd) / unitDays,
            MeanRepeatSpend = x > 0 ? (double)(repeatSpend / x) : null,
            CalibrationSpend = calibrationSpend,
            HoldoutFrequency = options.HoldoutEnd is null ? null : holdout,
            HoldoutSpend = options.HoldoutEnd is null ? null : holdoutSpend,
        };
    }

    /// <summary>Formats the counts.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"CustomerSummaryTally({CustomerCount} customers, {OrderCount} orders, zone {Zone.Id}, merged per {MergeWithin})";

    /// <summary>Per customer, the amount bought in each merge period (read-only use: serialisation).</summary>
    internal IEnumerable<KeyValuePair<string, Dictionary<LocalDate, decimal>>> Customers => customers;

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

    private void AddAmount(string id, LocalDate period, decimal amount)
    {
        if (!customers.TryGetValue(id, out var periods))
        {
            periods = [];
            customers.Add(id, periods);
        }

        periods[period] = periods.TryGetValue(period, out decimal sum) ? Guard.AddMoney(sum, amount, "order amounts of customer", id) : amount;
    }
}

using CxMetrics.Commerce;
using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Orders kept in memory as columns: customers dictionary-encoded (an <see cref="int"/> index per order into
/// <see cref="CustomerIds"/>), times as Unix ticks (<see cref="long"/>), amounts as <see cref="decimal"/>, one
/// <see cref="Currency"/> for all. 28 bytes an order plus each distinct customer id once — about 280 MB for 10 M orders
/// where <see cref="Order"/> records take several times that. Build one from a read (<see cref="Of(OrderRows)"/>) or from
/// records (<see cref="Of(IEnumerable{Order})"/>); <see cref="ToOrders"/> gives the records back.
/// </summary>
/// <remarks>
/// The table keeps who, when, how much and the currency. It does not keep <see cref="Order.Id"/>, <see cref="Order.Channel"/>
/// or <see cref="Order.Segment"/> (records made by <see cref="ToOrders"/> have them <c>null</c>), and it keeps times to the
/// tick (100 ns): a finer fraction of a second is cut (toward the past), as <see cref="Instant.ToUnixTimeTicks"/> does.
/// </remarks>
public sealed class OrderTable
{
    private int[] customers;
    private long[] ticks;
    private decimal[] amounts;

    private OrderTable(IdTable ids, int capacity)
    {
        CustomerIds = ids;
        customers = new int[capacity];
        ticks = new long[capacity];
        amounts = new decimal[capacity];
    }

    /// <summary>The distinct customer ids; <see cref="CustomerIndexes"/> point into it.</summary>
    public IdTable CustomerIds { get; }

    /// <summary>The ISO 4217 currency of every amount; <c>null</c> when the table is empty.</summary>
    public string? Currency { get; private set; }

    /// <summary>How many orders the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>Per order, the customer's index in <see cref="CustomerIds"/>.</summary>
    public ReadOnlySpan<int> CustomerIndexes => customers.AsSpan(0, Count);

    /// <summary>Per order, when it was placed, in ticks (100 ns) since the Unix epoch (<see cref="Instant.FromUnixTimeTicks"/> gives the instant).</summary>
    public ReadOnlySpan<long> PlacedAtTicks => ticks.AsSpan(0, Count);

    /// <summary>Per order, the amount in <see cref="Currency"/>.</summary>
    public ReadOnlySpan<decimal> Amounts => amounts.AsSpan(0, Count);

    /// <summary>The order at <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the table.</exception>
    public OrderRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new OrderRow(customers[index], Instant.FromUnixTimeTicks(ticks[index]), amounts[index]);
        }
    }

    /// <summary>
    /// Reads every order of <paramref name="rows"/> into a table (the read's account is in <see cref="OrderRows.Report"/>
    /// afterwards). The table shares <see cref="OrderRows.CustomerIds"/> with the read.
    /// </summary>
    /// <param name="rows">The orders of a file, as <see cref="OrderCsv.ReadRows(string, OrderColumns?, CsvReadOptions?)"/> gives them.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is <c>null</c>.</exception>
    /// <exception cref="CsvDataException">The source cannot be read (or, in strict mode, a row is bad).</exception>
    public static OrderTable Of(OrderRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new OrderTable(rows.CustomerIds, 1024);
        foreach (var row in rows)
        {
            table.Append(row.CustomerIndex, row.PlacedAt, row.Amount);
        }

        table.Currency = rows.Currency;
        table.Trim();
        return table;
    }

    /// <summary>Makes a table of order records (customer ids are encoded in the order first seen).</summary>
    /// <param name="orders">The orders, all in one currency.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> or one of them is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">The orders are in more than one currency (naming the first two), or a customer id holds a lone surrogate.</exception>
    public static OrderTable Of(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var table = new OrderTable(new IdTable(), orders.TryGetNonEnumeratedCount(out int n) ? Math.Max(n, 16) : 1024);
        foreach (var order in orders)
        {
            ArgumentNullException.ThrowIfNull(order, nameof(orders));
            if (table.Currency is null)
            {
                table.Currency = order.Currency;
            }
            else if (!string.Equals(table.Currency, order.Currency, StringComparison.Ordinal))
            {
                throw new ArgumentException($"the order of customer {CsvText.Quote(order.CustomerId)} at {order.PlacedAt} is in {order.Currency} but the table's orders are in {table.Currency}; a table holds one currency.", nameof(orders));
            }

            table.Append(table.CustomerIds.GetOrAdd(order.CustomerId), order.PlacedAt, order.Amount);
        }

        table.Trim();
        return table;
    }

    /// <summary>The orders as records, in table order (without order id, channel or segment, which the table does not keep).</summary>
    /// <returns>The records, made as they are enumerated.</returns>
    public IEnumerable<Order> ToOrders()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return new Order(CustomerIds[customers[i]], Instant.FromUnixTimeTicks(ticks[i]), amounts[i], Currency!);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"OrderTable({Count} orders, {CustomerIds.Count} customers{(Currency is null ? string.Empty : ", " + Currency)})";

    private void Append(int customer, Instant placedAt, decimal amount)
    {
        int i = Count;
        if (i == customers.Length)
        {
            int size = (int)Math.Min(Array.MaxLength, (long)i * 2);
            Array.Resize(ref customers, size);
            Array.Resize(ref ticks, size);
            Array.Resize(ref amounts, size);
        }

        customers[i] = customer;
        ticks[i] = placedAt.ToUnixTimeTicks();
        amounts[i] = amount;
        Count = i + 1;
    }

    private void Trim()
    {
        if (customers.Length > Count + (Count / 32) + 16)
        {
            Array.Resize(ref customers, Count);
            Array.Resize(ref ticks, Count);
            Array.Resize(ref amounts, Count);
        }
    }
}

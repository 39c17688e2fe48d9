using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// Consecutive accepted orders of an <see cref="OrderRows"/> read (up to 64), as columns: what
/// <see cref="OrderRows.Enumerator.MoveNextBatch"/> hands out, for a consumer that folds a batch at a time — such as the
/// core tallies' dictionary-encoded <c>AddRange(customerDictionary, customerCodes, placedAt, amounts, currency)</c>, which
/// load the state of a batch's customers together so that their memory latencies overlap. Valid until the enumerator moves on.
/// </summary>
public readonly ref struct OrderBatch
{
    internal OrderBatch(ReadOnlySpan<int> customerIndexes, ReadOnlySpan<Instant> placedAt, ReadOnlySpan<decimal> amounts)
    {
        CustomerIndexes = customerIndexes;
        PlacedAt = placedAt;
        Amounts = amounts;
    }

    /// <summary>How many orders.</summary>
    public int Count => CustomerIndexes.Length;

    /// <summary>Per order, its customer's index in <see cref="OrderRows.CustomerIds"/> (as <see cref="OrderRow.CustomerIndex"/>).</summary>
    public ReadOnlySpan<int> CustomerIndexes { get; }

    /// <summary>Per order, when it was placed.</summary>
    public ReadOnlySpan<Instant> PlacedAt { get; }

    /// <summary>Per order, its value (≥ 0) in the file's one <see cref="OrderRows.Currency"/>.</summary>
    public ReadOnlySpan<decimal> Amounts { get; }

    /// <summary>Order <paramref name="index"/> of the batch as a row.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the batch.</exception>
    public OrderRow this[int index] => new(CustomerIndexes[index], PlacedAt[index], Amounts[index]);
}

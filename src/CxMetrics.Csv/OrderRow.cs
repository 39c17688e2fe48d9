using NodaTime;

namespace CxMetrics.Csv;

/// <summary>
/// One accepted order of an <see cref="OrderRows"/> read, without strings: the customer as a dense index into
/// <see cref="OrderRows.CustomerIds"/>, the time, and the amount in the file's one <see cref="OrderRows.Currency"/>.
/// </summary>
/// <param name="CustomerIndex">The customer's index in <see cref="OrderRows.CustomerIds"/> (0, 1, 2, … in the order customers first appear).</param>
/// <param name="PlacedAt">When the order was placed.</param>
/// <param name="Amount">The order value, ≥ 0.</param>
public readonly record struct OrderRow(int CustomerIndex, Instant PlacedAt, decimal Amount);

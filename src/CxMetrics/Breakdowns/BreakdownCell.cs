namespace CxMetrics.Breakdowns;

/// <summary>One cell of a breakdown by a key (segment, channel, touchpoint, or a tuple of them).</summary>
/// <typeparam name="TKey">The key type; a <see langword="null"/> key is its own cell.</typeparam>
/// <typeparam name="TResult">The metric result type.</typeparam>
/// <param name="Key">The key of the cell.</param>
/// <param name="Result">The metric computed on the cell's data.</param>
/// <param name="Count">The number of answered observations the result rests on.</param>
/// <param name="IsSmallCell">Whether <paramref name="Count"/> is below the configured minimum: reported, to be read with care.</param>
public sealed record BreakdownCell<TKey, TResult>(TKey Key, TResult Result, long Count, bool IsSmallCell);

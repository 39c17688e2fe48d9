namespace CxMetrics.Breakdowns;

/// <summary>
/// One key's results over calendar periods (e.g. one segment's NPS per month), each period compared with the one
/// before it. Every series of a breakdown spans the same periods, so they line up as a key × period grid.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TResult">The metric result type.</typeparam>
/// <typeparam name="TChange">The comparison type.</typeparam>
/// <param name="Key">The key (segment, channel, …); a <see langword="null"/> key is its own series.</param>
/// <param name="Count">Answered observations of the key over all periods.</param>
/// <param name="Periods">The key's cells, one per period from the first to the last period with any data.</param>
public sealed record PeriodSeries<TKey, TResult, TChange>(TKey Key, long Count, IReadOnlyList<PeriodCell<TResult, TChange>> Periods)
    where TChange : class;

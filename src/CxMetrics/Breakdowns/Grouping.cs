using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Breakdowns;

/// <summary>
/// The engine behind every breakdown: maps each key to a dense index once, adds each item to that index's tally, then
/// turns tallies into results. Cells are ordered by key (ordinal for strings), so the output does not depend on the
/// order of the input.
/// </summary>
internal static class Grouping
{
    /// <summary>Tallies <paramref name="items"/> per key.</summary>
    public static List<(TKey Key, TTally Tally)> Tally<TItem, TKey, TTally>(
        IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TTally> create, Action<TTally, TItem> add)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        // Null keys never reach the dictionary: they get their own cell below.
#pragma warning disable CS8714
        var index = new Dictionary<TKey, int>();
#pragma warning restore CS8714
        var cells = new List<(TKey Key, TTally Tally)>();
        int nullCell = -1;
        foreach (var item in items)
        {
            var k = key(item);
            int i;
            if (k is null)
            {
                if (nullCell < 0)
                {
                    nullCell = cells.Count;
                    cells.Add((k, create()));
                }

                i = nullCell;
            }
            else if (!index.TryGetValue(k, out i))
            {
                i = cells.Count;
                index.Add(k, i);
                cells.Add((k, create()));
            }

            add(cells[i].Tally, item);
        }

        // A stable sort, so keys that cannot be ordered keep their first-seen order.
        return [.. cells.OrderBy(c => c.Key, Comparer<TKey>.Create(CompareKeys))];
    }

    /// <summary>A breakdown by key: one cell per key seen.</summary>
    public static IReadOnlyList<BreakdownCell<TKey, TResult>> By<TItem, TKey, TTally, TResult>(
        IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TTally> create, Action<TTally, TItem> add,
        Func<TTally, TResult> result, Func<TTally, long> count, int minimumCellSize)
    {
        var cells = Tally(items, key, create, add);
        var output = new BreakdownCell<TKey, TResult>[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            long n = count(cells[i].Tally);
            output[i] = new BreakdownCell<TKey, TResult>(cells[i].Key, result(cells[i].Tally), n, n < minimumCellSize);
        }

        return output;
    }

    /// <summary>
    /// A breakdown by calendar period of <paramref name="grid"/>. The range rule every family follows: without
    /// <paramref name="range"/>, every period from the first to the last with data (inferred); with it, exactly the periods
    /// from its first to its last (explicit), items outside it left out. Gaps are cells without estimate; each period is
    /// compared with the one before it.
    /// </summary>
    public static IReadOnlyList<PeriodCell<TResult, TChange>> ByPeriod<TItem, TTally, TResult, TChange>(
        IEnumerable<TItem> items, Func<TItem, Instant> at, PeriodGrid grid, (CalendarPeriod First, CalendarPeriod Last)? range,
        Func<TTally> create, Action<TTally, TItem> add, Func<TTally, TResult> result, Func<TTally, long> count,
        Func<TResult, TResult, TChange> compare, int minimumCellSize, int maxPeriods)
        where TChange : class
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(at);
        CheckRange(grid, range, maxPeriods);
        var cells = Tally(items, item => grid.Containing(at(item)), create, add);
        if (range is { } r)
        {
            cells.RemoveAll(c => c.Key < r.First || c.Key > r.Last);
        }

        return PeriodCells(cells, range, create, result, count, compare, minimumCellSize, maxPeriods);
    }

    /// <summary>Checks an explicit range against the grid and the period bound; nothing to check for an inferred one.</summary>
    internal static void CheckRange(PeriodGrid grid, (CalendarPeriod First, CalendarPeriod Last)? range, int maxPeriods)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (range is { } r)
        {
            grid.CheckRange(r.First, r.Last);
            EnsureSpan(r.First, r.Last, maxPeriods, "raise MaxPeriods or split the range into several calls", "last");
        }
    }

    /// <summary>
    /// A breakdown by key from tallies already counted per key (e.g. while streaming a file): the cells are built exactly as
    /// <see cref="By"/> builds them from the same tallies. A key given once uses its tally as it is; the tallies of a key
    /// given more than once are merged into a new tally, so the given tallies are never changed.
    /// </summary>
    public static IReadOnlyList<BreakdownCell<TKey, TResult>> FromTallies<TKey, TTally, TResult>(
        IEnumerable<KeyValuePair<TKey, TTally>> tallies, Func<TTally> create, Func<TTally, TTally, TTally> merge,
        Func<TTally, TResult> result, Func<TTally, long> count, int minimumCellSize)
    {
        var cells = Collect(tallies, create, merge);
        var output = new BreakdownCell<TKey, TResult>[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            long n = count(cells[i].Tally);
            output[i] = new BreakdownCell<TKey, TResult>(cells[i].Key, result(cells[i].Tally), n, n < minimumCellSize);
        }

        return output;
    }

    /// <summary>
    /// A breakdown by calendar period from tallies already counted per period: tallies of the same period are combined as in
    /// <see cref="FromTallies"/>, then the cells are built exactly as <see cref="ByPeriod"/> builds them (gaps included, each
    /// period compared with the one before it).
    /// </summary>
    /// <exception cref="ArgumentException">The periods are not all of one unit.</exception>
    public static IReadOnlyList<PeriodCell<TResult, TChange>> ByPeriodFromTallies<TTally, TResult, TChange>(
        IEnumerable<KeyValuePair<CalendarPeriod, TTally>> tallies, Func<TTally> create, Func<TTally, TTally, TTally> merge,
        Func<TTally, TResult> result, Func<TTally, long> count, Func<TResult, TResult, TChange> compare, int minimumCellSize, int maxPeriods)
        where TChange : class
    {
        var cells = Collect(tallies, create, merge);
        if (cells.Count > 0)
        {
            var unit = cells[0].Key.Unit;
            foreach (var (period, _) in cells)
            {
                if (period.Unit != unit)
                {
                    throw new ArgumentException($"period {period} is not of the unit of period {cells[0].Key} ({unit.ToString().ToLowerInvariant()}): a breakdown by period needs one calendar.", nameof(tallies));
                }
            }
        }

        return PeriodCells(cells, null, create, result, count, compare, minimumCellSize, maxPeriods);
    }

    /// <summary>One tally per distinct key (the given one, or a new merge of several), ordered as <see cref="Tally"/> orders them.</summary>
    private static List<(TKey Key, TTally Tally)> Collect<TKey, TTally>(IEnumerable<KeyValuePair<TKey, TTally>> tallies, Func<TTally> create, Func<TTally, TTally, TTally> merge)
    {
        ArgumentNullException.ThrowIfNull(tallies);
#pragma warning disable CS8714 // null keys never reach the dictionary
        var index = new Dictionary<TKey, int>();
#pragma warning restore CS8714
        var cells = new List<(TKey Key, TTally Tally, bool Owned)>();
        int nullCell = -1;
        foreach (var (k, tally) in tallies)
        {
            ArgumentNullException.ThrowIfNull(tally, nameof(tallies));
            int i = k is null ? nullCell : index.TryGetValue(k, out int found) ? found : -1;
            if (i < 0)
            {
                if (k is null)
                {
                    nullCell = cells.Count;
                }
                else
                {
                    index.Add(k, cells.Count);
                }

                cells.Add((k, tally, false));
                continue;
            }

            var cell = cells[i];
            if (!cell.Owned)
            {
                cell = (cell.Key, merge(create(), cell.Tally), true);
            }

            merge(cell.Tally, tally);
            cells[i] = cell;
        }

        return [.. cells.Select(c => (c.Key, c.Tally)).OrderBy(c => c.Key, Comparer<TKey>.Create(CompareKeys))];
    }

    private static List<PeriodCell<TResult, TChange>> PeriodCells<TTally, TResult, TChange>(
        List<(CalendarPeriod Key, TTally Tally)> cells, (CalendarPeriod First, CalendarPeriod Last)? range, Func<TTally> create,
        Func<TTally, TResult> result, Func<TTally, long> count, Func<TResult, TResult, TChange> compare, int minimumCellSize, int maxPeriods)
        where TChange : class
    {
        var output = new List<PeriodCell<TResult, TChange>>();
        if (cells.Count == 0 && range is null)
        {
            return output;
        }

        var (first, last) = range ?? (cells[0].Key, cells[^1].Key);
        EnsureSpan(first, last, maxPeriods);
        var byPeriod = cells.ToDictionary(c => c.Key, c => c.Tally);
        PeriodCell<TResult, TChange>? previous = null;
        foreach (var period in CalendarPeriod.Range(first, last))
        {
            var tally = byPeriod.TryGetValue(period, out var t) ? t : create();
            long n = count(tally);
            var r = result(tally);
            var change = previous is null ? null : compare(r, previous.Result);
            previous = new PeriodCell<TResult, TChange>(period, r, n, n < minimumCellSize, change);
            output.Add(previous);
        }

        return output;
    }

    /// <summary>
    /// A key × period grid counted into dense arrays: keys and periods get indices through one dictionary each, periods
    /// found by <see cref="PeriodGrid.Containing(Instant)"/>. Every key's series spans the same periods: the first to the
    /// last with data (inferred), or exactly <paramref name="range"/> (explicit; items outside it left out).
    /// </summary>
    public static IReadOnlyList<PeriodSeries<TKey, TResult, TChange>> ByKeyAndPeriod<TItem, TKey, TTally, TResult, TChange>(
        IEnumerable<TItem> items, Func<TItem, TKey> key, Func<TItem, Instant> at, PeriodGrid grid, (CalendarPeriod First, CalendarPeriod Last)? range,
        Func<TTally> create, Action<TTally, TItem> add, Func<TTally, TResult> result, Func<TTally, long> count,
        Func<TResult, TResult, TChange> compare, int minimumCellSize, int maxPeriods)
        where TTally : class
        where TChange : class
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(at);
        CheckRange(grid, range, maxPeriods);
        var periodIndex = new Dictionary<CalendarPeriod, int>();
        var periods = new List<CalendarPeriod>();
        CalendarPeriod lastPeriod = default;
        int lastColumn = -1;
#pragma warning disable CS8714 // null keys never reach the dictionary
        var keyIndex = new Dictionary<TKey, int>();
#pragma warning restore CS8714
        var keys = new List<TKey>();
        var rows = new List<TTally?[]>();
        int nullKey = -1;

        // Consecutive items of one period (data mostly in time order) skip the dictionary.
        int Column(CalendarPeriod period)
        {
            if (lastColumn >= 0 && period == lastPeriod)
            {
                return lastColumn;
            }

            if (!periodIndex.TryGetValue(period, out int column))
            {
                column = periods.Count;
                periodIndex.Add(period, column);
                periods.Add(period);
            }

            (lastPeriod, lastColumn) = (period, column);
            return column;
        }

        foreach (var item in items)
        {
            var period = grid.Containing(at(item));
            bool inRange = range is not { } r || (period >= r.First && period <= r.Last);
            int column = inRange ? Column(period) : -1;
            var k = key(item);
            int row;
            if (k is null)
            {
                if (nullKey < 0)
                {
                    nullKey = keys.Count;
                    keys.Add(k);
                    rows.Add(new TTally?[4]);
                }

                row = nullKey;
            }
            else if (!keyIndex.TryGetValue(k, out row))
            {
                row = keys.Count;
                keyIndex.Add(k, row);
                keys.Add(k);
                rows.Add(new TTally?[4]);
            }

            if (!inRange)
            {
                continue; // the key is listed (its series has empty cells), the item is left out
            }

            var cells = rows[row];
            if (column >= cells.Length)
            {
                Array.Resize(ref cells, Math.Max(column + 1, cells.Length * 2));
                rows[row] = cells;
            }

            add(cells[column] ??= create(), item);
        }

        var output = new List<PeriodSeries<TKey, TResult, TChange>>(keys.Count);
        if (periods.Count == 0 && range is null)
        {
            return output;
        }

        var (first, lastOfAll) = range ?? (periods.Min(), periods.Max());
        EnsureSpan(first, lastOfAll, maxPeriods);

        var order = Enumerable.Range(0, keys.Count).OrderBy(i => keys[i], Comparer<TKey>.Create(CompareKeys));
        foreach (int row in order)
        {
            var cells = rows[row];
            var series = new List<PeriodCell<TResult, TChange>>();
            PeriodCell<TResult, TChange>? previous = null;
            long total = 0;
            foreach (var period in CalendarPeriod.Range(first, lastOfAll))
            {
                var tally = periodIndex.TryGetValue(period, out int id) && id < cells.Length ? cells[id] : null;
                tally ??= create();
                long n = count(tally);
                total += n;
                var r = result(tally);
                previous = new PeriodCell<TResult, TChange>(period, r, n, n < minimumCellSize, previous is null ? null : compare(r, previous.Result));
                series.Add(previous);
            }

            output.Add(new PeriodSeries<TKey, TResult, TChange>(keys[row], total, series));
        }

        return output;
    }

    /// <summary>Throws when listing every period from <paramref name="first"/> to <paramref name="last"/> would exceed <paramref name="maxPeriods"/>.</summary>
    /// <param name="first">The first period.</param>
    /// <param name="last">The last period, same unit.</param>
    /// <param name="maxPeriods">The bound.</param>
    /// <param name="widen">How a caller may allow more periods, for the message.</param>
    /// <param name="paramName">The public parameter the error names: <c>options</c> (its <c>MaxPeriods</c>) for a range inferred from the data, <c>last</c> for an explicit range.</param>
    internal static void EnsureSpan(CalendarPeriod first, CalendarPeriod last, int maxPeriods, string widen = "raise MaxPeriods", string paramName = "options")
    {
        long count = CalendarPeriod.CountFrom(first, last);
        if (count > maxPeriods)
        {
            string unit = first.Unit.ToString().ToLowerInvariant();
            throw new ArgumentOutOfRangeException(
                paramName,
                FormattableString.Invariant($"the data spans {count:N0} {unit}s, from {first} to {last}: more than the {maxPeriods:N0} periods a breakdown lists (MaxPeriods). Narrow it: group by a longer period than {unit}, leave out the outlying dates (is {first} or {last} a typo?), or {widen}."));
        }
    }

    internal static int CompareKeys<TKey>(TKey a, TKey b)
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }

        return a is IComparable<TKey> || a is IComparable ? Comparer<TKey>.Default.Compare(a, b) : 0;
    }
}

using System.Globalization;
using CxMetrics.Internal;
using CxMetrics.Reporting;
using CxMetrics.Time;

namespace CxMetrics.Breakdowns;

/// <summary>
/// Renders breakdown lists (<see cref="BreakdownCell{TKey, TResult}"/> per segment, <see cref="PeriodCell{TResult, TChange}"/>
/// per calendar period) as reports (see <see cref="Report"/>): one row per cell with its key or period, its n, whether it is a
/// small-n flag (fewer than the minimum cell size), the result's own text and, for periods, the change from the previous period. Keys and results are formatted
/// with the invariant culture.
/// </summary>
public static class BreakdownTables
{
    /// <summary>The cells as a report of one table (key, n, small n, result), for the writers of <see cref="Report"/>.</summary>
    /// <typeparam name="TKey">The segment key.</typeparam>
    /// <typeparam name="TResult">The result per segment.</typeparam>
    /// <param name="cells">The breakdown, e.g. from <see cref="Grouping.By{TItem, TKey, TTally, TResult}"/>.</param>
    /// <param name="caption">A caption, e.g. <c>"NPS by country"</c>.</param>
    /// <returns>The report.</returns>
    public static Report ToReport<TKey, TResult>(this IReadOnlyList<BreakdownCell<TKey, TResult>> cells, string caption = "Breakdown") =>
        Report.Of(Grid(cells, caption));

    /// <summary>The periods as a report of one table (period, n, small n, result, change from the previous period).</summary>
    /// <typeparam name="TResult">The result per period.</typeparam>
    /// <typeparam name="TChange">The comparison with the previous period.</typeparam>
    /// <param name="cells">The series, e.g. from <see cref="Grouping.ByPeriod{TItem, TTally, TResult, TChange}"/>.</param>
    /// <param name="caption">A caption, e.g. <c>"NPS by month"</c>.</param>
    /// <returns>The report.</returns>
    public static Report ToReport<TResult, TChange>(this IReadOnlyList<PeriodCell<TResult, TChange>> cells, string caption = "By period")
        where TChange : class =>
        Report.Of(Grid(cells, caption));

    /// <summary>
    /// A key × period grid (e.g. from <c>Nps.ByKeyAndPeriod</c> or <c>CustomerChurn.ByKeyAndPeriod</c>) as a report of one
    /// table: one row per key and period (key, period, n, small n, result, change from the key's previous period), periods
    /// without data included, then a note with each key's total n and the periods in which no key has data.
    /// </summary>
    /// <typeparam name="TKey">The segment key.</typeparam>
    /// <typeparam name="TResult">The result per cell.</typeparam>
    /// <typeparam name="TChange">The comparison with the previous period.</typeparam>
    /// <param name="series">The grid: one series per key, all spanning the same periods.</param>
    /// <param name="caption">A caption, e.g. <c>"Churn by plan and month"</c>.</param>
    /// <returns>The report.</returns>
    public static Report ToReport<TKey, TResult, TChange>(this IReadOnlyList<PeriodSeries<TKey, TResult, TChange>> series, string caption = "By key and period")
        where TChange : class =>
        Report.Of(Grid(series, caption));

    private static ResultGrid Grid<TKey, TResult, TChange>(IReadOnlyList<PeriodSeries<TKey, TResult, TChange>> series, string caption)
        where TChange : class
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(caption);
        var grid = new ResultGrid(caption, "<key", "<period", "n", "<small n", "<result", "<change from previous");
        var totals = new List<string>(series.Count);
        var withData = new HashSet<CalendarPeriod>();
        var periods = new List<CalendarPeriod>();
        foreach (var s in series)
        {
            string key = Text(s.Key).ToString();
            foreach (var cell in s.Periods)
            {
                grid.Row(key, cell.Period.ToString(), ResultTable.Count(cell.Count), cell.IsSmallCell ? "yes" : "no", Text(cell.Result), Text(cell.ChangeFromPrevious));
                if (periods.Count < s.Periods.Count && !periods.Contains(cell.Period))
                {
                    periods.Add(cell.Period);
                }

                if (cell.Count > 0)
                {
                    withData.Add(cell.Period);
                }
            }

            totals.Add($"{key}: n = {ResultTable.Count(s.Count)}");
        }

        if (totals.Count > 0)
        {
            grid.Note("Totals over all periods: " + string.Join("; ", totals) + ".");
        }

        var empty = periods.Where(p => !withData.Contains(p)).Select(p => p.ToString()).ToList();
        if (empty.Count > 0)
        {
            grid.Note("Periods without data in any key (listed with n = 0): " + string.Join(", ", empty) + ".");
        }

        return grid;
    }

    private static ResultGrid Grid<TKey, TResult>(IReadOnlyList<BreakdownCell<TKey, TResult>> cells, string caption)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(caption);
        var grid = new ResultGrid(caption, "<key", "n", "<small n", "<result");
        foreach (var cell in cells)
        {
            grid.Row(Text(cell.Key), ResultTable.Count(cell.Count), cell.IsSmallCell ? "yes" : "no", Text(cell.Result));
        }

        return grid;
    }

    private static ResultGrid Grid<TResult, TChange>(IReadOnlyList<PeriodCell<TResult, TChange>> cells, string caption)
        where TChange : class
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(caption);
        var grid = new ResultGrid(caption, "<period", "n", "<small n", "<result", "<change from previous");
        foreach (var cell in cells)
        {
            grid.Row(cell.Period.ToString(), ResultTable.Count(cell.Count), cell.IsSmallCell ? "yes" : "no", Text(cell.Result), Text(cell.ChangeFromPrevious));
        }

        return grid;
    }

    internal static Reporting.ReportCell Text<T>(T value) => value switch
    {
        null => ResultTable.Missing,
        double d => ResultTable.Number(d, "0.####"),
        float f => ResultTable.Number(f, "0.####"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? ResultTable.Missing,
    };
}

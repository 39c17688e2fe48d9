using CxMetrics.Reporting;

namespace CxMetrics.Statistics;

/// <summary>Report cells of the statistics types (intervals, proportions, means), for the descriptions of every family.</summary>
internal static class StatisticsCells
{
    /// <summary>An interval as <c>[lower, upper]</c>, its bounds multiplied by <paramref name="scale"/>; <c>%</c> with a scale of 100 is a share interval.</summary>
    public static ReportCell Interval(ConfidenceInterval? interval, string format = "0.0", double scale = 1, string suffix = "")
    {
        if (interval is not { } ci)
        {
            return new MissingCell();
        }

        int places = Internal.ResultTable.Places(format);
        bool trim = format.Contains('#', StringComparison.Ordinal);
        return suffix == "%" && scale == 100
            ? new IntervalCell(ci.Lower, ci.Upper, places, Share: true, Trim: trim)
            : new IntervalCell(ci.Lower * scale, ci.Upper * scale, places, Trim: trim);
    }

    /// <summary>A proportion as <c>12.3% [10.1%, 14.6%] (81 of 658)</c>.</summary>
    public static ReportCell Proportion(ProportionEstimate estimate) => estimate.Value is null
        ? $"{Internal.ResultTable.Missing} (n = 0)"
        : $"{new ShareCell(estimate.Value)} {Interval(estimate.Interval, "0.0", 100, "%")} ({new CountCell(estimate.Successes)} of {new CountCell(estimate.Count)})";

    /// <summary>A mean as <c>12.34 [11.02, 13.66]</c>.</summary>
    public static ReportCell Mean(MeanEstimate estimate, string format = "0.00") =>
        estimate.Value is null ? new MissingCell() : $"{Internal.ResultTable.Number(estimate.Value, format)} {Interval(estimate.Interval, format)}";
}

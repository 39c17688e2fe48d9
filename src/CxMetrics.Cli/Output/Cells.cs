using CxMetrics.Reporting;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Output;

/// <summary>Core cells of the statistics types the tool's tables show (the core's number style; no format of the tool's own).</summary>
internal static class Cells
{
    /// <summary>An interval cell, <c>[lower, upper]</c>; a share interval shows percentages; no interval is a missing cell (<c>—</c>).</summary>
    public static ReportCell Interval(ConfidenceInterval? interval, bool share = false, int decimals = 1) =>
        interval is { } ci ? new IntervalCell(ci.Lower, ci.Upper, decimals, share) : new MissingCell();
}

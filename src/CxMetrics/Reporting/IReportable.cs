namespace CxMetrics.Reporting;

/// <summary>A result with a description (what the notebook formatter and <c>Report</c> writers show).</summary>
internal interface IReportable
{
    /// <summary>The result as titled tables and notes.</summary>
    Report ToReport();
}

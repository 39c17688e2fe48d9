namespace CxMetrics.Reporting;

/// <summary>Something a description builds a <see cref="ReportTable"/> with (the internal table builders).</summary>
internal interface ITableSource
{
    /// <summary>The finished table.</summary>
    ReportTable Build();
}

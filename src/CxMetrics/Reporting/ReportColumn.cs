namespace CxMetrics.Reporting;

/// <summary>A column of a <see cref="ReportTable"/>: its header and whether it holds figures (right-aligned) or text.</summary>
/// <param name="Header">The header; empty in a table of named values.</param>
/// <param name="Numeric">Whether the column is right-aligned.</param>
public sealed record ReportColumn(string Header, bool Numeric = true);

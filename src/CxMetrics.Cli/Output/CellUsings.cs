// The core's cell types by name in every file of the tool (the tool's ReportTable builder keeps its own name, so the
// Reporting namespace itself is not imported).
global using CountCell = CxMetrics.Reporting.CountCell;
global using IntervalCell = CxMetrics.Reporting.IntervalCell;
global using MissingCell = CxMetrics.Reporting.MissingCell;
global using MoneyCell = CxMetrics.Reporting.MoneyCell;
global using NumberCell = CxMetrics.Reporting.NumberCell;
global using PValueCell = CxMetrics.Reporting.PValueCell;
global using ReportCell = CxMetrics.Reporting.ReportCell;
global using ShareCell = CxMetrics.Reporting.ShareCell;

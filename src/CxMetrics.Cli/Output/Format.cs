using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Output;

/// <summary>
/// The few texts of the tool that are not table cells (a confidence-level header, the account of a file read, the small-cell
/// flag) and shorthands for core cells. Every figure in a table is a core cell (<see cref="Reporting.ReportCell"/>:
/// <see cref="Reporting.NumberCell"/>, <see cref="Reporting.ShareCell"/>, <see cref="Reporting.PValueCell"/>, …; intervals
/// through <see cref="Cells"/>), so the number style is the core's, once (docs/cli.md, "Text output"); identifiers are not
/// numbers and keep their digits (ids, years and periods, seeds, line numbers). JSON <c>results</c> hold plain numbers.
/// </summary>
internal static class Format
{
    public const string None = "—";

    /// <summary>A money amount with two decimals and thousands separators: a core money cell (its text is the one number style's).</summary>
    public static Reporting.MoneyCell Money(decimal value) => new(value);

    /// <summary>A count: a core count cell, so that small-cell suppression applies to it in every table.</summary>
    public static Reporting.CountCell Count(long value) => new(value);

    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% CI";

    /// <summary>The account of one file read, as <see cref="Csv.CsvReport.ToString"/> words it, with thousands separators.</summary>
    public static string Input(Csv.CsvReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.Source}: {report.RowsRead:N0} rows read, {report.RowsAccepted:N0} accepted, {report.RowsRejected:N0} rejected")
        + (report.RowsSkipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {report.RowsSkipped:N0} skipped") : string.Empty)
        + (report.IsComplete ? string.Empty : " (not finished)");

    public static string Flag(bool smallCell) => smallCell ? "small n" : string.Empty;
}

using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Output;

/// <summary>
/// Number formats for report cells, notes and sentences (invariant culture; "—" where there is no estimate). One rule
/// (docs/cli.md, "Text output"): every number of 1,000 or more is printed with comma thousands separators — counts
/// (<c>6,261</c>), money (<c>1,175.05</c>), hours, days and statistics alike — in tables, notes, headline sentences, the
/// account of the files read and error lines; identifiers are not numbers and keep their digits (ids, years and periods,
/// seeds, line numbers). JSON <c>results</c> hold plain numbers.
/// </summary>
internal static class Format
{
    public const string None = "—";

    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(Grouped(format), CultureInfo.InvariantCulture) : None;

    /// <summary>A money amount with two decimals and thousands separators: a core money cell (its text is the one number style's).</summary>
    public static Reporting.MoneyCell Money(decimal value) => new(value);

    /// <summary>
    /// A custom numeric format with thousands separators: <c>#,##</c> before the first digit placeholder of each section
    /// (<c>0.0</c> becomes <c>#,##0.0</c>, <c>+0.0;-0.0;0.0</c> becomes <c>+#,##0.0;-#,##0.0;#,##0.0</c>).
    /// </summary>
    public static string Grouped(string format) =>
        format.Contains(',', StringComparison.Ordinal) ? format : string.Join(';', format.Split(';').Select(section =>
        {
            int digit = section.IndexOf('0', StringComparison.Ordinal);
            return digit < 0 ? section : section.Insert(digit, "#,##");
        }));

    public static string Signed(double? value, string format = "+0.0;-0.0;0.0") => Number(value, format);

    /// <summary>A count: a core count cell, so that small-cell suppression applies to it in every table.</summary>
    public static Reporting.CountCell Count(long value) => new(value);

    public static string Interval(ConfidenceInterval? interval, double scale = 1, string format = "0.0") =>
        interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"[{(ci.Lower * scale).ToString(Grouped(format), CultureInfo.InvariantCulture)}, {(ci.Upper * scale).ToString(Grouped(format), CultureInfo.InvariantCulture)}]")
            : None;

    public static string PValue(double? p) => p switch
    {
        null => None,
        < 0.001 => "<0.001",
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% CI";

    /// <summary>The account of one file read, as <see cref="Csv.CsvReport.ToString"/> words it, with thousands separators.</summary>
    public static string Input(Csv.CsvReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.Source}: {report.RowsRead:N0} rows read, {report.RowsAccepted:N0} accepted, {report.RowsRejected:N0} rejected")
        + (report.RowsSkipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {report.RowsSkipped:N0} skipped") : string.Empty)
        + (report.IsComplete ? string.Empty : " (not finished)");

    public static string Flag(bool smallCell) => smallCell ? "small n" : string.Empty;
}

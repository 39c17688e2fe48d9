using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Output;

/// <summary>Number formats for report cells (invariant culture; "—" where there is no estimate).</summary>
internal static class Format
{
    public const string None = "—";

    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string Signed(double? value, string format = "+0.0;-0.0;0.0") => Number(value, format);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Interval(ConfidenceInterval? interval, double scale = 1, string format = "0.0") =>
        interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"[{(ci.Lower * scale).ToString(format, CultureInfo.InvariantCulture)}, {(ci.Upper * scale).ToString(format, CultureInfo.InvariantCulture)}]")
            : None;

    public static string PValue(double? p) => p switch
    {
        null => None,
        < 0.001 => "<0.001",
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% CI";

    public static string Flag(bool smallCell) => smallCell ? "small n" : string.Empty;
}

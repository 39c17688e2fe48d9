using System.Globalization;
using CxMetrics.Reporting;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Internal;

/// <summary>
/// Builds a two-column (quantity, value) <see cref="ReportTable"/> for a result's description. The static members make the
/// typed cells from the figures descriptions hold; how a cell prints is decided once, by the Reporting writers.
/// </summary>
internal sealed class ResultTable(string caption) : ITableSource
{
    /// <summary>What a cell without a value shows.</summary>
    public const string Missing = "—";

    private static readonly ReportColumn[] NamedValueColumns = [new(string.Empty, Numeric: false), new(string.Empty)];

    private readonly List<ReportCell[]> rows = [];
    private readonly List<string> notes = [];

    public ResultTable Row(string name, ReportCell value)
    {
        rows.Add([new TextCell(name), value]);
        return this;
    }

    /// <summary>Adds a line of text printed under the table.</summary>
    public ResultTable Note(string note)
    {
        notes.Add(note);
        return this;
    }

    public ReportTable Build() => new(caption, NamedValueColumns, [.. rows]) { Notes = [.. notes] };

    /// <summary>
    /// A number cell from a .NET-style pattern (<c>0.00</c>: two places; <c>0.##</c>: up to two; <c>+0.00;…</c>: showSign;
    /// <c>G4</c>: four significant digits); thousands separators are the number style's, whatever the pattern.
    /// </summary>
    public static ReportCell Number(double? value, string format = "0.0")
    {
        if (format.StartsWith('G'))
        {
            return new NumberCell(value, Significant: int.Parse(format.AsSpan(1), CultureInfo.InvariantCulture));
        }

        if (format.Contains('E', StringComparison.Ordinal))
        {
            return new NumberCell(value, Significant: 4);
        }

        bool showSign = format.StartsWith('+');
        string positive = format.Split(';')[0];
        int dot = positive.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return new NumberCell(value, 0, ShowSign: showSign);
        }

        ReadOnlySpan<char> places = positive.AsSpan(dot + 1);
        return new NumberCell(value, places.Length, places.Contains('#'), showSign);
    }

    public static ReportCell Count(long value) => new CountCell(value);

    public static ReportCell Count(long? value) => new CountCell(value);

    /// <summary>A share in [0, 1] as a percentage, e.g. <c>12.3%</c>.</summary>
    public static ReportCell Percent(double? share, string format = "0.0") => new ShareCell(share, Places(format), Trim: format.Contains('#', StringComparison.Ordinal));

    /// <summary>A confidence level as a label, e.g. <c>95% CI</c>.</summary>
    public static string Level(double level) => (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% CI";

    /// <summary>Money with its currency, e.g. <c>1,234.50 USD</c>.</summary>
    public static ReportCell Money(decimal amount, string? currency) => new MoneyCell(amount, currency);

    public static ReportCell Money(decimal? amount, string? currency) => new MoneyCell(amount, currency);

    /// <summary>An instant in ISO 8601 UTC, e.g. <c>2024-03-01T00:00:00Z</c>.</summary>
    public static string When(Instant instant) => InstantPattern.General.Format(instant);

    /// <summary>A half-open interval of instants as <c>start – end</c>.</summary>
    public static string When(NodaTime.Interval interval) =>
        (interval.HasStart ? When(interval.Start) : "−∞") + " – " + (interval.HasEnd ? When(interval.End) : "∞");

    /// <summary>A duration in days, e.g. <c>90 days</c>.</summary>
    public static string Days(Duration? duration) => duration is { } d ? new NumberCell(d.TotalDays, 2, Trim: true) + " days" : Missing;

    /// <summary>A p-value, with very small values shown as <c>&lt; 0.0001</c>.</summary>
    public static ReportCell PValue(double? p) => new PValueCell(p);

    /// <summary>Places after the point of a pattern such as <c>0.00</c>.</summary>
    public static int Places(string format)
    {
        int dot = format.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : format.Length - dot - 1;
    }
}

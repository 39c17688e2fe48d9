using System.Globalization;
using System.Text;

namespace CxMetrics.Reporting;

/// <summary>
/// The one number style of every writer (invariant culture): counts and money with thousands separators, one rounding rule
/// per kind of cell, and the one missing-value policy — <see langword="null"/> and NaN print as <see cref="Missing"/>, +∞ as
/// <c>∞</c>, −∞ as <c>−∞</c>, a value that cannot be observed yet as <see cref="NotObservable"/>.
/// </summary>
internal static class NumberStyle
{
    /// <summary>What a cell without a value shows.</summary>
    public const string Missing = "—";

    /// <summary>What a cell that cannot be observed yet (censored, pending, in the future) shows.</summary>
    public const string NotObservable = "not observable";

    public static string Format(ReportCell cell) => cell switch
    {
        CountCell c => Count(c.Value),
        NumberCell n => Number(n),
        ShareCell s => Share(s.Value, s.Decimals, s.ShowSign, s.Trim),
        MoneyCell m => m.Value is { } a ? a.ToString("N2", CultureInfo.InvariantCulture) + (m.Currency is null ? string.Empty : " " + m.Currency) : Missing,
        IntervalCell i => Interval(i),
        PValueCell p => PValue(p.Value),
        ChangeCell c => Change(c),
        TextCell t => t.Text,
        MissingCell { Reason: MissingReason.NotObservable } => NotObservable,
        _ => Missing,
    };

    private static string? Special(double? value) => value switch
    {
        null => Missing,
        { } v when double.IsNaN(v) => Missing,
        { } v when double.IsPositiveInfinity(v) => "∞",
        { } v when double.IsNegativeInfinity(v) => "−∞",
        _ => null,
    };

    private static string Count(double? value) => Special(value)
        ?? value!.Value.ToString(value.Value == Math.Floor(value.Value) ? "#,##0" : "#,##0.##", CultureInfo.InvariantCulture);

    private static string Number(NumberCell cell)
    {
        if (Special(cell.Value) is { } special)
        {
            return special;
        }

        double v = cell.Value!.Value;
        string text = cell.Significant > 0
            ? v.ToString("G" + cell.Significant.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : v.ToString(Fixed(cell.Decimals, cell.Trim), CultureInfo.InvariantCulture);
        return cell.ShowSign && v > 0 && text.Any(static c => c is >= '1' and <= '9') ? "+" + text : text;
    }

    private static string Share(double? share, int decimals, bool showSign, bool trim)
    {
        if (Special(share) is { } special)
        {
            return special;
        }

        return Number(new NumberCell(share!.Value * 100, decimals, trim, showSign)) + "%";
    }

    private static string Interval(IntervalCell cell)
    {
        string Bound(double? b) => cell.Share ? Share(b, cell.Decimals, false, cell.Trim) : Number(new NumberCell(b, cell.Decimals, cell.Trim));
        return "[" + Bound(cell.Lower) + ", " + Bound(cell.Upper) + "]";
    }

    private static string PValue(double? p) => p switch
    {
        { } v when Special(v) is { } special => special,
        null => Missing,
        < 0.0001 => "< 0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    private static string Change(ChangeCell cell)
    {
        var text = new StringBuilder(Number(cell.Difference));
        if (cell.Interval is { } interval)
        {
            text.Append(' ').Append(Interval(interval));
        }

        if (cell.PValue is { } p)
        {
            text.Append(p < 0.0001 ? ", p " : ", p = ").Append(PValue(p));
        }

        return text.ToString();
    }

    private static string Fixed(int decimals, bool trim) =>
        decimals <= 0 ? "#,##0" : "#,##0." + new string(trim ? '#' : '0', decimals);
}

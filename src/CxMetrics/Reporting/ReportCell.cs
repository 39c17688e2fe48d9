namespace CxMetrics.Reporting;

/// <summary>
/// One cell of a <see cref="ReportTable"/>: a typed value that every writer shows the same way (<see cref="ToString"/> is the
/// text all writers print). A value that is <see langword="null"/> or NaN shows as <c>—</c>, +∞ as <c>∞</c>, −∞ as <c>−∞</c>;
/// a <see cref="MissingCell"/> says why there is no value.
/// </summary>
public abstract record ReportCell
{
    private protected ReportCell()
    {
    }

    /// <summary>A text cell.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator ReportCell(string text) => FromString(text);

    /// <summary>A text cell.</summary>
    /// <param name="text">The text; <see langword="null"/> is empty.</param>
    /// <returns>A <see cref="TextCell"/>.</returns>
    public static ReportCell FromString(string? text) => new TextCell(text ?? string.Empty);

    /// <summary>The cell as every writer prints it, in the one number style (invariant culture).</summary>
    /// <returns>The cell's text.</returns>
    public sealed override string ToString() => NumberStyle.Format(this);
}

/// <summary>A count: thousands separators, no decimals unless the count is weighted (then up to two).</summary>
/// <param name="Value">The count; <see langword="null"/> when there is none.</param>
public sealed record CountCell(double? Value) : ReportCell;

/// <summary>
/// A number (a score, a parameter, a time) with thousands separators, rounded to <paramref name="Decimals"/> places, or, when
/// <paramref name="Significant"/> is above 0, to that many significant digits (scientific notation for very small or large
/// values).
/// </summary>
/// <param name="Value">The number.</param>
/// <param name="Decimals">Places after the point.</param>
/// <param name="Trim">Whether trailing zeros after the point are dropped (<c>1.5</c> rather than <c>1.500</c>).</param>
/// <param name="ShowSign">Whether a positive number carries a <c>+</c> (a change).</param>
/// <param name="Significant">Significant digits instead of fixed places; 0 (the default) uses <paramref name="Decimals"/>.</param>
public sealed record NumberCell(double? Value, int Decimals = 1, bool Trim = false, bool ShowSign = false, int Significant = 0) : ReportCell;

/// <summary>A share in [0, 1] shown as a percentage, e.g. <c>12.3%</c>.</summary>
/// <param name="Value">The share (not the percentage).</param>
/// <param name="Decimals">Places of the percentage.</param>
/// <param name="ShowSign">Whether a positive share carries a <c>+</c> (an uplift).</param>
/// <param name="Trim">Whether trailing zeros after the point are dropped (<c>80%</c> rather than <c>80.00%</c>).</param>
public sealed record ShareCell(double? Value, int Decimals = 1, bool ShowSign = false, bool Trim = false) : ReportCell;

/// <summary>Money with its currency, e.g. <c>1,234.50 USD</c>: thousands separators and two decimals.</summary>
/// <param name="Value">The amount.</param>
/// <param name="Currency">The ISO 4217 code, or <see langword="null"/>.</param>
public sealed record MoneyCell(decimal? Value, string? Currency = null) : ReportCell;

/// <summary>
/// A confidence interval as <c>[lower, upper]</c>. A share interval (<paramref name="Share"/>) shows percentages; a bound that
/// is <see langword="null"/> or NaN shows as <c>—</c> inside the brackets. No interval at all is a <see cref="MissingCell"/>.
/// </summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Decimals">Places of each bound (of the percentage for a share).</param>
/// <param name="Share">Whether the bounds are shares shown as percentages.</param>
/// <param name="Trim">Whether trailing zeros after the point are dropped.</param>
public sealed record IntervalCell(double? Lower, double? Upper, int Decimals = 1, bool Share = false, bool Trim = false) : ReportCell;

/// <summary>A p-value with four decimals; below 0.0001 it shows as <c>&lt; 0.0001</c>.</summary>
/// <param name="Value">The p-value.</param>
public sealed record PValueCell(double? Value) : ReportCell;

/// <summary>A change with its interval and p-value, e.g. <c>+2.0 [−0.5, 4.5], p = 0.1200</c>.</summary>
/// <param name="Difference">The showSign difference, in the unit of <paramref name="Interval"/>.</param>
/// <param name="Interval">The interval of the difference, or <see langword="null"/>.</param>
/// <param name="PValue">The p-value, or <see langword="null"/> when there is no test.</param>
public sealed record ChangeCell(NumberCell Difference, IntervalCell? Interval, double? PValue) : ReportCell;

/// <summary>Text (a name, a label, a status).</summary>
/// <param name="Text">The text.</param>
public sealed record TextCell(string Text) : ReportCell;

/// <summary>A cell with no value, with the reason: shown as <c>—</c> (no value) or <c>not observable</c>.</summary>
/// <param name="Reason">Why there is no value.</param>
public sealed record MissingCell(MissingReason Reason = MissingReason.NoValue) : ReportCell;

/// <summary>Why a <see cref="MissingCell"/> has no value.</summary>
public enum MissingReason
{
    /// <summary>No data, or no estimate (n = 0, a degenerate fit): <c>—</c>.</summary>
    NoValue,

    /// <summary>Not observable yet (censored, pending, a cohort cell in the future): <c>not observable</c>.</summary>
    NotObservable,
}

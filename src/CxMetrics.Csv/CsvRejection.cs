namespace CxMetrics.Csv;

/// <summary>A row (or, for ticket event logs, a group of rows) that was read but not accepted, and why.</summary>
/// <param name="Line">Physical line number in the file where the row starts (the header is line 1; lines inside quoted fields count).</param>
/// <param name="Column">The column at fault, or <c>null</c> when the fault is the row as a whole.</param>
/// <param name="Reason">What was wrong, naming the value and what was expected.</param>
public sealed record CsvRejection(long Line, string? Column, string Reason)
{
    /// <summary>
    /// What was wrong, naming the value and what was expected. Always one printable line: control characters are escaped
    /// (<c>\t</c>, <c>\n</c>, <c>\x1B</c>, <c>\x01</c>, …), a value from the file is echoed with at most 64 characters followed by
    /// <c>… (N chars)</c>, and a reason longer than 1,024 characters (say, from a custom mapper) is cut and its length given.
    /// </summary>
    public string Reason { get; init => field = CsvText.Reason(value ?? string.Empty); } = CsvText.Reason(Reason ?? string.Empty);

    /// <summary>How many rows this rejection covers: 1, or the number of event rows of a rejected ticket.</summary>
    public int Rows { get; init; } = 1;

    /// <inheritdoc />
    public override string ToString() => Column is null ? $"line {Line}: {Reason}" : $"line {Line}, column '{Column}': {Reason}";
}

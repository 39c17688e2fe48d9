using System.Globalization;

namespace CxMetrics.DuckDb;

/// <summary>
/// One rejected row of a CSV source and where it is: the same shape as <c>CxMetrics.Csv</c>'s <c>CsvRejection</c> (line,
/// column), with the offending raw value; the reason is on the <see cref="PushdownRejection"/> that lists it.
/// </summary>
public sealed record PushdownRejectedRow
{
    /// <summary>
    /// The physical line in the file where the row starts: the header is line 1, blank lines and the lines inside quoted
    /// fields that span lines count, a byte-order mark does not. A row whose quoted field spans lines 7–8 is at line 7;
    /// the row after it is at line 9 (its data-row number is one less than it would be without the line break).
    /// </summary>
    public required long Line { get; init; }

    /// <summary>The column at fault, or <see langword="null"/> when none applies.</summary>
    public required string? Column { get; init; }

    /// <summary>The offending raw value; <see langword="null"/> when it was missing.</summary>
    public required string? Value { get; init; }

    /// <summary>The file the row is in, for a glob over several files; <see langword="null"/> for a single-file source.</summary>
    public string? File { get; init; }

    /// <summary>Formats the row like <c>CsvRejection</c>: <c>line 7, column 'score': '11'</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string at = File is null ? string.Create(CultureInfo.InvariantCulture, $"line {Line}") : string.Create(CultureInfo.InvariantCulture, $"{File} line {Line}");
        string column = Column is null ? string.Empty : $", column '{Column}'";
        return Value is null ? $"{at}{column}: missing" : $"{at}{column}: '{Value}'";
    }
}

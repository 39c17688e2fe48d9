using System.Globalization;

namespace CxMetrics.DuckDb;

/// <summary>
/// Rows the pushed-down query rejected for one reason: the exact count, one offending value, and — for CSV sources — the
/// first rejected rows with their line numbers (at most <c>RejectedRowsPerReason</c> of the options, default 100).
/// </summary>
public sealed record PushdownRejection
{
    /// <summary>Why, e.g. <c>score outside 0–10</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>How many rows.</summary>
    public required long Count { get; init; }

    /// <summary>One offending raw value (the smallest in text order, so runs are repeatable); <see langword="null"/> when the value was missing.</summary>
    public required string? Example { get; init; }

    /// <summary>
    /// The first rejected rows for this reason in file order (for a glob: files in name order, then lines), at most the
    /// options' <c>RejectedRowsPerReason</c>; <see cref="Count"/> is always the exact total. Empty for remote CSV files, Parquet files and
    /// tables (they have no lines) and when <c>RejectedRowsPerReason</c> is 0.
    /// </summary>
    public IReadOnlyList<PushdownRejectedRow> Rows { get; init; } = [];

    /// <summary>Formats the rejection, with the first lines when known: <c>3 × score outside 0–10 (e.g. '11'; lines 4, 9, 12)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string lines = Rows.Count == 0 ? string.Empty
            : (Rows.Count == 1 ? "line " : "lines ") + string.Join(", ", Rows.Take(10).Select(r => r.File is null ? r.Line.ToString(CultureInfo.InvariantCulture) : $"{r.File}:{r.Line.ToString(CultureInfo.InvariantCulture)}"))
              + (Rows.Count > 10 || Count > Rows.Count ? ", …" : string.Empty);
        string detail = (Example, lines) switch
        {
            (null, "") => string.Empty,
            (null, _) => $" ({lines})",
            (_, "") => $" (e.g. '{Example}')",
            _ => $" (e.g. '{Example}'; {lines})",
        };
        return $"{Count} × {Reason}{detail}";
    }
}

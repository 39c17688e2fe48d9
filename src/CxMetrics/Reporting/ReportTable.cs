namespace CxMetrics.Reporting;

/// <summary>
/// A titled table of typed cells. A table whose column headers are all empty is a list of named values (quantity, value):
/// writers put its title in the header row. Rows beyond <see cref="MaxRows"/> are not printed by the text, Markdown and HTML
/// writers but counted in a note; the JSON writer writes every row.
/// </summary>
/// <param name="Title">The caption.</param>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows, each with one cell per column.</param>
public sealed record ReportTable(string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows)
{
    /// <summary>Lines printed under the table.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Rows printed before the rest is counted in a note; 0 prints every row.</summary>
    public int MaxRows { get; init; }

    /// <summary>Whether this is a list of named values (every header empty).</summary>
    public bool IsNamedValues => Columns.All(static c => c.Header.Length == 0);
}

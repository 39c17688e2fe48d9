using CxMetrics.Reporting;

namespace CxMetrics.Cli.Output;

/// <summary>
/// A builder of one core table (<see cref="Reporting.ReportTable"/>) for the tool's commands: a title, column headers, rows
/// of typed cells (<see cref="ReportCell"/>: a string is a text cell) and a note that may still change until the document is
/// written. Every output format writes <see cref="ToCore"/> with the core writers, so the table style, the number style, the
/// missing-value policy and small-cell suppression (<see cref="SuppressionOptions"/>) are the core's, once.
/// </summary>
internal sealed class ReportTable(string title, params string[] columns)
{
    private readonly List<ReportCell[]> rows = [];

    public string Title { get; } = title;

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<ReportCell[]> Rows => rows;

    /// <summary>A sentence printed under the table (definitions, caveats).</summary>
    public string? Note { get; set; }

    public ReportTable Row(params ReportCell[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells does not fit {Columns.Count} columns of '{Title}'.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>A core table (a result's description), as it is: its columns, rows, notes and row limit.</summary>
    private Reporting.ReportTable? core;

    /// <summary>A table of a result's description (<c>result.ToReport().Tables</c>), shown as the core describes it.</summary>
    public static ReportTable From(Reporting.ReportTable table) =>
        new(table.Title, [.. table.Columns.Select(c => c.Header)]) { core = table };

    /// <summary>The table in the core's model: the first column is text, the others figures; the note is its one note.</summary>
    public Reporting.ReportTable ToCore() => core is { } described
        ? described with { Notes = Note is null ? described.Notes : [.. described.Notes, Note] }
        : new(Title, [.. Columns.Select((c, i) => new ReportColumn(c, Numeric: i > 0))], [.. rows.Select(r => (IReadOnlyList<ReportCell>)r)])
        {
            Notes = Note is null ? [] : [Note],
        };
}

namespace CxMetrics.Cli.Output;

/// <summary>A titled table of formatted cells: the unit every output format (Spectre table, Markdown, JSON) renders.</summary>
internal sealed class ReportTable(string title, params string[] columns)
{
    private readonly List<string[]> rows = [];

    public string Title { get; } = title;

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows => rows;

    /// <summary>A sentence printed under the table (definitions, caveats).</summary>
    public string? Note { get; set; }

    public ReportTable Row(params string[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells does not fit {Columns.Count} columns of '{Title}'.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }
}

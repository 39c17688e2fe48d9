using CxMetrics.Reporting;

namespace CxMetrics.Internal;

/// <summary>
/// Builds a <see cref="ReportTable"/> with named columns (a breakdown list, a cohort matrix, a Kaplan–Meier step table, a
/// parameter table) for a result's description. Rows beyond <see cref="MaxRows"/> are not printed but counted in a closing
/// note by the writers, so nothing is dropped silently; the full data stays on the result object.
/// </summary>
internal sealed class ResultGrid : ITableSource
{
    private readonly string caption;
    private readonly ReportColumn[] columns;
    private readonly List<ReportCell[]> rows = [];
    private readonly List<string> notes = [];

    /// <summary>Starts a grid; a header that starts with <c>&lt;</c> is a left-aligned text column, any other is numeric.</summary>
    public ResultGrid(string caption, params string[] columns)
    {
        this.caption = caption;
        this.columns = new ReportColumn[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            bool text = columns[i].StartsWith('<');
            this.columns[i] = new ReportColumn(text ? columns[i][1..] : columns[i], !text);
        }
    }

    /// <summary>Rows printed before the rest is summarised in a note; 0 prints every row.</summary>
    public int MaxRows { get; init; }

    public int RowCount => rows.Count;

    public ResultGrid Row(params ReportCell[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"a row has {cells.Length} cells, expected {columns.Length}.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Adds a line of text printed under the table.</summary>
    public ResultGrid Note(string note)
    {
        notes.Add(note);
        return this;
    }

    public ReportTable Build() => new(caption, columns, [.. rows]) { Notes = [.. notes], MaxRows = MaxRows };
}

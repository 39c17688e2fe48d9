using System.Text.Json;
using CxMetrics.Reporting;

namespace CxMetrics.Cli.Output;

/// <summary>
/// A titled table of typed cells (<see cref="ReportCell"/>: a string is a text cell): the unit every output format renders.
/// Every format writes it through the core reporting layer (<see cref="ToCore"/>), so that the number style, the
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

    /// <summary>
    /// The table as the core writers show it under <paramref name="suppression"/>: each cell's text (a small count flagged,
    /// blanked or rounded) and the notes (the suppression note, then <see cref="Note"/>), read from the core's JSON writer,
    /// which writes the text every writer prints for each cell (the text and Markdown output then escape what came from
    /// the data with <see cref="TerminalText"/>, the HTML output uses the core's HTML writer).
    /// </summary>
    public (string[][] Cells, IReadOnlyList<string> Notes) Shown(SuppressionOptions suppression)
    {
        var built = ToCore();
        using var json = JsonDocument.Parse(new Report(Title, [built]).ToJson(suppression));
        var table = json.RootElement.GetProperty("tables")[0];
        // Suppression changes count cells only; every other cell keeps its own text (the JSON writer would already have
        // replaced the characters XML forbids, which the text and Markdown output escape visibly instead).
        string[][] cells = [.. table.GetProperty("rows").EnumerateArray().Select((r, i) => r.EnumerateArray()
            .Select((c, j) => built.Rows[i][j] is CountCell ? c.GetProperty("text").GetString() ?? string.Empty : built.Rows[i][j].ToString()).ToArray())];
        string[] notes = [.. table.GetProperty("notes").EnumerateArray().Select(n => n.GetString() ?? string.Empty)];
        return (cells, notes);
    }
}

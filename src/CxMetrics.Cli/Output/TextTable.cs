using Spectre.Console;

namespace CxMetrics.Cli.Output;

/// <summary>A text table of the bundled report with a title, right-aligned numbers and left-aligned text, drawn in <see cref="TableStyle"/>.</summary>
internal sealed class TextTable(string title, params string[] headers)
{
    private readonly List<string[]> rows = [];

    public TextTable Row(params Reporting.ReportCell[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells does not fit {headers.Length} columns.", nameof(cells));
        }

        rows.Add([.. cells.Select(c => c.ToString())]);
        return this;
    }

    /// <summary>The table in the tool's one text style (<see cref="TableStyle"/>), never wrapped: numbers right-aligned, text left-aligned.</summary>
    public override string ToString()
    {
        var grid = new Table();
        foreach (string header in headers)
        {
            grid.AddColumn(new TableColumn(new Text(header)));
        }

        foreach (var row in rows)
        {
            grid.AddRow(row.Select((cell, i) => TableStyle.Cell(cell, i > 0 && LooksNumeric(cell))).ToArray());
        }

        using var text = new StringWriter();
        TableStyle.Write(TableStyle.Console(text), title, grid, note: null);
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] is '-' or '+' or '[' or '—' or '<') && !cell.Any(char.IsLetter);
}

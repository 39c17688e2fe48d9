using System.Globalization;
using System.Net;
using System.Text;

namespace CxMetrics.Internal;

/// <summary>
/// A table with named columns (a breakdown list, a cohort matrix, a Kaplan–Meier step table, a parameter table) that results
/// render as Markdown or as one self-contained, escaped HTML table. Rows beyond <see cref="MaxRows"/> are not printed but
/// counted in a closing note, so nothing is dropped silently; the full data stays on the result object.
/// </summary>
internal sealed class ResultGrid
{
    private readonly string caption;
    private readonly string[] headers;
    private readonly bool[] numeric;
    private readonly List<string[]> rows = [];
    private readonly List<string> notes = [];

    /// <summary>Starts a grid; a header that starts with <c>&lt;</c> is a left-aligned text column, any other is numeric.</summary>
    public ResultGrid(string caption, params string[] columns)
    {
        this.caption = caption;
        headers = new string[columns.Length];
        numeric = new bool[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            bool text = columns[i].StartsWith('<');
            headers[i] = text ? columns[i][1..] : columns[i];
            numeric[i] = !text;
        }
    }

    /// <summary>Rows printed before the rest is summarised in a note; 0 prints every row.</summary>
    public int MaxRows { get; init; }

    public int RowCount => rows.Count;

    public ResultGrid Row(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row has {cells.Length} cells, expected {headers.Length}.", nameof(cells));
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

    private int Shown => MaxRows > 0 ? Math.Min(MaxRows, rows.Count) : rows.Count;

    private IEnumerable<string> AllNotes()
    {
        if (Shown < rows.Count)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"… {rows.Count - Shown} more rows not shown ({rows.Count} in all).");
        }

        foreach (string note in notes)
        {
            yield return note;
        }
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("**").Append(ResultTable.EscapeMarkdown(caption)).Append("**\n\n|");
        foreach (string header in headers)
        {
            text.Append(' ').Append(ResultTable.EscapeMarkdown(header)).Append(" |");
        }

        text.Append("\n|");
        foreach (bool isNumber in numeric)
        {
            text.Append(isNumber ? " ---: |" : " --- |");
        }

        text.Append('\n');
        for (int r = 0; r < Shown; r++)
        {
            text.Append('|');
            foreach (string cell in rows[r])
            {
                text.Append(' ').Append(ResultTable.EscapeMarkdown(cell)).Append(" |");
            }

            text.Append('\n');
        }

        foreach (string note in AllNotes())
        {
            text.Append('\n').Append(ResultTable.EscapeMarkdown(note)).Append('\n');
        }

        return text.ToString();
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<table class=\"cxmetrics-result\"><caption>").Append(ResultTable.EscapeHtml(caption)).Append("</caption><thead><tr>");
        for (int c = 0; c < headers.Length; c++)
        {
            html.Append("<th scope=\"col\" style=\"text-align:").Append(numeric[c] ? "right" : "left").Append("\">")
                .Append(ResultTable.EscapeHtml(headers[c])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (int r = 0; r < Shown; r++)
        {
            html.Append("<tr>");
            string[] cells = rows[r];
            for (int c = 0; c < cells.Length; c++)
            {
                html.Append(c == 0 ? "<th scope=\"row\" style=\"text-align:" : "<td style=\"text-align:").Append(numeric[c] ? "right" : "left").Append("\">")
                    .Append(ResultTable.EscapeHtml(cells[c])).Append(c == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody>");
        List<string> footer = [.. AllNotes()];
        if (footer.Count > 0)
        {
            html.Append("<tfoot>");
            foreach (string note in footer)
            {
                html.Append("<tr><td colspan=\"").Append(headers.Length.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(ResultTable.EscapeHtml(note)).Append("</td></tr>");
            }

            html.Append("</tfoot>");
        }

        return html.Append("</table>").ToString();
    }
}

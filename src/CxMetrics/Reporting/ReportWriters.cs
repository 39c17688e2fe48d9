using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CxMetrics.Reporting;

/// <summary>The four writers of <see cref="Report"/>: plain text, Markdown, HTML and JSON, all from the same cells.</summary>
internal static class ReportWriters
{
    private const string TableClass = "cxmetrics-result";

    private readonly record struct Shown(ReportTable Table, ReportCell[][] Rows, bool[][] Suppressed, int Count, List<string> Notes);

    private static Shown Prepare(ReportTable table, SuppressionOptions suppression, bool allRows = false)
    {
        var (rows, suppressed, note) = Suppression.Apply(table, suppression);
        int count = allRows || table.MaxRows <= 0 ? rows.Length : Math.Min(table.MaxRows, rows.Length);
        var notes = new List<string>();
        if (count < rows.Length)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"… {rows.Length - count} more rows not shown ({rows.Length} in all)."));
        }

        if (note is not null)
        {
            notes.Add(note);
        }

        notes.AddRange(table.Notes);
        return new Shown(table, rows, suppressed, count, notes);
    }

    public static string Text(Report report, SuppressionOptions suppression, int width = 0)
    {
        var text = new StringBuilder();
        if (report.Tables.Count == 0 || report.Tables[0].Title != report.Title)
        {
            text.Append(Line(report.Title)).Append("\n\n");
        }

        for (int t = 0; t < report.Tables.Count; t++)
        {
            if (t > 0)
            {
                text.Append('\n');
            }

            Shown shown = Prepare(report.Tables[t], suppression);
            text.Append(Line(shown.Table.Title)).Append('\n');
            Grid(text, shown, width);
            foreach (string note in shown.Notes)
            {
                text.Append(Line(note)).Append('\n');
            }
        }

        foreach (string note in report.Notes)
        {
            text.Append('\n').Append(Line(note)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A title or a note of the text output: one line, control characters escaped, cut at <see cref="ControlCharacters.MaxLine"/>.</summary>
    private static string Line(string text) => ControlCharacters.Escape(text);

    /// <summary>A header or a cell of the text output: control characters escaped, cut at <see cref="ControlCharacters.MaxCell"/>.</summary>
    private static string CellText(string text) => ControlCharacters.Escape(text, ControlCharacters.MaxCell);

    /// <summary>
    /// The one table style of the text output: ASCII borders (<c>+</c>, <c>-</c>, <c>|</c>), one space of padding, the header
    /// row (none for named values) under a rule, text left-aligned, figures right-aligned. With a <paramref name="width"/>
    /// above 0 the widest columns are narrowed (never below their longest word) until the table fits, and their cells wrap
    /// inside the column at spaces.
    /// </summary>
    private static void Grid(StringBuilder text, Shown shown, int width)
    {
        IReadOnlyList<ReportColumn> columns = shown.Table.Columns;
        int n = columns.Count;
        if (n == 0)
        {
            return;
        }

        bool named = shown.Table.IsNamedValues;
        string[]? header = named ? null : [.. columns.Select(c => CellText(c.Header))];
        var rows = new string[shown.Count][];
        for (int r = 0; r < shown.Count; r++)
        {
            rows[r] = [.. shown.Rows[r].Select(c => CellText(c.ToString()))];
        }

        var widths = new int[n];
        var floors = new int[n];
        for (int c = 0; c < n; c++)
        {
            widths[c] = Math.Max(1, header is null ? 0 : TextWidth.Of(header[c]));
            floors[c] = Math.Max(1, header is null ? 0 : TextWidth.LongestWord(header[c]));
            foreach (string[] row in rows)
            {
                widths[c] = Math.Max(widths[c], TextWidth.Of(row[c]));
                floors[c] = Math.Max(floors[c], TextWidth.LongestWord(row[c]));
            }
        }

        Fit(widths, floors, width);
        var right = new bool[n];
        for (int c = 0; c < n; c++)
        {
            right[c] = named ? c > 0 : columns[c].Numeric && c > 0;
        }

        Rule(text, widths, '+', '+');
        if (header is not null)
        {
            Row(text, header, widths, right);
            if (rows.Length > 0)
            {
                Rule(text, widths, '|', '+');
            }
        }

        foreach (string[] row in rows)
        {
            Row(text, row, widths, right);
        }

        Rule(text, widths, '+', '+');
    }

    /// <summary>
    /// Narrows the widest column that can still be narrowed, one character at a time, until the bordered table fits in
    /// <paramref name="width"/> (0: no limit). A column is never narrower than its longest word (<paramref name="floors"/>),
    /// so figures are never broken; a table that cannot fit stays wider (the terminal wraps its lines).
    /// </summary>
    private static void Fit(int[] widths, int[] floors, int width)
    {
        if (width <= 0)
        {
            return;
        }

        int total = widths.Sum() + (3 * widths.Length) + 1;
        while (total > width)
        {
            int widest = -1;
            for (int c = 0; c < widths.Length; c++)
            {
                if (widths[c] > floors[c] && (widest < 0 || widths[c] > widths[widest]))
                {
                    widest = c;
                }
            }

            if (widest < 0)
            {
                return;
            }

            widths[widest]--;
            total--;
        }
    }

    private static void Rule(StringBuilder text, int[] widths, char edge, char cross)
    {
        text.Append(edge);
        for (int c = 0; c < widths.Length; c++)
        {
            text.Append('-', widths[c] + 2).Append(c == widths.Length - 1 ? edge : cross);
        }

        text.Append('\n');
    }

    private static void Row(StringBuilder text, string[] cells, int[] widths, bool[] right)
    {
        var lines = new List<string>[cells.Length];
        int height = 1;
        for (int c = 0; c < cells.Length; c++)
        {
            lines[c] = TextWidth.Wrap(cells[c], widths[c]);
            height = Math.Max(height, lines[c].Count);
        }

        for (int l = 0; l < height; l++)
        {
            text.Append('|');
            for (int c = 0; c < cells.Length; c++)
            {
                string part = l < lines[c].Count ? lines[c][l] : string.Empty;
                string pad = new(' ', Math.Max(0, widths[c] - TextWidth.Of(part)));
                text.Append(' ').Append(right[c] ? pad + part : part + pad).Append(" |");
            }

            text.Append('\n');
        }
    }

    public static string Markdown(Report report, SuppressionOptions suppression, int headingLevel = 0)
    {
        var parts = new List<string>(report.Tables.Count);
        foreach (ReportTable table in report.Tables)
        {
            parts.Add(Markdown(Prepare(table, suppression), headingLevel));
        }

        var text = new StringBuilder(string.Join("\n", parts));
        foreach (string note in report.Notes)
        {
            text.Append('\n').Append(EscapeMarkdown(note)).Append('\n');
        }

        return text.ToString();
    }

    private static string Markdown(Shown shown, int headingLevel)
    {
        var text = new StringBuilder();
        if (headingLevel > 0)
        {
            text.Append('#', headingLevel).Append(' ').Append(EscapeMarkdown(shown.Table.Title)).Append("\n\n");
        }

        if (shown.Table.IsNamedValues)
        {
            text.Append("| ").Append(headingLevel > 0 ? string.Empty : EscapeMarkdown(shown.Table.Title)).Append(" | |\n| --- | ---: |\n");
        }
        else
        {
            if (headingLevel == 0)
            {
                text.Append("**").Append(EscapeMarkdown(shown.Table.Title)).Append("**\n\n");
            }

            text.Append('|');
            foreach (ReportColumn column in shown.Table.Columns)
            {
                text.Append(' ').Append(EscapeMarkdown(column.Header, ControlCharacters.MaxCell)).Append(" |");
            }

            text.Append("\n|");
            foreach (ReportColumn column in shown.Table.Columns)
            {
                text.Append(column.Numeric ? " ---: |" : " --- |");
            }

            text.Append('\n');
        }

        for (int r = 0; r < shown.Count; r++)
        {
            text.Append('|');
            foreach (ReportCell cell in shown.Rows[r])
            {
                text.Append(' ').Append(EscapeMarkdown(cell.ToString(), ControlCharacters.MaxCell)).Append(" |");
            }

            text.Append('\n');
        }

        foreach (string note in shown.Notes)
        {
            text.Append('\n').Append(EscapeMarkdown(note)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Text for a Markdown table or line: backslashes and pipes escaped (they would break a table cell), then control
    /// characters escaped and long text cut (<see cref="ControlCharacters.Escape"/>), so a line break never ends a row.
    /// </summary>
    internal static string EscapeMarkdown(string text, int maxLength = ControlCharacters.MaxLine) =>
        ControlCharacters.Escape(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal), maxLength);

    public static string Html(Report report, SuppressionOptions suppression)
    {
        var html = new StringBuilder();
        foreach (ReportTable table in report.Tables)
        {
            Html(html, Prepare(table, suppression));
        }

        foreach (string note in report.Notes)
        {
            html.Append("<p>").Append(XmlCharacters.Escape(note)).Append("</p>");
        }

        return report.Tables.Count == 1 && report.Notes.Count == 0
            ? html.ToString()
            : "<div class=\"" + TableClass + "\">" + html + "</div>";
    }

    private static void Html(StringBuilder html, Shown shown)
    {
        bool named = shown.Table.IsNamedValues;
        IReadOnlyList<ReportColumn> columns = shown.Table.Columns;
        html.Append("<table class=\"").Append(TableClass).Append("\"><caption>").Append(XmlCharacters.Escape(shown.Table.Title)).Append("</caption>");
        if (!named)
        {
            html.Append("<thead><tr>");
            foreach (ReportColumn column in columns)
            {
                html.Append("<th scope=\"col\" style=\"text-align:").Append(column.Numeric ? "right" : "left").Append("\">")
                    .Append(XmlCharacters.Escape(column.Header)).Append("</th>");
            }

            html.Append("</tr></thead>");
        }

        html.Append("<tbody>");
        for (int r = 0; r < shown.Count; r++)
        {
            html.Append("<tr>");
            ReportCell[] cells = shown.Rows[r];
            for (int c = 0; c < cells.Length; c++)
            {
                bool right = named ? c > 0 : columns[c].Numeric;
                html.Append(c == 0 ? "<th scope=\"row\" style=\"text-align:" : "<td style=\"text-align:").Append(right ? "right" : "left").Append("\">")
                    .Append(XmlCharacters.Escape(cells[c].ToString())).Append(c == 0 ? "</th>" : "</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody>");
        if (shown.Notes.Count > 0)
        {
            html.Append("<tfoot>");
            foreach (string note in shown.Notes)
            {
                html.Append("<tr><td colspan=\"").Append(columns.Count.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(XmlCharacters.Escape(note)).Append("</td></tr>");
            }

            html.Append("</tfoot>");
        }

        html.Append("</table>");
    }

    public static string Json(Report report, SuppressionOptions suppression)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("title", XmlCharacters.Safe(report.Title));
            json.WriteStartArray("tables");
            foreach (ReportTable table in report.Tables)
            {
                Shown shown = Prepare(table, suppression, allRows: true);
                json.WriteStartObject();
                json.WriteString("title", XmlCharacters.Safe(table.Title));
                json.WriteStartArray("columns");
                foreach (ReportColumn column in table.Columns)
                {
                    json.WriteStartObject();
                    json.WriteString("header", XmlCharacters.Safe(column.Header));
                    json.WriteBoolean("numeric", column.Numeric);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("rows");
                for (int r = 0; r < shown.Rows.Length; r++)
                {
                    json.WriteStartArray();
                    for (int c = 0; c < shown.Rows[r].Length; c++)
                    {
                        Cell(json, shown.Suppressed[r][c] ? table.Rows[r][c] : shown.Rows[r][c], shown.Suppressed[r][c], suppression, shown.Rows[r][c]);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                Strings(json, "notes", shown.Notes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "notes", report.Notes);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(XmlCharacters.Safe(value));
        }

        json.WriteEndArray();
    }

    private static void Cell(Utf8JsonWriter json, ReportCell cell, bool suppressed, SuppressionOptions suppression, ReportCell shown)
    {
        json.WriteStartObject();
        switch (cell)
        {
            case CountCell c:
                json.WriteString("kind", "count");
                if (suppressed)
                {
                    json.WriteNull("value");
                    json.WriteBoolean("suppressed", true);
                    if (suppression.Mode == SuppressionMode.Flag)
                    {
                        json.WriteNumber("below", suppression.MinimumCount);
                    }
                }
                else
                {
                    Number(json, "value", ((CountCell)shown).Value);
                }

                break;
            case NumberCell n:
                json.WriteString("kind", "number");
                Number(json, "value", n.Value);
                break;
            case ShareCell s:
                json.WriteString("kind", "share");
                Number(json, "value", s.Value);
                break;
            case MoneyCell m:
                json.WriteString("kind", "money");
                if (m.Value is { } amount)
                {
                    json.WriteNumber("value", amount);
                }
                else
                {
                    json.WriteNull("value");
                }

                if (m.Currency is not null)
                {
                    json.WriteString("currency", m.Currency);
                }

                break;
            case IntervalCell i:
                json.WriteString("kind", "interval");
                Number(json, "lower", i.Lower);
                Number(json, "upper", i.Upper);
                json.WriteBoolean("share", i.Share);
                break;
            case PValueCell p:
                json.WriteString("kind", "pValue");
                Number(json, "value", p.Value);
                break;
            case ChangeCell ch:
                json.WriteString("kind", "change");
                Number(json, "difference", ch.Difference.Value);
                if (ch.Interval is { } interval)
                {
                    Number(json, "lower", interval.Lower);
                    Number(json, "upper", interval.Upper);
                }

                Number(json, "pValue", ch.PValue);
                break;
            case MissingCell missing:
                json.WriteString("kind", "missing");
                json.WriteString("reason", missing.Reason == MissingReason.NotObservable ? "notObservable" : "noValue");
                break;
            default:
                json.WriteString("kind", "text");
                break;
        }

        json.WriteString("text", XmlCharacters.Safe(suppressed && suppression.Mode == SuppressionMode.Blank ? string.Empty : shown.ToString()));
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

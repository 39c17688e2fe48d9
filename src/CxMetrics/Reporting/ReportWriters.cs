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

    public static string Text(Report report, SuppressionOptions suppression)
    {
        var text = new StringBuilder();
        if (report.Tables.Count == 0 || report.Tables[0].Title != report.Title)
        {
            text.Append(report.Title).Append("\n\n");
        }

        for (int t = 0; t < report.Tables.Count; t++)
        {
            if (t > 0)
            {
                text.Append('\n');
            }

            Shown shown = Prepare(report.Tables[t], suppression);
            text.Append(shown.Table.Title).Append('\n');
            bool named = shown.Table.IsNamedValues;
            int columns = shown.Table.Columns.Count;
            var widths = new int[columns];
            for (int c = 0; c < columns && !named; c++)
            {
                widths[c] = shown.Table.Columns[c].Header.Length;
            }

            for (int r = 0; r < shown.Count; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    widths[c] = Math.Max(widths[c], OneLine(shown.Rows[r][c].ToString()).Length);
                }
            }

            if (!named)
            {
                AppendLine(text, shown.Table.Columns, widths, c => shown.Table.Columns[c].Header);
                AppendLine(text, shown.Table.Columns, widths, c => new string('-', widths[c]));
            }

            for (int r = 0; r < shown.Count; r++)
            {
                ReportCell[] row = shown.Rows[r];
                AppendLine(text, shown.Table.Columns, widths, c => OneLine(row[c].ToString()), named);
            }

            foreach (string note in shown.Notes)
            {
                text.Append(OneLine(note)).Append('\n');
            }
        }

        foreach (string note in report.Notes)
        {
            text.Append('\n').Append(OneLine(note)).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<ReportColumn> columns, int[] widths, Func<int, string> cell, bool named = false)
    {
        var line = new StringBuilder("  ");
        for (int c = 0; c < columns.Count; c++)
        {
            string value = cell(c);
            bool right = named ? c > 0 : columns[c].Numeric && c > 0;
            line.Append(c > 0 ? "  " : string.Empty).Append(right ? value.PadLeft(widths[c]) : value.PadRight(widths[c]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    public static string Markdown(Report report, SuppressionOptions suppression)
    {
        var parts = new List<string>(report.Tables.Count);
        foreach (ReportTable table in report.Tables)
        {
            parts.Add(Markdown(Prepare(table, suppression)));
        }

        var text = new StringBuilder(string.Join("\n", parts));
        foreach (string note in report.Notes)
        {
            text.Append('\n').Append(EscapeMarkdown(note)).Append('\n');
        }

        return text.ToString();
    }

    private static string Markdown(Shown shown)
    {
        var text = new StringBuilder();
        if (shown.Table.IsNamedValues)
        {
            text.Append("| ").Append(EscapeMarkdown(shown.Table.Title)).Append(" | |\n| --- | ---: |\n");
        }
        else
        {
            text.Append("**").Append(EscapeMarkdown(shown.Table.Title)).Append("**\n\n|");
            foreach (ReportColumn column in shown.Table.Columns)
            {
                text.Append(' ').Append(EscapeMarkdown(column.Header)).Append(" |");
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
                text.Append(' ').Append(EscapeMarkdown(cell.ToString())).Append(" |");
            }

            text.Append('\n');
        }

        foreach (string note in shown.Notes)
        {
            text.Append('\n').Append(EscapeMarkdown(note)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Escapes the characters that would break a Markdown table cell: pipes, backslashes and line breaks.</summary>
    internal static string EscapeMarkdown(string text)
    {
        if (text.AsSpan().IndexOfAny('|', '\\', '\n') < 0 && !text.Contains('\r', StringComparison.Ordinal))
        {
            return text;
        }

        return OneLine(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal));
    }

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

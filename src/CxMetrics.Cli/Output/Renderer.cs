using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;
using SuppressionOptions = CxMetrics.Reporting.SuppressionOptions;

namespace CxMetrics.Cli.Output;

/// <summary>
/// Prints a <see cref="ReportDocument"/> as Spectre.Console tables, Markdown, JSON or HTML. Every table's cells and notes come
/// from the core reporting layer (<see cref="ReportTable.Shown"/>, <see cref="CxMetrics.Reporting.Report.ToHtml"/>), with the
/// user's small-cell suppression (<c>--suppress-below</c>, <c>--suppression</c>).
/// </summary>
internal static class Renderer
{
    /// <summary>The JSON schema identifier; bumped only when a field changes meaning or disappears (2: results in the CxMetrics.Json schema).</summary>
    public const string Schema = "cxmetrics.report/2";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Results are written in the documented CxMetrics.Json schema (docs/json-schema.md: camelCase, string enums, ISO
    /// NodaTime values); a CLI-only type outside that context falls back to reflection, which the tool (not trimmed) allows.
    /// </summary>
    private static readonly JsonSerializerOptions ResultJson = new(CxMetrics.Json.CxMetricsJson.Options)
    {
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            CxMetrics.Json.CxMetricsJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    public static void Write(ReportDocument document, OutputFormat format, TextWriter output, SuppressionOptions? suppression = null)
    {
        suppression ??= SuppressionOptions.None;
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(ToJson(document, suppression));
                break;
            case OutputFormat.Markdown:
                output.Write(ToMarkdown(document, suppression));
                break;
            case OutputFormat.Html:
                output.Write(HtmlReport.Render(document, suppression));
                break;
            default:
                WriteTables(document, output, suppression);
                break;
        }
    }

    /// <summary>A table's notes as one sentence line, or <see langword="null"/> when it has none.</summary>
    private static string? Note(IReadOnlyList<string> notes) => notes.Count == 0 ? null : string.Join(" ", notes);

    public static string ToJson(ReportDocument document, SuppressionOptions? suppression = null)
    {
        suppression ??= SuppressionOptions.None;
        var results = CxMetrics.Json.CxMetricsJson.WithSuppression(ResultJson, suppression);
        var root = new JsonObject
        {
            ["schema"] = Schema,
            ["command"] = document.Command,
            ["source"] = document.Source,
            ["inputs"] = JsonSerializer.SerializeToNode(document.Inputs.Select(r => new InputJson(
                r.Source, r.RowsRead, r.RowsAccepted, r.RowsRejected, r.RowsSkipped, r.Records,
                r.Rejections.Select(x => new RejectionJson(x.Line, x.Column, x.Rows, x.Reason)).ToList())).ToList()),
            ["tables"] = new JsonArray([.. document.Tables.Select(t =>
            {
                var (cells, notes) = t.Shown(suppression);
                return (JsonNode)new JsonObject
                {
                    ["title"] = t.Title,
                    ["columns"] = new JsonArray([.. t.Columns.Select(c => (JsonNode)JsonValue.Create(c)!)]),
                    ["rows"] = new JsonArray([.. cells.Select(r => (JsonNode)new JsonArray([.. r.Select(c => (JsonNode)JsonValue.Create(c)!)]))]),
                    ["note"] = Note(notes),
                };
            })]),
            ["results"] = new JsonObject(document.Results.Select(kv => KeyValuePair.Create(kv.Key, JsonSerializer.SerializeToNode(kv.Value, kv.Value.GetType(), results)))),
        };
        if (suppression.IsActive)
        {
            // The one policy of the tables applies to the results too (CxMetrics.Json writes a hidden count as null).
            root["suppression"] = new JsonObject
            {
                ["mode"] = JsonNamingPolicy.CamelCase.ConvertName(suppression.Mode.ToString()),
                ["minimumCount"] = suppression.MinimumCount,
                ["roundingBase"] = suppression.RoundingBase,
            };
        }

        return root.ToJsonString(Json);
    }

    public static string ToMarkdown(ReportDocument document, SuppressionOptions? suppression = null)
    {
        suppression ??= SuppressionOptions.None;
        var text = new StringBuilder();
        text.Append("# cxmetrics ").Append(document.Command).Append(" — ").Append(Escape(document.Source)).Append("\n\n");
        foreach (var input in document.Inputs)
        {
            text.Append("- ").Append(Escape(Format.Input(input))).Append('\n');
            foreach (var r in input.Rejections.Take(10))
            {
                text.Append("  - rejected ").Append(Escape(r.ToString())).Append('\n');
            }
        }

        if (document.Inputs.Count > 0)
        {
            text.Append('\n');
        }

        foreach (var table in document.Tables)
        {
            var (cells, notes) = table.Shown(suppression);
            text.Append("## ").Append(Escape(table.Title)).Append("\n\n");
            text.Append("| ").AppendJoin(" | ", table.Columns.Select(Escape)).Append(" |\n");
            text.Append('|').AppendJoin('|', table.Columns.Select((_, i) => i == 0 ? " --- " : " ---: ")).Append("|\n");
            foreach (var row in cells)
            {
                text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
            }

            if (Note(notes) is { } note)
            {
                text.Append('\n').Append(Escape(note)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void WriteTables(ReportDocument document, TextWriter output, SuppressionOptions suppression)
    {
        var console = TableStyle.Console(output);
        console.WriteLine(TerminalText.Safe($"cxmetrics {document.Command} — {document.Source}"));
        foreach (var input in document.Inputs)
        {
            console.WriteLine("  " + TerminalText.Safe(Format.Input(input)));
            foreach (var r in input.Rejections.Take(5))
            {
                console.WriteLine("    rejected " + TerminalText.Safe(r.ToString()));
            }

            if (input.Rejections.Count > 5)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    … and {input.Rejections.Count - 5:N0} more rejections (--format json lists them all)"));
            }
        }

        foreach (var table in document.Tables)
        {
            var (cells, notes) = table.Shown(suppression);
            var grid = new Table();
            for (int i = 0; i < table.Columns.Count; i++)
            {
                var column = new TableColumn(Markup.Escape(TerminalText.Safe(table.Columns[i], TerminalText.MaxCell)));
                grid.AddColumn(i == 0 ? column : column.RightAligned());
            }

            foreach (var row in cells)
            {
                grid.AddRow(row.Select(c => (IRenderable)new Text(TerminalText.Safe(c, TerminalText.MaxCell))).ToArray());
            }

            console.WriteLine();
            TableStyle.Write(console, TerminalText.Safe(table.Title), grid, Note(notes) is { } note ? TerminalText.Safe(note) : null);
        }
    }

    /// <summary>Text for Markdown: control characters escaped and cut (<see cref="TerminalText"/>), pipes escaped.</summary>
    private static string Escape(string text) => TerminalText.Safe(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A Markdown table cell: as <see cref="Escape"/>, cut at <see cref="TerminalText.MaxCell"/> characters.</summary>
    private static string Cell(string text) => TerminalText.Safe(text, TerminalText.MaxCell).Replace("|", "\\|", StringComparison.Ordinal);
}

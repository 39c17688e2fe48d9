using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SuppressionOptions = CxMetrics.Reporting.SuppressionOptions;

namespace CxMetrics.Cli.Output;

/// <summary>
/// Prints a <see cref="ReportDocument"/> as text tables, Markdown, JSON or HTML. Every table is written by the core writers
/// (<see cref="CxMetrics.Reporting.Report.ToText"/>, <c>ToMarkdown</c>, <c>ToJson</c>, <c>ToHtml</c>) with the user's small-cell
/// suppression (<c>--suppress-below</c>, <c>--suppression</c>); the renderer adds only what is the tool's own: the heading
/// line, the account of the files read (rows read, accepted, rejected, skipped, with the rejected lines) and the JSON
/// envelope.
/// </summary>
internal static class Renderer
{
    /// <summary>
    /// The JSON schema identifier; bumped only when a field changes meaning or disappears (2: results in the CxMetrics.Json
    /// schema; 3: tables written by the core JSON writer, each cell typed with its value and text, notes as a list).
    /// </summary>
    public const string Schema = "cxmetrics.report/3";

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

    /// <summary>The document's tables as one core report (what the core writers write).</summary>
    private static CxMetrics.Reporting.Report Core(ReportDocument document) =>
        new(document.Source, [.. document.Tables.Select(t => t.ToCore())]);

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
            // The core JSON writer's tables as they are: columns, every row of typed cells (kind, value(s), text), notes.
            ["tables"] = JsonNode.Parse(Core(document).ToJson(suppression))!["tables"]!.DeepClone(),
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

        foreach (var table in Core(document).Tables)
        {
            text.Append(new CxMetrics.Reporting.Report(table.Title, [table]).ToMarkdown(suppression, headingLevel: 2)).Append('\n');
        }

        return text.ToString();
    }

    private static void WriteTables(ReportDocument document, TextWriter output, SuppressionOptions suppression)
    {
        var text = new StringBuilder();
        text.Append(TerminalText.Safe($"cxmetrics {document.Command} — {document.Source}")).Append('\n');
        foreach (var input in document.Inputs)
        {
            text.Append("  ").Append(TerminalText.Safe(Format.Input(input))).Append('\n');
            foreach (var r in input.Rejections.Take(5))
            {
                text.Append("    rejected ").Append(TerminalText.Safe(r.ToString())).Append('\n');
            }

            if (input.Rejections.Count > 5)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture, $"    … and {input.Rejections.Count - 5:N0} more rejections (--format json lists them all)")).Append('\n');
            }
        }

        int width = Width(output);
        foreach (var table in Core(document).Tables)
        {
            text.Append('\n').Append(new CxMetrics.Reporting.Report(table.Title, [table]).ToText(suppression, width));
        }

        output.Write(text.ToString());
    }

    /// <summary>
    /// The width tables are laid out to: the terminal's when <paramref name="output"/> is the process's stdout on a terminal,
    /// else 0 (no limit: piped, redirected or in-process output has lines as long as their content, never wrapped).
    /// </summary>
    private static int Width(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return 0;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>Text for the tool's own Markdown lines (the heading, the files read): control characters escaped and cut (<see cref="TerminalText"/>), pipes escaped.</summary>
    private static string Escape(string text) => TerminalText.Safe(text).Replace("|", "\\|", StringComparison.Ordinal);
}

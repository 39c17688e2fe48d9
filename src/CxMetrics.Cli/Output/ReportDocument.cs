using System.Text.Json.Serialization;
using CxMetrics.Csv;

namespace CxMetrics.Cli.Output;

/// <summary>Everything one command prints: what was read (with every rejection), the tables, and typed results for JSON.</summary>
internal sealed class ReportDocument(string command, string source)
{
    public string Command { get; } = command;

    public string Source { get; } = source;

    public List<CsvReport> Inputs { get; } = [];

    public List<ReportTable> Tables { get; } = [];

    /// <summary>Adds the tables of a result's description (<c>result.ToReport()</c>), as the core describes them.</summary>
    public void Add(Reporting.Report report)
    {
        foreach (var table in report.Tables)
        {
            Tables.Add(ReportTable.From(table));
        }
    }

    /// <summary>Typed result records by name (serialised as they are, e.g. an NpsResult), JSON output only.</summary>
    public Dictionary<string, object> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Charts (inline SVG), HTML output only.</summary>
    public List<ReportChart> Charts { get; } = [];

    /// <summary>Charts that could not be drawn from the data at hand, and why (HTML output only).</summary>
    public List<string> ChartNotes { get; } = [];
}

/// <summary>The JSON shape of a <see cref="CsvReport"/> (documented in docs/cli.md).</summary>
internal sealed record InputJson(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("rowsRead")] long RowsRead,
    [property: JsonPropertyName("rowsAccepted")] long RowsAccepted,
    [property: JsonPropertyName("rowsRejected")] long RowsRejected,
    [property: JsonPropertyName("rowsSkipped")] long RowsSkipped,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("rejections")] IReadOnlyList<RejectionJson> Rejections);

/// <summary>The JSON shape of a rejection.</summary>
internal sealed record RejectionJson(
    [property: JsonPropertyName("line")] long Line,
    [property: JsonPropertyName("column")] string? Column,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("reason")] string Reason);

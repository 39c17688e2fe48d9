using System.Diagnostics;
using System.Text.Json;
using CxMetrics.Cli.Sample;

namespace CxMetrics.Cli.Tests;

/// <summary><c>report</c> without a folder: the bundled samples through the one per-family pipeline, the same in every format.</summary>
public class ReportCommandTests
{
    private static readonly string[] Sections =
    [
        "NPS", "NPS by channel", "NPS by month", "CSAT", "CES", "Support", "Help desk: paused clocks", "Help desk: backlog by week", "Conversion", "Customer churn by month", "MRR movements",
        "Cohort retention", "Model fits", "RFM segments (5 score bins)", "Cart abandonment", "Inactivity churn", "Survival by Contract", "Experiment",
    ];

    private static string[] JsonTitles(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("title").GetString()!)];
    }

    [Fact]
    public void Report_has_every_section_and_is_deterministic()
    {
        var (code, first, _) = Tool.Run("report");
        Assert.Equal(0, code);
        Assert.Equal(first, Tool.Run("report").Output);
        foreach (string heading in Sections)
        {
            Assert.Contains("\n" + heading, first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_shows_the_rfm_segments_with_mean_clv_and_p_alive()
    {
        using var doc = JsonDocument.Parse(Tool.Run("report", "--format", "json").Output);
        var table = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "RFM segments (5 score bins)");
        string[] headers = [.. table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()!)];
        Assert.Equal(["segment", "customers", "share", "revenue share", "mean CLV", "mean P(alive)"], headers);
        var rows = table.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal("Champions", rows[0][0].GetProperty("text").GetString());
        var segments = doc.RootElement.GetProperty("results").GetProperty("rfmSegments").EnumerateArray().ToArray();
        int customers = doc.RootElement.GetProperty("results").GetProperty("customerSummary").GetProperty("customers").GetInt32();
        Assert.Equal(customers, segments.Sum(s => s.GetProperty("customers").GetInt32()));
        Assert.All(segments.Where(s => s.GetProperty("customers").GetInt32() > 0), s => Assert.InRange(s.GetProperty("meanProbabilityAlive").GetDouble(), 0, 1));
    }

    [Fact]
    public void Every_format_shows_the_same_tables()
    {
        string[] titles = JsonTitles(Tool.Run("report", "--format", "json").Output);
        Assert.Contains(titles, t => t.StartsWith("Survival by Contract", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Inactivity churn", StringComparison.Ordinal));
        string table = Tool.Run("report").Output;
        string markdown = Tool.Run("report", "--format", "markdown").Output;
        foreach (string title in titles)
        {
            Assert.Contains("\n" + title + "\n", table, StringComparison.Ordinal);
            Assert.Contains("## " + title + "\n", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_format_shows_the_same_cells_from_one_document()
    {
        using var json = JsonDocument.Parse(Tool.Run("report", "--format", "json").Output);
        string table = Tool.Run("report").Output;
        string markdown = Tool.Run("report", "--format", "markdown").Output;
        string html = Tool.Run("report", "--format", "html").Output;
        int cells = 0;
        foreach (var t in json.RootElement.GetProperty("tables").EnumerateArray())
        {
            string[] notes = [.. t.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];
            bool cut = notes.Any(n => n.Contains("more rows not shown", StringComparison.Ordinal));
            var rows = t.GetProperty("rows").EnumerateArray().ToList();
            foreach (var row in cut ? rows.Take(1) : rows)
            {
                string[] texts = [.. row.EnumerateArray().Select(c => c.GetProperty("text").GetString()!)];
                string line = "| " + string.Join(" | ", texts.Select(c => c.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal))) + " |";
                Assert.Contains(line, markdown, StringComparison.Ordinal);
                foreach (string text in texts.Where(c => c.Length > 0))
                {
                    Assert.Contains(text, table, StringComparison.Ordinal);
                    Assert.Contains(">" + CxMetrics.Reporting.XmlCharacters.Escape(text) + "</t", html, StringComparison.Ordinal);
                    cells++;
                }
            }

            foreach (string note in notes)
            {
                Assert.Contains("\n" + note + "\n", table, StringComparison.Ordinal);
                Assert.Contains("\n" + CxMetrics.Reporting.ReportWriters.EscapeMarkdown(note) + "\n", markdown, StringComparison.Ordinal);
                Assert.Contains(CxMetrics.Reporting.XmlCharacters.Escape(note), html, StringComparison.Ordinal);
            }
        }

        Assert.True(cells > 1_000, $"{cells} cells compared");
    }

    [Fact]
    public void Sample_is_the_same_on_every_machine()
    {
        var data = Generators.SurveySample.Generate();
        Assert.Equal(6513, data.Nps.Count);
        Assert.Equal("n-1", data.Nps[0].Id);
        Assert.All(data.Nps, r => Assert.True(r.Score is null or >= 0 and <= 10));
    }

    [Fact]
    public void Quarterly_report_has_four_quarters()
    {
        string text = Tool.Run("report", "--period", "quarter").Output;
        Assert.Contains("NPS by quarter", text, StringComparison.Ordinal);
        Assert.Contains("2025-Q4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_runs_end_to_end_and_rejects_bad_arguments()
    {
        var (code, output, _) = RunTool("report");
        Assert.Equal(0, code);
        Assert.Contains("NPS", output, StringComparison.Ordinal);

        var (badCode, _, error) = RunTool("report", "--level", "1.5");
        Assert.Equal(2, badCode);
        Assert.Contains("confidence level", error, StringComparison.Ordinal);

        var (unknownCode, _, unknownError) = RunTool("frobnicate");
        Assert.Equal(2, unknownCode);
        Assert.Contains("unknown command", unknownError, StringComparison.Ordinal);
        Assert.Single(unknownError.TrimEnd().Split('\n'));
    }

    private static (int Code, string Output, string Error) RunTool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CxMetrics.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}

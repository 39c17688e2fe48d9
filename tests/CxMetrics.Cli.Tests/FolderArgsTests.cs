namespace CxMetrics.Cli.Tests;

/// <summary>A folder's report.args: options for every file, per-file sections, the command line over both, and its errors.</summary>
public sealed class FolderArgsTests : IDisposable
{
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-folderargs-" + Guid.NewGuid().ToString("N"));

    public FolderArgsTests()
    {
        Directory.CreateDirectory(shop);

        // 23:30 UTC on 31 January is already February in Berlin: the zone decides the month of the second answer.
        File.WriteAllText(Path.Combine(shop, "nps.csv"), """
            who,when,score
            c1,2025-01-15T10:00:00Z,9
            c2,2025-01-31T23:30:00Z,3
            """);
        File.WriteAllText(Path.Combine(shop, "columns.json"), """{ "nps": { "columns": { "customer_id": "who", "answered_at": "when" } } }""");
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private void Args(string text) => File.WriteAllText(Path.Combine(shop, "report.args"), text);

    private static string[] Months(string markdown) =>
        [.. markdown.Split('\n').SkipWhile(l => !l.StartsWith("## NPS by month", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("| 2025", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim())];

    [Fact]
    public void A_section_overrides_the_lines_for_every_file_and_the_command_line_overrides_both()
    {
        Args("""
            # a relative --map is the folder's file
            --map columns.json
            --zone UTC

            [nps.csv]
            --zone Europe/Berlin
            """);
        var (code, output, error) = Tool.Run("report", shop, "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Equal(2, Months(output).Length);

        (code, output, error) = Tool.Run("report", shop, "--format", "markdown", "--zone", "UTC");
        Assert.True(code == 0, error);
        Assert.Single(Months(output));
    }

    [Fact]
    public void Output_options_before_the_first_section_apply_to_the_whole_report()
    {
        Args("--map columns.json\n--format json\n--suppress-below 2\n[nps.csv]\n--zone Europe/Berlin\n");
        var (code, output, error) = Tool.Run("report", shop);
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Contains(json.RootElement.GetProperty("tables").EnumerateArray(), t => t.GetProperty("title").GetString() == "NPS by month");
    }

    [Fact]
    public void Without_a_section_the_lines_for_every_file_apply()
    {
        Args("--map=columns.json\n--zone Europe/Berlin\n");
        var (code, output, error) = Tool.Run("report", shop, "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Equal(2, Months(output).Length);
    }

    [Fact]
    public void The_command_line_overrides_every_section_of_the_bundled_folder()
    {
        // --window replaces the [orders.csv] section's 90 days; survival.csv and the experiment do not take report's window.
        var (code, output, error) = Tool.Run("report", "--window", "30d", "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Contains("## Inactivity churn: no order in the last 30 days (as of 1998-07-01T00:00:00Z)", output, StringComparison.Ordinal);
        Assert.Contains("## Survival by Contract (Kaplan–Meier; time in months)", output, StringComparison.Ordinal);
        Assert.Contains("outcome = an order within 30 days of assignment", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_on_the_command_line_is_named_as_the_command_line_s()
    {
        Args("--map columns.json\n");
        var (code, _, error) = Tool.Run("report", shop, "--zone", "Mars/Olympus");
        Assert.Equal(2, code);
        Assert.StartsWith("cxmetrics: --zone: 'Mars/Olympus' is not an IANA time zone", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--map columns.json\n--frobnicate\n", "'--frobnicate' is not an option of report")]
    [InlineData("--map columns.json\n--zone Mars/Olympus\n", "--zone: 'Mars/Olympus' is not an IANA time zone")]
    [InlineData("--map columns.json\n[orders.txt]\n--zone UTC\n", "'[orders.txt]' is not a section of a file report reads")]
    [InlineData("--map columns.json\n[nps.csv]\n[nps.csv]\n", "section [nps.csv] is given twice")]
    [InlineData("--map columns.json other-folder\n", "'other-folder' is not an option of report")]
    [InlineData("--map columns.json --as-of\n", "--as-of needs a value")]
    [InlineData("--map columns.json\n[nps.csv]\n--zone UTC --format json\n", "line 3: --format is about the whole output and belongs before the first section")]
    [InlineData("--map columns.json\n[nps.csv]\n-o out.md\n", "line 3: -o is about the whole output and belongs before the first section")]
    [InlineData("[nps.csv]\n--suppress-below=5\n", "line 2: --suppress-below is about the whole output and belongs before the first section")]
    public void A_mistake_in_the_file_is_a_usage_error_naming_the_file(string text, string message)
    {
        Args(text);
        var (code, output, error) = Tool.Run("report", shop);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("report.args", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}

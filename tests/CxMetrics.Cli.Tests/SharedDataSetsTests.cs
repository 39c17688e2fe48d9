using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CxMetrics.Cli.Tests;

/// <summary>
/// The documented command line of each shared data set (<c>samples/maps/NAME.args</c>, shown in docs/your-data.md and run
/// by .ci/datasets) run as a process from a folder holding <c>samples/</c>, exactly as written, with the figures it prints
/// checked against the data (issue 14, section 2).
/// </summary>
public class SharedDataSetsTests
{
    /// <summary>Runs <c>cxmetrics</c> with the arguments of <c>samples/maps/NAME.args</c> from the folder that holds <c>samples/</c> (the test output, as the repository root in CI).</summary>
    private static (int Code, string Output, string Error, string Line) RunDataSet(string name, params string[] extra)
    {
        string line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "maps", name + ".args"))[0];
        Assert.DoesNotContain('"', line);
        Assert.DoesNotContain('\'', line);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CxMetrics.Cli.dll"));
        foreach (string word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(extra))
        {
            start.ArgumentList.Add(word);
        }

        start.Environment["CXMETRICS_NO_PROGRESS"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error, line);
    }

    /// <summary>The cells of the table row that starts with <paramref name="first"/> (the ASCII tables of redirected output).</summary>
    private static string[] Row(string output, string first)
    {
        var line = output.Split('\n').First(l => Regex.IsMatch(l, $@"^\|\s*{Regex.Escape(first)}\s*\|"));
        return [.. line.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).Where(c => c.Length > 0)];
    }

    /// <summary>Every table's title, columns and rows of a JSON run (the notes left out).</summary>
    private static string Rows(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return string.Join('\n', doc.RootElement.GetProperty("tables").EnumerateArray().Select(t =>
            t.GetProperty("title").GetString() + t.GetProperty("columns").GetRawText() + t.GetProperty("rows").GetRawText()));
    }

    [Fact]
    public void Online_shoppers_as_shipped_convert_15_47_percent_by_month_without_a_period_table()
    {
        var (code, output, error, line) = RunDataSet("online-shoppers");
        Assert.True(code == 0, error);
        Assert.StartsWith("conversion samples/online-shoppers/sessions.csv --map samples/maps/online-shoppers.json", line, StringComparison.Ordinal);
        Assert.Contains("12,330 rows read, 12,330 accepted, 0 rejected", output, StringComparison.Ordinal);
        Assert.Equal(["conversion", "15.47%", "[14.85%, 16.12%]", "12,330"], Row(output, "conversion"));
        Assert.Contains("Conversion by Month", output, StringComparison.Ordinal);
        Assert.Equal(["Nov", "25.35%", "[23.83%, 26.94%]", "2,998"], Row(output, "Nov"));
        Assert.Equal(["Feb", "1.63%", "[0.56%, 4.68%]", "184"], Row(output, "Feb"));
        Assert.Contains("no start time", output, StringComparison.Ordinal);
        Assert.DoesNotContain("change (pp)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Otto_sessions_as_shipped_read_862_events_skip_800_clicks_and_abandon_4_of_6_users()
    {
        var (code, output, error, _) = RunDataSet("otto");
        Assert.True(code == 0, error);
        Assert.Contains("862 rows read, 62 accepted, 0 rejected, 800 skipped", output, StringComparison.Ordinal);
        Assert.Contains("unit user", output, StringComparison.Ordinal);
        Assert.Equal(["cart abandonment", "66.7%", "[30.0%, 90.3%]", "4", "2", "0"], Row(output, "cart abandonment"));
        Assert.Equal(["add to cart", "7", "3", "4", "0", "42.9%", "[15.8%, 75.0%]", "718.7"], Row(output, "add to cart"));
        Assert.Equal("1", Row(output, "purchases without cart")[1]);
    }

    [Fact]
    public void Cdnow_master_excerpt_fits_clv_on_157_customers_with_a_holdout()
    {
        var (code, output, error, _) = RunDataSet("cdnow");
        Assert.True(code == 0, error);
        Assert.Contains("434 rows read, 434 accepted, 0 rejected", output, StringComparison.Ordinal);
        Assert.Equal(["157", "56", "35.7%", "0.81", "5.7", "32.7", "11,479.61", "USD", "0"], Row(output, "157"));
        Assert.Equal("Converged", Row(output, "BG/NBD")[^1]);
        Assert.Equal("Converged", Row(output, "Gamma-Gamma")[^1]);
        Assert.Equal("142", Row(output, "all")[2]);
    }

    [Fact]
    public void Cdnow_master_excerpt_gives_three_monthly_cohorts_of_the_first_quarter_1997()
    {
        var (code, output, error, _) = RunDataSet("cdnow-cohorts");
        Assert.True(code == 0, error);
        Assert.Equal(["1997-01", "51", "3.9%", "5.9%", "9.8%"], Row(output, "1997-01")[..5]);
        Assert.Equal(["1997-02", "59", "15.3%"], Row(output, "1997-02")[..3]);
        Assert.Equal(["1997-03", "47", "17.0%"], Row(output, "1997-03")[..3]);
        Assert.DoesNotContain("1997-04", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_conversion_sample_is_the_online_shoppers_mapping_file_run()
    {
        var bundled = ColumnMapsTests.Run("conversion", "-f", "json");
        var mapped = ColumnMapsTests.Run("conversion", Path.Combine(AppContext.BaseDirectory, "samples", "online-shoppers", "sessions.csv"), "--map", Path.Combine(AppContext.BaseDirectory, "samples", "maps", "online-shoppers.json"), "-f", "json");
        Assert.True(mapped.Code == 0, mapped.Error);
        Assert.Equal(Rows(bundled.Output), Rows(mapped.Output));
        Assert.Contains("no start time", mapped.Output, StringComparison.Ordinal);
    }
}

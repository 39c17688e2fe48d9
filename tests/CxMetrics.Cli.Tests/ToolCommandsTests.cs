using System.Text.Json;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Output;

namespace CxMetrics.Cli.Tests;

public sealed class ToolCommandsTests : IDisposable
{
    private readonly string shop = Path.Combine(Path.GetTempPath(), "cxmetrics-cli-" + Guid.NewGuid().ToString("N"));

    public ToolCommandsTests()
    {
        Directory.CreateDirectory(shop);
        File.WriteAllText(Path.Combine(shop, "nps.csv"), """
            customer_id,answered_at,score,channel
            c1,2025-01-05T10:00:00+01:00,10,email
            c2,2025-01-06T10:00:00+01:00,3,web
            c3,2025-02-06 10:00,9,web
            c4,2025-02-07T10:00:00Z,12,web
            c5,2025-02-08T10:00:00Z,,web
            """);
        File.WriteAllText(Path.Combine(shop, "csat.csv"), "customer_id,answered_at,score,touchpoint\nc1,2025-01-05T10:00:00Z,5,delivery\nc2,2025-01-05T10:00:00Z,2,delivery\n");
        File.WriteAllText(Path.Combine(shop, "sessions.csv"), "visitor_id,started_at,converted,device\nv1,2025-01-01T00:00:00Z,true,mobile\nv2,2025-01-02T00:00:00Z,false,desktop\nv3,2025-02-02T00:00:00Z,no,desktop\n");
        File.WriteAllText(Path.Combine(shop, "tickets.csv"), """
            ticket_id,event,at,customer_id,channel,priority
            T1,created,2025-01-06T09:00:00Z,c1,email,high
            T1,reply,2025-01-06T11:00:00Z,,,
            T1,solved,2025-01-06T13:00:00Z,,,
            T2,created,2025-01-06T09:00:00Z,c2,chat,low
            """);
        File.WriteAllText(Path.Combine(shop, "orders.csv"), "customer_id,placed_at,amount,currency\nc1,2025-01-02T10:00:00Z,10.50,EUR\nc2,2025-01-03T10:00:00Z,5,EUR\n");
    }

    public void Dispose() => Directory.Delete(shop, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

    [Fact]
    public void Report_on_a_folder_prints_every_family_with_data_and_accounts_for_every_row()
    {
        var (code, output, error) = Run("report", shop);
        Assert.Equal(0, code);
        Assert.Empty(error);
        foreach (string heading in new[] { "NPS by channel", "CSAT by touchpoint", "Support (calendar hours", "Conversion per session", "Orders" })
        {
            Assert.Contains(heading, output, StringComparison.Ordinal);
        }

        Assert.Contains("nps.csv: 5 rows read, 3 accepted, 2 rejected", output, StringComparison.Ordinal);
        Assert.Contains("line 4, column 'answered_at'", output, StringComparison.Ordinal);
        Assert.Contains("line 5, column 'score': score 12 is outside the scale 0–10", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_follows_the_documented_schema()
    {
        var (code, output, _) = Run("report", shop, "--format", "json", "--zone", "Europe/Berlin");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("cxmetrics.report/3", root.GetProperty("schema").GetString());
        Assert.Equal("report", root.GetProperty("command").GetString());
        var nps = root.GetProperty("inputs")[0];
        Assert.Equal(5, nps.GetProperty("rowsRead").GetInt64());
        Assert.Equal(nps.GetProperty("rowsRead").GetInt64(), nps.GetProperty("rowsAccepted").GetInt64() + nps.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(1, nps.GetProperty("rowsRejected").GetInt64()); // with a zone, the local time on line 4 is read
        Assert.Equal(5, nps.GetProperty("rejections")[0].GetProperty("line").GetInt64());
        Assert.Equal(4, root.GetProperty("results").GetProperty("nps").GetProperty("count").GetInt64() + root.GetProperty("results").GetProperty("nps").GetProperty("unanswered").GetInt64());
        Assert.Equal("AdjustedWald", root.GetProperty("results").GetProperty("nps").GetProperty("intervalMethod").GetString());
        var table = root.GetProperty("tables")[0];
        Assert.Equal("NPS", table.GetProperty("title").GetString());
        Assert.Equal(table.GetProperty("columns").GetArrayLength(), table.GetProperty("rows")[0].GetArrayLength());
    }

    [Fact]
    public void Json_tables_carry_the_core_writers_typed_cells()
    {
        var (code, output, _) = Run("nps", shop, "--format", "json", "--zone", "Europe/Berlin");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("cxmetrics.report/3", root.GetProperty("schema").GetString());
        var nps = root.GetProperty("results").GetProperty("nps");
        var table = root.GetProperty("tables")[0];
        Assert.Equal(["title", "columns", "rows", "notes"], table.EnumerateObject().Select(p => p.Name));
        var columns = table.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(("metric", false), (columns[0].GetProperty("header").GetString(), columns[0].GetProperty("numeric").GetBoolean()));
        Assert.True(columns[1].GetProperty("numeric").GetBoolean());
        var row = table.GetProperty("rows")[0].EnumerateArray().ToList();
        int n = columns.FindIndex(c => c.GetProperty("header").GetString() == "n");
        Assert.Equal("text", row[0].GetProperty("kind").GetString());
        Assert.Equal("number", row[1].GetProperty("kind").GetString());
        Assert.Equal(nps.GetProperty("score").GetDouble(), row[1].GetProperty("value").GetDouble(), 12);
        Assert.Equal("interval", row[2].GetProperty("kind").GetString());
        Assert.Equal(nps.GetProperty("interval").GetProperty("lower").GetDouble(), row[2].GetProperty("lower").GetDouble(), 12);
        Assert.Equal("share", row[3].GetProperty("kind").GetString());
        Assert.Equal("count", row[n].GetProperty("kind").GetString());
        Assert.Equal(nps.GetProperty("count").GetInt64(), row[n].GetProperty("value").GetInt64());
        Assert.All(row, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("text").GetString())));
        Assert.Contains("adjusted-Wald", table.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nps", "NPS by month")]
    [InlineData("csat", "CSAT by touchpoint")]
    [InlineData("ces", "CES by channel")]
    [InlineData("support", "Support by channel")]
    [InlineData("conversion", "Conversion by visitor-type")]
    public void Family_commands_run_on_the_bundled_sample(string command, string heading)
    {
        var (code, output, error) = Run(command, "--format", "markdown");
        Assert.True(code == 0, error);
        Assert.Contains("## " + heading, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Family_command_reads_a_file_with_options()
    {
        var (code, output, _) = Run("csat", Path.Combine(shop, "csat.csv"), "--scale", "1-5", "--level", "0.9", "--period", "quarter", "--format", "markdown");
        Assert.Equal(0, code);
        Assert.Contains("90% CI", output, StringComparison.Ordinal);
        Assert.Contains("| 2025-Q1 | 50.0 |", output, StringComparison.Ordinal);

        var (segCode, segOutput, _) = Run("conversion", shop, "--segment", "device", "--format", "markdown");
        Assert.Equal(0, segCode);
        Assert.Contains("| desktop | 0.00% |", segOutput, StringComparison.Ordinal);

        var (supportCode, supportOutput, _) = Run("support", shop, "--as-of", "2025-01-07T00:00:00Z", "--hours", "08:00-18:00", "--segment", "priority", "--format", "markdown");
        Assert.Equal(0, supportCode);
        Assert.Contains("business hours", supportOutput, StringComparison.Ordinal);
        Assert.Contains("| high | 1 | 2.00 | 4.00 |", supportOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "unknown command 'frobnicate'", "frobnicate")]
    [InlineData(2, "--level", "nps", "--level", "2")]
    [InlineData(2, "--zone: 'Mars/Olympus' is not an IANA time zone", "nps", "--zone", "Mars/Olympus")]
    [InlineData(2, "--format", "nps", "--format", "xml")]
    [InlineData(2, "--as-of", "support", "--as-of", "yesterday")]
    [InlineData(2, "--as-of: '9999-12-31T23:59:59-18:00' lies outside the range of instants", "support", "--as-of", "9999-12-31T23:59:59-18:00")]
    [InlineData(2, "segment key 'colour'", "nps", "--segment", "colour")]
    [InlineData(1, "no such file or folder", "nps", "/no/such/place")]
    public void Bad_arguments_give_one_line_on_stderr_and_a_non_zero_exit(int expected, string message, params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(expected, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Missing_column_and_strict_mode_are_data_errors()
    {
        File.WriteAllText(Path.Combine(shop, "ces.csv"), "customer,answered_at,score\nc1,2025-01-01T00:00:00Z,5\n");
        var (code, _, error) = Run("ces", shop);
        Assert.Equal(1, code);
        Assert.Contains("required column 'customer_id' is missing", error, StringComparison.Ordinal);

        var (strictCode, _, strictError) = Run("nps", shop, "--strict");
        Assert.Equal(1, strictCode);
        Assert.Contains("line 4, column 'answered_at'", strictError, StringComparison.Ordinal);
        Assert.Single(strictError.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Folder_without_known_files_is_a_data_error()
    {
        string empty = Path.Combine(shop, "empty");
        Directory.CreateDirectory(empty);
        var (code, _, error) = Run("report", empty);
        Assert.Equal(1, code);
        Assert.Contains("has none of the files", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bundled_report_in_json_has_every_family()
    {
        var (code, output, _) = Run("report", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        foreach (string family in new[] { "nps", "csat", "ces", "support", "conversion" })
        {
            Assert.True(results.TryGetProperty(family, out _), family);
        }
    }

    [Theory]
    [InlineData("--format", "2", "--format: '2' is not one of table, markdown, json, html.")]
    [InlineData("--format", "99", "--format: '99' is not one of table, markdown, json, html.")]
    [InlineData("--period", "3", "--period: '3' is not one of day, week, month, quarter, year.")]
    public void Enum_options_take_names_only_never_numbers(string option, string value, string message)
    {
        var (code, output, error) = Run("nps", option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("cxmetrics: " + message, error.TrimEnd());
    }

    [Fact]
    public void Control_characters_from_a_file_header_reach_the_error_line_escaped()
    {
        File.WriteAllText(Path.Combine(shop, "ces.csv"), "cust\u001b[2J\u0000\u0007omer,answered_at,score\nc1,2025-01-01T00:00:00Z,5\n");
        var (code, _, error) = Run("ces", shop);
        Assert.Equal(1, code);
        Assert.Contains("cust\\x1B[2J\\x00\\x07omer", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error.TrimEnd(), c => char.IsControl(c));
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_long_header_echo_is_cut_to_the_documented_length_with_its_size()
    {
        string header = "customer," + new string('x', 50_000) + ",score";
        File.WriteAllText(Path.Combine(shop, "ces.csv"), header + "\nc1,2025-01-01T00:00:00Z,5\n");
        var (code, _, error) = Run("ces", shop);
        Assert.Equal(1, code);
        string line = error.TrimEnd();
        Assert.True(line.Length < 1_100, $"{line.Length} characters"); // the documented cut: 1,000 characters and the size note
        Assert.Contains("…' (50000 chars)", line, StringComparison.Ordinal); // the reader cuts the echoed name to 64 characters
    }

    [Fact]
    public void An_error_line_longer_than_the_cut_ends_with_its_size()
    {
        string line = TerminalText.Safe("x" + new string('y', 5_000));
        Assert.Equal(TerminalText.MaxLine, line.IndexOf('…', StringComparison.Ordinal));
        Assert.EndsWith("… (5,001 characters)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_cells_are_escaped_in_table_and_markdown_output()
    {
        File.WriteAllText(Path.Combine(shop, "nps.csv"), "customer_id,answered_at,score,channel\nc1,2025-01-05T10:00:00Z,10,a\u0001b\u001b[2J\nc2,2025-01-06T10:00:00Z,1\u00072,web\n");
        foreach (string format in new[] { "table", "markdown" })
        {
            var (code, output, _) = Run("nps", shop, "--format", format);
            Assert.Equal(0, code);
            Assert.Contains("a\\x01b\\x1B[2J", output, StringComparison.Ordinal);
            Assert.DoesNotContain(output.Replace("\n", string.Empty, StringComparison.Ordinal), c => char.IsControl(c));
        }
    }

    [Fact]
    public void Support_as_of_leaves_out_tickets_created_later_and_keeps_open_ones_pending()
    {
        File.AppendAllText(Path.Combine(shop, "tickets.csv"), "\nT3,created,2025-02-01T09:00:00Z,c3,email,low\n");
        var (code, output, error) = Run("support", shop, "--as-of", "2025-01-07T00:00:00Z", "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        using var doc = JsonDocument.Parse(output);
        var support = doc.RootElement.GetProperty("results").GetProperty("support");
        Assert.Equal(2, support.GetProperty("tickets").GetInt64());
        Assert.Equal(1, support.GetProperty("responsePending").GetInt64());
        Assert.Contains("1 tickets created after the as-of instant are left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ticket_solved_without_reply_is_counted_as_closed_without_reply_not_as_pending()
    {
        File.AppendAllText(Path.Combine(shop, "tickets.csv"), "\nT4,created,2025-01-06T09:00:00Z,c4,email,low\nT4,solved,2025-01-06T10:00:00Z,,,\n");
        var (code, output, _) = Run("support", shop, "--as-of", "2025-03-01T00:00:00Z", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var support = doc.RootElement.GetProperty("results").GetProperty("support");
        Assert.Equal(3, support.GetProperty("tickets").GetInt64());
        Assert.Equal(1, support.GetProperty("responsePending").GetInt64());
        Assert.Equal(1, support.GetProperty("firstResponse").GetProperty("count").GetInt64());
        Assert.Equal(1, support.GetProperty("closedWithoutReply").GetInt64());
    }
}

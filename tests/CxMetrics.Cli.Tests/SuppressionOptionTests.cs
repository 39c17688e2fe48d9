using System.Text.Json;
using static CxMetrics.Cli.Tests.Tool;

namespace CxMetrics.Cli.Tests;

/// <summary><c>--suppress-below</c> and <c>--suppression</c>: the core's small-cell policy applied to every table of every format.</summary>
public sealed class SuppressionOptionTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-suppression-" + Guid.NewGuid().ToString("N"));
    private readonly string file;

    public SuppressionOptionTests()
    {
        Directory.CreateDirectory(folder);
        file = Path.Combine(folder, "nps.csv");
        File.WriteAllText(file, "customer_id,answered_at,score,channel\n"
            + string.Concat(Enumerable.Range(1, 12).Select(i => $"c{i},2025-01-{i + 1:00}T10:00:00Z,{(i % 3 == 0 ? 3 : 9 + i % 2)},{(i <= 9 ? "web" : "email")}\n")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The NPS-by-channel rows of a JSON run as (channel, n) cell texts, and the table's note.</summary>
    private static (Dictionary<string, string> N, string? Note) Channels(string output)
    {
        using var doc = JsonDocument.Parse(output);
        var table = doc.RootElement.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("title").GetString() == "NPS by channel");
        int n = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("header").GetString()).ToList().IndexOf("n");
        var rows = table.GetProperty("rows").EnumerateArray().ToDictionary(r => r[0].GetProperty("text").GetString()!, r => r[n].GetProperty("text").GetString()!);
        string[] notes = [.. table.GetProperty("notes").EnumerateArray().Select(x => x.GetString()!)];
        return (rows, notes.Length == 0 ? null : string.Join(" ", notes));
    }

    [Fact]
    public void Without_the_option_every_count_is_printed_as_it_is()
    {
        var (code, output, _) = Run("nps", file, "--format", "json");
        Assert.Equal(0, code);
        var (n, _) = Channels(output);
        Assert.Equal("9", n["web"]);
        Assert.Equal("3", n["email"]);
    }

    [Fact]
    public void Flag_marks_counts_below_the_minimum_and_says_so_under_the_table()
    {
        var (code, output, _) = Run("nps", file, "--format", "json", "--suppress-below", "5");
        Assert.Equal(0, code);
        var (n, note) = Channels(output);
        Assert.Equal("9", n["web"]);
        Assert.Equal("3*", n["email"]);
        Assert.Contains("* a count below 5 (small cell)", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "email vs web", null)]
    [InlineData("flag", "email* vs web", "(* a count below 5: small cell)")]
    [InlineData("blank", null, "1 with a small cell (a count below 5) not listed")]
    public void The_pairs_under_a_table_treat_a_small_cell_as_its_count(string? mode, string? emailPair, string? said)
    {
        // 40 web and 40 app answers, 4 by email: web differs from both; the email pair rests on 4 answers.
        string path = Path.Combine(folder, "channels.csv");
        var rows = new List<string> { "customer_id,answered_at,score,channel" };
        void Add(string channel, int promoters, int passives, int detractors)
        {
            foreach (int score in Enumerable.Repeat(10, promoters).Concat(Enumerable.Repeat(8, passives)).Concat(Enumerable.Repeat(2, detractors)))
            {
                rows.Add($"{channel}{rows.Count},2025-01-0{1 + (rows.Count % 9)}T10:00:00Z,{score},{channel}");
            }
        }

        Add("web", 30, 5, 5);
        Add("app", 5, 5, 30);
        Add("email", 0, 1, 3);
        File.WriteAllLines(path, rows);
        string[] args = ["nps", path, "--format", "json", .. mode is null ? Array.Empty<string>() : ["--suppress-below", "5", "--suppression", mode]];
        var (code, output, error) = Run(args);
        Assert.True(code == 0, error);
        var (_, note) = Channels(output);

        Assert.Contains("2 of 3 pairs differ after Holm", note, StringComparison.Ordinal);
        Assert.Contains("app vs web", note, StringComparison.Ordinal);
        if (emailPair is null)
        {
            Assert.DoesNotContain("email vs", note, StringComparison.Ordinal);
            Assert.DoesNotContain("email* vs", note, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(emailPair, note, StringComparison.Ordinal);
        }

        if (said is not null)
        {
            Assert.Contains(said, note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Blank_leaves_small_counts_empty()
    {
        var (code, output, _) = Run("nps", file, "--format", "json", "--suppress-below", "5", "--suppression", "blank");
        Assert.Equal(0, code);
        var (n, note) = Channels(output);
        Assert.Equal("9", n["web"]);
        Assert.Equal(string.Empty, n["email"]);
        Assert.Contains("count below 5", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_rounds_every_count_to_a_multiple_of_five()
    {
        var (code, output, _) = Run("nps", file, "--format", "json", "--suppression", "round");
        Assert.Equal(0, code);
        var (n, note) = Channels(output);
        Assert.Equal("10", n["web"]);
        Assert.Equal("5", n["email"]);
        Assert.Contains("multiple of 5", note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_results_follow_the_same_policy_and_say_which()
    {
        var (code, output, _) = Run("nps", file, "--format", "json", "--suppress-below", "5");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var nps = doc.RootElement.GetProperty("results").GetProperty("nps");
        Assert.Equal(JsonValueKind.Null, nps.GetProperty("detractors").ValueKind); // 4 answers of 3
        Assert.Equal(12, nps.GetProperty("count").GetInt64());
        var policy = doc.RootElement.GetProperty("suppression");
        Assert.Equal("flag", policy.GetProperty("mode").GetString());
        Assert.Equal(5, policy.GetProperty("minimumCount").GetInt32());

        using var plain = JsonDocument.Parse(Run("nps", file, "--format", "json").Output);
        Assert.Equal(4, plain.RootElement.GetProperty("results").GetProperty("nps").GetProperty("detractors").GetInt64());
        Assert.False(plain.RootElement.TryGetProperty("suppression", out _));
    }

    [Theory]
    [InlineData("table")]
    [InlineData("markdown")]
    [InlineData("html")]
    public void Every_format_applies_the_policy(string format)
    {
        var (code, output, _) = Run("nps", file, "--format", format, "--suppress-below", "5");
        Assert.Equal(0, code);
        Assert.Contains("3*", output, StringComparison.Ordinal);
        Assert.Contains("a count below 5 (small cell)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("3*", Run("nps", file, "--format", format).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_option_without_its_value_says_what_it_needs()
    {
        var (code, _, error) = Run("nps", file, "--suppress-below");
        Assert.Equal(2, code);
        Assert.Contains("--suppress-below needs a value (a whole number such as 10)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--suppress-below", "-1")]
    [InlineData("--suppress-below", "many")]
    [InlineData("--suppression", "hide")]
    [InlineData("--suppression", "blank")]
    public void A_bad_policy_is_a_usage_error(string option, string value)
    {
        var (code, output, error) = Run("nps", file, option, value);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("cxmetrics: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}

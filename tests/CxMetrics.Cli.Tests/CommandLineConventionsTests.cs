using CxMetrics.Cli.Commands;

namespace CxMetrics.Cli.Tests;

/// <summary>Command-line conventions users expect (issue 14, section 4): unknown options, typos, plain-word errors.</summary>
public sealed class CommandLineConventionsTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = ToolCommands.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string UsageErrorLine(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = error.TrimEnd();
        Assert.Single(line.Split('\n'));
        Assert.StartsWith("cxmetrics: ", line, StringComparison.Ordinal);
        return line;
    }

    [Theory]
    [InlineData("nps", "--frobnicate")]
    [InlineData("report", "--frobnicate")]
    [InlineData("clv", "-x")]
    [InlineData("support", "--strict", "--frobnicate")]
    public void Unknown_option_without_a_path_is_a_usage_error_naming_it(params string[] args)
    {
        string line = UsageErrorLine(args);
        Assert.Contains($"unknown option '{args[^1]}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--levle", "--level", "nps", "--levle", "0.9")]
    [InlineData("--fromat", "--format", "nps", "--fromat", "json")]
    [InlineData("--zon", "--zone", "support", "--zon", "UTC")]
    [InlineData("--hoirzon", "--horizon", "clv", "--hoirzon", "6")]
    [InlineData("--mincell", "--min-cell", "csat", "--mincell=5")]
    public void A_misspelt_option_gets_a_did_you_mean(string typo, string known, params string[] args)
    {
        string line = UsageErrorLine(args);
        Assert.Contains($"unknown option '{typo}'", line, StringComparison.Ordinal);
        Assert.EndsWith($"did you mean {known}?", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_of_another_command_is_unknown_and_a_negative_value_is_still_a_value()
    {
        Assert.Contains("unknown option '--horizon'", UsageErrorLine("nps", "--horizon", "6"), StringComparison.Ordinal);
        Assert.Contains("--level", UsageErrorLine("nps", "--level", "-0.5"), StringComparison.Ordinal);
        Assert.DoesNotContain("unknown option", UsageErrorLine("nps", "--level", "-0.5"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nps", "--level", "abc")]
    [InlineData("nps", "--level", "1e999x")]
    [InlineData("nps", "--min-cell", "x")]
    [InlineData("nps", "--min-cell", "2.5")]
    [InlineData("nps", "--min-cell", "99999999999")]
    [InlineData("nps", "--period", "fortnight")]
    [InlineData("nps", "--format", "xml")]
    [InlineData("csat", "--level", "")]
    [InlineData("nps", "--level=abc")]
    [InlineData("clv", "--horizon", "x")]
    [InlineData("clv", "--horizon", "1.5")]
    [InlineData("clv", "--top", "ten")]
    [InlineData("clv", "--discount", "one percent")]
    public void No_dotnet_type_names_reach_the_user(params string[] args)
    {
        string line = UsageErrorLine(args);
        Assert.Contains(args[1].Split('=')[0] + ": '", line, StringComparison.Ordinal);
        foreach (string leak in new[] { "System.", "Int32", "Int64", "Double", "Boolean", "CxMetrics.", "PeriodUnit", "OutputFormat" })
        {
            Assert.DoesNotContain(leak, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_shows_enum_values_in_lower_case_and_they_are_accepted_in_any_case()
    {
        var (code, help, _) = Run("nps", "--help");
        Assert.Equal(0, code);
        Assert.Contains("day|week|month|quarter|year", help, StringComparison.Ordinal);
        Assert.Contains("table|markdown|json|html", help, StringComparison.Ordinal);
        foreach (string leak in new[] { "Month", "Table", "Html", "Quarter" })
        {
            Assert.DoesNotContain(leak, help, StringComparison.Ordinal);
        }

        var (runCode, output, error) = Run("nps", "--period", "QUARTER", "--format", "Markdown");
        Assert.True(runCode == 0, error);
        Assert.Contains("NPS by quarter", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_aliases_do_what_their_long_options_do()
    {
        var (longCode, longOutput, longError) = Run("nps", "--format", "json", "--period", "quarter", "--zone", "UTC", "--segment", "channel");
        var (shortCode, shortOutput, shortError) = Run("nps", "-f", "json", "-p", "quarter", "-z", "UTC", "-s", "channel");
        Assert.True(longCode == 0, longError);
        Assert.True(shortCode == 0, shortError);
        Assert.Equal(longOutput, shortOutput);
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("-o")]
    public void Output_goes_to_the_file_instead_of_stdout(string option)
    {
        string file = Path.Combine(Path.GetTempPath(), "cxmetrics-output-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            var (expectedCode, expected, _) = Run("nps", "--format", "markdown");
            var (code, output, error) = Run("nps", "--format", "markdown", option, file);
            Assert.Equal(0, expectedCode);
            Assert.True(code == 0, error);
            Assert.Empty(output);
            Assert.Equal(expected, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unwritable_output_path_is_a_data_error_in_one_line()
    {
        string file = Path.Combine(Path.GetTempPath(), "cxmetrics-no-such-folder-" + Guid.NewGuid().ToString("N"), "out.md");
        var (code, output, error) = Run("nps", "-o", file);
        Assert.Equal(1, code);
        Assert.Empty(output);
        string line = error.TrimEnd();
        Assert.Single(line.Split('\n'));
        Assert.StartsWith("cxmetrics: --output: cannot write '", line, StringComparison.Ordinal);
    }
}

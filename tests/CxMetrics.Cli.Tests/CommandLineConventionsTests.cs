using System.Text.RegularExpressions;
using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Output;

namespace CxMetrics.Cli.Tests;

/// <summary>Command-line conventions users expect (issue 14, section 4): unknown options, typos, plain-word errors.</summary>
public sealed class CommandLineConventionsTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => Tool.Run(args);

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

    /// <summary>Options every command takes (the reading and output options).</summary>
    private static readonly string[] Common = ["--zone", "--format", "--suppress-below", "--suppression", "--delimiter", "--strict", "--output", "--columns", "--map", "--from", "--encoding", "--timestamp-format", "--input-format", "--engine"];

    /// <summary>The money options of the commands whose files hold amounts.</summary>
    private static readonly string[] Money = ["--currency", "--max-amount"];

    /// <summary>Each command's own options besides <see cref="Common"/>.</summary>
    public static TheoryData<string, string[]> OwnOptions => new()
    {
        { "report", ["--as-of", "--period", "--level", "--min-cell", "--scale", "--hours", "--window", "--calibration-end", "--unit", "--timeout", "--duration-unit", "--rmst-horizon", "--control", "--adjust", "--split", "--prior-weight", "--rank-by"] },
        { "nps", ["--period", "--segment", "--level", "--min-cell"] },
        { "csat", ["--period", "--segment", "--level", "--min-cell", "--scale"] },
        { "ces", ["--period", "--segment", "--level", "--min-cell", "--scale"] },
        { "support", ["--as-of", "--segment", "--level", "--min-cell", "--hours"] },
        { "conversion", ["--period", "--segment", "--level", "--min-cell"] },
        { "churn", ["--as-of", "--period", "--segment", "--level", "--min-cell", "--denominator", "--same-period", "--window"] },
        { "cohorts", ["--as-of", "--period", "--segment", "--level", "--min-cell", "--window"] },
        { "funnel", ["--as-of", "--period", "--segment", "--level", "--min-cell", "--unit", "--timeout"] },
        { "clv", ["--as-of", "--level", "--model", "--calibration-end", "--horizon", "--discount", "--top", "--segments", "--intervals", "--draws", "--seed", "--regularise", "--covariates", "--covariate", "--reference"] },
        { "survival", ["--as-of", "--segment", "--level", "--min-cell", "--window", "--rmst-horizon", "--duration-unit", "--strata", "--cox", "--reference", "--rho", "--gamma"] },
        { "sla", ["--as-of", "--segment", "--level", "--min-cell", "--hours", "--target"] },
        { "experiment", ["--as-of", "--level", "--min-cell", "--window", "--control", "--adjust", "--split", "--covariate", "--sequential", "--sequential-tuning", "--bootstrap", "--seed"] },
        { "reviews", ["--as-of", "--period", "--segment", "--level", "--min-cell", "--prior-weight", "--rank-by", "--top"] },
    };

    /// <summary>Words that belong to some families only, and the commands whose help may use them.</summary>
    private static readonly (Regex Word, string[] Commands)[] FamilyWords =
    [
        (new(@"\bNPS\b|nps\.csv"), ["nps"]),
        (new(@"\bCSAT\b|csat\.csv"), ["csat"]),
        (new(@"\bCES\b|ces\.csv"), ["ces"]),
        (new(@"\b(answers?|surveys?|touchpoint)\b", RegexOptions.IgnoreCase), ["nps", "csat", "ces"]),
        (new(@"\btickets?\b|\bagent-group\b", RegexOptions.IgnoreCase), ["support", "sla"]),
        (new(@"\bpriority\b", RegexOptions.IgnoreCase), ["support", "sla"]),
        (new(@"\bsessions?\b|visitor-type", RegexOptions.IgnoreCase), ["conversion", "funnel"]),
        (new(@"\bcohorts?\b", RegexOptions.IgnoreCase), ["cohorts"]),
        (new(@"\bcarts?\b", RegexOptions.IgnoreCase), ["funnel"]),
        (new(@"\bsubscriptions?\b|\bMRR\b", RegexOptions.IgnoreCase), ["churn", "survival"]),
        (new(@"\borders?\b", RegexOptions.IgnoreCase), ["churn", "cohorts", "clv", "survival"]),
        (new(@"\bcalibration\b|\bBG/NBD\b", RegexOptions.IgnoreCase), ["clv"]),
        (new(@"\bTelco\b|\brestricted mean|\bcurves?\b", RegexOptions.IgnoreCase), ["survival"]),
        (new(@"\bSLA\b|\btargets?\b"), ["sla"]),
        (new(@"\barms?\b|\bassignments?\b|\buplift\b", RegexOptions.IgnoreCase), ["experiment"]),
        (new(@"\breviews?\b|\bBayesian\b", RegexOptions.IgnoreCase), ["reviews"]),
    ];

    /// <summary>The long names of the options in a help text's Options section (without --help).</summary>
    private static SortedSet<string> HelpOptions(string help) =>
        new(help[help.IndexOf("Options:", StringComparison.Ordinal)..].Split('\n')
            .Select(l => Regex.Match(l, @"^\s+(?:-\S+, )*(--[a-z-]+)"))
            .Where(m => m.Success && m.Groups[1].Value != "--help")
            .Select(m => m.Groups[1].Value), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(OwnOptions))]
    public void Each_command_help_lists_exactly_its_options(string command, string[] own)
    {
        var (code, help, error) = Run(command, "--help");
        Assert.True(code == 0, error);
        var money = command is "nps" or "csat" or "ces" or "support" or "sla" or "conversion" or "reviews" ? [] : Money;
        Assert.Equal(new SortedSet<string>(Common.Concat(money).Concat(own), StringComparer.Ordinal), HelpOptions(help));
    }

    [Theory]
    [MemberData(nameof(OwnOptions))]
    public void No_help_text_speaks_of_another_family(string command, string[] own)
    {
        Assert.NotEmpty(own);
        if (command == "report")
        {
            return; // report reads every family
        }

        var (_, help, _) = Run(command, "--help");
        foreach (var (word, commands) in FamilyWords.Where(w => !w.Commands.Contains(command)))
        {
            var match = word.Match(help);
            Assert.False(match.Success, $"{command} --help speaks of '{match.Value}': {help[Math.Max(0, match.Index - 80)..Math.Min(help.Length, match.Index + 40)]}");
        }
    }

    [Fact]
    public void Help_describes_an_option_for_its_command()
    {
        string support = Run("support", "--help").Output;
        string survival = Run("survival", "--help").Output;
        string cohorts = Run("cohorts", "--help").Output;
        Assert.Contains("channel (default), priority, segment, agent-group", support, StringComparison.Ordinal);
        Assert.Contains("tickets still open then are pending", support, StringComparison.Ordinal);
        Assert.Contains("lifetimes still running then are censored", survival, StringComparison.Ordinal);
        Assert.Contains("cells not observable yet", cohorts, StringComparison.Ordinal);
        Assert.DoesNotContain("lifetimes", cohorts, StringComparison.Ordinal);
        string nps = Run("nps", "--help").Output;
        Assert.Contains("preset: delighted, surveymonkey.", nps, StringComparison.Ordinal);
        Assert.DoesNotContain("shopify", nps, StringComparison.Ordinal);
        Assert.Contains("preset: shopify, woocommerce.", cohorts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--frobnicate", "nps")]
    [InlineData("-x")]
    [InlineData("--zone", "UTC", "nps")]
    public void An_unknown_option_without_a_command_is_one_line_in_the_tools_words(params string[] args)
    {
        string line = UsageErrorLine(args);
        Assert.StartsWith($"cxmetrics: unknown option '{args[0]}' (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cxmetrics: nps: --zone needs a value (an IANA zone such as Europe/Berlin).", "nps", "--zone")]
    [InlineData("cxmetrics: nps: --zone needs a value (an IANA zone such as Europe/Berlin).", "nps", "-z")]
    [InlineData("cxmetrics: clv: --horizon needs a value (a whole number of months such as 12).", "clv", "--horizon", "--format", "json")]
    [InlineData("cxmetrics: sla: --target needs a value (a target such as first_response=4h@90%).", "sla", "--target")]
    [InlineData("cxmetrics: support: --as-of needs a value (an instant with offset such as 2025-06-30T00:00:00Z).", "support", "--as-of", "--", "tickets.csv")]
    public void An_option_without_its_value_is_one_line_naming_what_it_needs(string expected, params string[] args) =>
        Assert.Equal(expected, UsageErrorLine(args));

    [Fact]
    public void A_file_named_like_an_option_is_refused_with_the_way_to_give_it()
    {
        string line = UsageErrorLine("nps", "-x.csv");
        Assert.Contains("unknown option '-x.csv'", line, StringComparison.Ordinal);
        Assert.Contains("cxmetrics nps -- -x.csv", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_output_never_wraps_a_long_note_or_cell_nor_pads_a_note()
    {
        string cell = string.Join(' ', Enumerable.Repeat("a long cell of words", 9)).Trim();
        string note = string.Join(' ', Enumerable.Repeat("a long note that would wrap at eighty columns", 12)).Trim();
        string title = string.Join(' ', Enumerable.Repeat("a long title", 20)).Trim();
        var doc = new ReportDocument("nps", "test");
        doc.Tables.Add(new ReportTable(title, "key", "text").Row("k", cell));
        doc.Tables[0].Note = note;
        using var output = new StringWriter();
        Renderer.Write(doc, OutputFormat.Table, output);
        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(note, lines);
        Assert.Contains(title, lines);
        Assert.Contains(lines, l => l.Contains(cell, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void A_long_table_note_of_a_command_is_one_line()
    {
        var (code, output, error) = Run("support");
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        string note = Assert.Single(lines, l => l.StartsWith("pending tickets are censored", StringComparison.Ordinal));
        Assert.EndsWith("counted apart as closed without reply", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("nps")]
    [InlineData("clv")]
    public void Every_command_draws_its_tables_in_ascii(string command)
    {
        var (code, output, error) = Run(command);
        Assert.True(code == 0, error);
        Assert.DoesNotContain(output, c => c is >= '\u2500' and <= '\u257F');
        Assert.Contains("\n+-", output, StringComparison.Ordinal);
        Assert.Contains("\n| ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_separators_are_used_for_every_number_of_a_thousand_or_more()
    {
        // The tool's cells are the core's: one number style.
        Assert.Equal("1,234.5", new CxMetrics.Reporting.NumberCell(1234.5).ToString());
        Assert.Equal("-1,234.50", new CxMetrics.Reporting.NumberCell(-1234.5, 2).ToString());
        Assert.Equal("+1,234.5", new CxMetrics.Reporting.NumberCell(1234.5, ShowSign: true).ToString());
        Assert.Equal("12,345.0%", new CxMetrics.Reporting.ShareCell(123.45).ToString());
        Assert.Equal("[1,000.0, 2,000.0]", Cells.Interval(new CxMetrics.Statistics.ConfidenceInterval(1000, 2000, 0.95)).ToString());
        Assert.Equal("< 0.0001", new CxMetrics.Reporting.PValueCell(0.00005).ToString());
        Assert.Equal("6,261", Format.Count(6261).ToString());

        string cohorts = Run("cohorts").Output;
        Assert.Contains("CDNOW_sample.txt: 6,919 rows read, 6,919 accepted, 0 rejected", cohorts, StringComparison.Ordinal);
        string experiment = Run("experiment").Output;
        Assert.Contains("7,716 customers' outcome windows are still open", experiment, StringComparison.Ordinal);
        string survival = Run("survival").Output;
        Assert.Contains("| 2,352.87 |", survival, StringComparison.Ordinal);
        string report = Run("report").Output;
        Assert.Contains("| 6,261 |", report, StringComparison.Ordinal);
        Assert.Contains("| 2,352.87 |", report, StringComparison.Ordinal); // the log-rank χ² of the survival table (one pipeline since the sectioned report went)
        Assert.Contains("| 1,175.05 |", report, StringComparison.Ordinal); // the CLV of the top CDNOW customer, money
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

/// <summary>Runs that need a current directory of their own (a file literally named <c>-x.csv</c>): not in parallel with the other tests.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class OwnCurrentDirectory;

[Collection(typeof(OwnCurrentDirectory))]
public sealed class CommandLineConventionsPathTests
{
    [Theory]
    [InlineData("--", "-x.csv")]
    [InlineData("./-x.csv")]
    public void A_path_starting_with_a_dash_is_read_after_double_dash_or_as_dot_slash(params string[] path)
    {
        string folder = Path.Combine(Path.GetTempPath(), "cxmetrics-dash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string previous = Environment.CurrentDirectory;
        try
        {
            File.WriteAllText(Path.Combine(folder, "-x.csv"), "customer_id,answered_at,score\nc1,2025-01-05T10:00:00Z,10\nc2,2025-01-06T10:00:00Z,3\nc3,2025-01-07T10:00:00Z,9\n");
            Environment.CurrentDirectory = folder;
            using var output = new StringWriter();
            using var error = new StringWriter();
            int code = ToolCommands.Run(["nps", "--format", "json", .. path], output, error);
            Assert.True(code == 0, error.ToString());
            Assert.Contains("-x.csv", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("\"rowsAccepted\": 3", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }
    }
}
